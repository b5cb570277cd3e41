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
export type CrashPoint = (typeof CRASH_POINTS)[number];

/**
 * The hook kill tests install through POS_TEST_CRASH_AT: SIGKILL at the named point,
 * the hardest stop there is (no exit handlers, no flushing).
 */
export function crashPointFromEnv(env: NodeJS.ProcessEnv): ((point: CrashPoint) => void) | undefined {
  const target = env.POS_TEST_CRASH_AT;
  if (!target || !(CRASH_POINTS as readonly string[]).includes(target)) return undefined;
  return (point) => {
    if (point === target) process.kill(process.pid, 'SIGKILL');
  };
}
