import { en } from '../../../../shared/i18n/en';
import { CATALOGUES, LANGUAGE_NAMES } from '../../../../shared/i18n/catalogues';
import { LANGUAGES } from '../../../../shared/settings/languages';
import { POS_ERROR_CODES } from '../../../../shared/errors/posErrors';

function leaves(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const placeholders = (s: string) => (s.match(/{{\s*\w+\s*}}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();
/** i18next's plural suffixes (Intl.PluralRules categories, and its own `_zero` for a count of 0). */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const OTHERS = LANGUAGES.filter((language) => language !== 'en');

describe('locales', () => {
  it('registers a catalogue and a name in itself for every language', () => {
    for (const language of LANGUAGES) {
      expect(CATALOGUES[language], language).toBeTruthy();
      expect(LANGUAGE_NAMES[language], language).toBeTruthy();
    }
  });

  it.each(OTHERS)('%s has every English key and no other', (language) => {
    expect(leaves(CATALOGUES[language]).map(([k]) => k).sort()).toEqual(leaves(en).map(([k]) => k).sort());
  });

  it.each(['ja', 'zh-TW'] as const)('%s keeps the English key order', (language) => {
    // A reviewer reads the catalogues side by side, and merges stay line for line.
    expect(leaves(CATALOGUES[language]).map(([k]) => k)).toEqual(leaves(en).map(([k]) => k));
  });

  it.each(OTHERS)('%s: no message is empty or left in English', (language) => {
    const english = new Map(leaves(en));
    for (const [key, text] of leaves(CATALOGUES[language])) {
      expect(text.trim(), key).not.toBe('');
      // Key names like "Enter"/"Esc" and the product name may stay as they are.
      if (!/Key$/.test(key) && text.length > 12) expect(text, key).not.toBe(english.get(key));
    }
  });

  it.each(OTHERS)('%s keeps every interpolation variable ({{name}}) of the English message, and adds none', (language) => {
    const other = new Map(leaves(CATALOGUES[language]));
    // A plural form may leave the count out ("Checked once"): i18next always passes it, so only the other variables must match.
    const of = (key: string, text: string) => placeholders(text).filter((p) => !(PLURAL.test(key) && p === '{{count}}'));
    for (const [key, text] of leaves(en)) expect(of(key, other.get(key) ?? ''), key).toEqual(of(key, text));
  });

  it.each(LANGUAGES)('%s has every plural form its language needs for each plural message', (language) => {
    const keys = new Set(leaves(CATALOGUES[language]).map(([k]) => k));
    const bases = new Set(leaves(en).map(([k]) => k).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    expect(bases.size).toBeGreaterThan(0);
    // The forms i18next looks up for this language (Intl.PluralRules), so a count never falls back to English.
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const base of bases) for (const category of categories) expect(keys.has(`${base}_${category}`), `${base}_${category}`).toBe(true);
  });

  it('has a cashier message for every error code', () => {
    for (const code of POS_ERROR_CODES) expect(en.errors[code], code).toBeTruthy();
  });

  it('writes Japanese and Traditional Chinese with the words their counters use', () => {
    const { ja, 'zh-TW': zhTW } = CATALOGUES;
    expect(ja.amount.charge).toBe('お会計');
    expect(ja.refund.title).toBe('返金');
    expect(ja.report.z).toContain('精算');
    expect(ja.report.x).toContain('点検');
    expect(ja.receipt.title).toBe('レシート');
    expect(zhTW.app.title).toContain('收銀');
    expect(zhTW.history.title).toBe('交易紀錄');
    expect(zhTW.receipt.title).toBe('收據');
    expect(zhTW.report.z).toContain('日結');
    expect(zhTW.scan.heading).toContain('掃描');
    // Traditional, not Simplified, characters.
    for (const [key, text] of leaves(zhTW)) expect(text, key).not.toMatch(/[这个们说为时对发码钱银扫]/);
  });
});
