/**
 * The merchant token moves money; the windows must never see it. This runs real sales
 * through the composed app against the built-in sandbox acting as the merchant's gateway
 * (so the token really is sent, over HTTP), collects everything a window or a person
 * could read — every call's reply, every snapshot event, every log line, every file the
 * app wrote (settings, journal and its WAL), the journal's rows as an export would list
 * them — and looks for the token in each, in plain, encoded and partial forms.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { startSandbox, type Sandbox } from '../../../../electron/sandbox/nihaopay/sandboxServer';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import type { AppSnapshot } from '../../../../shared/bridge/contract';
import { SAMPLE_PAYMENT_CODES } from '../../../../shared/payments/vendors';
import { makeTempDir } from '../../../fixtures/tempDir';

/** The token and the shapes it could leak in: encoded, or cut into a recognisable piece. */
function leakForms(token: string): string[] {
  const forms = [token, Buffer.from(token).toString('base64'), Buffer.from(token).toString('hex'), encodeURIComponent(token), JSON.stringify(token).slice(1, -1)];
  // Any 12 consecutive characters of it: a truncated or partly masked token is still a leak.
  for (let i = 0; i + 12 <= token.length; i += 1) forms.push(token.slice(i, i + 12));
  // (A secret shorter than 12 characters, like a PIN, is looked for whole and encoded.)
  return [...new Set(forms)];
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

interface Collected {
  replies: string[];
  events: string[];
  logLines: string[];
}

describe('the merchant token never reaches anything a window, a log or an export can show', () => {
  let sandbox: Sandbox;
  const temps: Array<ReturnType<typeof makeTempDir>> = [];
  const apps: PosApp[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ token: `sk_live_${crypto.randomBytes(16).toString('hex')}` });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const temp of temps) temp.cleanup();
    await sandbox.close();
  });

  async function startApp(token: string): Promise<{ app: PosApp; dataDir: string; collected: Collected }> {
    const temp = makeTempDir('counterpay-leak-');
    temps.push(temp);
    const collected: Collected = { replies: [], events: [], logLines: [] };
    const app = await createPosApp({
      dataDir: temp.dir,
      env: { POS_GATEWAY: 'custom', POS_GATEWAY_URL: sandbox.url, POS_NIHAOPAY_TOKEN: token },
      settingsBackend: createConfBackend,
      hidBackend: null,
      logSink: (line) => collected.logLines.push(line),
    });
    apps.push(app);
    app.subscribe((_event, payload) => collected.events.push(JSON.stringify(payload)));
    await app.recovered();
    return { app, dataDir: temp.dir, collected };
  }

  async function call(app: PosApp, collected: Collected, name: string, args: unknown) {
    const result = await app.call(name, args);
    collected.replies.push(JSON.stringify(result));
    return result as { ok: boolean; value?: AppSnapshot; error?: { code: string } };
  }

  function expectNoLeak(token: string, dataDir: string, app: PosApp, collected: Collected) {
    const sources: Array<[string, string]> = [
      ...collected.replies.map((text, i): [string, string] => [`reply #${i}`, text]),
      ...collected.events.map((text, i): [string, string] => [`snapshot event #${i}`, text]),
      ...collected.logLines.map((text, i): [string, string] => [`log line #${i}`, text]),
      ['journal rows (export)', JSON.stringify(app.journal.recent(10_000))],
      ['last snapshot', JSON.stringify(app.snapshot())],
      // Raw bytes of every file the app wrote: settings.json, journal.sqlite, -wal, -shm.
      ...filesUnder(dataDir).map((file): [string, string] => [path.relative(dataDir, file), fs.readFileSync(file).toString('latin1')]),
    ];
    expect(filesUnder(dataDir).map((f) => path.basename(f))).toEqual(expect.arrayContaining(['settings.json', 'journal.sqlite']));
    const forms = leakForms(token);
    const leaks = sources.flatMap(([where, text]) => forms.filter((form) => text.includes(form)).map((form) => `${where} contains ${JSON.stringify(form)}`));
    expect(leaks).toEqual([]);
    return sources.length;
  }

  it('through approved, declined, timed-out-then-found sales and every other call', async () => {
    const token = sandbox.token;
    const { app, dataDir, collected } = await startApp(token);
    expect(app.snapshot().settings).toMatchObject({ environment: 'custom', training: false, hasMerchantToken: true });

    await call(app, collected, 'getSnapshot', {});
    await call(app, collected, 'setLanguage', { language: 'zh-CN' });
    await call(app, collected, 'setLanguage', { language: 'en' });

    // Approved.
    expect(await call(app, collected, 'startSale', { amount: 1234 })).toMatchObject({ ok: true });
    await call(app, collected, 'submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' });
    await app.settled();
    expect(app.snapshot().checkout).toMatchObject({ phase: 'approved', receipt: { amount: 1234 } });
    await call(app, collected, 'getSnapshot', {});
    await call(app, collected, 'newSale', {});

    // Declined (insufficient funds), retried, cancelled.
    await call(app, collected, 'startSale', { amount: 2251 });
    await call(app, collected, 'submitScan', { code: SAMPLE_PAYMENT_CODES.wechatpay, source: 'wedge' });
    await app.settled();
    expect(app.snapshot().checkout.phase).toBe('declined');
    await call(app, collected, 'retryScan', {});
    await call(app, collected, 'cancelSale', {});

    // Gateway timeout, then the look-up finds it paid.
    await call(app, collected, 'startSale', { amount: 3396 });
    await call(app, collected, 'submitScan', { code: SAMPLE_PAYMENT_CODES.unionpay, source: 'manual' });
    await app.settled();
    expect(app.snapshot().checkout.phase).toBe('approved');
    await call(app, collected, 'newSale', {});

    // Refusals and errors are replies too.
    await call(app, collected, 'simulateScan', { code: SAMPLE_PAYMENT_CODES.alipay, mode: 'pos' });
    await call(app, collected, 'startSale', { amount: 'all of it' });
    await call(app, collected, 'submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' });
    await call(app, collected, 'noSuchCall', {});
    await call(app, collected, 'dismissAttention', {});

    // The token really was used: every gateway request carried it.
    const gatewayRequests = sandbox.requests.filter((r) => r.path.startsWith('/v1.2/'));
    expect(gatewayRequests.length).toBeGreaterThanOrEqual(4);
    expect(gatewayRequests.every((r) => r.headers.authorization === `Bearer ${token}`)).toBe(true);

    expect(collected.replies.length).toBeGreaterThanOrEqual(18);
    expect(collected.events.length).toBeGreaterThan(5);
    expect(collected.logLines.length).toBeGreaterThan(0);
    expect(expectNoLeak(token, dataDir, app, collected)).toBeGreaterThan(30);
  });

  it('when the gateway refuses the token (authentication error)', async () => {
    const wrong = `sk_live_${crypto.randomBytes(16).toString('hex')}`;
    const { app, dataDir, collected } = await startApp(wrong);
    await call(app, collected, 'startSale', { amount: 1500 });
    await call(app, collected, 'submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' });
    await app.settled();
    await call(app, collected, 'getSnapshot', {});
    expect(collected.replies.join('\n')).toContain('GATEWAY_AUTHENTICATION');
    expect(sandbox.requests.some((r) => r.headers.authorization === `Bearer ${wrong}`)).toBe(true);
    expectNoLeak(wrong, dataDir, app, collected);
  });

  it('when the manager sets a PIN and a new token from the settings screen, and exports a reconciliation', async () => {
    const { app, dataDir, collected } = await startApp(sandbox.token);
    const pin = '90817263';
    const newToken = `sk_live_${crypto.randomBytes(16).toString('hex')}`;
    await call(app, collected, 'startSale', { amount: 4321 });
    await call(app, collected, 'submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' });
    await app.settled();
    await call(app, collected, 'newSale', {});
    expect(await call(app, collected, 'setManagerPin', { newPin: pin })).toMatchObject({ ok: true });
    expect(await call(app, collected, 'checkManagerPin', { pin: '11112222' })).toMatchObject({ ok: false });
    expect(await call(app, collected, 'setMerchantToken', { pin, token: newToken })).toMatchObject({ ok: true });
    await call(app, collected, 'updateSettings', { pin, change: { storeName: 'Counter 2' } });
    const today = new Date().toISOString().slice(0, 10);
    const exported = (await call(app, collected, 'reconcile', { pin, from: today, to: today })) as unknown as { ok: boolean; value?: { csv: string } };
    expect(exported.ok).toBe(true);
    expect(exported.value?.csv.split('\n').length).toBeGreaterThan(1);
    await call(app, collected, 'getSnapshot', {});

    // The new token is kept in the 0600 secrets file (browser mode's store) and nowhere else.
    const secretsFile = path.join(dataDir, 'secrets.json');
    expect(fs.readFileSync(secretsFile, 'utf8')).toContain(newToken);
    expect(fs.statSync(secretsFile).mode & 0o777).toBe(0o600);
    fs.rmSync(secretsFile);
    expectNoLeak(newToken, dataDir, app, collected);
    expectNoLeak(sandbox.token, dataDir, app, collected);
    // The PIN is stored only as a salted hash: not in a file, a reply, an event or a log line.
    expect(filesUnder(dataDir).some((file) => fs.readFileSync(file, 'latin1').includes('scrypt$15$'))).toBe(true);
    expectNoLeak(pin, dataDir, app, collected);
  });

  it('finds a leak when there is one (the check itself works)', () => {
    const token = 'sk_live_0123456789abcdef0123';
    expect(leakForms(token).some((form) => `Authorization: Bearer ${token}`.includes(form))).toBe(true);
    expect(leakForms(token).some((form) => `token=${Buffer.from(token).toString('base64')}`.includes(form))).toBe(true);
    expect(leakForms(token).some((form) => 'masked: sk_live_0123456789ab…'.includes(form))).toBe(true);
    expect(leakForms(token).some((form) => 'sk_live_ and nothing else'.includes(form))).toBe(false);
  });
});
