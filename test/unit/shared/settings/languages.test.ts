import { cashierLanguageOf, cashierLanguagesOf, displayLanguagesOf, nextCashierLanguage } from '../../../../shared/settings/languages';

describe('cashier and display languages', () => {
  it('defaults to English and Simplified Chinese, and keeps LANGUAGES order without repeats', () => {
    expect(cashierLanguagesOf(undefined)).toEqual(['en', 'zh-CN']);
    expect(cashierLanguagesOf([])).toEqual(['en', 'zh-CN']);
    expect(cashierLanguagesOf(['fr', 42])).toEqual(['en', 'zh-CN']);
    expect(cashierLanguagesOf(['zh-TW', 'ja', 'ja'])).toEqual(['ja', 'zh-TW']);
  });

  it('F2 goes round the enabled languages', () => {
    const enabled = cashierLanguagesOf(['en', 'ja', 'zh-TW', 'zh-CN']);
    const seen = ['en'];
    for (let i = 0; i < 4; i += 1) seen.push(nextCashierLanguage(seen.at(-1) as 'en', enabled));
    expect(seen).toEqual(['en', 'zh-CN', 'ja', 'zh-TW', 'en']);
    expect(nextCashierLanguage('en', ['en'])).toBe('en');
    // A language the store turned off moves on to one it enabled.
    expect(nextCashierLanguage('zh-CN', ['ja', 'zh-TW'])).toBe('ja');
    expect(cashierLanguageOf('zh-CN', ['ja', 'zh-TW'])).toBe('ja');
    expect(cashierLanguageOf('zh-TW', ['ja', 'zh-TW'])).toBe('zh-TW');
  });

  it('shows the display in one language or two, primary first', () => {
    expect(displayLanguagesOf('en', 'zh-CN')).toEqual(['en', 'zh-CN']);
    expect(displayLanguagesOf('ja', 'zh-CN')).toEqual(['ja', 'zh-CN']);
    expect(displayLanguagesOf('ja', 'none')).toEqual(['ja']);
    expect(displayLanguagesOf('ja', 'ja')).toEqual(['ja']);
  });
});
