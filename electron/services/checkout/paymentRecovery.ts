import type { NihaoPayApi } from '../../../shared/gateway/nihaopay/nihaopayApi';
import type { PaymentGateway } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import type { AttemptSummary } from '../../../shared/checkout/attention';
import type { AttemptRow, Journal } from '../journal/journal';
import type { Logger } from '../log/logger';
import { settlePayoutByListing, type PayoutLookupGateway } from '../refunds/payoutLookup';
import { settleRefundByQuery } from '../refunds/refundQuery';
import { journalPayment, lookUpAttempt } from './attemptLookup';
import type { GatewayPorts } from '../gateway/gatewayPort';
import { createNihaoPayPort } from '../gateway/nihaopay/nihaopayPort';

export type RecoveryResult = 'paid' | 'notCharged' | 'unresolved';

export interface RecoveredAttempt extends AttemptSummary {
  result: RecoveryResult;
}

export interface RecoveryOptions {
  journal: Journal;
  /** NihaoPay, when configured: its refunds are settled through their sale's refund query. */
  gateway: (PaymentGateway & Pick<NihaoPayApi, 'getRefunds'>) | undefined;
  /** OnlinePay, when configured: its payouts (the refunds of its sales) are found by our order number. */
  payouts?: () => PayoutLookupGateway | undefined;
  /** Sales are looked up by reference at the gateway that took them. Default: NihaoPay's, through `gateway`. */
  ports?: GatewayPorts;
  now: () => Date;
  log: Logger;
  /** A reference the gateway does not know, older than this, was never received. */
  notFoundSettleMs: number;
  /** Attempts some other part of the app is settling right now (the checkout's own). */
  skip?: (reference: string) => boolean;
}

export function summarize(row: AttemptRow): AttemptSummary {
  return {
    reference: row.reference,
    kind: row.kind,
    amount: row.amount,
    currency: row.currency,
    ...(row.vendor ? { vendor: row.vendor } : {}),
    createdAt: row.createdAt,
    state: row.state,
    ...(row.transactionId ? { transactionId: row.transactionId } : {}),
  };
}

/**
 * Settles every unfinished attempt in the journal by looking its reference up — never
 * by sending it again. Used at start-up (a crash or power cut may have left rows in any
 * state) and periodically for attempts that need attention.
 *
 * - created: the request was never sent ("sent" is written before sending) → not charged.
 * - anything else: one look-up. Paid or failed settles it; a reference the gateway has
 *   never heard of, old enough, was never received → not charged; everything else
 *   (pending, no answer, a reply that does not match) needs attention and is checked again later.
 * - a refund has no reference the gateway knows: its sale's refund query is read instead,
 *   and the refund is found in it by amount and time (refundQuery.ts). "paid" then means
 *   the customer was paid back.
 */
export async function recoverUnfinishedAttempts(options: RecoveryOptions): Promise<RecoveredAttempt[]> {
  const { journal, log } = options;
  const outcomes: RecoveredAttempt[] = [];
  for (const row of journal.unfinished()) {
    if (options.skip?.(row.reference)) continue;
    const result = await recoverOne(row, options);
    const after = journal.get(row.reference) ?? row;
    outcomes.push({ ...summarize(after), result });
    log.info('recovery checked an unfinished attempt', { reference: row.reference, from: row.state, to: after.state, result });
  }
  return outcomes;
}

async function recoverOne(row: AttemptRow, options: RecoveryOptions): Promise<RecoveryResult> {
  const { journal } = options;
  if (row.state === 'created') {
    journal.update(row.reference, { state: 'failure', errorCode: 'PAYMENT_NOT_SENT', detail: 'recovery: never sent' });
    return 'notCharged';
  }
  if (row.kind === 'refund') return recoverRefund(row, options);
  const port = options.ports ? options.ports(row.gateway) : row.gateway === 'nihaopay' && options.gateway ? createNihaoPayPort(options.gateway) : undefined;
  if (!port) {
    // That gateway is not configured now (its credential was removed): keep the row for later, never guess.
    journal.update(row.reference, { state: 'needs_attention', detail: `recovery: ${row.gateway} not configured` });
    return 'unresolved';
  }
  const answer = await lookUpAttempt(port, row);
  if (answer.kind === 'payment') {
    const state = journalPayment(journal, row.reference, answer.payment, 'recovery lookup');
    if (state === 'success') return 'paid';
    if (state === 'failure') return 'notCharged';
  } else if (answer.kind === 'notFound') {
    const age = options.now().getTime() - Date.parse(row.createdAt);
    if (age >= options.notFoundSettleMs) {
      journal.update(row.reference, { state: 'failure', errorCode: 'GATEWAY_NOT_FOUND', detail: 'recovery: gateway has no such reference' });
      return 'notCharged';
    }
  }
  journal.update(row.reference, { state: 'needs_attention', detail: `recovery: ${answer.kind}` });
  return 'unresolved';
}

/**
 * A refund is settled the way its gateway lists them: a NihaoPay refund in its sale's
 * refund query (found by amount and time), an OnlinePay payout in the payouts list (found
 * by our own order number). A gateway not configured now keeps the row for later.
 */
async function recoverRefund(row: AttemptRow, options: RecoveryOptions): Promise<RecoveryResult> {
  const { journal } = options;
  const common = { journal, now: options.now, notFoundSettleMs: options.notFoundSettleMs, via: 'recovery' };
  let result: 'success' | 'failure' | 'unresolved';
  if (row.gateway === 'onlinepay') {
    const client = options.payouts?.();
    result = client ? await settlePayoutByListing(row, { ...common, client }) : 'unresolved';
  } else {
    result = options.gateway ? await settleRefundByQuery(row, { ...common, gateway: options.gateway }) : 'unresolved';
  }
  if (result === 'success') return 'paid';
  if (result === 'failure') return 'notCharged';
  journal.update(row.reference, { state: 'needs_attention', detail: row.gateway === 'onlinepay' ? 'recovery: payout not final yet' : 'recovery: not in the refund query yet' });
  return 'unresolved';
}
