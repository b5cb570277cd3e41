/**
 * The languages Counterpay speaks, as BCP 47 tags (the `lang` attribute and Intl take them as
 * they are). zh-TW is Traditional Chinese as Taiwan and Hong Kong write it. The order is the
 * order F2 cycles through the ones a store enables, and the order the settings list them.
 */
export const LANGUAGES = ['en', 'zh-CN', 'ja', 'zh-TW'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a store speaks until the manager chooses: English and Simplified Chinese, as before the setting existed. */
export const CASHIER_LANGUAGES_DEFAULT: readonly Language[] = ['en', 'zh-CN'];

const isLanguage = (value: unknown): value is Language => (LANGUAGES as readonly unknown[]).includes(value);

/**
 * The cashier languages a store enabled, in LANGUAGES order, without repeats. A stored list
 * that is missing (a file written before the setting) or names no language we know gets the
 * default, so the cashier always has at least one language.
 */
export function cashierLanguagesOf(stored: readonly unknown[] | undefined): Language[] {
  const chosen = new Set((stored ?? []).filter(isLanguage));
  const ordered = LANGUAGES.filter((language) => chosen.has(language));
  return ordered.length > 0 ? ordered : [...CASHIER_LANGUAGES_DEFAULT];
}

/**
 * The language F2 switches to: the enabled one after the current, round to the first. A
 * current language the store no longer enables moves to the first enabled one.
 */
export function nextCashierLanguage(current: Language, enabled: readonly Language[]): Language {
  const list = enabled.length > 0 ? enabled : CASHIER_LANGUAGES_DEFAULT;
  const at = list.indexOf(current);
  return list[(at + 1) % list.length] ?? list[0]!;
}

/** The language the cashier window shows: the stored one while it is enabled, else the first enabled. */
export function cashierLanguageOf(stored: Language, enabled: readonly Language[]): Language {
  return enabled.includes(stored) ? stored : (enabled[0] ?? CASHIER_LANGUAGES_DEFAULT[0]!);
}

/**
 * The customer display's languages, primary first: one, or two side by side. A secondary
 * equal to the primary is no second language (the same text twice helps no one).
 */
export function displayLanguagesOf(primary: Language, secondary: Language | 'none'): Language[] {
  return secondary === 'none' || secondary === primary ? [primary] : [primary, secondary];
}
