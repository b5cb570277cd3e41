import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES } from '../../shared/i18n/catalogues';
import { LANGUAGES, type Language } from '../../shared/settings/settingsView';

/** One i18next instance per window; the language follows the settings snapshot. */
export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: CATALOGUES[lng] }])),
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  return i18next;
}

/** A fixed-language translator, for the customer display's two languages side by side. */
export function translatorFor(language: Language) {
  return i18next.getFixedT(language);
}
