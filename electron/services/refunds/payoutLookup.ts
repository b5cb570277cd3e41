import type { OnlinePayApi, OnlinePayCurrency } from '../../../shared/gateway/onlinepay/onlinePayApi';
import type { AttemptRow, Journal } from '../journal/journal';

export type PayoutLookupGateway = Pick<OnlinePayApi, 'findPaymentByOrderNumber'>;

export type PayoutLookupResult = 'success' | 'failure' | 'unresolved';

export interface PayoutLookupOptions {
  journal: Journal;
  client: PayoutLookupGateway;
  now: () => Date;
  /** A payout the gateway's list still lacks this long after it was journaled never arrived. */
  notFoundSettleMs: number;
  /** For the attempt's event log: who asked (the refund screen, recovery). */
  via: string;
}

/**
 * Settles a payout whose outcome is unknown (or still pending) by listing payouts by its
 * order number — our own fresh reference, so unlike a NihaoPay refund it is found by
 * name, not guessed by amount. Never by paying out again: that could pay twice. One
 * listing per call; callers repeat it.
 */
export async function settlePayoutByListing(row: AttemptRow, options: PayoutLookupOptions): Promise<PayoutLookupResult> {
  const { journal } = options;
  let payout;
  try {
    // The client checks the amount and currency against ours: a payout under our number for another sum is a bad reply, not ours.
    payout = await options.client.findPaymentByOrderNumber(row.reference, 'payouts', { amount: row.amount, currency: row.currency as OnlinePayCurrency });
  } catch {
    return 'unresolved';
  }
  if (!payout) {
    const age = options.now().getTime() - Date.parse(row.createdAt);
    if (age < options.notFoundSettleMs) return 'unresolved';
    journal.update(row.reference, { state: 'failure', errorCode: 'GATEWAY_NOT_FOUND', detail: `${options.via}: not in the payouts list` });
    return 'failure';
  }
  const time = payout.updatedAt ?? payout.createdAt;
  if (payout.status === 'approved' || payout.status === 'declined') {
    const state = payout.status === 'approved' ? 'success' : 'failure';
    journal.update(row.reference, {
      state,
      transactionId: payout.token,
      ...(time ? { gatewayTime: time } : {}),
      ...(state === 'failure' ? { errorCode: 'GATEWAY_DECLINED' } : {}),
      detail: `${options.via}: payouts list`,
    });
    return state;
  }
  // init, pending, or a state the text does not list: it exists and is not final yet. Keep its token.
  if (!row.transactionId && row.state !== 'needs_attention') journal.update(row.reference, { state: 'pending', transactionId: payout.token, detail: `${options.via}: payout ${payout.statusText}` });
  return 'unresolved';
}
