import type { PosErrorData } from '../../../shared/errors/posErrors';
import { refundBalance } from '../../../shared/refunds/refundBalance';
import type { RefundOutcome } from '../../../shared/refunds/refundTypes';
import type { AttemptRow, Journal } from '../journal/journal';
import type { Logger } from '../log/logger';

/**
 * What a NihaoPay refund and an OnlinePay payout do alike once they are journaled: how an
 * outcome is told to the refund screen, what a journal write failing after the request
 * went out means, and which of them are in flight (recovery must leave those alone).
 */

/** Random bytes in each refund's reference (see shared/payments/reference.ts). */
export const REFUND_REFERENCE_RANDOM_BYTES = 8;

/** The refund as the journal has it now, with the sale's balance after it. */
export function refundOutcome(journal: Journal, reference: string, sale: AttemptRow, error?: PosErrorData): RefundOutcome {
  const row = journal.get(reference)!;
  return {
    reference,
    state: row.state,
    ...(row.transactionId ? { refundId: row.transactionId } : {}),
    ...(error ? { error } : {}),
    balance: refundBalance(sale, journal.refundsOf(sale.transactionId!)),
  };
}

/**
 * A journal write after the request went out failed (disk full, I/O error): the customer
 * may have been paid back and the journal may not say so. The refund screen is told it
 * needs attention (never "failed", which would invite a second refund); the row, still in
 * flight, blocks further refunds of the sale and is settled in the background recheck
 * (refund query or payouts list), as after a crash.
 */
export function outcomeNotRecorded(journal: Journal, log: Logger, what: 'refund' | 'payout', reference: string, sale: AttemptRow, error: unknown): RefundOutcome {
  log.error(`the outcome of a sent ${what} could not be journaled; it needs attention`, { reference, error });
  return { reference, state: 'needs_attention', error: { code: 'JOURNAL_WRITE_FAILED' }, balance: refundBalance(sale, journal.refundsOf(sale.transactionId!)) };
}

/** The refunds being sent or settled by one service. */
export interface RefundsInFlight {
  /** Awaits `work`, counting `reference` as in flight meanwhile. */
  run(reference: string, work: Promise<RefundOutcome>): Promise<RefundOutcome>;
  isActive(reference: string): boolean;
  /** Resolves when none is in flight. */
  idle(): Promise<void>;
}

export function createRefundsInFlight(): RefundsInFlight {
  const running = new Set<Promise<unknown>>();
  const active = new Set<string>();
  return {
    async run(reference, work) {
      running.add(work);
      active.add(reference);
      try {
        return await work;
      } finally {
        running.delete(work);
        active.delete(reference);
      }
    },
    isActive: (reference) => active.has(reference),
    async idle() {
      await Promise.allSettled([...running]);
    },
  };
}
