import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { PosErrorData } from '../../shared/errors/posErrors';
import { GATEWAY_ENVIRONMENTS } from '../../shared/gateway/nihaopay/nihaopayTypes';
import { minorToDecimalString, parseAmountInput } from '../../shared/money/amount';
import { IN_STORE_CURRENCIES, type InStoreCurrency } from '../../shared/money/currencies';
import type { ScannerSettings } from '../../shared/scanner/scanTypes';
import type { SettingsChange } from '../../shared/settings/settingsView';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';
import { ScannerPanel } from './ScannerPanel';
import { ReceiptSettingsFieldset, receiptSettingsOf } from '../features/receipts/ReceiptSettingsFieldset';
import { DisplaySettingsFieldset, displayDraftOf, displaySettingsFromDraft } from '../features/showQr/DisplaySettingsFieldset';

const ENVIRONMENT_CHOICES = ['auto', ...GATEWAY_ENVIRONMENTS] as const;

/**
 * The merchant's settings on one screen, used by Settings and by the first-run setup.
 * The token and PIN are write-only: the form never shows what is stored.
 */
export function SettingsForm({ snapshot, pin, setup, onSaved }: { snapshot: AppSnapshot; pin?: string; setup?: boolean; onSaved?: () => void }) {
  const { t } = useTranslation();
  const api = getApi();
  const s = snapshot.settings;
  const [environmentChoice, setEnvironmentChoice] = useState(s.environmentChoice);
  const [customUrl, setCustomUrl] = useState(s.gatewayCustomUrl);
  const [token, setToken] = useState('');
  const [storeName, setStoreName] = useState(s.storeName);
  const [terminalName, setTerminalName] = useState(s.terminalName);
  const [currency, setCurrency] = useState<InStoreCurrency>(s.currency);
  const [maxAmount, setMaxAmount] = useState(minorToDecimalString(s.maxAmount, s.currency));
  const [deadline, setDeadline] = useState(String(s.pendingDeadlineSeconds));
  const [scanner, setScanner] = useState<ScannerSettings>(s.scanner);
  const [newPin, setNewPin] = useState('');
  const [receipts, setReceipts] = useState(receiptSettingsOf(s));
  const [display, setDisplay] = useState(displayDraftOf(s.display));
  const [message, setMessage] = useState<{ error?: PosErrorData; text?: string }>();

  const save = async (event: FormEvent, finishSetup = false) => {
    event.preventDefault();
    const amount = parseAmountInput(maxAmount, currency, Number.MAX_SAFE_INTEGER);
    if (!amount.ok) return setMessage({ error: { code: 'SETTINGS_INVALID', params: { field: t('manager.maxAmount', { currency }) } } });
    const displaySettings = displaySettingsFromDraft(display);
    if (!displaySettings.ok) return setMessage({ error: { code: 'SETTINGS_INVALID', params: { field: t(`displaySettings.${displaySettings.field}`) } } });
    const change: SettingsChange = {
      environmentChoice,
      gatewayCustomUrl: customUrl.trim(),
      storeName,
      terminalName,
      currency,
      maxAmount: amount.amount,
      pendingDeadlineSeconds: Number(deadline),
      ...receipts,
      merchantName: receipts.merchantName.trim() || s.merchantName,
      scanner,
      display: displaySettings.value,
      ...(finishSetup ? { setupComplete: true } : {}),
    };
    // The token first: choosing Production without one would otherwise show a problem for a moment.
    if (token.trim() !== '') {
      const stored = await api.setMerchantToken({ ...(pin ? { pin } : {}), token: token.trim() });
      if (!stored.ok) return setMessage({ error: stored.error });
      setToken('');
    }
    const result = await api.updateSettings({ ...(pin ? { pin } : {}), change });
    if (!result.ok) return setMessage({ error: result.error });
    // The PIN last: once it exists, every change above would have needed it.
    if (newPin !== '' && !s.hasManagerPin) {
      const pinSet = await api.setManagerPin({ newPin });
      if (!pinSet.ok) return setMessage({ error: pinSet.error });
      setNewPin('');
    }
    setMessage({ text: t('manager.saved') });
    onSaved?.();
  };

  return (
    <form className="settings-form" onSubmit={(e) => void save(e, setup)} noValidate>
      <fieldset>
        <legend>{t('manager.gateway')}</legend>
        <label htmlFor="environment">{t('manager.environment')}</label>
        <select id="environment" value={environmentChoice} onChange={(e) => setEnvironmentChoice(e.target.value as typeof environmentChoice)}>
          {ENVIRONMENT_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`manager.environments.${choice}`)}
            </option>
          ))}
        </select>
        {environmentChoice === 'custom' && (
          <>
            <label htmlFor="custom-url">{t('manager.customUrl')}</label>
            <input id="custom-url" type="url" value={customUrl} onChange={(e) => setCustomUrl(e.target.value)} />
          </>
        )}
        <label htmlFor="merchant-token">{t('manager.token')}</label>
        <input id="merchant-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        <p className="field-hint">{s.hasMerchantToken ? t('manager.tokenSet') : t('manager.tokenNotSet')}</p>
      </fieldset>

      <fieldset>
        <legend>{t('manager.store')}</legend>
        <label htmlFor="store-name">{t('manager.storeName')}</label>
        <input id="store-name" value={storeName} onChange={(e) => setStoreName(e.target.value)} />
        <label htmlFor="terminal-name">{t('manager.terminalName')}</label>
        <input id="terminal-name" value={terminalName} onChange={(e) => setTerminalName(e.target.value)} />
      </fieldset>

      <fieldset>
        <legend>{t('manager.sales')}</legend>
        <label htmlFor="currency">{t('manager.currency')}</label>
        <select id="currency" value={currency} onChange={(e) => setCurrency(e.target.value as InStoreCurrency)}>
          {IN_STORE_CURRENCIES.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </select>
        <label htmlFor="max-amount">{t('manager.maxAmount', { currency })}</label>
        <input id="max-amount" inputMode="decimal" value={maxAmount} onChange={(e) => setMaxAmount(e.target.value)} />
        <label htmlFor="pending-deadline">{t('manager.pendingDeadline')}</label>
        <input id="pending-deadline" inputMode="numeric" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </fieldset>

      <ScannerPanel snapshot={snapshot} scanner={scanner} onChange={setScanner} />

      {!s.hasManagerPin && (
        <fieldset>
          <legend>{t('manager.pin')}</legend>
          <label htmlFor="new-pin">{t('manager.newPin')}</label>
          <input id="new-pin" type="password" inputMode="numeric" autoComplete="off" value={newPin} onChange={(e) => setNewPin(e.target.value)} />
          <p className="field-hint">{t('manager.pinHint')}</p>
        </fieldset>
      )}

      <ReceiptSettingsFieldset value={receipts} onChange={setReceipts} />

      {!setup && <DisplaySettingsFieldset value={display} onChange={setDisplay} />}

      <p className={message?.error ? 'error-text' : 'ok-text'} role="status">
        {message?.error ? errorText(t, message.error) : (message?.text ?? ' ')}
      </p>
      <div className="actions">
        {setup && (
          <button
            type="button"
            className="button button-secondary button-large"
            onClick={() => void api.updateSettings({ change: { setupComplete: true } }).then(() => onSaved?.())}
          >
            {t('setup.startTraining')}
          </button>
        )}
        <button type="submit" className="button button-primary button-large">
          {setup ? t('setup.saveAndStart') : t('manager.save')}
        </button>
      </div>
    </form>
  );
}
