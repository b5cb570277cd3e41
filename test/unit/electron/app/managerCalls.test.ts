import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { startBrowserHost } from '../../../../electron/host/browserHost';
import { cookieHeaderOf } from '../../../../electron/host/hostAccess';
import { hashPin } from '../../../../electron/services/auth/pinHash';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import type { AppSnapshot } from '../../../../shared/bridge/contract';
import type { CallResult } from '../../../../shared/errors/posErrors';
import { SAMPLE_PAYMENT_CODES } from '../../../../shared/payments/vendors';
import { makeTempDir } from '../../../fixtures/tempDir';

const PIN = '246810';

/**
 * The manager's calls in the composed app (training, built-in sandbox, real journal and
 * settings in a temp folder): the PIN lockout as an attacker meets it, the guarded
 * credentials, and where the PIN is kept.
 */
describe('manager PIN and guarded credentials in the composed app', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: PosApp | undefined;
  const settingsFile = () => path.join(temp.dir, 'settings.json');

  const start = async (options: { resetManagerPin?: boolean; env?: NodeJS.ProcessEnv } = {}) => {
    app = await createPosApp({ dataDir: temp.dir, env: options.env ?? {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined, ...(options.resetManagerPin ? { resetManagerPin: true } : {}) });
    await app.recovered();
    return app;
  };
  const restart = async (options: { resetManagerPin?: boolean } = {}) => {
    await app?.close();
    app = undefined;
    return start(options);
  };
  async function call<T = AppSnapshot>(name: string, args: unknown = {}): Promise<CallResult<T>> {
    return (await app!.call(name, args)) as CallResult<T>;
  }
  const code = (result: CallResult<unknown>) => (result.ok ? 'ok' : result.error.code);
  const lockWithWrongPins = async () => {
    for (const wrong of ['1111', '2222', '3333', '4444', '5555']) expect(code(await call('checkManagerPin', { pin: wrong }))).toBe('PIN_WRONG');
  };

  beforeEach(() => {
    temp = makeTempDir();
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), JSON.stringify({ setupComplete: true }));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    temp.cleanup();
  });

  describe('the lockout', () => {
    it('holds against 1,000 guesses sent at once over 10 sockets, the right PIN among them', async () => {
      const pos = await start();
      expect(code(await call('setManagerPin', { newPin: PIN }))).toBe('ok');
      const rendererDir = path.join(temp.dir, 'renderer');
      fs.mkdirSync(rendererDir);
      // The host caps sockets per origin at 8; raised here so the lock alone is what holds.
      const host = await startBrowserHost({ app: pos, rendererDir, port: 0, limits: { maxSocketsPerOrigin: 10 } });
      try {
        const sockets = await Promise.all(
          Array.from({ length: 10 }, async () => {
            const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { Origin: `http://127.0.0.1:${host.port}`, Cookie: cookieHeaderOf(host.access.cashier.cookie) } });
            await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
            return ws;
          }),
        );
        // Each right guess is at least the sixth frame on its socket, so the first five compared
        // (whichever sockets they come from) cannot include it: it meets the lock.
        const rightAt = new Set([55, 250, 500, 999]);
        const guesses = Array.from({ length: 1000 }, (_, i) => (rightAt.has(i) ? PIN : String(100000 + i)));
        const results = new Map<number, CallResult<unknown>>();
        const answered = new Promise<void>((resolve) => {
          for (const ws of sockets) {
            ws.on('message', (data) => {
              const message = JSON.parse(data.toString()) as { type: string; id: number; result: CallResult<unknown> };
              if (message.type !== 'result') return;
              results.set(message.id, message.result);
              if (results.size === guesses.length) resolve();
            });
          }
        });
        // 100 frames per socket: under the per-connection limit, so every guess reaches the app.
        guesses.forEach((pin, id) => sockets[id % 10]!.send(JSON.stringify({ id, call: 'checkManagerPin', args: { pin } })));
        await answered;
        for (const ws of sockets) ws.close();

        const all = [...results.values()];
        const accepted = all.filter((r) => r.ok).length;
        const audit = pos.journal.auditLog(5000).filter((a) => a.action === 'manager.unlock');
        // A guess that was compared ends as ok or PIN_WRONG; one refused by the lock was never compared.
        const compared = audit.filter((a) => a.outcome === 'ok' || a.detail === 'PIN_WRONG').length;
        const locked = all.filter((r) => !r.ok && r.error.code === 'PIN_LOCKED').length;
        console.log(`1,000 checkManagerPin calls over 10 sockets: ${compared} compared, ${accepted} accepted, ${locked} refused by the lock`);
        expect(results.size).toBe(1000);
        expect(compared).toBe(5);
        expect(accepted).toBe(0);
        expect(locked).toBe(995);
        await expect(pos.call('checkManagerPin', { pin: PIN })).resolves.toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
      } finally {
        await host.close();
      }
    });

    it('keeps the lock across a restart (the count is in the journal)', async () => {
      await start();
      expect(code(await call('setManagerPin', { newPin: PIN }))).toBe('ok');
      await lockWithWrongPins();
      await restart();
      await expect(call('checkManagerPin', { pin: PIN })).resolves.toMatchObject({ ok: false, error: { code: 'PIN_LOCKED', params: { seconds: expect.any(Number) } } });
      expect(fs.readFileSync(settingsFile(), 'utf8')).not.toContain('scrypt$');
    });

    it('says how many tries are left, then locks every call that takes a PIN, even with the right one', async () => {
      await start();
      await call('startSale', { amount: 1234 });
      await call('simulateScan', { code: SAMPLE_PAYMENT_CODES.alipay, mode: 'pos' });
      await app!.settled();
      const sale = app!.snapshot().checkout as { phase: string; receipt?: { transactionId: string } };
      expect(sale.phase).toBe('approved');
      await call('newSale');
      expect(code(await call('setManagerPin', { newPin: PIN }))).toBe('ok');
      await expect(call('checkManagerPin', { pin: '1111' })).resolves.toEqual({ ok: false, error: { code: 'PIN_WRONG', params: { remaining: 4, count: 4 } } });
      for (const wrong of ['2222', '3333', '4444']) await call('checkManagerPin', { pin: wrong });
      await expect(call('checkManagerPin', { pin: '5555' })).resolves.toEqual({ ok: false, error: { code: 'PIN_WRONG', params: { remaining: 0, count: 0, seconds: 60 } } });

      const withRightPin: Array<[string, Record<string, unknown>]> = [
        ['checkManagerPin', {}],
        ['updateSettings', { change: { storeName: 'Taken Over' } }],
        ['setMerchantToken', { token: 'tok_attacker_0123456789' }],
        ['setManagerPin', { newPin: '13579' }],
        ['refund', { transactionId: sale.receipt!.transactionId, amount: 100, currency: 'USD', reason: 'test' }],
        ['closeDay', {}],
        ['createStoreQr', {}],
        ['createDisplayPairingCode', {}],
        ['reconcile', { from: '2026-01-01', to: '2026-01-01' }],
      ];
      for (const [name, args] of withRightPin) {
        await expect(call(name, { ...args, pin: PIN }), name).resolves.toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
      }
      expect(app!.snapshot().settings.storeName).not.toBe('Taken Over');
      expect(app!.snapshot().settings.hasMerchantToken).toBe(false);
      expect(app!.sandbox!.requests.filter((r) => r.path.includes('/refund'))).toHaveLength(0);
    });
  });

  describe('the gateway and the merchant token', () => {
    const redirect = { environmentChoice: 'custom', gatewayCustomUrl: 'https://gateway.attacker.example' };

    it('cannot be redirected while no PIN is set, nor a token stored; other settings stay open until a PIN is set', async () => {
      await start();
      await expect(call('updateSettings', { change: redirect })).resolves.toEqual({ ok: false, error: { code: 'PIN_NOT_SET' } });
      await expect(call('updateSettings', { change: { environmentChoice: 'production' } })).resolves.toEqual({ ok: false, error: { code: 'PIN_NOT_SET' } });
      await expect(call('setMerchantToken', { token: 'tok_live_0123456789' })).resolves.toEqual({ ok: false, error: { code: 'PIN_NOT_SET' } });
      expect(app!.snapshot().settings).toMatchObject({ environment: 'training', environmentChoice: 'auto', gatewayCustomUrl: '', hasMerchantToken: false });
      expect(fs.existsSync(path.join(temp.dir, 'secrets.json'))).toBe(false);
      // The whole form, gateway fields unchanged: no credential changes, so it is not refused.
      await expect(call('updateSettings', { change: { storeName: 'Tea House', environmentChoice: 'auto', gatewayCustomUrl: '' } })).resolves.toMatchObject({ ok: true });
      expect(app!.journal.auditLog(10).map((a) => `${a.action} ${a.outcome} ${a.detail ?? ''}`)).toEqual(
        expect.arrayContaining(['settings.update refused PIN_NOT_SET gatewayEnvironment,gatewayCustomUrl', 'settings.merchantToken refused PIN_NOT_SET merchantToken']),
      );
    });

    it('needs the right PIN once one is set', async () => {
      await start();
      expect(code(await call('setManagerPin', { newPin: PIN }))).toBe('ok');
      await expect(call('updateSettings', { change: redirect })).resolves.toEqual({ ok: false, error: { code: 'PIN_REQUIRED' } });
      await expect(call('updateSettings', { pin: '999999', change: redirect })).resolves.toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
      await expect(call('setMerchantToken', { pin: '999999', token: 'tok_live_0123456789' })).resolves.toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
      expect(app!.snapshot().settings).toMatchObject({ environmentChoice: 'auto', hasMerchantToken: false });
      await expect(call('setMerchantToken', { pin: PIN, token: 'tok_live_0123456789' })).resolves.toMatchObject({ ok: true });
      await expect(call('updateSettings', { pin: PIN, change: redirect })).resolves.toMatchObject({ ok: true });
      expect(app!.snapshot().settings).toMatchObject({ environment: 'custom', gatewayCustomUrl: 'https://gateway.attacker.example', hasMerchantToken: true, problems: [] });
    });

    it('refuses plain http to another host, even with the right PIN; http to this computer is a test gateway', async () => {
      await start();
      expect(code(await call('setManagerPin', { newPin: PIN }))).toBe('ok');
      for (const url of ['http://gateway.example:8080', 'http://192.168.1.20:9000', 'http://[::ffff:7f00:1]/', 'https://user:pw@gateway.example', 'ftp://gateway.example']) {
        await expect(call('updateSettings', { pin: PIN, change: { environmentChoice: 'custom', gatewayCustomUrl: url } }), url).resolves.toMatchObject({ ok: false, error: { code: 'GATEWAY_URL_REFUSED' } });
      }
      expect(app!.snapshot().settings.environmentChoice).toBe('auto');
      await expect(call('updateSettings', { pin: PIN, change: { environmentChoice: 'custom', gatewayCustomUrl: 'http://127.0.0.1:9000/' } })).resolves.toMatchObject({ ok: true });
      expect(app!.snapshot().settings.gatewayCustomUrl).toBe('http://127.0.0.1:9000/');
    });

    it('does not use an http address to another host written into the settings file by hand', async () => {
      fs.writeFileSync(settingsFile(), JSON.stringify({ setupComplete: true, gatewayEnvironment: 'custom', gatewayCustomUrl: 'http://gateway.example' }));
      await start({ env: { POS_NIHAOPAY_TOKEN: 'tok_env_0123456789' } });
      expect(app!.snapshot().settings).toMatchObject({ environment: 'custom', problems: ['invalidCustomUrl'] });
    });
  });

  describe('where the PIN is kept', () => {
    it('keeps the PIN when settings.json is corrupt', async () => {
      await start();
      expect(code(await call('setManagerPin', { newPin: PIN }))).toBe('ok');
      await app!.close();
      app = undefined;
      fs.writeFileSync(settingsFile(), '{ not json');
      await start();
      expect(app!.snapshot().settings).toMatchObject({ problems: ['settingsUnreadable'], hasManagerPin: true });
      await expect(call('updateSettings', { change: { storeName: 'Anyone' } })).resolves.toEqual({ ok: false, error: { code: 'PIN_REQUIRED' } });
      await expect(call('checkManagerPin', { pin: '1111' })).resolves.toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
      await expect(call('checkManagerPin', { pin: PIN })).resolves.toMatchObject({ ok: true });
    });

    it('moves a valid hash from an older settings.json into the journal and out of the file', async () => {
      const hash = await hashPin(PIN, { logN: 10, r: 8, p: 1 });
      fs.writeFileSync(settingsFile(), JSON.stringify({ setupComplete: true, storeName: 'Old Store', managerPinHash: hash }));
      await start();
      expect(app!.snapshot().settings).toMatchObject({ hasManagerPin: true, storeName: 'Old Store', problems: [] });
      expect(fs.readFileSync(settingsFile(), 'utf8')).not.toContain('managerPinHash');
      await expect(call('checkManagerPin', { pin: PIN })).resolves.toMatchObject({ ok: true });
      expect(app!.journal.auditLog(10).map((a) => a.action)).toContain('manager.pin.carry');
      // A settings file restored from a backup later does not bring the old hash back into use.
      await app!.close();
      app = undefined;
      fs.writeFileSync(settingsFile(), JSON.stringify({ setupComplete: true, managerPinHash: '' }));
      await start();
      await expect(call('checkManagerPin', { pin: PIN })).resolves.toMatchObject({ ok: true });
      expect(fs.readFileSync(settingsFile(), 'utf8')).not.toContain('managerPinHash');
    });

    it('reads an empty or garbage hash in settings.json as locked, never as "no PIN"', async () => {
      for (const stored of ['', 'scrypt$garbage']) {
        fs.writeFileSync(settingsFile(), JSON.stringify({ setupComplete: true, managerPinHash: stored }));
        await start();
        expect(app!.snapshot().settings.hasManagerPin).toBe(true);
        for (const pin of [undefined, '0000', PIN]) {
          await expect(call('checkManagerPin', { pin: pin ?? '' })).resolves.toEqual({ ok: false, error: { code: 'PIN_UNREADABLE' } });
          await expect(call('updateSettings', { ...(pin ? { pin } : {}), change: { storeName: 'Anyone' } })).resolves.toEqual({ ok: false, error: { code: 'PIN_UNREADABLE' } });
        }
        await expect(call('setManagerPin', { newPin: '13579' })).resolves.toEqual({ ok: false, error: { code: 'PIN_UNREADABLE' } });
        await expect(call('setMerchantToken', { token: 'tok_live_0123456789' })).resolves.toEqual({ ok: false, error: { code: 'PIN_UNREADABLE' } });
        await app!.close();
        app = undefined;
        temp.cleanup();
        temp = makeTempDir();
      }
    });

    it('is cleared by --reset-manager-pin (audited), even while locked, and setup asks again', async () => {
      await start();
      expect(code(await call('setManagerPin', { newPin: PIN }))).toBe('ok');
      await lockWithWrongPins();
      await restart({ resetManagerPin: true });
      expect(app!.snapshot().settings).toMatchObject({ hasManagerPin: false, setupComplete: false });
      expect(app!.journal.auditLog(1)[0]).toMatchObject({ action: 'manager.pin.reset', outcome: 'ok' });
      expect(code(await call('setManagerPin', { newPin: '13579' }))).toBe('ok');
      await expect(call('checkManagerPin', { pin: '13579' })).resolves.toMatchObject({ ok: true });
      // Without the flag, the next start keeps the new PIN.
      await restart();
      expect(app!.snapshot().settings.hasManagerPin).toBe(true);
    });
  });
});
