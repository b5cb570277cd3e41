import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { TRAINING_PLACEHOLDER_IPN_URL } from '../../../../electron/app/ipnConnection';
import { signIpn } from '../../../../electron/services/ipn/ipnSignature';
import { qrImage } from '../../../../electron/services/qr/qrImage';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import type { AppSnapshot } from '../../../../shared/bridge/contract';
import type { DisplayPairingCode, StoreQrPoster } from '../../../../shared/bridge/displayContract';
import type { CustomerDisplayView } from '../../../../shared/display/customerDisplayView';
import type { CallResult } from '../../../../shared/errors/posErrors';
import { currentRateDate, toRmbFen } from '../../../../shared/money/rmbEquivalent';
import type { DisplaySettingsChange } from '../../../../shared/settings/displaySettings';
import { makeTempDir } from '../../../fixtures/tempDir';

/**
 * The customer display's calls and the IPN receiver in the whole app, in training mode:
 * the built-in sandbox over HTTP, the real journal, settings in a temp folder.
 */
describe('display calls in the composed app (training)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: PosApp | undefined;
  let displayEvents: CustomerDisplayView[];

  const start = async () => {
    app = await createPosApp({ dataDir: temp.dir, env: {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined });
    app.subscribe((event, payload) => {
      if (event === 'display') displayEvents.push(payload as CustomerDisplayView);
    });
    await app.recovered();
    return app;
  };
  beforeEach(() => {
    temp = makeTempDir();
    displayEvents = [];
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    temp.cleanup();
  });

  async function call<T = AppSnapshot>(pos: PosApp, name: string, args: unknown = {}): Promise<CallResult<T>> {
    return (await pos.call(name, args)) as CallResult<T>;
  }
  async function display(pos: PosApp, change: DisplaySettingsChange, pin?: string) {
    const result = await call(pos, 'updateSettings', { ...(pin ? { pin } : {}), change: { display: change } });
    expect(result).toMatchObject({ ok: true });
  }
  const view = async (pos: PosApp) => {
    const result = await call<CustomerDisplayView>(pos, 'getDisplay');
    if (!result.ok) throw new Error(`getDisplay failed: ${result.error.code}`);
    return result.value;
  };
  const requests = (pos: PosApp, suffix: string) => pos.sandbox!.requests.filter((r) => r.path.endsWith(suffix));
  const until = (check: () => void | Promise<void>, timeout = 3_000) => vi.waitFor(check, { timeout, interval: 10 });

  /** A port nothing listens on right now (for the IPN receiver, whose port the settings fix). */
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

  describe('the store QR', () => {
    it('is refused until seller name and store number are set, then created, kept for training, shown when enabled and printable', async () => {
      const pos = await start();
      await expect(call(pos, 'getStoreQrPoster')).resolves.toEqual({ ok: false, error: { code: 'STORE_QR_NOT_SET_UP' } });
      await expect(call(pos, 'createStoreQr')).resolves.toEqual({ ok: false, error: { code: 'STORE_QR_NOT_SET_UP' } });
      await display(pos, { sellerName: 'Tea House LLC' });
      await expect(call(pos, 'createStoreQr')).resolves.toEqual({ ok: false, error: { code: 'STORE_QR_NOT_SET_UP' } });
      expect(requests(pos, '/merchantqrcode')).toHaveLength(0);

      await display(pos, { storeNumber: 'ST-0001' });
      const created = await call(pos, 'createStoreQr');
      expect(created.ok).toBe(true);
      const [request] = requests(pos, '/merchantqrcode');
      expect(requests(pos, '/merchantqrcode')).toHaveLength(1);
      expect(request!.body).toEqual({ trade_currency: 'USD', seller_name: 'Tea House LLC', store_name: 'Counterpay Store', store_no: 'ST-0001' });
      const stored = pos.snapshot().settings.display.storeQr;
      expect(stored).toMatchObject({ environment: 'training', tradeCurrency: 'USD', sellerName: 'Tea House LLC', storeName: 'Counterpay Store', storeNo: 'ST-0001' });
      expect(stored!.qrcode).toMatch(/^https:\/\/sandbox\.counterpay\.invalid\/topayment\/[0-9a-f]{32}$/);
      expect(pos.journal.auditLog(10).find((a) => a.action === 'storeQr.create')).toMatchObject({ outcome: 'ok', detail: 'ST-0001 training' });

      // The poster: the same code at error correction Q, marked as training.
      const poster = await call<StoreQrPoster>(pos, 'getStoreQrPoster');
      expect(poster).toEqual({
        ok: true,
        value: { qr: qrImage(stored!.qrcode, 'poster'), qrcode: stored!.qrcode, sellerName: 'Tea House LLC', storeName: 'Counterpay Store', storeNo: 'ST-0001', tradeCurrency: 'USD', training: true, languages: ['en', 'zh-CN'] },
      });

      // The idle screen shows it only when enabled.
      expect((await view(pos)).screen).toEqual({ kind: 'idle' });
      await display(pos, { storeQrEnabled: true });
      expect((await view(pos)).screen).toEqual({ kind: 'idle', storeQr: qrImage(stored!.qrcode, 'screen') });

      // Kept across a restart.
      await pos.close();
      app = undefined;
      const again = await start();
      expect(again.snapshot().settings.display.storeQr).toEqual(stored);
      expect((await view(again)).screen).toEqual({ kind: 'idle', storeQr: qrImage(stored!.qrcode, 'screen') });
    });

    it('is not offered by a gateway other than the one that made it', async () => {
      const pos = await start();
      await display(pos, { sellerName: 'Tea House LLC', storeNumber: 'ST-0001', storeQrEnabled: true });
      await expect(call(pos, 'createStoreQr')).resolves.toMatchObject({ ok: true });
      await pos.close();
      app = undefined;
      // Production, here without a token: a training code must never be printed or shown for it.
      app = await createPosApp({ dataDir: temp.dir, env: { POS_GATEWAY: 'production' }, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined });
      expect(app.snapshot().settings.display.storeQr).toMatchObject({ environment: 'training' });
      await expect(call(app, 'getStoreQrPoster')).resolves.toEqual({ ok: false, error: { code: 'STORE_QR_NOT_SET_UP' } });
      expect((await view(app)).screen).toEqual({ kind: 'idle' });
      await expect(call(app, 'createStoreQr')).resolves.toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED' } });
    });

    it('needs the manager PIN once one is set, and audits refusals', async () => {
      const pos = await start();
      await display(pos, { sellerName: 'Tea House LLC', storeNumber: 'ST-0001' });
      await expect(call(pos, 'setManagerPin', { newPin: '2468' })).resolves.toMatchObject({ ok: true });
      await expect(call(pos, 'createStoreQr', {})).resolves.toEqual({ ok: false, error: { code: 'PIN_REQUIRED' } });
      await expect(call(pos, 'createStoreQr', { pin: '1111' })).resolves.toEqual({ ok: false, error: { code: 'PIN_WRONG', params: { remaining: 4, count: 4 } } });
      expect(requests(pos, '/merchantqrcode')).toHaveLength(0);
      expect(pos.snapshot().settings.display.storeQr).toBeUndefined();
      await expect(call(pos, 'createStoreQr', { pin: '2468' })).resolves.toMatchObject({ ok: true });
      const audit = pos.journal
        .auditLog(20)
        .filter((a) => a.action === 'storeQr.create')
        .reverse()
        .map(({ outcome, detail }) => ({ outcome, detail }));
      expect(audit).toEqual([
        { outcome: 'refused', detail: 'PIN_REQUIRED' },
        { outcome: 'refused', detail: 'PIN_WRONG' },
        { outcome: 'ok', detail: 'ST-0001 training' },
      ]);
      expect(JSON.stringify(pos.journal.auditLog(50))).not.toContain('2468');
    });

    it('reports a gateway failure, audited, and keeps nothing', async () => {
      const pos = await start();
      await display(pos, { sellerName: 'Tea House LLC', storeNumber: 'ST-0001' });
      pos.sandbox!.setFault({ action: { kind: 'error', label: '84' }, pathPrefix: '/v1.2/merchantqrcode' });
      await expect(call(pos, 'createStoreQr')).resolves.toMatchObject({ ok: false, error: { gateway: { label: '84' } } });
      expect(pos.snapshot().settings.display.storeQr).toBeUndefined();
      expect(pos.journal.auditLog(5)[0]).toMatchObject({ action: 'storeQr.create', outcome: 'refused' });
    });
  });

  describe('LAN display pairing', () => {
    it('is refused while the LAN display is off', async () => {
      const pos = await start();
      await expect(call(pos, 'pairDisplay', { code: '123456' })).resolves.toEqual({ ok: false, error: { code: 'LAN_DISPLAY_OFF' } });
      await expect(call(pos, 'createDisplayPairingCode')).resolves.toEqual({ ok: false, error: { code: 'LAN_DISPLAY_OFF' } });
      expect(pos.journal.auditLog(10).filter((a) => a.action === 'display.pairingCode' && a.outcome === 'ok')).toEqual([]);
    });

    it('pairs a tablet once with a PIN-guarded code; its token works until the LAN display is turned off', async () => {
      const pos = await start();
      await expect(call(pos, 'setManagerPin', { newPin: '2468' })).resolves.toMatchObject({ ok: true });
      await display(pos, { lanDisplayEnabled: true }, '2468');
      await expect(call(pos, 'createDisplayPairingCode', {})).resolves.toEqual({ ok: false, error: { code: 'PIN_REQUIRED' } });
      await expect(call(pos, 'createDisplayPairingCode', { pin: '0000' })).resolves.toEqual({ ok: false, error: { code: 'PIN_WRONG', params: { remaining: 4, count: 4 } } });
      const made = await call<DisplayPairingCode>(pos, 'createDisplayPairingCode', { pin: '2468' });
      if (!made.ok) throw new Error(made.error.code);
      expect(made.value.code).toMatch(/^\d{6}$/);
      expect(Date.parse(made.value.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
      expect(made.value.urls.length).toBeGreaterThan(0);
      for (const url of made.value.urls) expect(url).toMatch(/^http:\/\/[\d.]+:8422\/display$/);
      expect(
        pos.journal
          .auditLog(20)
          .filter((a) => a.action === 'display.pairingCode')
          .reverse()
          .map((a) => a.outcome),
      ).toEqual(['refused', 'refused', 'ok']);

      const wrong = made.value.code === '000000' ? '000001' : '000000';
      await expect(call(pos, 'pairDisplay', { code: wrong })).resolves.toEqual({ ok: false, error: { code: 'PAIRING_CODE_WRONG' } });
      const paired = await call<{ token: string; view: CustomerDisplayView }>(pos, 'pairDisplay', { code: made.value.code });
      if (!paired.ok) throw new Error(paired.error.code);
      expect(paired.value.view).toEqual({ storeName: 'Counterpay Store', training: true, languages: ['en', 'zh-CN'], screen: { kind: 'idle' } });
      expect(pos.journal.auditLog(5)[0]).toMatchObject({ action: 'display.paired', outcome: 'ok' });
      // One use.
      await expect(call(pos, 'pairDisplay', { code: made.value.code })).resolves.toEqual({ ok: false, error: { code: 'PAIRING_CODE_WRONG' } });
      // The token resumes (without another audit line).
      const audits = pos.journal.auditLog(50).length;
      await expect(call(pos, 'pairDisplay', { token: paired.value.token })).resolves.toMatchObject({ ok: true, value: { token: paired.value.token } });
      expect(pos.journal.auditLog(50)).toHaveLength(audits);

      // Off unpairs every tablet; on again does not bring them back.
      await display(pos, { lanDisplayEnabled: false }, '2468');
      await expect(call(pos, 'pairDisplay', { token: paired.value.token })).resolves.toEqual({ ok: false, error: { code: 'LAN_DISPLAY_OFF' } });
      await display(pos, { lanDisplayEnabled: true }, '2468');
      await expect(call(pos, 'pairDisplay', { token: paired.value.token })).resolves.toEqual({ ok: false, error: { code: 'PAIRING_CODE_WRONG' } });
    });
  });

  describe('show-QR sales and the display', () => {
    it('names the training placeholder ipn_url when no receiver runs', async () => {
      const pos = await start();
      await display(pos, { showQrTimeoutMinutes: 7 });
      await call(pos, 'startSale', { amount: 1200 });
      await expect(call(pos, 'startShowQr', { vendor: 'unionpay' })).resolves.toMatchObject({ ok: true, value: { checkout: { phase: 'processing' } } });
      await until(() => expect(pos.snapshot().checkout.phase).toBe('showingQr'));
      expect(requests(pos, '/showqrcode')[0]!.body).toMatchObject({ amount: '1200', vendor: 'unionpay', ipn_url: TRAINING_PLACEHOLDER_IPN_URL, timeout: '7' });
      await expect(call(pos, 'stopWaitingForQr')).resolves.toMatchObject({ ok: true, value: { checkout: { phase: 'idle' } } });
    });

    it('follows the settings: the receiver starts and stops, and show-QR names its URL, else the public URL or the placeholder', async () => {
      const pos = await start();
      const port = await freePort();
      const ipnUrls: string[] = [];
      // Each its own amount: a code still on watch makes the same amount ask "possible duplicate?".
      const showOnce = async (amount: number) => {
        await expect(call(pos, 'startSale', { amount })).resolves.toMatchObject({ ok: true });
        await call(pos, 'startShowQr', {});
        await until(() => expect(pos.snapshot().checkout.phase).toBe('showingQr'));
        ipnUrls.push(requests(pos, '/showqrcode').at(-1)!.body['ipn_url']!);
        await call(pos, 'stopWaitingForQr');
      };
      await display(pos, { ipnReceiverEnabled: true, ipnReceiverPort: port });
      await until(async () => expect(await listening(port)).toBe(true));
      await showOnce(1200);
      await display(pos, { ipnPublicUrl: 'https://pos.example.com/nihaopay/ipn' });
      await showOnce(1201);
      await display(pos, { ipnPublicUrl: '', ipnReceiverEnabled: false });
      await until(async () => expect(await listening(port)).toBe(false));
      await showOnce(1202);
      expect(ipnUrls).toEqual([`http://127.0.0.1:${port}/nihaopay/ipn`, 'https://pos.example.com/nihaopay/ipn', TRAINING_PLACEHOLDER_IPN_URL]);
    });

    it('settles a …81 code by the sandbox’s signed IPN to the local receiver; the display shows the code, then paid', async () => {
      const pos = await start();
      const port = await freePort();
      await display(pos, { ipnReceiverEnabled: true, ipnReceiverPort: port, showQrVendor: 'wechatpay' });
      await until(async () => expect(await listening(port)).toBe(true));

      await call(pos, 'startSale', { amount: 1281 });
      await expect(call(pos, 'startShowQr', {})).resolves.toMatchObject({ ok: true, value: { checkout: { phase: 'processing', attempt: { vendor: 'wechatpay' } } } });
      await until(() => expect(pos.snapshot().checkout.phase).toBe('showingQr'));
      const checkout = pos.snapshot().checkout;
      if (checkout.phase !== 'showingQr') throw new Error('not showing');
      const reference = checkout.attempt.reference;
      const booked = pos.sandbox!.transactions.byReference(reference)!;
      expect(checkout.qr.codeUrl).toBe(booked.shownQr!.codeUrl);
      expect(requests(pos, '/showqrcode')[0]!.body).toMatchObject({ ipn_url: `http://127.0.0.1:${port}/nihaopay/ipn`, timeout: '5' });

      const shownAt = Date.now();
      let approvedAt = 0;
      pos.subscribe((event, payload) => {
        if (event === 'snapshot' && (payload as AppSnapshot).checkout.phase === 'approved') approvedAt ||= Date.now();
      });

      // The customer sees the code (rendered in main from code_url), the amount and the wallet.
      const showing = await view(pos);
      expect(showing.screen).toMatchObject({ kind: 'showQr', amount: 1281, currency: 'USD', vendor: 'wechatpay', qr: qrImage(booked.shownQr!.codeUrl, 'screen'), timeoutMs: 5 * 60_000 });
      expect(displayEvents.some((v) => v.screen.kind === 'showQr')).toBe(true);

      // The sandbox pays it 5 s after it was made and posts the signed IPN.
      await until(() => expect(pos.snapshot().checkout.phase).toBe('approved'), 9_000);
      // The receiver answers 2xx once the journal has it; the sandbox then counts it delivered.
      await pos.sandbox!.ipnIdle();
      const deliveries = pos.sandbox!.ipnDeliveries.filter((d) => d.reference === reference);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({ status: 'success', delivered: true, url: `http://127.0.0.1:${port}/nihaopay/ipn`, attempts: [{ httpStatus: 200 }] });
      // Approved as the IPN came in (5 s), not at the next backstop look-up (every 4 s: at 8 s).
      expect(approvedAt - shownAt).toBeLessThan(7_000);
      expect(pos.journal.get(reference)).toMatchObject({ state: 'success', transactionId: booked.id });
      // It was the IPN that settled it: the success event came from the receiver, not from a look-up.
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(pos.journal.filePath, { readonly: true });
      const success = db.prepare(`SELECT detail FROM attempt_events WHERE reference = ? AND state = 'success'`).all(reference);
      db.close();
      expect(success).toEqual([{ detail: 'ipn: success' }]);

      expect((await view(pos)).screen).toEqual({ kind: 'result', outcome: 'paid', amount: 1281, currency: 'USD', vendor: 'wechatpay' });
      expect(displayEvents.at(-1)!.screen).toMatchObject({ kind: 'result', outcome: 'paid' });
    }, 15_000);

    it('records a signed IPN for a payment this terminal did not make (a dashed store-QR reference) and answers ok', async () => {
      const pos = await start();
      const port = await freePort();
      await display(pos, { ipnReceiverEnabled: true, ipnReceiverPort: port });
      await until(async () => expect(await listening(port)).toBe(true));
      const fields = { id: '20261203111500022222', amount: '880', currency: 'USD', reference: '20170427-137-0011', status: 'success', time: '2026-12-03T11:15:00Z', sys_reserve: '', note: 'null' };
      const body = new URLSearchParams({ ...fields, verify_sign: signIpn(fields, pos.sandbox!.token) }).toString();
      const response = await fetch(`http://127.0.0.1:${port}/nihaopay/ipn`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect({ status: response.status, text: await response.text() }).toEqual({ status: 200, text: 'ok' });
      expect(pos.journal.auditLog(5).find((a) => a.action === 'ipn not from this terminal')).toMatchObject({ outcome: 'ok', detail: '20261203111500022222 success 880 USD 20170427-137-0011' });
      expect(pos.journal.recent(5)).toEqual([]);
    });

    it('alerts the cashier when a code they stopped waiting for is paid after all (heard by IPN)', async () => {
      const pos = await start();
      const port = await freePort();
      await display(pos, { ipnReceiverEnabled: true, ipnReceiverPort: port });
      await until(async () => expect(await listening(port)).toBe(true));
      await call(pos, 'startSale', { amount: 1200 });
      await call(pos, 'startShowQr', { vendor: 'alipay' });
      await until(() => expect(pos.snapshot().checkout.phase).toBe('showingQr'));
      const checkout = pos.snapshot().checkout;
      const reference = 'attempt' in checkout ? checkout.attempt.reference : '';
      await expect(call(pos, 'stopWaitingForQr')).resolves.toMatchObject({ ok: true, value: { checkout: { phase: 'idle' } } });
      expect((await view(pos)).screen.kind).toBe('idle');
      // Stopping wakes the watch for one look-up; after it the watch sleeps for 5 s, so only the IPN can be heard sooner.
      await until(() => expect(requests(pos, `/merchant/${reference}`)).toHaveLength(1));
      await sleep(100);
      // The code is on watch, so it is not listed as unresolved for the attention recheck to chase.
      await call(pos, 'startSale', { amount: 999 });
      expect(pos.sandbox!.payShownQr(reference).status).toBe(200);
      await until(() => expect(pos.snapshot().attention.paidAfterAll.map((a) => a.reference)).toEqual([reference]));
      expect(pos.snapshot().checkout).toEqual({ phase: 'awaitingScan', sale: { amount: 999, currency: 'USD' } });
      expect(pos.journal.get(reference)!.state).toBe('success');
      await sleep(100);
      expect(pos.snapshot().attention.paidAfterAll).toHaveLength(1);
    });

    it('shows the RMB equivalent at the sandbox’s rate once it arrives, asking for it once', async () => {
      const pos = await start();
      await call(pos, 'startSale', { amount: 1234 });
      await until(() => expect(displayEvents.at(-1)!.screen).toHaveProperty('rmb'));
      const rateDate = currentRateDate(new Date());
      const expected = { fen: toRmbFen(1234, 'USD', '6.921791')!, rate: '6.921791', rateDate, vendor: 'alipay' };
      expect(expected.fen).toBe(8541);
      expect(displayEvents.at(-1)!.screen).toEqual({ kind: 'sale', stage: 'awaitingScan', amount: 1234, currency: 'USD', rmb: expected });
      expect((await view(pos)).screen).toMatchObject({ kind: 'sale', rmb: expected });
      // Priced with the wallet chosen for a show-QR sale.
      await call(pos, 'startShowQr', { vendor: 'unionpay' });
      await until(() => expect(pos.snapshot().checkout.phase).toBe('showingQr'));
      expect((await view(pos)).screen).toMatchObject({ kind: 'showQr', rmb: { rate: '6.948700', vendor: 'unionpay', fen: toRmbFen(1234, 'USD', '6.948700') } });
      const rateRequests = requests(pos, '/exchangerate/');
      expect(rateRequests).toHaveLength(1);
      expect(new URLSearchParams(rateRequests[0]!.query)).toEqual(new URLSearchParams({ rate_date: rateDate, currency: 'USD' }));
    });

    it('leaves the RMB equivalent out, and asks for no rate, when it is turned off', async () => {
      const pos = await start();
      await display(pos, { showRmbEquivalent: false });
      await call(pos, 'startSale', { amount: 1234 });
      await sleep(200);
      expect((await view(pos)).screen).toEqual({ kind: 'sale', stage: 'awaitingScan', amount: 1234, currency: 'USD' });
      expect(requests(pos, '/exchangerate/')).toHaveLength(0);
    });
  });
});
