import { parseCustomerCommand, parseOnlinePaySandboxArguments, runOnlinePaySandboxCli } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxCli';
import { startOnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import { KEY, call, paymentBody } from './onlinePaySandboxHarness';

describe('parsing', () => {
  it('reads start options, balances included', () => {
    expect(parseOnlinePaySandboxArguments(['--key', 'K', '--port', '9100', '--host', '::1', '--callback-url', 'http://127.0.0.1:3000/cb', '--balance', 'CNY=100000', '--balance', 'JPY=5000'])).toEqual({
      ok: true,
      value: { privateKey: 'K', port: 9100, host: '::1', callbackUrl: 'http://127.0.0.1:3000/cb', balances: { CNY: 100000, JPY: 5000 } },
    });
  });

  it.each([
    [[]],
    [['--port', '1']],
    [['--key', 'K', '--host', '0.0.0.0']],
    [['--key', 'K', '--balance', 'GBP=1']],
    [['--key', 'K', '--what', 'x']],
    [['--key']],
  ])('refuses %j with the usage', (argv) => {
    const parsed = parseOnlinePaySandboxArguments(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('usage: onlinepay-sandbox');
  });

  it('reads customer commands', () => {
    expect(parseCustomerCommand(['customer', 'card', 'T', '--pan', '4111111111111111', '--3ds', 'fail', '--url', 'http://127.0.0.1:1', '--key', 'K'])).toEqual({
      ok: true,
      value: { action: 'card', token: 'T', pan: '4111111111111111', threeDS: 'fail', url: 'http://127.0.0.1:1', key: 'K' },
    });
    expect(parseCustomerCommand(['customer', 'card', 'T', '--url', 'http://127.0.0.1:1', '--key', 'K']).ok).toBe(false);
    expect(parseCustomerCommand(['customer', 'wallet', 'T', '--pan', '1', '--url', 'u', '--key', 'K']).ok).toBe(false);
  });
});

it('starts a sandbox that prints its URL, and settles a payment from the command line', async () => {
  const lines: string[] = [];
  const listenersBefore = process.listenerCount('SIGTERM');
  const sandbox = await runOnlinePaySandboxCli(['--key', KEY, '--balance', 'USD=700'], (line) => lines.push(line));
  try {
    expect(sandbox).toBeDefined();
    expect(lines).toEqual([sandbox!.url]);
    expect((await call(sandbox!.url, 'GET', '/api/v1/balance?currency=USD')).json.wallet.available).toBe(700);
    const created = await call(sandbox!.url, 'POST', '/api/v1/payments', paymentBody({ currency: 'USD' }));
    await runOnlinePaySandboxCli(['customer', 'wallet', created.json.token, '--url', sandbox!.url, '--key', KEY], (line) => lines.push(line));
    expect(lines[1]).toMatch(new RegExp(`^${created.json.token} approved [0-9a-f]{32}$`));
    await expect(runOnlinePaySandboxCli(['customer', 'decline', created.json.token, '--url', sandbox!.url, '--key', KEY], () => {})).rejects.toThrow('HTTP 409 (final)');
  } finally {
    await sandbox?.close();
  }
  expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
});

it('refuses to start off loopback', async () => {
  await expect(startOnlinePaySandbox({ privateKey: KEY, host: '0.0.0.0' as never })).rejects.toThrow('loopback');
});
