/**
 * How the sandbox answers a scan, decided by the amount alone, like a card network's
 * test numbers: the same amount always gives the same outcome, so training staff and
 * tests can ask for a decline or a pending payment on purpose. README.md holds the table.
 *
 * The rule reads the amount's last two digits in minor units (cents for USD, yen for
 * JPY): 5x declines, 6x pending, 9x gateway failures whose number is the NihaoPay label.
 * Everything else, including everyday prices such as 12.34, succeeds.
 */

export type DeclineLabel = '11' | '71' | '72';

export type ScanOutcome =
  /** 200, status success. */
  | { kind: 'approve' }
  /** 402 error object; the attempt is kept as a failed transaction, so a lookup finds status failure. */
  | { kind: 'decline'; label: DeclineLabel }
  /** 200, status pending; lookups answer pending a few times, then `settlesTo`. */
  | { kind: 'pending'; settlesTo: 'success' | 'failure' }
  /** 500/96 Timeout, yet the payment went through: an unknown outcome that a lookup resolves to paid. */
  | { kind: 'timeoutButPaid' }
  /** 500/98 Vendor error and nothing recorded: a lookup says not found (402/61). */
  | { kind: 'vendorErrorNothingRecorded' };

const OUTCOME_BY_LAST_TWO_DIGITS: ReadonlyMap<number, ScanOutcome> = new Map<number, ScanOutcome>([
  [51, { kind: 'decline', label: '11' }],
  [52, { kind: 'decline', label: '71' }],
  [53, { kind: 'decline', label: '72' }],
  [61, { kind: 'pending', settlesTo: 'success' }],
  [62, { kind: 'pending', settlesTo: 'failure' }],
  [96, { kind: 'timeoutButPaid' }],
  [98, { kind: 'vendorErrorNothingRecorded' }],
]);

export function decideScanOutcome(amount: number): ScanOutcome {
  return OUTCOME_BY_LAST_TWO_DIGITS.get(amount % 100) ?? { kind: 'approve' };
}

/** Lookups left before a pending transaction shows its outcome, and that outcome. */
export interface PendingCourse {
  lookupsLeft: number;
  settlesTo: 'success' | 'failure';
}

export type LookupStep =
  | { status: 'pending'; course: PendingCourse }
  | { status: 'success' | 'failure' };

/**
 * One lookup of a pending transaction. With `lookupsLeft` N, the next N lookups answer
 * pending and the one after shows the outcome; with 0 the very next lookup shows it.
 */
export function stepPendingOnLookup(course: PendingCourse): LookupStep {
  if (course.lookupsLeft <= 0) return { status: course.settlesTo };
  return { status: 'pending', course: { ...course, lookupsLeft: course.lookupsLeft - 1 } };
}
