import type { Language } from '../../settings/settingsView';
import type { OnlinePayLocale } from './onlinePayApi';

/**
 * The payment page's language for one of ours. The text supports en, zh and jp "from
 * ISO 639-1" (jp is its own spelling of Japanese, kept as the gateway expects it). Its zh
 * is the only Chinese it has, so Traditional Chinese gets zh too: closer to the customer
 * than English.
 */
const LOCALE_OF: Readonly<Record<Language, OnlinePayLocale>> = { en: 'en', 'zh-CN': 'zh', ja: 'jp', 'zh-TW': 'zh' };

export function onlinePayLocaleOf(language: Language): OnlinePayLocale {
  return LOCALE_OF[language];
}
