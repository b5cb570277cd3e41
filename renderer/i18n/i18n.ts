import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zhCN';
import type { Language } from '../../shared/settings/settingsView';

/** One i18next instance per window; the language follows the settings snapshot. */
export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return i18next;
}

/** A fixed-language translator, for the customer display's side-by-side English and Chinese. */
export function translatorFor(language: Language) {
  return i18next.getFixedT(language);
}
