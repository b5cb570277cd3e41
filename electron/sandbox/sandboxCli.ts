import { postControl } from './nihaopay/sandboxControlClient';
import { closeOnSignals } from './closeOnSignals';
import { startSandbox, type Sandbox } from './nihaopay/sandboxServer';
import { runOnlinePaySandboxCli } from './onlinepay/onlinePaySandboxCli';
import type { OnlinePaySandbox } from './onlinepay/onlinePaySandboxServer';

export const SANDBOX_USAGE = [
  'usage: sandbox [nihaopay] --token TOKEN [--port N] [--host 127.0.0.1|::1] [--pending-lookups N]',
  '       sandbox [nihaopay] qr pay|fail ID_OR_REFERENCE --url SANDBOX_URL --token TOKEN',
  '       sandbox [nihaopay] withdraw USD|JPY --url SANDBOX_URL --token TOKEN',
  '       sandbox onlinepay --key KEY [--port N] [--host 127.0.0.1|::1] [--callback-url URL] [--balance CNY=100000 …]',
  '       sandbox onlinepay customer card|wallet|decline TOKEN … (see electron/sandbox/README.md)',
].join('\n');

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

export interface QrCommand {
  outcome: 'pay' | 'fail';
  key: string;
  url: string;
  token: string;
}

/** Pure: `qr pay|fail ID --url URL --token T` to a command, or a message saying what is wrong. */
export function parseQrCommand(argv: readonly string[]): { ok: true; value: QrCommand } | { ok: false; message: string } {
  const [word, outcome, key, ...rest] = argv;
  if (word !== 'qr' || (outcome !== 'pay' && outcome !== 'fail')) return { ok: false, message: `expected "qr pay" or "qr fail"\n${SANDBOX_USAGE}` };
  if (!key || key.startsWith('--')) return { ok: false, message: `qr ${outcome} needs the transaction id or reference\n${SANDBOX_USAGE}` };
  let url: string | undefined;
  let token: string | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i];
    const value = rest[i + 1];
    if (value === undefined) return { ok: false, message: `${name} needs a value\n${SANDBOX_USAGE}` };
    if (name === '--url') url = value;
    else if (name === '--token') token = value;
    else return { ok: false, message: `unknown option ${name}\n${SANDBOX_USAGE}` };
  }
  if (!url) return { ok: false, message: `--url is required\n${SANDBOX_USAGE}` };
  if (!token) return { ok: false, message: `--token is required\n${SANDBOX_USAGE}` };
  return { ok: true, value: { outcome, key, url, token } };
}

/**
 * `qr pay|fail`: marks a shown QR code paid or failed in a running sandbox (the trainer
 * standing in for the customer's wallet) and prints the transaction's new status.
 * Throws with the sandbox's message when it refuses (an expired code: label 83).
 */
export async function runQrCommand(command: QrCommand, print: (line: string) => void): Promise<void> {
  const reply = await postControl(command.url, command.token, `/__sandbox/qr/${encodeURIComponent(command.key)}/${command.outcome}`);
  const body = (typeof reply.body === 'object' && reply.body !== null ? reply.body : {}) as {
    transaction?: { id?: string; reference?: string; status?: string };
    label?: string;
    message?: string;
  };
  if (reply.status !== 200 || !body.transaction) {
    throw new Error(`the sandbox refused: HTTP ${reply.status}${body.label ? ` label ${body.label}` : ''}${body.message ? `: ${body.message}` : ''}`);
  }
  print(`${body.transaction.id} ${body.transaction.reference} ${body.transaction.status}`);
}

export interface WithdrawCommand {
  currency: 'USD' | 'JPY';
  url: string;
  token: string;
}

/** Pure: `withdraw USD|JPY --url URL --token T` to a command, or a message saying what is wrong. */
export function parseWithdrawCommand(argv: readonly string[]): { ok: true; value: WithdrawCommand } | { ok: false; message: string } {
  const [word, currency, ...rest] = argv;
  if (word !== 'withdraw') return { ok: false, message: `expected "withdraw"\n${SANDBOX_USAGE}` };
  if (currency !== 'USD' && currency !== 'JPY') return { ok: false, message: `withdraw needs the currency, USD or JPY\n${SANDBOX_USAGE}` };
  let url: string | undefined;
  let token: string | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i];
    const value = rest[i + 1];
    if (value === undefined) return { ok: false, message: `${name} needs a value\n${SANDBOX_USAGE}` };
    if (name === '--url') url = value;
    else if (name === '--token') token = value;
    else return { ok: false, message: `unknown option ${name}\n${SANDBOX_USAGE}` };
  }
  if (!url) return { ok: false, message: `--url is required\n${SANDBOX_USAGE}` };
  if (!token) return { ok: false, message: `--token is required\n${SANDBOX_USAGE}` };
  return { ok: true, value: { currency, url, token } };
}

/**
 * `withdraw`: pays out a running sandbox's settled balance of one currency (the trainer's
 * action; NihaoPay's text has no endpoint to ask for one) and prints the withdrawal as the
 * history endpoint writes it: `id status amount currency fee`. Throws with the sandbox's
 * words when it refuses (nothing settled: label 86; not above the fee: 87).
 */
export async function runWithdrawCommand(command: WithdrawCommand, print: (line: string) => void): Promise<void> {
  const reply = await postControl(command.url, command.token, '/__sandbox/withdrawals', { currency: command.currency });
  const body = (typeof reply.body === 'object' && reply.body !== null ? reply.body : {}) as {
    withdrawal?: { id?: string; status?: string; amount?: string; currency?: string; fee?: string };
    label?: string;
    message?: string;
  };
  if (reply.status !== 200 || !body.withdrawal) {
    throw new Error(`the sandbox refused: HTTP ${reply.status}${body.label ? ` label ${body.label}` : ''}${body.message ? `: ${body.message}` : ''}`);
  }
  const w = body.withdrawal;
  print(`${w.id} ${w.status} ${w.amount} ${w.currency} fee ${w.fee}`);
}

/**
 * Starts a standalone sandbox and prints its URL on one line, so a script can read it;
 * closes on SIGINT/SIGTERM. With `qr pay|fail …` it instead settles a shown QR code in a
 * sandbox already running (with `withdraw …`, pays out its settled balance), and returns undefined. Throws (with the usage) on bad arguments.
 */
export async function main(argv: readonly string[], print: (line: string) => void = (line) => console.log(line)): Promise<Sandbox | OnlinePaySandbox | undefined> {
  // Either gateway: `onlinepay …` serves OnlinePay's; `nihaopay …`, or no name (as before), NihaoPay's.
  if (argv[0] === 'onlinepay') return runOnlinePaySandboxCli(argv.slice(1), print);
  if (argv[0] === 'nihaopay') return main(argv.slice(1), print);
  if (argv[0] === 'qr') {
    const command = parseQrCommand(argv);
    if (!command.ok) throw new Error(command.message);
    await runQrCommand(command.value, print);
    return undefined;
  }
  if (argv[0] === 'withdraw') {
    const command = parseWithdrawCommand(argv);
    if (!command.ok) throw new Error(command.message);
    await runWithdrawCommand(command.value, print);
    return undefined;
  }
  const parsed = parseSandboxArguments(argv);
  if (!parsed.ok) throw new Error(parsed.message);
  const sandbox = await startSandbox(parsed.value);
  print(sandbox.url);
  return closeOnSignals(sandbox);
}
