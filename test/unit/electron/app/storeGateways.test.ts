import fs from 'node:fs';
import path from 'node:path';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { SAMPLE_PAYMENT_CODES } from '../../../../shared/payments/vendors';
import { makeTempDir } from '../../../fixtures/tempDir';

/**
 * A store's currency and gateways, through the composed app: what the cashier is offered
 * (settings.methods), and main refusing whatever is not offered with nothing journaled and
 * nothing sent, whatever the window asks. Settings: the default for older files, the PIN,
 * at least one gateway, and the largest sale rescaled to a new currency.
 */
describe('store currencies and gateways', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: PosApp | undefined;
  const PIN = '2468';
  const start = async (stored?: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) => {
    if (stored) fs.writeFileSync(path.join(temp.dir, 'settings.json'), JSON.stringify({ setupComplete: true, ...stored }));
    app = await createPosApp({ dataDir: temp.dir, env, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined });
    return app;
  };
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    temp.cleanup();
  });
  const nihaoPayRequests = (pos: PosApp) => pos.sandbox!.requests.filter((r) => r.path.startsWith('/v1.2/transactions') || r.path.startsWith('/v1.2/merchantqrcode'));

  it('keeps a store set up before the setting as it was: both gateways, every method in USD', async () => {
    const pos = await start({ currency: 'USD' });
    expect(pos.snapshot().settings).toMatchObject({ currency: 'USD', gateways: ['nihaopay', 'onlinepay'], methods: ['scanqrcode', 'showqrcode', 'hostedqr'] });
    expect(JSON.parse(fs.readFileSync(path.join(temp.dir, 'settings.json'), 'utf8')).gateways).toBeUndefined();
  });

  it('an older store taking real NihaoPay money keeps OnlinePay off while OnlinePay only trains (no key): no training card sale beside real ones', async () => {
    const pos = await start({ currency: 'USD' }, { POS_GATEWAY: 'custom', POS_GATEWAY_URL: 'http://127.0.0.1:9', POS_NIHAOPAY_TOKEN: 'merchant-token-for-this-test-0123' });
    expect(pos.snapshot().settings).toMatchObject({ training: false, onlinePay: { training: true }, gateways: ['nihaopay'], methods: ['scanqrcode', 'showqrcode'] });
    await pos.call('startSale', { amount: 500 });
    await expect(pos.call('startHostedPayment', {})).resolves.toEqual({ ok: false, error: { code: 'GATEWAY_NOT_ENABLED', params: { gateway: 'OnlinePay' } } });
    expect(pos.journal.recent(5)).toEqual([]);
  });

  it('an OnlinePay-only store trains as OnlinePay does: a real OnlinePay key is real money, whatever NihaoPay would do', async () => {
    const pos = await start({ currency: 'CNY', gateways: ['onlinepay'] }, { POS_ONLINEPAY: 'custom', POS_ONLINEPAY_URL: 'http://127.0.0.1:9', POS_ONLINEPAY_KEY: 'onlinepay-key-for-this-test-0123' });
    expect(pos.snapshot().settings).toMatchObject({ training: false, environment: 'training', onlinePay: { training: false, environment: 'custom' }, methods: ['hostedqr'] });
    const view = await pos.call('getDisplay', {});
    expect(view).toMatchObject({ ok: true, value: { training: false } });
  });

  it('a CNY store offers OnlinePay only, and main refuses a NihaoPay scan or code with nothing journaled or sent', async () => {
    const pos = await start({ currency: 'CNY', maxAmount: 100_000, display: { showRmbEquivalent: true, ipnPublicUrl: 'https://pos.example.com/ipn' } });
    expect(pos.snapshot().settings).toMatchObject({ currency: 'CNY', methods: ['hostedqr'] });
    await expect(pos.call('startSale', { amount: 1234 })).resolves.toMatchObject({ ok: true, value: { checkout: { phase: 'awaitingScan', sale: { currency: 'CNY' } } } });
    const refusal = { code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { gateway: 'NihaoPay', currency: 'CNY' } };
    await expect(pos.call('submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' })).resolves.toEqual({ ok: false, error: refusal });
    await expect(pos.call('simulateScan', { code: SAMPLE_PAYMENT_CODES.wechatpay, mode: 'keyboard' })).resolves.toMatchObject({ ok: true });
    await pos.settled();
    await expect(pos.call('startShowQr', { vendor: 'alipay' })).resolves.toEqual({ ok: false, error: refusal });
    await expect(pos.call('startShowQr', {})).resolves.toEqual({ ok: false, error: refusal });
    expect(pos.snapshot().checkout).toMatchObject({ phase: 'awaitingScan', refusal });
    expect(pos.journal.recent(10)).toEqual([]);
    expect(nihaoPayRequests(pos)).toEqual([]);
    // No RMB equivalent at NihaoPay's rate beside an amount that is RMB already.
    const view = await pos.call('getDisplay', {});
    expect(view).toMatchObject({ ok: true, value: { screen: { kind: 'sale', currency: 'CNY' } } });
    expect(view.ok && 'rmb' in (view.value as { screen: object }).screen).toBe(false);
    // The card sale is OnlinePay's and goes ahead.
    await expect(pos.call('startHostedPayment', {})).resolves.toMatchObject({ ok: true });
    await pos.settled();
    expect(pos.journal.recent(1)[0]).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr', currency: 'CNY', amount: 1234 });
    expect(pos.onlinePaySandbox!.requests.some((r) => r.path === '/api/v1/payments' && r.method === 'POST')).toBe(true);
  });

  it('a NihaoPay store QR is neither made nor shown in a store that cannot take NihaoPay', async () => {
    const pos = await start({ currency: 'EUR', display: { sellerName: 'Seller', storeNumber: '001', storeQrEnabled: true } });
    await expect(pos.call('setManagerPin', { newPin: PIN })).resolves.toMatchObject({ ok: true });
    await expect(pos.call('createStoreQr', { pin: PIN })).resolves.toMatchObject({ ok: false, error: { code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { currency: 'EUR' } } });
    expect(nihaoPayRequests(pos)).toEqual([]);
  });

  it('a USD store with NihaoPay turned off refuses its methods, and one with OnlinePay off refuses the card', async () => {
    const pos = await start({ currency: 'USD', gateways: ['onlinepay'] });
    expect(pos.snapshot().settings.methods).toEqual(['hostedqr']);
    await pos.call('startSale', { amount: 500 });
    await expect(pos.call('submitScan', { code: SAMPLE_PAYMENT_CODES.unionpay, source: 'manual' })).resolves.toEqual({ ok: false, error: { code: 'GATEWAY_NOT_ENABLED', params: { gateway: 'NihaoPay' } } });
    expect(pos.journal.recent(10)).toEqual([]);
    expect(nihaoPayRequests(pos)).toEqual([]);
    await pos.close();
    app = undefined;
    const again = await start({ currency: 'USD', gateways: ['nihaopay'] });
    expect(again.snapshot().settings.methods).toEqual(['scanqrcode', 'showqrcode']);
    await again.call('startSale', { amount: 500 });
    await expect(again.call('startHostedPayment', {})).resolves.toEqual({ ok: false, error: { code: 'GATEWAY_NOT_ENABLED', params: { gateway: 'OnlinePay' } } });
    expect(again.journal.recent(10)).toEqual([]);
    expect(again.onlinePaySandbox!.requests.filter((r) => r.path.startsWith('/api/v1/payments'))).toEqual([]);
  });

  it('changing the gateways needs the manager PIN, keeps one that takes the currency, and rescales the largest sale', async () => {
    const pos = await start({ currency: 'USD', maxAmount: 500_000 });
    // The same choice again is no change (the form sends the whole form): no PIN asked.
    await expect(pos.call('updateSettings', { change: { gateways: { nihaopay: true, onlinepay: true } } })).resolves.toMatchObject({ ok: true });
    await expect(pos.call('updateSettings', { change: { gateways: { nihaopay: false, onlinepay: true } } })).resolves.toEqual({ ok: false, error: { code: 'PIN_NOT_SET' } });
    await pos.call('setManagerPin', { newPin: PIN });
    await expect(pos.call('updateSettings', { change: { gateways: { nihaopay: false, onlinepay: true } } })).resolves.toMatchObject({ ok: false, error: { code: 'PIN_REQUIRED' } });
    await expect(pos.call('updateSettings', { pin: PIN, change: { gateways: { nihaopay: false, onlinepay: false } } })).resolves.toEqual({ ok: false, error: { code: 'NO_GATEWAY_ENABLED' } });
    await expect(pos.call('updateSettings', { pin: PIN, change: { gateways: { nihaopay: true, onlinepay: false }, currency: 'CNY' } })).resolves.toMatchObject({ ok: false, error: { code: 'NO_GATEWAY_FOR_CURRENCY', params: { currency: 'CNY' } } });
    expect(pos.snapshot().settings).toMatchObject({ currency: 'USD', gateways: ['nihaopay', 'onlinepay'] });
    // USD 5,000.00 → JPY 5,000 → CNY 5,000.00: the figure stays, the minor unit follows.
    await expect(pos.call('updateSettings', { pin: PIN, change: { currency: 'JPY' } })).resolves.toMatchObject({ ok: true, value: { settings: { currency: 'JPY', maxAmount: 5_000 } } });
    await expect(pos.call('updateSettings', { pin: PIN, change: { currency: 'CNY', gateways: { nihaopay: false, onlinepay: true } } })).resolves.toMatchObject({
      ok: true,
      value: { settings: { currency: 'CNY', maxAmount: 500_000, gateways: ['onlinepay'], methods: ['hostedqr'] } },
    });
    // NihaoPay alone cannot take CNY: turning OnlinePay off now is refused.
    await expect(pos.call('updateSettings', { pin: PIN, change: { gateways: { nihaopay: true, onlinepay: false } } })).resolves.toMatchObject({ ok: false, error: { code: 'NO_GATEWAY_FOR_CURRENCY' } });
  });
});
