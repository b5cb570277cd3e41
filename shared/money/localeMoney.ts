import type { Language } from '../settings/settingsView';
import { minorToDecimalString } from './amount';
import { currencyExponent, type CurrencyCode } from './currencies';

/** The Intl locale each language formats numbers and dates in. */
const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', 'zh-CN': 'zh-CN', ja: 'ja-JP', 'zh-TW': 'zh-TW' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

/**
 * The yen and the yuan share one sign, "¥", and Counterpay shows both: a JPY store's sale
 * beside its RMB equivalent on the customer display, and a CNY store beside a JPY one in
 * the same journal. Intl writes the bare sign for the locale's "own" currency — en-US and
 * zh-TW: JPY "¥1,234"; zh-CN: CNY "¥1,234.00"; ja-JP: JPY "￥1,234", CNY "元 1,234.00" (Node
 * 20 and Chromium alike) — so the same "¥1,234" means yen to one reader and yuan to another.
 * The customer display is read in two languages at once, and its customers are mostly
 * Chinese tourists: a bare "¥" in front of a yen amount would read as yuan.
 *
 * So, decided once here, per language (the README's "Languages" section says the same):
 *
 * | language | JPY        | CNY         | others        |
 * | en       | JP¥1,500   | CN¥15.00    | Intl's symbol |
 * | zh-CN    | JP¥1,500   | ¥15.00      | Intl's symbol |
 * | zh-TW    | JP¥1,500   | CN¥15.00    | Intl's symbol |
 * | ja       | 1,500円    | 15.00元     | Intl's symbol |
 *
 * A bare "¥" then only ever means yuan, in Simplified Chinese text; Japanese writes amounts
 * as a cashier and a price tag do, the number then 円 (and 元 for the yuan, the word Japanese
 * uses for it), so a Japanese line never carries a "¥" at all. In Taiwan and Hong Kong "元"
 * is the local dollar, so Traditional Chinese keeps the JP¥ / CN¥ prefixes. JPY has no
 * decimals in any language (its ISO 4217 exponent is 0).
 */
const YEN_SIGNS = new Set(['¥', '￥']);
const JAPANESE_SUFFIX: Partial<Record<CurrencyCode, string>> = { JPY: '円', CNY: '元' };

function unambiguousSymbol(currency: CurrencyCode, symbol: string, language: Language): string {
  if (currency === 'JPY' && YEN_SIGNS.has(symbol)) return 'JP¥';
  if (currency === 'CNY' && YEN_SIGNS.has(symbol) && language !== 'zh-CN') return 'CN¥';
  return symbol;
}

function formatter(currency: CurrencyCode, language: Language, style: 'currency' | 'decimal'): Intl.NumberFormat {
  const exponent = currencyExponent(currency);
  return new Intl.NumberFormat(localeOf(language), {
    style,
    ...(style === 'currency' ? { currency, currencyDisplay: 'symbol' as const } : {}),
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
}

/** For people only: minor units with the language's grouping and an unambiguous currency. */
export function money(amount: number, currency: CurrencyCode, language: Language): string {
  // Intl accepts the decimal string exactly (ES2023 "string as number"): no float touches the amount.
  const exact = minorToDecimalString(amount, currency) as unknown as number;
  const suffix = language === 'ja' ? JAPANESE_SUFFIX[currency] : undefined;
  if (suffix) return `${formatter(currency, language, 'decimal').format(exact)}${suffix}`;
  const parts = formatter(currency, language, 'currency').formatToParts(exact);
  return parts.map((part) => (part.type === 'currency' ? unambiguousSymbol(currency, part.value, language) : part.value)).join('');
}

export function dateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}
