import type { AppSnapshot, CallArgs } from '../../shared/bridge/contract';
import type { CallResult, PosErrorData } from '../../shared/errors/posErrors';
import { auditedPinCheck, type ManagerPin } from '../services/auth/managerPin';
import type { CheckoutService } from '../services/checkout/checkoutService';
import type { Journal } from '../services/journal/journal';
import type { Logger } from '../services/log/logger';
import type { SecretStore } from '../services/settings/secretStore';
import { actOnPaymentPage, TRAINING_CARD } from '../sandbox/onlinepay/onlinePayPhone';
import type { CallHandlers } from './callDispatcher';
import type { OnlinePayConnection } from './onlinePayConnection';

export interface OnlinePayCallsContext {
  onlinePay: OnlinePayConnection;
  secrets: SecretStore;
  managerPin: ManagerPin;
  journal: Journal;
  checkout: () => CheckoutService;
  snapshot: () => AppSnapshot;
  publish: () => void;
  log: Logger;
}

type OnlinePayCallNames = 'startHostedPayment' | 'setOnlinePayKey';

/**
 * OnlinePay's calls: the card sale by the payment page's QR, its private key (guarded by
 * the manager PIN exactly like NihaoPay's token: guardedCredentials.ts), and training's
 * customer on the page.
 */
export function createOnlinePayCalls(ctx: OnlinePayCallsContext): Pick<CallHandlers, OnlinePayCallNames> & {
  /** Training: the customer pays (or fails) on the page shown now; undefined when the shown code is not OnlinePay's. */
  simulateOnPage(outcome: CallArgs['simulateQrPayment']['outcome']): Promise<CallResult<AppSnapshot>> | undefined;
} {
  const refused = (error: PosErrorData): CallResult<AppSnapshot> => ({ ok: false, error });
  const done = (): CallResult<AppSnapshot> => {
    ctx.publish();
    return { ok: true, value: ctx.snapshot() };
  };
  const guard = auditedPinCheck(ctx.managerPin, ctx.journal);
  return {
    startHostedPayment() {
      if (!ctx.onlinePay.client()) return refused({ code: 'ONLINEPAY_NOT_CONFIGURED' });
      const started = ctx.checkout().startHostedPayment();
      return started.ok ? done() : refused(started.error);
    },
    async setOnlinePayKey({ pin, key }) {
      const error = await guard('settings.onlinePayKey', pin, ['onlinePayKey']);
      if (error) return refused(error);
      if (ctx.checkout().activeReference()) return refused({ code: 'SALE_IN_PROGRESS' });
      try {
        ctx.secrets.setOnlinePayKey(key === '' ? undefined : key);
      } catch (cause) {
        ctx.log.warn('OnlinePay key not stored', { error: cause });
        return refused({ code: 'SETTINGS_INVALID', params: { field: 'OnlinePay key' } });
      }
      ctx.journal.audit({ action: 'settings.onlinePayKey', outcome: 'ok', detail: key === '' ? 'removed' : 'set' });
      await ctx.onlinePay.reconfigure();
      return done();
    },
    simulateOnPage(outcome) {
      const state = ctx.checkout().state();
      if (state.phase !== 'showingQr' || state.attempt.method !== 'hostedqr') return undefined;
      const { qr, attempt } = state;
      return (async () => {
        if (!ctx.onlinePay.sandbox() || !ctx.onlinePay.target().training) return refused({ code: 'TRAINING_ONLY' });
        // As the customer's phone would: through the page and its 3-D Secure step.
        const result = await actOnPaymentPage(qr.codeUrl, { kind: 'card', pan: TRAINING_CARD, threeDS: outcome === 'pay' ? 'success' : 'fail' });
        if (!result.ok) ctx.log.info('training: the OnlinePay page refused the simulated payment', { status: result.status });
        ctx.checkout().nudgeShowQr(attempt.reference);
        return { ok: true, value: ctx.snapshot() };
      })();
    },
  };
}
