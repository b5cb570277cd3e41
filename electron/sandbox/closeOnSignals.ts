/**
 * A standalone sandbox (either gateway's) closes on SIGINT/SIGTERM. Closing it by hand
 * also releases the signal handlers, so tests that start one leave no listeners behind.
 */
export function closeOnSignals<S extends { close(): Promise<void> }>(sandbox: S): S {
  const close = sandbox.close.bind(sandbox);
  const release = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  const stop = (): void => {
    release();
    void close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  sandbox.close = () => {
    release();
    return close();
  };
  return sandbox;
}
