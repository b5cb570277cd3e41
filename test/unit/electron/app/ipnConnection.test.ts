import net from 'node:net';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { openSettingsStore } from '../../../../electron/services/settings/settingsStore';
import { startSandbox, type Sandbox } from '../../../../electron/sandbox/nihaopay/sandboxServer';
import type { AppSnapshot } from '../../../../shared/bridge/contract';
import type { CallResult } from '../../../../shared/errors/posErrors';
import { makeTempDir } from '../../../fixtures/tempDir';

/**
 * The IPN receiver in the whole app, against a sandbox that outlives the app (as NihaoPay
 * outlives a terminal's restart): a verified IPN that settles a payment the cashier was told
 * is unresolved is announced like one the background recheck finds.
 */
describe('a late payment settled by IPN after a restart', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let sandbox: Sandbox;
  let app: PosApp | undefined;

  beforeEach(async () => {
    temp = makeTempDir();
    sandbox = await startSandbox({ token: 'late-ipn-token-0123456789abcdef', port: 0, ipnRetryDelaysMs: [0, 200, 500], ipnAttemptTimeoutMs: 1_000 });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await sandbox.close();
    temp.cleanup();
  });

  async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }
  async function listening(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }
  const until = (check: () => void | Promise<void>, timeout = 5_000) => vi.waitFor(check, { timeout, interval: 10 });
  const start = async () => {
    app = await createPosApp({
      dataDir: temp.dir,
      env: { POS_GATEWAY: 'custom', POS_GATEWAY_URL: sandbox.url, POS_NIHAOPAY_TOKEN: sandbox.token },
      settingsBackend: createConfBackend,
      hidBackend: null,
      logSink: () => undefined,
      // Only the IPN can settle it in this test: the recheck would otherwise look it up too.
      attentionRecheckMs: 3_600_000,
    });
    await app.recovered();
    return app;
  };
  const call = async (pos: PosApp, name: string, args: unknown): Promise<CallResult<AppSnapshot>> => (await pos.call(name, args)) as CallResult<AppSnapshot>;

  it('announces it paid after all, with Refund it, and the recovery notice no longer calls it unresolved', async () => {
    // The receiver on a fixed loopback port, as the merchant's tunnel would forward to it.
    const port = await freePort();
    const settings = openSettingsStore(temp.dir, createConfBackend);
    settings.set('display', { ...settings.get().display, ipnReceiverEnabled: true, ipnReceiverPort: port, ipnPublicUrl: `http://127.0.0.1:${port}/nihaopay/ipn` });

    // First run: a show-QR code is on the display when the app goes away.
    const first = await start();
    expect(await call(first, 'startSale', { amount: 1200 })).toMatchObject({ ok: true });
    expect(await call(first, 'startShowQr', { vendor: 'alipay' })).toMatchObject({ ok: true });
    await until(() => expect(first.snapshot().checkout.phase).toBe('showingQr'));
    const showing = first.snapshot().checkout;
    const reference = 'attempt' in showing ? showing.attempt.reference : '';
    expect(sandbox.transactions.byReference(reference)!.ipnUrl).toBe(`http://127.0.0.1:${port}/nihaopay/ipn`);
    await first.close();
    app = undefined;

    // Second run on the same data folder: recovery finds the code still open, and says so.
    const second = await start();
    expect(second.snapshot().attention).toMatchObject({
      recovered: [{ reference, result: 'unresolved' }],
      unresolved: [{ reference }],
      paidAfterAll: [],
    });
    await until(async () => expect(await listening(port)).toBe(true));

    // The customer pays the code after all; NihaoPay tells the app by a signed IPN.
    expect(sandbox.payShownQr(reference).status).toBe(200);
    await sandbox.ipnIdle();
    expect(sandbox.ipnDeliveries.filter((d) => d.reference === reference)).toMatchObject([{ delivered: true }]);

    await until(() => expect(second.snapshot().attention.paidAfterAll).toMatchObject([{ reference, amount: 1200, state: 'success' }]));
    const { attention } = second.snapshot();
    expect(attention.recovered).toMatchObject([{ reference, result: 'paid', state: 'success' }]);
    expect(attention.unresolved).toEqual([]);
    expect(second.journal.get(reference)).toMatchObject({ state: 'success', transactionId: sandbox.transactions.byReference(reference)!.id });

    // Once: NihaoPay posting the same IPN again (it retries) changes nothing, and a dismissed notice stays dismissed.
    const [delivery] = sandbox.ipnDeliveries.filter((d) => d.reference === reference);
    const replay = () => fetch(delivery!.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(delivery!.fields).toString() });
    expect((await replay()).status).toBe(200);
    expect(second.snapshot().attention.paidAfterAll).toHaveLength(1);
    await call(second, 'dismissAttention', {});
    expect((await replay()).status).toBe(200);
    expect(second.snapshot().attention).toMatchObject({ paidAfterAll: [], recovered: [] });
    // Nothing was ever sent twice.
    expect(sandbox.requests.filter((r) => r.path.endsWith('/showqrcode'))).toHaveLength(1);
  });
});
