import { SAMPLE_PAYMENT_CODES, classifyPaymentCode } from '../../../../shared/payments/vendors';

describe('classifyPaymentCode', () => {
  it.each([
    ['288463639882104202', 'alipay'], // 18 digits, 28 prefix (the document's example)
    ['2500000000000000', 'alipay'], // 16 digits, lowest prefix
    ['300000000000000000000000', 'alipay'], // 24 digits, highest prefix
    ['134567890123456789', 'wechatpay'],
    ['100000000000000000', 'wechatpay'],
    ['150000000000000000', 'wechatpay'],
    ['6212345678901234567', 'unionpay'],
  ] as const)('%s is %s', (code, vendor) => {
    expect(classifyPaymentCode(code)).toEqual({ kind: 'wallet', vendor, code });
  });

  it.each([
    ['', 'CODE_EMPTY'],
    ['28846363988210420A', 'CODE_NOT_DIGITS'],
    ['2884 6363 9882 1042', 'CODE_NOT_DIGITS'],
    [' 288463639882104202', 'CODE_NOT_DIGITS'],
    ['https://qr.alipay.com/x', 'CODE_NOT_DIGITS'],
    ['250000000000000', 'CODE_UNKNOWN_SHAPE'], // 15 digits: too short for Alipay
    ['3000000000000000000000000', 'CODE_UNKNOWN_SHAPE'], // 25 digits
    ['310000000000000000', 'CODE_UNKNOWN_SHAPE'], // prefix 31
    ['16000000000000000', 'CODE_UNKNOWN_SHAPE'], // 17 digits, WeChat needs 18
    ['160000000000000000', 'CODE_UNKNOWN_SHAPE'], // prefix 16
    ['621234567890123456', 'CODE_UNKNOWN_SHAPE'], // 18 digits, UnionPay needs 19
    ['4006381333931', 'CODE_UNKNOWN_SHAPE'], // an EAN-13 product barcode
  ] as const)('%j is refused (%s)', (code, reason) => {
    expect(classifyPaymentCode(code)).toEqual({ kind: 'refused', reason });
  });

  it('classifies each sample code as its own vendor', () => {
    for (const [vendor, code] of Object.entries(SAMPLE_PAYMENT_CODES)) {
      expect(classifyPaymentCode(code)).toMatchObject({ kind: 'wallet', vendor });
    }
  });
});
