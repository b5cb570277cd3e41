import { postControl } from '../nihaopay/sandboxControlClient';
import { closeOnSignals } from '../closeOnSignals';
import { ONLINEPAY_CURRENCIES, isOnlinePayCurrency, type OnlinePayCurrency } from './onlinePayDictionaries';
import { startOnlinePaySandbox, type OnlinePaySandbox, type OnlinePaySandboxOptions } from './onlinePaySandboxServer';

/**
 * The OnlinePay sandbox's command line, for electron/sandbox/sandboxCli.ts to offer
 * next to NihaoPay's: start a standalone sandbox, or act as a customer's phone on one
 * that is running (so a trainer can settle a payment without a second device).
 */

export const ONLINEPAY_SANDBOX_USAGE = [
  'usage: onlinepay-sandbox --key PRIVATE_KEY [--port N] [--host 127.0.0.1|::1] [--callback-url URL] [--balance CNY=100000 ...]',
  '       onlinepay-sandbox customer card TOKEN --pan PAN [--3ds success|fail] --url SANDBOX_URL --key PRIVATE_KEY',
  '       onlinepay-sandbox customer wallet|decline TOKEN --url SANDBOX_URL --key PRIVATE_KEY',
].join('\n');

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const fail = (message: string): { ok: false; message: string } => ({ ok: false, message: `${message}\n${ONLINEPAY_SANDBOX_USAGE}` });

/** Pure: `--name value` pairs to a map, repeated `--balance` collected; or what is wrong. */
function pairs(argv: readonly string[], allowed: readonly string[]): Parsed<Map<string, string[]>> {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i] ?? '';
    const value = argv[i + 1];
    if (!allowed.includes(name)) return fail(`unknown option ${name}`);
    if (value === undefined) return fail(`${name} needs a value`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { ok: true, value: values };
}

/** Pure: argv (without node and the script) to start options. */
export function parseOnlinePaySandboxArguments(argv: readonly string[]): Parsed<OnlinePaySandboxOptions> {
  const parsed = pairs(argv, ['--key', '--port', '--host', '--callback-url', '--balance']);
  if (!parsed.ok) return parsed;
  const get = (name: string): string | undefined => parsed.value.get(name)?.at(-1);
  const privateKey = get('--key');
  if (!privateKey) return fail('--key is required');
  const options: OnlinePaySandboxOptions = { privateKey };
  const port = get('--port');
  if (port !== undefined) {
    if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return fail('--port must be 0-65535');
    options.port = Number(port);
  }
  const host = get('--host');
  if (host !== undefined) {
    if (host !== '127.0.0.1' && host !== '::1') return fail('--host must be 127.0.0.1 or ::1 (loopback only)');
    options.host = host;
  }
  const callbackUrl = get('--callback-url');
  if (callbackUrl !== undefined) options.callbackUrl = callbackUrl;
  const balances: Partial<Record<OnlinePayCurrency, number>> = {};
  for (const text of parsed.value.get('--balance') ?? []) {
    const match = /^([A-Z]{3})=(\d{1,15})$/.exec(text);
    if (!match?.[1] || !match[2] || !isOnlinePayCurrency(match[1])) return fail(`--balance must be CURRENCY=MINOR_UNITS with one of ${ONLINEPAY_CURRENCIES.join(', ')}`);
    balances[match[1]] = Number(match[2]);
  }
  if (Object.keys(balances).length > 0) options.balances = balances;
  return { ok: true, value: options };
}

export interface CustomerCommand {
  action: 'card' | 'wallet' | 'decline';
  token: string;
  pan?: string;
  threeDS: 'success' | 'fail';
  url: string;
  key: string;
}

/** Pure: `customer card|wallet|decline TOKEN …` to a command. */
export function parseCustomerCommand(argv: readonly string[]): Parsed<CustomerCommand> {
  const [word, action, token, ...rest] = argv;
  if (word !== 'customer' || (action !== 'card' && action !== 'wallet' && action !== 'decline')) return fail('expected "customer card", "customer wallet" or "customer decline"');
  if (!token || token.startsWith('--')) return fail(`customer ${action} needs the payment token`);
  const parsed = pairs(rest, action === 'card' ? ['--pan', '--3ds', '--url', '--key'] : ['--url', '--key']);
  if (!parsed.ok) return parsed;
  const get = (name: string): string | undefined => parsed.value.get(name)?.at(-1);
  const url = get('--url');
  const key = get('--key');
  const pan = get('--pan');
  const threeDS = get('--3ds') ?? 'success';
  if (!url) return fail('--url is required');
  if (!key) return fail('--key is required');
  if (action === 'card' && !pan) return fail('--pan is required');
  if (threeDS !== 'success' && threeDS !== 'fail') return fail('--3ds must be success or fail');
  return { ok: true, value: { action, token, url, key, threeDS, ...(pan ? { pan } : {}) } };
}

/** Acts on a running sandbox and prints `token status [walletToken]`; throws with the sandbox's reason when refused. */
export async function runCustomerCommand(command: CustomerCommand, print: (line: string) => void): Promise<void> {
  const body = command.action === 'card' ? { pan: command.pan, threeDS: command.threeDS } : {};
  const reply = await postControl(command.url, command.key, `/__sandbox/payments/${encodeURIComponent(command.token)}/${command.action}`, body);
  const result = (typeof reply.body === 'object' && reply.body !== null ? reply.body : {}) as { ok?: boolean; problem?: string; payment?: { token?: string; status?: string }; walletToken?: string };
  if (reply.status !== 200 || !result.ok || !result.payment) throw new Error(`the sandbox refused: HTTP ${reply.status}${result.problem ? ` (${result.problem})` : ''}`);
  print([result.payment.token, result.payment.status, result.walletToken].filter(Boolean).join(' '));
}

/**
 * Starts a standalone sandbox and prints its URL on one line (closing on SIGINT/SIGTERM),
 * or with `customer …` acts on a running one and returns undefined. Throws on bad arguments.
 */
export async function runOnlinePaySandboxCli(argv: readonly string[], print: (line: string) => void = (line) => console.log(line)): Promise<OnlinePaySandbox | undefined> {
  if (argv[0] === 'customer') {
    const command = parseCustomerCommand(argv);
    if (!command.ok) throw new Error(command.message);
    await runCustomerCommand(command.value, print);
    return undefined;
  }
  const parsed = parseOnlinePaySandboxArguments(argv);
  if (!parsed.ok) throw new Error(parsed.message);
  const sandbox = await startOnlinePaySandbox(parsed.value);
  print(sandbox.url);
  return closeOnSignals(sandbox);
}
