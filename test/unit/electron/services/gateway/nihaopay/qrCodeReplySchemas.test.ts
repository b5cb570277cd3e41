import { readMerchantQrCodeReply, readShownQrCodeReply, readStaticQrCodeReply } from '../../../../../../electron/services/gateway/nihaopay/qrCodeReplySchemas';

/** The document's showqrcode response, verbatim. */
const DOCUMENT_SHOW_REPLY = {
  code_url: 'https://qr.alipay.com/bax02617gyevjsjqxgoz2038',
  id: '20170519093828105112',
  timeout: 120,
  currency: 'USD',
  amount: 100,
  reference: '20170427-137-0011',
  time: '2017-05-19T09:38:28Z',
};
const ASKED = { reference: '20170427-137-0011', currency: 'USD', amount: 100, timeoutMinutes: 120 };

describe('readShownQrCodeReply', () => {
  it("reads the document's showqrcode reply", () => {
    expect(readShownQrCodeReply(DOCUMENT_SHOW_REPLY, ASKED)).toEqual({
      ok: true,
      value: { id: '20170519093828105112', codeUrl: 'https://qr.alipay.com/bax02617gyevjsjqxgoz2038', amount: 100, currency: 'USD', reference: '20170427-137-0011', timeoutMinutes: 120, time: '2017-05-19T09:38:28Z' },
    });
  });

  it("reads the document's qrcode reply, a weixin:// code and all", () => {
    const reply = { id: '20160829075820003759', code_url: 'weixin://wxpay/bizpayurl?pr=1dVyJZF', timeout: 90, amount: 100, currency: 'USD', reference: 'jkh25jh1348fd89sg', time: '2017-05-19T09:38:28Z' };
    expect(readShownQrCodeReply(reply, { ...ASKED, reference: 'jkh25jh1348fd89sg' })).toMatchObject({ ok: true, value: { codeUrl: 'weixin://wxpay/bizpayurl?pr=1dVyJZF', timeoutMinutes: 90 } });
  });

  it('takes the timeout asked for when the reply leaves it out or garbles it', () => {
    expect(readShownQrCodeReply({ ...DOCUMENT_SHOW_REPLY, timeout: undefined }, { ...ASKED, timeoutMinutes: 5 })).toMatchObject({ value: { timeoutMinutes: 5 } });
    expect(readShownQrCodeReply({ ...DOCUMENT_SHOW_REPLY, timeout: 'soon' }, { ...ASKED, timeoutMinutes: 5 })).toMatchObject({ value: { timeoutMinutes: 5 } });
  });

  it.each([
    ['a code_url with a space', { code_url: 'https://qr.alipay.com/a b' }, /code_url/],
    ['an empty code_url', { code_url: '' }, /code_url/],
    ['no id', { id: undefined }, /id/],
    ['a string amount', { amount: '100' }, /amount/],
    ['another reference', { reference: 'OTHER' }, /another QR code: reference/],
    ['another amount', { amount: 101 }, /amount 101 where 100/],
    ['another currency', { currency: 'JPY' }, /currency "JPY"/],
  ])('refuses %s', (_name, change, problem) => {
    const reading = readShownQrCodeReply({ ...DOCUMENT_SHOW_REPLY, ...change }, ASKED);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });

  it('does not compare the settlement amount with an RMB price, but does compare rmb_amount', () => {
    const rmbAsked = { reference: ASKED.reference, currency: 'USD', rmbAmount: 10000, timeoutMinutes: 120 };
    expect(readShownQrCodeReply({ ...DOCUMENT_SHOW_REPLY, amount: 1441 }, rmbAsked)).toMatchObject({ ok: true, value: { amount: 1441 } });
    expect(readShownQrCodeReply({ ...DOCUMENT_SHOW_REPLY, amount: 1441, rmb_amount: 9999 }, rmbAsked).ok).toBe(false);
  });
});

describe('readMerchantQrCodeReply', () => {
  const DOCUMENT_MERCHANT_REPLY = {
    seller_name: 'NihaoPay',
    store_name: 'LA Branch',
    store_no: 'B001',
    qrcode_img_url: 'https://apitest.nihaopay.com/merqrcode/9b2487be23a3434b9eb62870fcb73680',
    qrcode: 'https://apitest.nihaopay.com/topayment/9b2487be23a3434b9eb62870fcb73680',
  };
  const asked = { storeNo: 'B001', sellerName: 'NihaoPay', storeName: 'LA Branch' };

  it("reads the document's reply", () => {
    expect(readMerchantQrCodeReply(DOCUMENT_MERCHANT_REPLY, asked)).toEqual({
      ok: true,
      value: { sellerName: 'NihaoPay', storeName: 'LA Branch', storeNo: 'B001', qrcode: DOCUMENT_MERCHANT_REPLY.qrcode, qrcodeImageUrl: DOCUMENT_MERCHANT_REPLY.qrcode_img_url },
    });
  });

  it('refuses a reply about another store, or without a qrcode', () => {
    expect(readMerchantQrCodeReply({ ...DOCUMENT_MERCHANT_REPLY, store_no: 'B002' }, asked).ok).toBe(false);
    expect(readMerchantQrCodeReply({ ...DOCUMENT_MERCHANT_REPLY, qrcode: null }, asked).ok).toBe(false);
  });
});

describe('readStaticQrCodeReply', () => {
  it("reads the document's reply and refuses anything but an http(s) redirect", () => {
    expect(readStaticQrCodeReply({ redirect_url: 'https://wxcode.nihaopay.com/wechatpay/openid?txnId=20180314095142025479' })).toEqual({
      ok: true,
      value: { redirectUrl: 'https://wxcode.nihaopay.com/wechatpay/openid?txnId=20180314095142025479' },
    });
    expect(readStaticQrCodeReply({ redirect_url: 'javascript:alert(1)' }).ok).toBe(false);
    expect(readStaticQrCodeReply({}).ok).toBe(false);
  });
});
