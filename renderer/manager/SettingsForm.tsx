import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { PosErrorData } from '../../shared/errors/posErrors';
import { GATEWAY_ENVIRONMENTS } from '../../shared/gateway/nihaopay/nihaopayTypes';
import { minorToDecimalString, parseAmountInput, rescaleMinorUnits } from '../../shared/money/amount';
import type { StoreCurrency } from '../../shared/money/currencies';
import type { GatewayName } from '../../shared/gateway/paymentGateway';
import { storeGatewaysProblem } from '../../shared/gateway/availableMethods';
import { StoreGatewaysFieldset } from '../features/gateways/StoreGatewaysFieldset';
import { gatewayChoiceOf } from '../../shared/settings/storeGateways';
import type { ScannerSettings } from '../../shared/scanner/scanTypes';
import type { SettingsChange } from '../../shared/settings/settingsView';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';
import { NewPinFields } from './NewPinFields';
import { pinEntryProblem } from './pinEntry';
import { ScannerPanel } from './ScannerPanel';
import { OnlinePayFieldset, onlinePayChangeOf, onlinePayDraftOf } from '../features/onlinePay/OnlinePayFieldset';
import { ReceiptSettingsFieldset, receiptSettingsOf } from '../features/receipts/ReceiptSettingsFieldset';
import { CashierLanguagesFieldset } from './CashierLanguagesFieldset';
import { LANGUAGES, type Language } from '../../shared/settings/languages';
import { DisplaySettingsFieldset, displayDraftOf, displaySettingsFromDraft } from '../features/showQr/DisplaySettingsFieldset';

const ENVIRONMENT_CHOICES = ['auto', ...GATEWAY_ENVIRONMENTS] as const;

/**
 * The merchant's settings on one screen, used by Settings and by the first-run setup.
 * The token and PIN are write-only: the form never shows what is stored.
 *
 * First run asks for the manager PIN here, and sets it before anything else: a merchant
 * token or a real gateway is refused by main without one. A PIN typed here is kept whichever
 * button ends the setup. In Settings the PIN has its own form (PinChangeForm).
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
  const [currency, setCurrency] = useState<StoreCurrency>(s.currency);
  const [maxAmount, setMaxAmount] = useState(minorToDecimalString(s.maxAmount, s.currency));
  const [gateways, setGateways] = useState<GatewayName[]>(s.gateways);
  const [gatewaysError, setGatewaysError] = useState<PosErrorData>();
  /** A new currency keeps the largest sale's figure in the new minor unit (5000.00 USD → 5000 JPY). */
  const changeCurrency = (next: StoreCurrency) => {
    const parsed = parseAmountInput(maxAmount, currency, Number.MAX_SAFE_INTEGER);
    if (parsed.ok) setMaxAmount(minorToDecimalString(rescaleMinorUnits(parsed.amount, currency, next), next));
    setCurrency(next);
    setGatewaysError(undefined);
  };
  const changeGateways = (next: GatewayName[]) => {
    setGateways(next);
    setGatewaysError(undefined);
  };
  const [deadline, setDeadline] = useState(String(s.pendingDeadlineSeconds));
  const [scanner, setScanner] = useState<ScannerSettings>(s.scanner);
  const [newPin, setNewPin] = useState('');
  const [confirmPin, setConfirmPin] = useState('');
  /** Setup only: the PIN set by this form (it stays set if a later step fails), or typed as the current one. */
  const [setupPin, setSetupPin] = useState<string>();
  const [currentSetupPin, setCurrentSetupPin] = useState('');
  const [pinError, setPinError] = useState<string>();
  const pinField = useRef<HTMLInputElement>(null);
  const [receipts, setReceipts] = useState(receiptSettingsOf(s));
  const [display, setDisplay] = useState(displayDraftOf(s.display));
  const [cashierLanguages, setCashierLanguages] = useState(s.cashierLanguages);
  const [message, setMessage] = useState<{ error?: PosErrorData; text?: string }>();
  const [onlinePay, setOnlinePay] = useState(onlinePayDraftOf(s.onlinePay));

  const showPinError = (text: string) => {
    setPinError(text);
    pinField.current?.focus();
  };

  /**
   * Setup: the PIN to send with the calls that follow — set now from the two fields when
   * typed — or false when the PIN is what stops the form (its error is then next to it).
   * `needed`: a token or a gateway change is about to be saved, which main refuses without one.
   */
  const setupPinFor = async (needed: boolean): Promise<string | undefined | false> => {
    setPinError(undefined);
    if (setupPin !== undefined) return setupPin;
    if (s.hasManagerPin) return currentSetupPin === '' ? undefined : currentSetupPin;
    if (newPin === '' && confirmPin === '') {
      if (!needed) return undefined;
      showPinError(t('errors.PIN_NOT_SET'));
      return false;
    }
    const problem = pinEntryProblem(newPin, confirmPin);
    if (problem) {
      showPinError(t(problem));
      return false;
    }
    const result = await api.setManagerPin({ newPin });
    if (!result.ok) {
      showPinError(errorText(t, result.error));
      return false;
    }
    setSetupPin(newPin);
    setNewPin('');
    setConfirmPin('');
    return newPin;
  };

  const startTraining = async () => {
    setMessage(undefined);
    const usePin = await setupPinFor(false);
    if (usePin === false) return;
    const result = await api.updateSettings({ ...(usePin ? { pin: usePin } : {}), change: { setupComplete: true } });
    if (!result.ok) return setMessage({ error: result.error });
    onSaved?.();
  };

  /**
   * A field that fails is marked where it is (aria-invalid, the red border) and brought
   * into view with the cursor in it, not only named at the foot of a long form. The mark
   * goes as soon as that field is edited.
   */
  const failAt = (fieldId: string, error: PosErrorData) => {
    setMessage({ error });
    const field = document.getElementById(fieldId);
    if (!field) return;
    field.setAttribute('aria-invalid', 'true');
    field.addEventListener('input', () => field.removeAttribute('aria-invalid'), { once: true });
    field.addEventListener('change', () => field.removeAttribute('aria-invalid'), { once: true });
    field.scrollIntoView({ block: 'center' });
    field.focus({ preventScroll: true });
  };

  const save = async (event: FormEvent, finishSetup = false) => {
    event.preventDefault();
    setMessage(undefined);
    setGatewaysError(undefined);
    const storeProblem = storeGatewaysProblem(currency, gateways);
    if (storeProblem) {
      setGatewaysError(storeProblem);
      return setMessage({ error: storeProblem });
    }
    const gatewaysChanged = gateways.join(',') !== s.gateways.join(',');
    const amount = parseAmountInput(maxAmount, currency, Number.MAX_SAFE_INTEGER);
    if (!amount.ok) return failAt('max-amount', { code: 'SETTINGS_INVALID', params: { field: t('manager.maxAmount', { currency }) } });
    const displaySettings = displaySettingsFromDraft(display);
    if (!displaySettings.ok) {
      const ids = { showQrTimeout: 'show-qr-timeout', ipnReceiverPort: 'ipn-receiver-port', lanDisplayPort: 'lan-display-port' } as const;
      return failAt(ids[displaySettings.field], { code: 'SETTINGS_INVALID', params: { field: t(`displaySettings.${displaySettings.field}`) } });
    }
    const onlinePayChange = onlinePayChangeOf(onlinePay, s.onlinePay);
    if (!onlinePayChange) return failAt('onlinepay-minutes', { code: 'SETTINGS_INVALID', params: { field: t('onlinePaySettings.paymentMinutes') } });
    const onlinePayKey = onlinePay.privateKey.trim();
    // Only what really changes of the gateway: main guards those with the PIN, always.
    const gateway: SettingsChange = {
      ...(environmentChoice !== s.environmentChoice ? { environmentChoice } : {}),
      ...(customUrl.trim() !== s.gatewayCustomUrl ? { gatewayCustomUrl: customUrl.trim() } : {}),
      ...(gatewaysChanged ? { gateways: gatewayChoiceOf(gateways) } : {}),
    };
    const change: SettingsChange = {
      ...gateway,
      storeName,
      terminalName,
      currency,
      maxAmount: amount.amount,
      pendingDeadlineSeconds: Number(deadline),
      ...receipts,
      merchantName: receipts.merchantName.trim() || s.merchantName,
      scanner,
      display: displaySettings.value,
      cashierLanguages: Object.fromEntries(LANGUAGES.map((language) => [language, cashierLanguages.includes(language)])) as Record<Language, boolean>,
      ...(Object.keys(onlinePayChange).length > 0 ? { onlinePay: onlinePayChange } : {}),
      ...(finishSetup ? { setupComplete: true } : {}),
    };
    let usePin = pin;
    if (setup) {
      const fromSetup = await setupPinFor(token.trim() !== '' || onlinePayKey !== '' || Object.keys(gateway).length > 0 || onlinePayChange.environment !== undefined || onlinePayChange.customUrl !== undefined);
      if (fromSetup === false) return;
      usePin = fromSetup;
    }
    // The token next: choosing Production without one would otherwise show a problem for a moment.
    if (token.trim() !== '') {
      const stored = await api.setMerchantToken({ ...(usePin ? { pin: usePin } : {}), token: token.trim() });
      if (!stored.ok) return setMessage({ error: stored.error });
      setToken('');
    }
    if (onlinePayKey !== '') {
      const stored = await api.setOnlinePayKey({ ...(usePin ? { pin: usePin } : {}), key: onlinePayKey });
      if (!stored.ok) return setMessage({ error: stored.error });
      setOnlinePay((draft) => ({ ...draft, privateKey: '' }));
    }
    const result = await api.updateSettings({ ...(usePin ? { pin: usePin } : {}), change });
    if (!result.ok) {
      if (result.error.code === 'NO_GATEWAY_ENABLED' || result.error.code === 'NO_GATEWAY_FOR_CURRENCY') setGatewaysError(result.error);
      return setMessage({ error: result.error });
    }
    setMessage({ text: t('manager.saved') });
    onSaved?.();
  };

  return (
    <form className="settings-form" onSubmit={(e) => void save(e, setup)} noValidate>
      {setup && (
        <fieldset data-testid="setup-pin">
          <legend>{t('manager.pin')}</legend>
          {setupPin !== undefined ? (
            <p className="ok-text">{t('manager.pinSet')}</p>
          ) : s.hasManagerPin ? (
            <>
              <label htmlFor="setup-current-pin">{t('manager.currentPin')}</label>
              <input ref={pinField} id="setup-current-pin" type="password" inputMode="numeric" autoComplete="current-password" maxLength={12} value={currentSetupPin} onChange={(e) => setCurrentSetupPin(e.target.value)} />
              <p className="error-text" role="alert">
                {pinError ?? ' '}
              </p>
            </>
          ) : (
            <NewPinFields idPrefix="setup" newPin={newPin} confirmation={confirmPin} onNewPin={setNewPin} onConfirmation={setConfirmPin} inputRef={pinField} {...(pinError ? { error: pinError } : {})} />
          )}
          <p className="field-hint">{t('manager.setupPinHint')}</p>
        </fieldset>
      )}

      <StoreGatewaysFieldset gateways={gateways} currency={currency} onGateways={changeGateways} onCurrency={changeCurrency} {...(gatewaysError ? { error: gatewaysError } : {})} />

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

      <OnlinePayFieldset view={s.onlinePay} value={onlinePay} onChange={setOnlinePay} />

      <fieldset>
        <legend>{t('manager.store')}</legend>
        <label htmlFor="store-name">{t('manager.storeName')}</label>
        <input id="store-name" value={storeName} onChange={(e) => setStoreName(e.target.value)} />
        <label htmlFor="terminal-name">{t('manager.terminalName')}</label>
        <input id="terminal-name" value={terminalName} onChange={(e) => setTerminalName(e.target.value)} />
      </fieldset>

      <CashierLanguagesFieldset value={cashierLanguages} onChange={setCashierLanguages} />

      <fieldset>
        <legend>{t('manager.sales')}</legend>
        <label htmlFor="max-amount">{t('manager.maxAmount', { currency })}</label>
        <input id="max-amount" inputMode="decimal" value={maxAmount} onChange={(e) => setMaxAmount(e.target.value)} />
        <label htmlFor="pending-deadline">{t('manager.pendingDeadline')}</label>
        <input id="pending-deadline" inputMode="numeric" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </fieldset>

      <ScannerPanel snapshot={snapshot} scanner={scanner} onChange={setScanner} />

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
            onClick={() => void startTraining()}
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
