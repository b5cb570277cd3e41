import { en } from '../../../../shared/i18n/en';
import { zhCN } from '../../../../shared/i18n/zhCN';
import { POS_ERROR_CODES } from '../../../../shared/errors/posErrors';

function leaves(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('locales', () => {
  it('Chinese has every English key and no other', () => {
    expect(leaves(zhCN).map(([k]) => k).sort()).toEqual(leaves(en).map(([k]) => k).sort());
  });
  it('no message is empty, and Chinese messages are not left in English', () => {
    const english = new Map(leaves(en));
    for (const [key, text] of leaves(zhCN)) {
      expect(text.trim(), key).not.toBe('');
      // Key names like "Enter"/"Esc" and the product name may stay as they are.
      if (!/Key$/.test(key) && text.length > 12) expect(text, key).not.toBe(english.get(key));
    }
  });
  it('keeps interpolation placeholders in both languages', () => {
    const zh = new Map(leaves(zhCN));
    for (const [key, text] of leaves(en)) {
      const placeholders = (s: string) => (s.match(/{{\w+}}/g) ?? []).sort();
      expect(placeholders(zh.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });
  it('has a cashier message for every error code', () => {
    for (const code of POS_ERROR_CODES) expect(en.errors[code], code).toBeTruthy();
  });
});
