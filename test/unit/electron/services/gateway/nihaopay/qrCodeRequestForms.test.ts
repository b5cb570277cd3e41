import {
  merchantQrCodeRequestForm,
  merchantQrCodeRequestProblem,
  qrCodeRequestForm,
  qrCodeRequestProblem,
  showQrCodeRequestForm,
  showQrCodeRequestProblem,
  staticQrCodeRequestForm,
  staticQrCodeRequestProblem,
} from '../../../../../../electron/services/gateway/nihaopay/qrCodeRequestForms';
import type { MerchantQrCodeRequest, QrCodeRequest, ShowQrCodeRequest, StaticQrCodeRequest } from '../../../../../../shared/gateway/nihaopay/nihaopayApi';

const SHOW: ShowQrCodeRequest = { amount: 100, currency: 'USD', vendor: 'alipay', reference: 'jkh25jh1348fd89sg', ipnUrl: 'http://website.com/ipn' };

describe('showqrcode', () => {
  it("sends the document's example as its form", () => {
    expect(showQrCodeRequestForm(SHOW).toString()).toBe('amount=100&currency=USD&vendor=alipay&reference=jkh25jh1348fd89sg&ipn_url=http%3A%2F%2Fwebsite.com%2Fipn');
    expect(showQrCodeRequestForm({ ...SHOW, timeoutMinutes: 5, note: 'n', description: '' }).toString()).toContain('&timeout=5&note=n');
  });

  it.each([
    ['a zero amount', { amount: 0 }, /amount/],
    ['HKD', { currency: 'HKD' }, /USD or JPY/],
    ['paypal', { vendor: 'paypal' }, /vendor/],
    ['a reference with a space', { reference: 'a b' }, /reference/],
    ['no ipn_url', { ipnUrl: '' }, /ipnUrl/],
    ['a javascript: ipn_url', { ipnUrl: 'javascript:alert(1)' }, /ipnUrl/],
    ['an ipn_url with credentials', { ipnUrl: 'https://u:p@example.com/ipn' }, /credentials/],
    ['a timeout of 0', { timeoutMinutes: 0 }, /1 to 1440/],
    ['a fractional timeout', { timeoutMinutes: 1.5 }, /1 to 1440/],
    ['a note that is not text', { note: 42 }, /note/],
  ])('refuses %s', (_name, change, problem) => {
    expect(showQrCodeRequestProblem({ ...SHOW, ...change } as ShowQrCodeRequest)).toMatch(problem);
  });

  it('accepts yen and every in-store wallet', () => {
    for (const vendor of ['alipay', 'wechatpay', 'unionpay'] as const) expect(showQrCodeRequestProblem({ ...SHOW, vendor, currency: 'JPY' })).toBeUndefined();
  });
});

describe('qrcode', () => {
  const QR: QrCodeRequest = { amount: 100, currency: 'USD', vendor: 'wechatpay', reference: 'jkh25jh1348fd89sg', ipnUrl: 'http://website.com/ipn' };

  it('sends amount or rmb_amount, never both', () => {
    expect(qrCodeRequestForm(QR).toString()).toBe('currency=USD&amount=100&vendor=wechatpay&reference=jkh25jh1348fd89sg&ipn_url=http%3A%2F%2Fwebsite.com%2Fipn');
    expect(qrCodeRequestForm({ ...QR, amount: undefined, rmbAmount: 10000 }).toString()).toBe('currency=USD&rmb_amount=10000&vendor=wechatpay&reference=jkh25jh1348fd89sg&ipn_url=http%3A%2F%2Fwebsite.com%2Fipn');
  });

  it.each([
    ['both amounts', { rmbAmount: 700 }, /mutually exclusive/],
    ['neither amount', { amount: undefined }, /amount or rmbAmount is required/],
    ['a fractional rmb_amount', { amount: undefined, rmbAmount: 1.5 }, /rmbAmount/],
    ['alipay', { vendor: 'alipay' }, /wechatpay or unionpay/],
    ['CNY as the currency', { currency: 'CNY' }, /settlement currencies/],
  ])('refuses %s', (_name, change, problem) => {
    expect(qrCodeRequestProblem({ ...QR, ...change } as QrCodeRequest)).toMatch(problem);
  });

  it('accepts any settlement currency', () => {
    for (const currency of ['USD', 'JPY', 'HKD', 'EUR', 'CAD', 'GBP', 'SGD', 'AUD'] as const) expect(qrCodeRequestProblem({ ...QR, currency })).toBeUndefined();
  });
});

describe('merchantqrcode', () => {
  const MERCHANT: MerchantQrCodeRequest = { tradeCurrency: 'USD', sellerName: 'NihaoPay', storeName: 'LA Branch', storeNo: 'B001', ipnUrl: 'http://website.com/ipn' };

  it("sends the document's example as its form", () => {
    expect(merchantQrCodeRequestForm(MERCHANT).toString()).toBe('trade_currency=USD&ipn_url=http%3A%2F%2Fwebsite.com%2Fipn&seller_name=NihaoPay&store_name=LA+Branch&store_no=B001');
    expect(merchantQrCodeRequestForm({ ...MERCHANT, vendor: 'alipay' }).get('vendor')).toBe('alipay');
  });

  it.each([
    ['EUR', { tradeCurrency: 'EUR' }, /USD or JPY/],
    ['wechatpay as the vendor', { vendor: 'wechatpay' }, /alipay/],
    ['a blank store number', { storeNo: ' ' }, /storeNo is required/],
    ['no seller name', { sellerName: undefined }, /sellerName is required/],
    ['a bad ipn_url', { ipnUrl: 'not a url' }, /ipnUrl/],
  ])('refuses %s', (_name, change, problem) => {
    expect(merchantQrCodeRequestProblem({ ...MERCHANT, ...change } as MerchantQrCodeRequest)).toMatch(problem);
  });

  it('takes no ipn_url at all', () => {
    expect(merchantQrCodeRequestProblem({ ...MERCHANT, ipnUrl: undefined })).toBeUndefined();
  });
});

describe('staticqrcode', () => {
  const STATIC: StaticQrCodeRequest = {
    amount: 100,
    vendor: 'alipay',
    reference: '201705030002',
    qrcode: 'https://apitest.nihaopay.com/topayment/9b2487be23a3434b9eb62870fcb73680',
    callbackUrl: 'https://nihaopay.com',
    description: 'static QrCode',
  };

  it("sends the document's example, with callback_url spelled as its example spells it", () => {
    const form = staticQrCodeRequestForm(STATIC);
    expect([...form.keys()]).toEqual(['amount', 'vendor', 'qrcode', 'reference', 'callback_url', 'description']);
  });

  it.each([
    ['unionpay', { vendor: 'unionpay' }, /alipay or wechatpay/],
    ['no qrcode', { qrcode: '' }, /qrcode/],
    ['a reference of 31 characters', { reference: 'R'.repeat(31) }, /reference/],
    ['a bad callback_url', { callbackUrl: 'ftp://x' }, /callbackUrl/],
  ])('refuses %s', (_name, change, problem) => {
    expect(staticQrCodeRequestProblem({ ...STATIC, ...change } as StaticQrCodeRequest)).toMatch(problem);
  });

  it('needs no reference', () => {
    expect(staticQrCodeRequestProblem({ ...STATIC, reference: undefined })).toBeUndefined();
  });
});
