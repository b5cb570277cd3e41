import { useTranslation } from 'react-i18next';
import { VENDORS, type Vendor } from '../../../shared/payments/vendors';
import type { DisplaySettings } from '../../../shared/settings/displaySettings';
import { LANGUAGE_NAMES } from '../../../shared/i18n/catalogues';
import { LANGUAGES, type Language } from '../../../shared/settings/languages';

/** The form's copy of the display settings: numbers as typed, checked on save. */
export type DisplaySettingsDraft = Omit<DisplaySettings, 'showQrTimeoutMinutes' | 'ipnReceiverPort' | 'lanDisplayPort'> & {
  showQrTimeoutMinutes: string;
  ipnReceiverPort: string;
  lanDisplayPort: string;
};

export const displayDraftOf = (s: DisplaySettings): DisplaySettingsDraft => ({
  showQrVendor: s.showQrVendor,
  showQrTimeoutMinutes: String(s.showQrTimeoutMinutes),
  ipnReceiverEnabled: s.ipnReceiverEnabled,
  ipnReceiverPort: String(s.ipnReceiverPort),
  ipnPublicUrl: s.ipnPublicUrl,
  showRmbEquivalent: s.showRmbEquivalent,
  storeQrEnabled: s.storeQrEnabled,
  sellerName: s.sellerName,
  storeNumber: s.storeNumber,
  lanDisplayEnabled: s.lanDisplayEnabled,
  lanDisplayPort: String(s.lanDisplayPort),
  primaryLanguage: s.primaryLanguage,
  secondaryLanguage: s.secondaryLanguage,
});

const wholeNumber = (text: string, min: number, max: number): number | undefined => {
  if (!/^\d{1,5}$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
};

/** The draft as settings, or the name of the first field that is out of range. */
export function displaySettingsFromDraft(draft: DisplaySettingsDraft): { ok: true; value: DisplaySettings } | { ok: false; field: 'showQrTimeout' | 'ipnReceiverPort' | 'lanDisplayPort' } {
  const timeout = wholeNumber(draft.showQrTimeoutMinutes, 1, 1440);
  if (timeout === undefined) return { ok: false, field: 'showQrTimeout' };
  const ipnPort = wholeNumber(draft.ipnReceiverPort, 1024, 65535);
  if (ipnPort === undefined) return { ok: false, field: 'ipnReceiverPort' };
  const lanPort = wholeNumber(draft.lanDisplayPort, 1024, 65535);
  if (lanPort === undefined) return { ok: false, field: 'lanDisplayPort' };
  return {
    ok: true,
    value: {
      ...draft,
      ipnPublicUrl: draft.ipnPublicUrl.trim(),
      sellerName: draft.sellerName.trim(),
      storeNumber: draft.storeNumber.trim(),
      showQrTimeoutMinutes: timeout,
      ipnReceiverPort: ipnPort,
      lanDisplayPort: lanPort,
    },
  };
}

/** Settings → Customer display and QR payments. */
export function DisplaySettingsFieldset({ value, onChange }: { value: DisplaySettingsDraft; onChange: (next: DisplaySettingsDraft) => void }) {
  const { t } = useTranslation();
  const set = <K extends keyof DisplaySettingsDraft>(key: K, next: DisplaySettingsDraft[K]) => onChange({ ...value, [key]: next });
  return (
    <fieldset>
      <legend>{t('displaySettings.legend')}</legend>
      <label htmlFor="display-primary-language">{t('displaySettings.primaryLanguage')}</label>
      <select id="display-primary-language" value={value.primaryLanguage} onChange={(e) => set('primaryLanguage', e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      <label htmlFor="display-secondary-language">{t('displaySettings.secondaryLanguage')}</label>
      <select id="display-secondary-language" value={value.secondaryLanguage} onChange={(e) => set('secondaryLanguage', e.target.value as Language | 'none')}>
        <option value="none">{t('displaySettings.noSecondLanguage')}</option>
        {LANGUAGES.filter((language) => language !== value.primaryLanguage).map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      <p className="field-hint">{t('displaySettings.languagesHint')}</p>
      <label htmlFor="show-qr-vendor">{t('displaySettings.showQrVendor')}</label>
      <select id="show-qr-vendor" value={value.showQrVendor} onChange={(e) => set('showQrVendor', e.target.value as Vendor)}>
        {VENDORS.map((vendor) => (
          <option key={vendor} value={vendor}>
            {t(`vendor.${vendor}`)}
          </option>
        ))}
      </select>
      <label htmlFor="show-qr-timeout">{t('displaySettings.showQrTimeout')}</label>
      <input id="show-qr-timeout" inputMode="numeric" value={value.showQrTimeoutMinutes} onChange={(e) => set('showQrTimeoutMinutes', e.target.value)} />
      <label htmlFor="ipn-public-url">{t('displaySettings.ipnPublicUrl')}</label>
      <input id="ipn-public-url" type="url" placeholder="https://" value={value.ipnPublicUrl} onChange={(e) => set('ipnPublicUrl', e.target.value)} />
      <p className="field-hint">{t('displaySettings.ipnPublicUrlHint')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={value.ipnReceiverEnabled} onChange={(e) => set('ipnReceiverEnabled', e.target.checked)} /> {t('displaySettings.ipnReceiver')}
      </label>
      {value.ipnReceiverEnabled && (
        <>
          <label htmlFor="ipn-receiver-port">{t('displaySettings.ipnReceiverPort')}</label>
          <input id="ipn-receiver-port" inputMode="numeric" value={value.ipnReceiverPort} onChange={(e) => set('ipnReceiverPort', e.target.value)} />
        </>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={value.showRmbEquivalent} onChange={(e) => set('showRmbEquivalent', e.target.checked)} /> {t('displaySettings.showRmb')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={value.storeQrEnabled} onChange={(e) => set('storeQrEnabled', e.target.checked)} /> {t('displaySettings.storeQrEnabled')}
      </label>
      <label htmlFor="seller-name">{t('displaySettings.sellerName')}</label>
      <input id="seller-name" value={value.sellerName} onChange={(e) => set('sellerName', e.target.value)} />
      <label htmlFor="store-number">{t('displaySettings.storeNumber')}</label>
      <input id="store-number" value={value.storeNumber} onChange={(e) => set('storeNumber', e.target.value)} />
      <label className="checkbox">
        <input type="checkbox" checked={value.lanDisplayEnabled} onChange={(e) => set('lanDisplayEnabled', e.target.checked)} /> {t('displaySettings.lanDisplay')}
      </label>
      {value.lanDisplayEnabled && (
        <>
          <label htmlFor="lan-display-port">{t('displaySettings.lanDisplayPort')}</label>
          <input id="lan-display-port" inputMode="numeric" value={value.lanDisplayPort} onChange={(e) => set('lanDisplayPort', e.target.value)} />
        </>
      )}
      <p className="field-hint">{t('displaySettings.lanDisplayHint')}</p>
    </fieldset>
  );
}
