import { money } from '../../../../../renderer/features/money/localeMoney';

describe('money for people', () => {
  it('formats with the language’s grouping and symbol', () => {
    expect(money(123456, 'USD', 'en')).toBe('$1,234.56');
    expect(money(1234, 'USD', 'zh-CN')).toBe('US$12.34');
    expect(money(123456, 'EUR', 'en')).toBe('€1,234.56');
  });

  it('never lets yen and yuan read alike: yen is JP¥ everywhere, yuan CN¥ except in Chinese', () => {
    expect(money(1500, 'JPY', 'en')).toBe('JP¥1,500');
    expect(money(1500, 'JPY', 'zh-CN')).toBe('JP¥1,500');
    expect(money(150000, 'CNY', 'en')).toBe('CN¥1,500.00');
    expect(money(150000, 'CNY', 'zh-CN')).toBe('¥1,500.00');
    // In each language, and across the two (the customer display shows both), they differ.
    for (const language of ['en', 'zh-CN'] as const) {
      expect(money(1500, 'JPY', language).replace(/[\d.,]/g, '')).not.toBe(money(150000, 'CNY', language).replace(/[\d.,]/g, ''));
    }
    expect(money(1500, 'JPY', 'en').startsWith('¥')).toBe(false);
    expect(money(150000, 'CNY', 'en').startsWith('¥')).toBe(false);
  });

  it('keeps the amount exact (no float arithmetic)', () => {
    expect(money(900719925474099, 'USD', 'en')).toBe('$9,007,199,254,740.99');
    expect(money(5, 'CNY', 'zh-CN')).toBe('¥0.05');
  });
});
