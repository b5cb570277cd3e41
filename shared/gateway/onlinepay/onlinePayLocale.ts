import type { Language } from '../../settings/settingsView';
import type { OnlinePayLocale } from './onlinePayApi';

/**
 * The payment page's language for one of ours. The text supports en, zh and jp "from
 * ISO 639-1" (jp is its own spelling of Japanese, kept as the gateway expects it).
 */
const LOCALE_OF: Readonly<Record<Language, OnlinePayLocale>> = { en: 'en', 'zh-CN': 'zh' };

export function onlinePayLocaleOf(language: Language): OnlinePayLocale {
  return LOCALE_OF[language];
}
