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

/**
 * How a shown QR code (showqrcode, qrcode, and a static QR payment) plays out, also by
 * the last two digits of the amount in minor units (of rmb_amount when the code is
 * priced in RMB). 8x are the QR codes' own outcomes; 96 and 98 fail the creation as
 * they fail a scan; everything else waits for the control endpoint (a trainer "paying"
 * it) or for its timeout.
 */
export type ShownQrCourse =
  /** The customer pays `paidAfterMs` after the code is created. */
  | { kind: 'paidAfter' }
  /** The customer's payment fails `paidAfterMs` after the code is created. */
  | { kind: 'failsAfter' }
  /** The code expires `expiresAfterMs` after creation, well before its timeout. */
  | { kind: 'expiresEarly' }
  /** Pending until paid or failed by control, or closed when its timeout passes. */
  | { kind: 'waits' };

export type ShownQrCreation =
  | { kind: 'create'; course: ShownQrCourse }
  /** 500/96, yet the code exists (a lookup finds it pending). */
  | { kind: 'timeoutButCreated'; course: ShownQrCourse }
  /** 500/98, nothing created. */
  | { kind: 'vendorErrorNothingCreated' };

const QR_COURSE_BY_LAST_TWO_DIGITS: ReadonlyMap<number, ShownQrCourse> = new Map<number, ShownQrCourse>([
  [81, { kind: 'paidAfter' }],
  [82, { kind: 'failsAfter' }],
  [83, { kind: 'expiresEarly' }],
]);

export function decideShownQrCreation(amount: number): ShownQrCreation {
  const lastTwo = amount % 100;
  if (lastTwo === 98) return { kind: 'vendorErrorNothingCreated' };
  const course = QR_COURSE_BY_LAST_TWO_DIGITS.get(lastTwo) ?? { kind: 'waits' };
  return lastTwo === 96 ? { kind: 'timeoutButCreated', course } : { kind: 'create', course };
}

export interface ShownQrTiming {
  /** Delay before an amount ending 81 is paid (82: fails). */
  paidAfterMs: number;
  /** Delay before an amount ending 83 expires. */
  expiresAfterMs: number;
}

export interface ShownQrSchedule {
  /** When the code stops being payable (ms since the epoch). */
  expiresAt: number;
  /** When it settles by itself, and how; absent when only control or expiry ends it. */
  settlesAt?: number;
  settlesTo?: 'success' | 'failure';
}

/** The times at which a QR created at `createdAt` settles or expires. */
export function scheduleShownQr(course: ShownQrCourse, createdAt: number, timeoutMinutes: number, timing: ShownQrTiming): ShownQrSchedule {
  const expiresAt = createdAt + timeoutMinutes * 60_000;
  switch (course.kind) {
    case 'paidAfter':
      return { expiresAt, settlesAt: createdAt + timing.paidAfterMs, settlesTo: 'success' };
    case 'failsAfter':
      return { expiresAt, settlesAt: createdAt + timing.paidAfterMs, settlesTo: 'failure' };
    case 'expiresEarly':
      return { expiresAt: Math.min(expiresAt, createdAt + timing.expiresAfterMs) };
    case 'waits':
      return { expiresAt };
  }
}

/** What a shown QR is at `now`: still pending, settled, or closed because it expired first. */
export function shownQrStatusAt(schedule: ShownQrSchedule, now: number): 'pending' | 'success' | 'failure' | 'closed' {
  if (schedule.settlesAt !== undefined && schedule.settlesTo !== undefined && schedule.settlesAt <= now && schedule.settlesAt < schedule.expiresAt) {
    return schedule.settlesTo;
  }
  return now >= schedule.expiresAt ? 'closed' : 'pending';
}
