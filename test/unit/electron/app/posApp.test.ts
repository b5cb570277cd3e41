import fs from 'node:fs';
import path from 'node:path';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { SAMPLE_PAYMENT_CODES } from '../../../../shared/payments/vendors';
import type { AppSnapshot } from '../../../../shared/bridge/contract';
import { makeTempDir } from '../../../fixtures/tempDir';

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
    pos.subscribe((_event, payload) => phases.push((payload as AppSnapshot).checkout.phase));
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
    await expect(pos.call('submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'wedge' })).resolves.toEqual({ ok: false, error: { code: 'NO_SALE_IN_PROGRESS' } });
  });
});
