import { useTranslation } from 'react-i18next';
import { ONLINEPAY_ENVIRONMENTS } from '../../../shared/gateway/onlinepay/onlinePayProfile';
import type { OnlinePaySettingsChange } from '../../../shared/settings/onlinePaySettings';
import { ONLINEPAY_PAYMENT_MINUTES } from '../../../shared/settings/onlinePaySettings';
import type { SettingsView } from '../../../shared/settings/settingsView';

const CHOICES = ['auto', ...ONLINEPAY_ENVIRONMENTS] as const;

export interface OnlinePayDraft {
  environment: (typeof CHOICES)[number];
  customUrl: string;
  /** Write-only: empty keeps the stored key. */
  privateKey: string;
  paymentMinutes: string;
  notificationReceiverEnabled: boolean;
}

export const onlinePayDraftOf = (view: SettingsView['onlinePay']): OnlinePayDraft => ({
  environment: view.environmentChoice,
  customUrl: view.customUrl,
  privateKey: '',
  paymentMinutes: String(view.paymentMinutes),
  notificationReceiverEnabled: view.notificationReceiverEnabled,
});

/** Only what really changes (the environment and URL are guarded by the PIN); undefined when the minutes are not a whole number in range. */
export function onlinePayChangeOf(draft: OnlinePayDraft, view: SettingsView['onlinePay']): OnlinePaySettingsChange | undefined {
  const minutes = Number(draft.paymentMinutes);
  if (!/^\d+$/.test(draft.paymentMinutes.trim()) || minutes < ONLINEPAY_PAYMENT_MINUTES.min || minutes > ONLINEPAY_PAYMENT_MINUTES.max) return undefined;
  return {
    ...(draft.environment !== view.environmentChoice ? { environment: draft.environment } : {}),
    ...(draft.customUrl.trim() !== view.customUrl ? { customUrl: draft.customUrl.trim() } : {}),
    ...(minutes !== view.paymentMinutes ? { paymentMinutes: minutes } : {}),
    ...(draft.notificationReceiverEnabled !== view.notificationReceiverEnabled ? { notificationReceiverEnabled: draft.notificationReceiverEnabled } : {}),
  };
}

/** Settings → Card payments (OnlinePay): where its calls go, its private key, how long a card QR is shown. */
export function OnlinePayFieldset({ view, value, onChange }: { view: SettingsView['onlinePay']; value: OnlinePayDraft; onChange: (next: OnlinePayDraft) => void }) {
  const { t } = useTranslation();
  const set = <K extends keyof OnlinePayDraft>(key: K, next: OnlinePayDraft[K]) => onChange({ ...value, [key]: next });
  return (
    <fieldset data-testid="onlinepay-settings">
      <legend>{t('onlinePaySettings.legend')}</legend>
      <label htmlFor="onlinepay-environment">{t('onlinePaySettings.environment')}</label>
      <select id="onlinepay-environment" value={value.environment} onChange={(e) => set('environment', e.target.value as OnlinePayDraft['environment'])}>
        {CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`onlinePaySettings.environments.${choice}`)}
          </option>
        ))}
      </select>
      {value.environment === 'custom' && (
        <>
          <label htmlFor="onlinepay-url">{t('onlinePaySettings.customUrl')}</label>
          <input id="onlinepay-url" type="url" value={value.customUrl} onChange={(e) => set('customUrl', e.target.value)} />
        </>
      )}
      <label htmlFor="onlinepay-key">{t('onlinePaySettings.privateKey')}</label>
      <input id="onlinepay-key" type="password" autoComplete="off" value={value.privateKey} onChange={(e) => set('privateKey', e.target.value)} />
      <p className="field-hint">{view.hasPrivateKey ? t('onlinePaySettings.keySet') : t('onlinePaySettings.keyNotSet')}</p>
      <label htmlFor="onlinepay-minutes">{t('onlinePaySettings.paymentMinutes')}</label>
      <input id="onlinepay-minutes" inputMode="numeric" value={value.paymentMinutes} onChange={(e) => set('paymentMinutes', e.target.value)} />
      <label className="checkbox">
        <input type="checkbox" checked={value.notificationReceiverEnabled} onChange={(e) => set('notificationReceiverEnabled', e.target.checked)} />
        {t('onlinePaySettings.receiver')}
      </label>
      <p className="field-hint">{t('onlinePaySettings.receiverHint')}</p>
    </fieldset>
  );
}
