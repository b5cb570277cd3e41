import { SAMPLE_PAYMENT_CODES, classifyPaymentCode, normalizeTypedPaymentCode } from '../../../../shared/payments/vendors';

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

describe('normalizeTypedPaymentCode', () => {
  it('takes a code typed in groups with spaces, or in full-width digits, as the wallet prints it', () => {
    expect(normalizeTypedPaymentCode('2884 6363 9882 1042 02')).toBe(SAMPLE_PAYMENT_CODES.alipay);
    expect(normalizeTypedPaymentCode('２８８４６３６３９８８２１０４２０２')).toBe(SAMPLE_PAYMENT_CODES.alipay);
    // The ideographic space of a CJK input method, a tab, a no-break space.
    expect(normalizeTypedPaymentCode('１３４５\u30006789\t0123\u00a0456789')).toBe(SAMPLE_PAYMENT_CODES.wechatpay);
    expect(classifyPaymentCode(normalizeTypedPaymentCode(' 6212 3456 7890 1234 567 '))).toEqual({ kind: 'wallet', vendor: 'unionpay', code: SAMPLE_PAYMENT_CODES.unionpay });
  });

  it('leaves what is still not a wallet’s shape to be refused as before', () => {
    expect(classifyPaymentCode(normalizeTypedPaymentCode('2884-6363-9882-1042-02'))).toEqual({ kind: 'refused', reason: 'CODE_NOT_DIGITS' });
    expect(classifyPaymentCode(normalizeTypedPaymentCode('ABCD 1234'))).toEqual({ kind: 'refused', reason: 'CODE_NOT_DIGITS' });
    expect(classifyPaymentCode(normalizeTypedPaymentCode('1234 5678'))).toEqual({ kind: 'refused', reason: 'CODE_UNKNOWN_SHAPE' });
    expect(classifyPaymentCode(normalizeTypedPaymentCode('   '))).toEqual({ kind: 'refused', reason: 'CODE_EMPTY' });
  });
});
