import type { CallResult } from '../../../shared/errors/posErrors';
import type { RefundOutcome } from '../../../shared/refunds/refundTypes';
import type { Journal } from '../journal/journal';
import type { PayoutRequestInput, PayoutService } from './payoutService';
import type { RefundService } from './refundService';

/**
 * The one refund entry point the app calls: a sale is refunded the way the gateway that
 * took it pays money back (gatewayProfiles' `refunds`) — a NihaoPay refund, or for an
 * OnlinePay sale a payout to the payer's wallet or bank account. The sale's own journal
 * row decides, never what the caller claims.
 */
export function createRefundRouter(deps: { journal: Journal; nihaopay: RefundService; onlinepay: PayoutService }): PayoutService {
  return {
    refund(input: PayoutRequestInput): Promise<CallResult<RefundOutcome>> {
      const sale = deps.journal.saleByTransactionId(input.transactionId);
      if (sale?.gateway === 'onlinepay') return deps.onlinepay.refund(input);
      // A NihaoPay refund goes back the way the money came; a bank account has no part in it.
      if (input.bankPayout) return Promise.resolve({ ok: false, error: { code: 'INVALID_CALL' } });
      return deps.nihaopay.refund(input);
    },
    isActive: (reference) => deps.nihaopay.isActive(reference) || deps.onlinepay.isActive(reference),
    async idle() {
      await Promise.all([deps.nihaopay.idle(), deps.onlinepay.idle()]);
    },
  };
}
