import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES } from '../../shared/i18n/catalogues';
import { LANGUAGES, type Language } from '../../shared/settings/languages';

/**
 * Settings → the cashier languages the store enables (F2 cycles through them). Each is
 * named in itself, so a cashier finds their own whatever the window speaks now. The last
 * ticked one cannot be unticked: the window must speak something.
 */
export function CashierLanguagesFieldset({ value, onChange }: { value: Language[]; onChange: (next: Language[]) => void }) {
  const { t } = useTranslation();
  const toggle = (language: Language, on: boolean) => onChange(LANGUAGES.filter((l) => (l === language ? on : value.includes(l))));
  return (
    <fieldset className="language-choice" data-testid="cashier-languages">
      <legend>{t('manager.cashierLanguages')}</legend>
      {LANGUAGES.map((language) => (
        <label key={language} className="checkbox" lang={language}>
          <input
            type="checkbox"
            checked={value.includes(language)}
            disabled={value.length === 1 && value.includes(language)}
            onChange={(e) => toggle(language, e.target.checked)}
          />{' '}
          {LANGUAGE_NAMES[language]}
        </label>
      ))}
      <p className="field-hint">{t('manager.cashierLanguagesHint')}</p>
    </fieldset>
  );
}
