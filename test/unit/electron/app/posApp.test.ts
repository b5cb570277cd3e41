import fs from 'node:fs';
import path from 'node:path';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { SAMPLE_PAYMENT_CODES } from '../../../../shared/payments/vendors';
import type { AppSnapshot } from '../../../../shared/bridge/contract';
import { makeTempDir } from '../../../fixtures/tempDir';
import { openJournal } from '../../../../electron/services/journal/journal';
import { startSandbox } from '../../../../electron/sandbox/nihaopay/sandboxServer';

describe('the composed app (both hosts call exactly this)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: PosApp | undefined;
  let logLines: string[];
  const start = async (env: NodeJS.ProcessEnv = {}) => {
    app = await createPosApp({ dataDir: temp.dir, env, settingsBackend: createConfBackend, hidBackend: null, logSink: (l) => logLines.push(l) });
    return app;
  };
  beforeEach(() => {
    temp = makeTempDir();
    logLines = [];
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    temp.cleanup();
  });

  it('runs a sale through calls in training mode and publishes each state', async () => {
    const pos = await start();
    const phases: string[] = [];
    pos.subscribe((event, payload) => {
      if (event === 'snapshot') phases.push((payload as AppSnapshot).checkout.phase);
    });
    expect(pos.snapshot().settings).toMatchObject({ training: true, environment: 'training', currency: 'USD', problems: [] });
    await expect(pos.call('startSale', { amount: 1234 })).resolves.toMatchObject({ ok: true, value: { checkout: { phase: 'awaitingScan' } } });
    await expect(pos.call('simulateScan', { code: SAMPLE_PAYMENT_CODES.wechatpay, mode: 'pos' })).resolves.toMatchObject({ ok: true });
    await pos.settled();
    expect(pos.snapshot().checkout).toMatchObject({ phase: 'approved', receipt: { vendor: 'wechatpay', amount: 1234, training: true } });
    expect(phases).toEqual(expect.arrayContaining(['awaitingScan', 'processing', 'approved']));
    expect(pos.sandbox!.requests.filter((r) => r.path.endsWith('/scanqrcode'))).toHaveLength(1);
  });

  it('persists the language choice', async () => {
    const pos = await start();
    await pos.call('setLanguage', { language: 'zh-CN' });
    await pos.close();
    app = undefined;
    const again = await start();
    expect(again.snapshot().settings.language).toBe('zh-CN');
  });

  it('keeps the merchant token out of snapshots and logs', async () => {
    const token = 'merchant-secret-token-9f8e7d6c5b4a';
    const pos = await start({ POS_GATEWAY: 'custom', POS_GATEWAY_URL: 'http://127.0.0.1:9', POS_NIHAOPAY_TOKEN: token });
    expect(pos.snapshot().settings).toMatchObject({ environment: 'custom', training: false, hasMerchantToken: true });
    pos.log.warn(`echo of a request with Authorization: Bearer ${token}`);
    expect(JSON.stringify(pos.snapshot())).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(token);
    expect(logLines.join('\n')).toContain('Bearer [redacted]');
    // A real gateway has no sandbox and no simulated scanner.
    expect(pos.sandbox).toBeUndefined();
    await expect(pos.call('simulateScan', { code: SAMPLE_PAYMENT_CODES.alipay, mode: 'keyboard' })).resolves.toEqual({ ok: false, error: { code: 'TRAINING_ONLY' } });
  });

  it('refuses payments, visibly, when a real environment has no token', async () => {
    const pos = await start({ POS_GATEWAY: 'production' });
    expect(pos.snapshot().settings).toMatchObject({ training: false, environment: 'production', problems: ['missingToken'] });
    await expect(pos.call('startSale', { amount: 1234 })).resolves.toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED' } });
  });

  it('reports a corrupt settings file kept aside', async () => {
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), '{ not json');
    const pos = await start();
    expect(pos.snapshot().settings.problems).toEqual(['settingsUnreadable']);
    expect(fs.readdirSync(temp.dir).some((f) => f.startsWith('settings.corrupt-'))).toBe(true);
    expect(logLines.some((l) => l.includes('kept aside'))).toBe(true);
  });

  it('answers malformed calls with typed errors', async () => {
    const pos = await start();
    await expect(pos.call('startSale', { amount: '12.34' })).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    await expect(pos.call('dropTables', {})).resolves.toEqual({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    // A wallet code with no sale open: refused in words the cashier can act on, and noted for the amount screen.
    await expect(pos.call('submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'wedge' })).resolves.toEqual({ ok: false, error: { code: 'SCAN_BEFORE_AMOUNT' } });
    expect(pos.snapshot().walletScanWithoutSale?.at).toBeGreaterThan(0);
  });

  it('recovers the last run before taking a new payment, and tells the cashier what it found', async () => {
    const gateway = await startSandbox({ token: 'recovery-app-token-0123456789', port: 0 });
    // Every look-up takes a while, so the app is seen recovering.
    gateway.setFault({ latencyMs: 800, method: 'GET', times: 'always' });
    const seed = openJournal(temp.dir, () => new Date(Date.now() - 60_000));
    seed.insert({ reference: 'LEFTOVER1', kind: 'sale', method: 'scanqrcode', amount: 4321, currency: 'USD', vendor: 'alipay', environment: 'custom', training: false });
    seed.update('LEFTOVER1', { state: 'sent' });
    seed.close();

    const pos = await start({ POS_GATEWAY: 'custom', POS_GATEWAY_URL: gateway.url, POS_NIHAOPAY_TOKEN: gateway.token });
    expect(pos.snapshot().attention.recovering).toBe(true);
    await expect(pos.call('startSale', { amount: 1234 })).resolves.toEqual({ ok: false, error: { code: 'RECOVERY_IN_PROGRESS' } });
    await pos.recovered();
    const { attention } = pos.snapshot();
    expect(attention).toMatchObject({ recovering: false, unresolved: [], recovered: [{ reference: 'LEFTOVER1', amount: 4321, result: 'notCharged' }] });
    expect(gateway.requests.filter((r) => r.path.endsWith('/scanqrcode'))).toHaveLength(0);
    await expect(pos.call('dismissAttention', {})).resolves.toMatchObject({ ok: true, value: { attention: { recovered: [] } } });
    await expect(pos.call('startSale', { amount: 1234 })).resolves.toMatchObject({ ok: true });
    await gateway.close();
  });

  it('asks before charging an amount that is still unresolved from a moment ago', async () => {
    const seed = openJournal(temp.dir);
    seed.insert({ reference: 'UNSETTLED1', kind: 'sale', method: 'scanqrcode', amount: 1234, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
    seed.update('UNSETTLED1', { state: 'sent' });
    seed.update('UNSETTLED1', { state: 'needs_attention' });
    seed.close();
    const pos = await start();
    await pos.recovered();
    // The training sandbox is new and has never heard of it, but it is too fresh to call "not charged".
    expect(pos.snapshot().attention.unresolved.map((a) => a.reference)).toEqual(['UNSETTLED1']);
    await expect(pos.call('startSale', { amount: 1234 })).resolves.toMatchObject({ ok: false, error: { code: 'POSSIBLE_DUPLICATE', params: { amount: '12.34', reference: 'UNSETTLED1' } } });
    await expect(pos.call('startSale', { amount: 999 })).resolves.toMatchObject({ ok: true });
    await pos.call('cancelSale', {});
    await expect(pos.call('startSale', { amount: 1234, confirmDuplicate: true })).resolves.toMatchObject({ ok: true, value: { checkout: { phase: 'awaitingScan' } } });
  });
});

describe('a data folder that cannot hold the journal', () => {
  it('stops the app with a message a merchant can act on, before any payment', async () => {
    const temp = makeTempDir();
    const notAFolder = path.join(temp.dir, 'file');
    fs.writeFileSync(notAFolder, 'x');
    await expect(createPosApp({ dataDir: path.join(notAFolder, 'data'), env: {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined })).rejects.toThrow(
      /cannot write its data folder .*Payments are journaled there before they are sent/,
    );
    temp.cleanup();
  });
});
