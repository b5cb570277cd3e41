import { main, parseQrCommand, parseSandboxArguments, parseWithdrawCommand } from '../../../../electron/sandbox/sandboxCli';
import { createOnlinePayClient } from '../../../../electron/services/gateway/onlinepay/onlinePayClient';
import { startSandbox } from '../../../../electron/sandbox/nihaopay/sandboxServer';
import { createNihaoPayClient } from '../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { SAMPLE_PAYMENT_CODES } from '../../../../shared/payments/vendors';

describe('parseSandboxArguments', () => {
  it('reads every option', () => {
    expect(parseSandboxArguments(['--port', '8123', '--token', 'T0k', '--host', '::1', '--pending-lookups', '0'])).toEqual({
      ok: true,
      value: { port: 8123, token: 'T0k', host: '::1', pendingLookups: 0 },
    });
  });

  it('defaults to any free port on 127.0.0.1', () => {
    expect(parseSandboxArguments(['--token', 'T0k'])).toEqual({ ok: true, value: { port: 0, token: 'T0k', host: '127.0.0.1' } });
  });

  it.each([
    ['no token', ['--port', '1'], /--token is required/],
    ['a port out of range', ['--token', 't', '--port', '70000'], /--port/],
    ['a port that is not a number', ['--token', 't', '--port', 'x'], /--port/],
    ['a public host', ['--token', 't', '--host', '0.0.0.0'], /loopback/],
    ['an option without a value', ['--token'], /needs a value/],
    ['an unknown option', ['--token', 't', '--verbose', 'yes'], /unknown option --verbose/],
  ])('refuses %s with the usage', (_name, argv, message) => {
    const parsed = parseSandboxArguments(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(message);
      expect(parsed.message).toContain('usage:');
    }
  });
});

describe('main', () => {
  it('starts a sandbox, prints its URL and serves payments there', async () => {
    const lines: string[] = [];
    const listenersBefore = process.listenerCount('SIGINT');
    const sandbox = (await main(['--port', '0', '--token', 'cli-token-0123'], (line) => lines.push(line)))!;
    try {
      expect(lines).toEqual([sandbox.url]);
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = createNihaoPayClient({ baseUrl: lines[0]!, token: 'cli-token-0123' });
      const paid = await client.scanQrCode({
        amount: 1234,
        currency: 'USD',
        vendor: 'alipay',
        reference: 'CLITEST1',
        buyerIdentityCode: SAMPLE_PAYMENT_CODES.alipay,
        clientIp: '127.0.0.1',
      });
      expect(paid.status).toBe('success');
    } finally {
      await sandbox.close();
    }
    expect(process.listenerCount('SIGINT')).toBe(listenersBefore);
  });

  it('serves OnlinePay with `onlinepay`, and NihaoPay with `nihaopay` as without a name', async () => {
    const lines: string[] = [];
    const onlinePay = (await main(['onlinepay', '--port', '0', '--key', 'cli-onlinepay-key-0123'], (line) => lines.push(line)))!;
    try {
      expect(lines).toEqual([onlinePay.url]);
      const client = createOnlinePayClient({ baseUrl: onlinePay.url, privateKey: 'cli-onlinepay-key-0123' });
      const created = await client.createPayment({ product: 'CLI', amount: 990, currency: 'EUR', orderNumber: 'CLIOP1' });
      expect(created).toMatchObject({ amount: 990, currency: 'EUR', status: 'init' });
      expect(created.processingUrl).toBe(`${onlinePay.url}/p/${created.token}`);
    } finally {
      await onlinePay.close();
    }
    const nihaoPay = (await main(['nihaopay', '--port', '0', '--token', 'cli-token-0456'], () => undefined))!;
    try {
      const client = createNihaoPayClient({ baseUrl: nihaoPay.url, token: 'cli-token-0456' });
      await expect(client.getTransactionByReference('NOSUCH1')).rejects.toMatchObject({ kind: 'not_found' });
    } finally {
      await nihaoPay.close();
    }
  });

  it('throws on bad arguments without starting anything', async () => {
    await expect(main(['--port', '0'], () => undefined)).rejects.toThrow(/--token is required/);
  });
});

describe('parseQrCommand', () => {
  it('reads qr pay and qr fail with the sandbox URL and token', () => {
    expect(parseQrCommand(['qr', 'pay', 'REF1', '--url', 'http://127.0.0.1:9000', '--token', 'T'])).toEqual({
      ok: true,
      value: { outcome: 'pay', key: 'REF1', url: 'http://127.0.0.1:9000', token: 'T' },
    });
    expect(parseQrCommand(['qr', 'fail', '20240305060708000001', '--token', 'T', '--url', 'http://[::1]:9000'])).toMatchObject({ ok: true, value: { outcome: 'fail' } });
  });

  it.each([
    ['another verb', ['qr', 'refund', 'X', '--url', 'u', '--token', 't'], /qr pay" or "qr fail/],
    ['no id', ['qr', 'pay', '--url', 'u', '--token', 't'], /needs the transaction id or reference/],
    ['no url', ['qr', 'pay', 'X', '--token', 't'], /--url is required/],
    ['no token', ['qr', 'pay', 'X', '--url', 'u'], /--token is required/],
    ['an unknown option', ['qr', 'pay', 'X', '--url', 'u', '--token', 't', '--port', '1'], /unknown option --port/],
  ])('refuses %s with the usage', (_name, argv, message) => {
    const parsed = parseQrCommand(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message).toMatch(message);
      expect(parsed.message).toContain('sandbox [nihaopay] qr pay|fail');
    }
  });
});

describe('main qr pay|fail against a running sandbox', () => {
  const TOKEN = 'cli-qr-token-4567';
  let clock = Date.parse('2024-03-05T06:07:08Z');

  async function showQr(url: string, amount: number, reference: string): Promise<string> {
    const client = createNihaoPayClient({ baseUrl: url, token: TOKEN });
    return (await client.showQrCode({ amount, currency: 'USD', vendor: 'alipay', reference, ipnUrl: 'http://127.0.0.1:9/ipn' })).id;
  }

  it('marks a shown QR paid or failed and prints its new status', async () => {
    const sandbox = await startSandbox({ token: TOKEN, now: () => new Date(clock) });
    try {
      const paid = await showQr(sandbox.url, 1200, 'CLIQR1');
      const lines: string[] = [];
      await expect(main(['qr', 'pay', 'CLIQR1', '--url', sandbox.url, '--token', TOKEN], (line) => lines.push(line))).resolves.toBeUndefined();
      const failed = await showQr(sandbox.url, 1200, 'CLIQR2');
      await main(['qr', 'fail', failed, '--url', sandbox.url, '--token', TOKEN], (line) => lines.push(line));
      expect(lines).toEqual([`${paid} CLIQR1 success`, `${failed} CLIQR2 failure`]);
      expect(sandbox.transactions.byId(paid)?.status).toBe('success');
    } finally {
      await sandbox.close();
    }
  });

  it('fails with the sandbox\'s words for an expired code (83), a wrong token (301) and a non-loopback URL', async () => {
    const sandbox = await startSandbox({ token: TOKEN, now: () => new Date(clock), shownQrExpiresAfterMs: 1_000 });
    try {
      const expired = await showQr(sandbox.url, 1283, 'CLIQR3');
      clock += 1_000;
      await expect(main(['qr', 'pay', expired, '--url', sandbox.url, '--token', TOKEN], () => undefined)).rejects.toThrow(/HTTP 500 label 83: QRcode has expired/);
      await expect(main(['qr', 'pay', expired, '--url', sandbox.url, '--token', 'wrong-token'], () => undefined)).rejects.toThrow(/HTTP 401 label 301/);
      await expect(main(['qr', 'pay', expired, '--url', 'http://192.0.2.1:9000', '--token', TOKEN], () => undefined)).rejects.toThrow(/loopback/);
    } finally {
      await sandbox.close();
    }
  });
});

describe('withdraw USD|JPY against a running sandbox', () => {
  const TOKEN = 'cli-withdraw-token-89';

  it.each([
    ['no currency', ['withdraw', '--url', 'u', '--token', 't'], /needs the currency, USD or JPY/],
    ['a currency NihaoPay does not take in store', ['withdraw', 'EUR', '--url', 'u', '--token', 't'], /needs the currency, USD or JPY/],
    ['no url', ['withdraw', 'USD', '--token', 't'], /--url is required/],
    ['no token', ['withdraw', 'USD', '--url', 'u'], /--token is required/],
    ['an unknown option', ['withdraw', 'USD', '--url', 'u', '--token', 't', '--all', 'yes'], /unknown option --all/],
  ])('refuses %s with the usage', (_name, argv, message) => {
    const parsed = parseWithdrawCommand(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
    if (!parsed.ok) expect(parsed.message).toContain('sandbox [nihaopay] withdraw USD|JPY');
  });

  it('pays out the settled balance and prints the withdrawal; with nothing settled it fails with label 86', async () => {
    let clock = Date.parse('2024-03-05T06:07:08Z');
    const sandbox = await startSandbox({ token: TOKEN, now: () => new Date(clock) });
    try {
      const client = createNihaoPayClient({ baseUrl: sandbox.url, token: TOKEN });
      await client.scanQrCode({ amount: 1234, currency: 'USD', vendor: 'alipay', reference: 'CLIWD1', buyerIdentityCode: SAMPLE_PAYMENT_CODES.alipay, clientIp: '127.0.0.1' });
      // Today's sale is pending, not settled: nothing to pay out yet.
      await expect(main(['withdraw', 'USD', '--url', sandbox.url, '--token', TOKEN], () => undefined)).rejects.toThrow(/HTTP 402 label 86/);
      clock += 86_400_000;
      const lines: string[] = [];
      await expect(main(['nihaopay', 'withdraw', 'USD', '--url', sandbox.url, '--token', TOKEN], (line) => lines.push(line))).resolves.toBeUndefined();
      expect(lines).toEqual([expect.stringMatching(/^\d+ processing 12\.04 USD fee 0\.30$/)]);
      expect(await client.getWithdrawals({ startDate: '20240306', endDate: '20240306' })).toMatchObject([{ amount: 1204, fee: 30, status: 'processing' }]);
    } finally {
      await sandbox.close();
    }
  });
});
