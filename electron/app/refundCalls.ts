import { maskAccountNumber } from '../../shared/refunds/payoutDestination';
import type { ManagerPin } from '../services/auth/managerPin';
import type { Journal } from '../services/journal/journal';
import type { PayoutService } from '../services/refunds/payoutService';
import type { SettingsStore } from '../services/settings/settingsStore';
import type { CallHandlers } from './callDispatcher';

export interface RefundCallsContext {
  refunds: PayoutService;
  managerPin: ManagerPin;
  journal: Journal;
  settings: SettingsStore;
  /** Refunds change what needs attention: windows redraw. */
  publish: () => void;
}

/**
 * The refund call: the manager PIN first (when refunds need it), then the refund service.
 * Every refund is audited — done, refused by the PIN, refused by the balance check — with
 * what was asked and how it ended; never the PIN.
 */
export function createRefundCalls(ctx: RefundCallsContext): Pick<CallHandlers, 'refund'> {
  return {
    async refund({ pin, ...request }) {
      // What was asked, for the audit: a bank account by its last four digits only.
      const to = request.bankPayout ? ` to bank ${request.bankPayout.bankAccount.bankCode} ${maskAccountNumber(request.bankPayout.bankAccount.accountNumber)}` : '';
      const asked = `${request.transactionId} ${request.amount} ${request.currency}${to}`;
      if (ctx.settings.get().refundsNeedPin) {
        const error = await ctx.managerPin.check(pin);
        if (error) {
          ctx.journal.audit({ action: 'refund', outcome: 'refused', detail: `${error.code} ${asked}` });
          return { ok: false, error };
        }
      }
      const result = await ctx.refunds.refund(request);
      if (result.ok) {
        ctx.journal.audit({ action: 'refund', outcome: 'ok', detail: `${asked} ${result.value.reference} ${result.value.state}` });
      } else {
        ctx.journal.audit({ action: 'refund', outcome: 'refused', detail: `${result.error.code} ${asked}` });
      }
      ctx.publish();
      return result;
    },
  };
}
