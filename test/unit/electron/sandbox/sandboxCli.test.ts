import { main, parseSandboxArguments } from '../../../../electron/sandbox/sandboxCli';
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
    const sandbox = await main(['--port', '0', '--token', 'cli-token-0123'], (line) => lines.push(line));
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

  it('throws on bad arguments without starting anything', async () => {
    await expect(main(['--port', '0'], () => undefined)).rejects.toThrow(/--token is required/);
  });
});
