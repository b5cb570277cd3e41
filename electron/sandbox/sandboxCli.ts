import { startSandbox, type Sandbox } from './sandboxServer';

export const SANDBOX_USAGE = 'usage: sandbox --token TOKEN [--port N] [--host 127.0.0.1|::1] [--pending-lookups N]';

export interface SandboxCliArguments {
  token: string;
  port: number;
  host: '127.0.0.1' | '::1';
  pendingLookups?: number;
}

/** Pure: argv (without node and the script) to options, or a message saying what is wrong. */
export function parseSandboxArguments(argv: readonly string[]): { ok: true; value: SandboxCliArguments } | { ok: false; message: string } {
  let token: string | undefined;
  let port = 0;
  let host: '127.0.0.1' | '::1' = '127.0.0.1';
  let pendingLookups: number | undefined;
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    const value = argv[i + 1];
    if (value === undefined) return { ok: false, message: `${name} needs a value\n${SANDBOX_USAGE}` };
    switch (name) {
      case '--token':
        token = value;
        break;
      case '--port':
        if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) return { ok: false, message: `--port must be 0-65535\n${SANDBOX_USAGE}` };
        port = Number(value);
        break;
      case '--host':
        if (value !== '127.0.0.1' && value !== '::1') return { ok: false, message: `--host must be 127.0.0.1 or ::1 (loopback only)\n${SANDBOX_USAGE}` };
        host = value;
        break;
      case '--pending-lookups':
        if (!/^\d{1,3}$/.test(value)) return { ok: false, message: `--pending-lookups must be a small whole number\n${SANDBOX_USAGE}` };
        pendingLookups = Number(value);
        break;
      default:
        return { ok: false, message: `unknown option ${name}\n${SANDBOX_USAGE}` };
    }
  }
  if (!token) return { ok: false, message: `--token is required\n${SANDBOX_USAGE}` };
  const value: SandboxCliArguments = { token, port, host };
  if (pendingLookups !== undefined) value.pendingLookups = pendingLookups;
  return { ok: true, value };
}

/**
 * Starts a standalone sandbox and prints its URL on one line, so a script can read it.
 * Closes on SIGINT/SIGTERM. Throws (with the usage) on bad arguments.
 */
export async function main(argv: readonly string[], print: (line: string) => void = (line) => console.log(line)): Promise<Sandbox> {
  const parsed = parseSandboxArguments(argv);
  if (!parsed.ok) throw new Error(parsed.message);
  const sandbox = await startSandbox(parsed.value);
  print(sandbox.url);
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void sandbox.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const close = sandbox.close.bind(sandbox);
  // Closing by hand also releases the signal handlers, so tests leave no listeners behind.
  sandbox.close = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    return close();
  };
  return sandbox;
}
