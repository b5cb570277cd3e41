import { formatRate, fromRmbFen, rateMicros, toRmbFen } from '../../../../../electron/sandbox/nihaopay/sandboxExchangeRates';

describe('the sandbox exchange rates', () => {
  it("use the document's USD example and write rates with six decimals", () => {
    expect(formatRate(rateMicros('USD', 'unionpay'))).toBe('6.948700');
    expect(formatRate(rateMicros('USD', 'alipay'))).toBe('6.921791');
    expect(formatRate(rateMicros('JPY', 'wechatpay'))).toBe('0.048112');
  });

  it('convert minor units to fen exactly, rounding half up', () => {
    // 12.34 USD × 6.921791 = 85.4149 CNY
    expect(toRmbFen(1234, 'USD', 'alipay')).toBe(8541);
    // ¥1000 × 0.048105 = 48.105 CNY → 48.11 (half up)
    expect(toRmbFen(1000, 'JPY', 'alipay')).toBe(4811);
  });

  it('convert fen back to minor units of the settlement currency', () => {
    // ¥100.00 at 6.921911 = 14.4469 USD → 14.45
    expect(fromRmbFen(10000, 'USD', 'wechatpay')).toBe(1445);
    expect(fromRmbFen(10000, 'JPY', 'wechatpay')).toBe(2078);
    expect(fromRmbFen(1, 'USD', 'wechatpay')).toBe(0);
  });
});
