import fs from 'node:fs';
import path from 'node:path';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import type { AppSnapshot } from '../../../../shared/bridge/contract';
import type { CallResult } from '../../../../shared/errors/posErrors';
import { makeTempDir } from '../../../fixtures/tempDir';

/**
 * OnlinePay in the composed app: training starts both built-in sandboxes; a card sale by the
 * payment page's QR is journaled as OnlinePay's, paid through the page (card, 3-D Secure) by
 * training's customer, and learned by look-up; the private key is guarded like the token.
 */
describe('OnlinePay in the composed app', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: PosApp | undefined;
  let logLines: string[];
  const start = async (env: NodeJS.ProcessEnv = {}) => {
    app = await createPosApp({ dataDir: temp.dir, env, settingsBackend: createConfBackend, hidBackend: null, logSink: (line) => logLines.push(line) });
    await app.recovered();
    return app;
  };
  const call = async <T = AppSnapshot>(name: string, args: unknown = {}) => (await app!.call(name, args)) as CallResult<T>;

  beforeEach(() => {
    temp = makeTempDir();
    logLines = [];
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), JSON.stringify({ setupComplete: true }));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    temp.cleanup();
  });

  it('starts both sandboxes in training and reports OnlinePay ready', async () => {
    const pos = await start();
    expect(pos.sandbox).toBeDefined();
    expect(pos.onlinePaySandbox).toBeDefined();
    expect(pos.onlinePaySandbox!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(pos.snapshot().settings.onlinePay).toEqual({ environment: 'training', environmentChoice: 'auto', customUrl: '', training: true, hasPrivateKey: false, ready: true, paymentMinutes: 10, notificationReceiverEnabled: false });
  });

  for (const [outcome, phase, state] of [
    ['pay', 'approved', 'success'],
    ['fail', 'declined', 'failure'],
  ] as const) {
    it(`takes a card sale by the payment page's QR: the training customer's "${outcome}" ends it ${phase}`, async () => {
      const pos = await start();
      expect(await call('startSale', { amount: 2599 })).toMatchObject({ ok: true });
      expect(await call('startHostedPayment')).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(pos.snapshot().checkout.phase).toBe('showingQr'), { timeout: 5_000 });
      const shown = pos.snapshot().checkout;
      if (shown.phase !== 'showingQr') throw new Error('not shown');
      expect(shown.qr.codeUrl).toBe(`${pos.onlinePaySandbox!.url}/p/${shown.qr.transactionId}`);
      // The customer display shows the page as a card payment (no wallet named).
      const display = (await call<{ screen: { kind: string; vendor?: string } }>('getDisplay')) as { ok: true; value: { screen: { kind: string; vendor?: string } } };
      expect(display.value.screen).toMatchObject({ kind: 'showQr' });
      expect(display.value.screen.vendor).toBeUndefined();

      expect(await call('simulateQrPayment', { outcome })).toMatchObject({ ok: true });
      await vi.waitFor(() => expect(pos.snapshot().checkout.phase).toBe(phase), { timeout: 5_000 });
      const row = pos.journal.get(shown.attempt.reference)!;
      expect(row).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr', state, amount: 2599, currency: 'USD', training: true, environment: 'training' });
      // Through the page, as a phone would: the page was opened, the card posted, 3-D Secure answered.
      const payment = pos.onlinePaySandbox!.payment(shown.qr.transactionId)!;
      expect(payment.status).toBe(state === 'success' ? 'approved' : 'declined');
      // NihaoPay heard nothing of it.
      // NihaoPay heard nothing of the payment (only the day's exchange rates, for the display, may have been read).
      expect(pos.sandbox!.requests.filter((r) => !r.path.startsWith('/v1.2/exchangerate'))).toEqual([]);
    });
  }

  it('guards the private key with the manager PIN, never shows it, and uses it for the chosen environment', async () => {
    const key = 'onlinepay-private-key-5f4e3d2c1b';
    const pos = await start();
    expect(await call('setOnlinePayKey', { key })).toMatchObject({ ok: false, error: { code: 'PIN_NOT_SET' } });
    expect(await call('setManagerPin', { newPin: '2468' })).toMatchObject({ ok: true });
    expect(await call('setOnlinePayKey', { key })).toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED' } });
    expect(await call('setOnlinePayKey', { pin: '1111', key })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    expect(await call('setOnlinePayKey', { pin: '2468', key })).toMatchObject({ ok: true });
    // With a key and no explicit choice, OnlinePay is production (as NihaoPay is with a token).
    expect(pos.snapshot().settings.onlinePay).toMatchObject({ environment: 'production', training: false, hasPrivateKey: true, ready: true });
    expect(pos.onlinePaySandbox).toBeUndefined();
    pos.log.warn(`echo Authorization: Bearer ${key}`);
    expect(JSON.stringify(pos.snapshot())).not.toContain(key);
    expect(logLines.join('\n')).not.toContain(key);
    expect(pos.journal.auditLog(10).map((entry) => [entry.action, entry.outcome])).toEqual(
      expect.arrayContaining([
        ['settings.onlinePayKey', 'ok'],
        ['settings.onlinePayKey', 'refused'],
      ]),
    );
    expect(JSON.stringify(pos.journal.auditLog(20))).not.toContain(key);
    // Removing it goes back to training.
    expect(await call('setOnlinePayKey', { pin: '2468', key: '' })).toMatchObject({ ok: true });
    expect(pos.snapshot().settings.onlinePay).toMatchObject({ environment: 'training', hasPrivateKey: false });
  });

  it('refuses a card sale while OnlinePay is not configured, journaling nothing', async () => {
    const pos = await start({ POS_ONLINEPAY: 'production' });
    expect(pos.snapshot().settings.problems).toContain('missingOnlinePayKey');
    expect(await call('startSale', { amount: 1000 })).toMatchObject({ ok: true });
    expect(await call('startHostedPayment')).toMatchObject({ ok: false, error: { code: 'ONLINEPAY_NOT_CONFIGURED' } });
    expect(pos.journal.recent(5)).toEqual([]);
  });
});

describe('OnlinePay notifications in the composed app (a hint, confirmed by a look-up)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: PosApp | undefined;
  beforeEach(() => {
    temp = makeTempDir();
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), JSON.stringify({ setupComplete: true, onlinePay: { notificationReceiverEnabled: true } }));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    temp.cleanup();
  });
  const pos = () => app!;

  async function showPage(amount: number) {
    app = await createPosApp({ dataDir: temp.dir, env: {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined });
    await app.recovered();
    expect(await app.call('startSale', { amount })).toMatchObject({ ok: true });
    expect(await app.call('startHostedPayment', {})).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(app!.snapshot().checkout.phase).toBe('showingQr'), { timeout: 5_000 });
    const state = app.snapshot().checkout;
    if (state.phase !== 'showingQr') throw new Error('not shown');
    return { reference: state.attempt.reference, token: state.qr.transactionId };
  }

  it('keeps the payer\'s wallet token from the sandbox\'s callback, once the payment is confirmed paid', async () => {
    const { reference, token } = await showPage(3100);
    const paid = pos().onlinePaySandbox!.payByWallet(token);
    expect(paid).toMatchObject({ ok: true });
    const walletToken = paid.ok ? paid.walletToken : undefined;
    expect(walletToken).toBeTruthy();
    await pos().onlinePaySandbox!.notificationsIdle();
    await vi.waitFor(() => expect(pos().journal.get(reference)).toMatchObject({ state: 'success', walletToken }), { timeout: 5_000 });
    expect(pos().onlinePaySandbox!.notifications.map((n) => n.delivered)).not.toContain(false);
    await vi.waitFor(() => expect(pos().snapshot().checkout.phase).toBe('approved'));
    // A later post naming another wallet for the same, confirmed payment is not kept: a refund cannot be redirected.
    const receiver = pos().onlinePaySandbox!.notifications[0]!.url;
    const forged = { token, type: 'pay', status: 'approved', orderNumber: reference, walletToken: 'attacker-wallet-0001' };
    expect((await fetch(receiver, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(forged) })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pos().journal.get(reference)?.walletToken).toBe(walletToken);
  });

  it('believes nothing a forged notification says: the look-up decides; posts that are not notifications are refused', async () => {
    const { reference, token } = await showPage(3200);
    // Post as an attacker would: "approved", with their own wallet token, for the shown payment.
    const forged = { token, type: 'pay', status: 'approved', orderNumber: reference, walletToken: 'attacker-wallet' };
    const receiverAddress = await findReceiver();
    const answer = await fetch(receiverAddress, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(forged) });
    expect(answer.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The look-up says the payment is still open: nothing is approved.
    expect(pos().journal.get(reference)).toMatchObject({ state: 'pending' });
    expect(pos().snapshot().checkout.phase).toBe('showingQr');
    // Garbage and oversized posts are refused without touching anything.
    await expect(fetch(receiverAddress, { method: 'POST', body: 'not json' }).then((r) => r.status)).resolves.toBe(400);
    await expect(fetch(receiverAddress, { method: 'POST', body: JSON.stringify({ token: 'x y', type: 'pay', status: 'approved' }) }).then((r) => r.status)).resolves.toBe(400);
    await expect(fetch(receiverAddress, { method: 'POST', body: 'x'.repeat(20_000) }).then((r) => r.status)).resolves.toBe(413);
  });

  /** The receiver's URL, as the connection gave it to the sandbox. */
  async function findReceiver(): Promise<string> {
    const sandbox = pos().onlinePaySandbox!;
    // A payment the sandbox notifies about reveals where it posts.
    if (sandbox.notifications.length === 0) {
      const other = await fetch(`${sandbox.url}/api/v1/payments`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${sandbox.privateKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ product: 'probe', amount: 100, currency: 'USD', orderNumber: 'PROBE1' }),
      }).then((r) => r.json() as Promise<{ token: string }>);
      sandbox.decline(other.token);
      await sandbox.notificationsIdle();
    }
    return sandbox.notifications[0]!.url;
  }
});
