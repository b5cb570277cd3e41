import { formatMoney } from '../../../shared/money/amount';
import type { CurrencyCode } from '../../../shared/money/currencies';
import type { Language } from '../../../shared/settings/settingsView';

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', 'zh-CN': 'zh-CN' };

export function localeOf(language: Language): string {
  return LOCALES[language];
}

export function money(amount: number, currency: CurrencyCode, language: Language): string {
  return formatMoney(amount, currency, localeOf(language));
}

export function dateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}
