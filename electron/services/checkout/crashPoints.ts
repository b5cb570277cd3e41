/**
 * Points in a sale where the process may die (power cut, crash, kill) and the journal
 * must still never lose or double a payment. Kill tests stop the app at each one;
 * production code only calls an optional no-op hook there. (A kill while the request is
 * on the wire is done from outside, once the gateway has received it.)
 */
export const CRASH_POINTS = [
  'beforeJournalInsert',
  'afterJournalInsert',
  'afterMarkedSent',
  'afterReply',
  'afterJournalUpdate',
] as const;

/**
 * The same for a refund: journaled but not sent, marked sent (the request about to go),
 * and the gateway's reply received but not yet journaled — the refund happened and only
 * the refund query can tell the restarted app so.
 */
export const REFUND_CRASH_POINTS = ['refundAfterJournalInsert', 'refundAfterMarkedSent', 'refundAfterReply'] as const;
export type RefundCrashPoint = (typeof REFUND_CRASH_POINTS)[number];

/**
 * The same for a displayed-code sale (NihaoPay show-QR, OnlinePay's payment page): journaled
 * but not sent, marked sent, and the gateway's code received but not yet journaled — the
 * payment exists at the gateway and only a look-up by our reference can find it.
 */
export const CODE_CRASH_POINTS = ['codeAfterJournalInsert', 'codeAfterMarkedSent', 'codeAfterReply'] as const;
export type CodeCrashPoint = (typeof CODE_CRASH_POINTS)[number];

/**
 * The same for a payout (an OnlinePay sale's refund): journaled but not sent, marked sent,
 * and OnlinePay's reply received but not yet journaled — the money may have left and only
 * the payouts list, by our order number, can tell the restarted app so.
 */
export const PAYOUT_CRASH_POINTS = ['payoutAfterJournalInsert', 'payoutAfterMarkedSent', 'payoutAfterReply'] as const;
export type PayoutCrashPoint = (typeof PAYOUT_CRASH_POINTS)[number];

export type CrashPoint = (typeof CRASH_POINTS)[number] | RefundCrashPoint | CodeCrashPoint | PayoutCrashPoint;

/**
 * The hook kill tests install through POS_TEST_CRASH_AT: SIGKILL at the named point,
 * the hardest stop there is (no exit handlers, no flushing).
 */
export function crashPointFromEnv(env: NodeJS.ProcessEnv): ((point: CrashPoint) => void) | undefined {
  const target = env.POS_TEST_CRASH_AT;
  if (!target || ![...CRASH_POINTS, ...REFUND_CRASH_POINTS, ...CODE_CRASH_POINTS, ...PAYOUT_CRASH_POINTS].includes(target as CrashPoint)) return undefined;
  return (point) => {
    if (point === target) process.kill(process.pid, 'SIGKILL');
  };
}
