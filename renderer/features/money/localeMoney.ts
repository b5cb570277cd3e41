import { minorToDecimalString } from '../../../shared/money/amount';
import { currencyExponent, type CurrencyCode } from '../../../shared/money/currencies';
import type { Language } from '../../../shared/settings/settingsView';

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', 'zh-CN': 'zh-CN' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

/**
 * The yen and the yuan share one sign, "¥", and Counterpay shows both: a JPY store's sale
 * beside its RMB equivalent on the customer display, and a CNY store beside a JPY one in
 * the same journal. Intl writes the bare sign for the locale's "own" currency — en-US: JPY
 * "¥1,234", CNY "CN¥1,234.00"; zh-CN: CNY "¥1,234.00", JPY "JP¥1,234" (Node 20 and
 * Chromium alike) — so the same "¥1,234" means yen to an English reader and yuan to a
 * Chinese one. The customer display is read in both languages at once, and its customers
 * are mostly Chinese tourists: a bare "¥" in front of a yen amount would read as yuan.
 *
 * So, decided once here: a yen amount always reads "JP¥" (in every language), and a yuan
 * amount "CN¥" except in Chinese, where "¥" is the yuan and only the yuan. A bare "¥" then
 * always means yuan, in Chinese text only. Everything else is Intl's own symbol.
 */
const YEN_SIGN = '¥';
function unambiguousSymbol(currency: CurrencyCode, symbol: string, language: Language): string {
  if (currency === 'JPY' && symbol === YEN_SIGN) return 'JP¥';
  if (currency === 'CNY' && symbol === YEN_SIGN && language !== 'zh-CN') return 'CN¥';
  return symbol;
}

/** For people only: minor units with the language's grouping and an unambiguous symbol. */
export function money(amount: number, currency: CurrencyCode, language: Language): string {
  const exponent = currencyExponent(currency);
  const formatter = new Intl.NumberFormat(localeOf(language), {
    style: 'currency',
    currency,
    currencyDisplay: 'symbol',
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl accepts the decimal string exactly (ES2023 "string as number"): no float touches the amount.
  const parts = formatter.formatToParts(minorToDecimalString(amount, currency) as unknown as number);
  return parts.map((part) => (part.type === 'currency' ? unambiguousSymbol(currency, part.value, language) : part.value)).join('');
}

export function dateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}
