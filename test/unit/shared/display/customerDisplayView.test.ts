import type { CheckoutState, SaleAttempt } from '../../../../shared/checkout/checkoutState';
import { customerDisplayScreen, customerDisplayView, rateVendorOf, type DisplayExtras, type QrImage, type RmbEquivalent } from '../../../../shared/display/customerDisplayView';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const attempt: SaleAttempt = { amount: 1281, currency: 'USD', vendor: 'wechatpay', reference: 'T1QR0001', method: 'showqrcode' };
const shownQr: QrImage = { src: 'data:image/svg+xml;base64,PHN2Zy8+', modules: 37 };
const storeQr: QrImage = { src: 'data:image/svg+xml;base64,c3RvcmU=', modules: 41 };
const rmb: RmbEquivalent = { fen: 8867, rate: '6.921911', rateDate: '20261121', vendor: 'wechatpay' };
const extras: DisplayExtras = { storeName: 'Tea House', training: true, languages: ['ja', 'zh-CN'], nowMs: NOW, storeQr, shownQr, rmb };

const showing = (expiresAt: string, timeoutMinutes = 5): CheckoutState => ({
  phase: 'showingQr',
  attempt,
  qr: { transactionId: '20261122100000000001', codeUrl: 'https://sandbox.counterpay.invalid/qr/wechatpay/1', expiresAt, timeoutMinutes, checks: 0 },
});
const inFiveMinutes = new Date(NOW + 5 * 60_000).toISOString();
const { shownQr: _image, ...noImage } = extras;

describe('customerDisplayScreen', () => {
  it.each<[string, CheckoutState, Record<string, unknown>]>([
    ['idle', { phase: 'idle' }, { kind: 'idle', storeQr }],
    ['awaitingScan', { phase: 'awaitingScan', sale: { amount: 1281, currency: 'USD' } }, { kind: 'sale', stage: 'awaitingScan', amount: 1281, currency: 'USD', rmb }],
    ['processing', { phase: 'processing', attempt }, { kind: 'sale', stage: 'processing', amount: 1281, currency: 'USD', rmb }],
    ['checking', { phase: 'checking', attempt, checks: 2, reason: 'unknown' }, { kind: 'sale', stage: 'processing', amount: 1281, currency: 'USD', rmb }],
    ['showingQr', showing(inFiveMinutes), { kind: 'showQr', amount: 1281, currency: 'USD', vendor: 'wechatpay', qr: shownQr, expiresInMs: 5 * 60_000, timeoutMs: 5 * 60_000, rmb }],
    [
      'approved',
      { phase: 'approved', receipt: { ...attempt, transactionId: '1', time: '2026-11-22T10:00:05Z', training: true } },
      { kind: 'result', outcome: 'paid', amount: 1281, currency: 'USD', vendor: 'wechatpay' },
    ],
    ['declined by the gateway', { phase: 'declined', attempt, error: { code: 'GATEWAY_DECLINED' } }, { kind: 'result', outcome: 'failed', vendor: 'wechatpay' }],
    ['declined: the code expired', { phase: 'declined', attempt, error: { code: 'SHOW_QR_EXPIRED' } }, { kind: 'result', outcome: 'expired', amount: 1281 }],
    ['declined: never shown', { phase: 'declined', attempt, error: { code: 'SHOW_QR_NOT_SHOWN' } }, { kind: 'result', outcome: 'failed' }],
    ['needsAttention', { phase: 'needsAttention', attempt, error: { code: 'GATEWAY_INDETERMINATE' } }, { kind: 'result', outcome: 'unconfirmed', amount: 1281 }],
  ])('%s', (_name, state, expected) => {
    const screen = customerDisplayScreen(state, extras);
    expect(screen).toMatchObject(expected);
    // Exactly the keys expected for the screens whose whole shape is given: nothing extra reaches the customer.
    if (expected.kind !== 'result') expect(Object.keys(screen).sort()).toEqual(Object.keys(expected).sort());
  });

  it('leaves out the store QR and the RMB equivalent when there are none', () => {
    const bare: DisplayExtras = { storeName: 'Tea House', training: false, languages: ['en'], nowMs: NOW, shownQr };
    expect(customerDisplayScreen({ phase: 'idle' }, bare)).toEqual({ kind: 'idle' });
    expect(customerDisplayScreen({ phase: 'awaitingScan', sale: { amount: 500, currency: 'JPY' } }, bare)).toEqual({ kind: 'sale', stage: 'awaitingScan', amount: 500, currency: 'JPY' });
    expect(customerDisplayScreen(showing(inFiveMinutes), bare)).not.toHaveProperty('rmb');
  });

  it('counts down to the expiry by main’s clock', () => {
    const screen = customerDisplayScreen(showing(inFiveMinutes), { ...extras, nowMs: NOW + 61_000 });
    expect(screen).toMatchObject({ kind: 'showQr', expiresInMs: 5 * 60_000 - 61_000, timeoutMs: 300_000 });
  });

  it.each<[string, CheckoutState, DisplayExtras]>([
    ['whose expiry has passed', showing(new Date(NOW - 1).toISOString()), extras],
    ['that expires exactly now', showing(new Date(NOW).toISOString()), extras],
    ['with no image rendered', showing(inFiveMinutes), noImage],
    ['whose expiry is unreadable', showing('not a date'), extras],
  ])('never shows a code %s: the customer must not scan a dead code', (_name, state, given) => {
    const screen = customerDisplayScreen(state, given);
    expect(screen.kind).not.toBe('showQr');
    expect(screen).toMatchObject({ kind: 'sale', stage: 'processing', amount: 1281, currency: 'USD' });
    expect(JSON.stringify(screen)).not.toContain(shownQr.src);
  });

  it('carries only the store name, training flag and screen in the view', () => {
    expect(customerDisplayView({ phase: 'idle' }, extras)).toEqual({ storeName: 'Tea House', training: true, languages: ['ja', 'zh-CN'], screen: { kind: 'idle', storeQr } });
  });

  it('prices with the chosen wallet’s rate, else the default', () => {
    expect(rateVendorOf({ phase: 'processing', attempt }, 'alipay')).toBe('wechatpay');
    expect(rateVendorOf({ phase: 'awaitingScan', sale: { amount: 1, currency: 'USD' } }, 'unionpay')).toBe('unionpay');
    expect(rateVendorOf({ phase: 'idle' }, 'alipay')).toBe('alipay');
  });
});
