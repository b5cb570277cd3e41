import type { RefundRecord } from '../../../shared/gateway/nihaopay/nihaopayApi';

/** Clocks of the till and the gateway may disagree by this much. */
export const REFUND_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface RefundToMatch {
  amount: number;
  /** When the refund was journaled (before it was sent). */
  createdAt: string;
}

export type RefundMatch = { kind: 'found'; record: RefundRecord } | { kind: 'absent' };

/**
 * Finds our refund in the gateway's refund list. A NihaoPay refund carries no merchant
 * reference, so it is recognised by what it is: the same amount, not already claimed by
 * another refund of ours, and not older than the moment we journaled it (less clock
 * skew). Of several such, the oldest: refunds of one sale are sent one at a time (a
 * refund still unknown blocks the next), so the oldest unclaimed one is ours.
 */
export function matchRefund(refund: RefundToMatch, records: readonly RefundRecord[], claimedIds: ReadonlySet<string>): RefundMatch {
  const earliest = Date.parse(refund.createdAt) - REFUND_CLOCK_SKEW_MS;
  const candidates = records
    .filter((record) => record.amount === refund.amount && !claimedIds.has(record.id))
    .filter((record) => record.time === undefined || Number.isNaN(Date.parse(record.time)) || Date.parse(record.time) >= earliest)
    .sort((a, b) => (a.time ?? '').localeCompare(b.time ?? '') || a.id.localeCompare(b.id));
  const record = candidates[0];
  return record ? { kind: 'found', record } : { kind: 'absent' };
}
