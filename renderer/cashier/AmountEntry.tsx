import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { PosErrorData } from '../../shared/errors/posErrors';
import { minorToDecimalString, parseAmountInput } from '../../shared/money/amount';
import { currencyExponent } from '../../shared/money/currencies';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';
import { useHotkeys } from '../features/keyboard/useHotkeys';

const KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '00', '0', '.'] as const;

/** Amount entry: typed on the keyboard or tapped on the keypad, checked before it leaves the window. */
export function AmountEntry({ snapshot }: { snapshot: AppSnapshot }) {
  const { t } = useTranslation();
  const { currency, maxAmount } = snapshot.settings;
  const [text, setText] = useState('');
  const [error, setError] = useState<PosErrorData>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  // A wallet code scanned before the amount: say so here (main kept nothing). Only scans after this screen opened count.
  const walletScanAt = snapshot.walletScanWithoutSale?.at;
  const openedAt = useRef(walletScanAt ?? 0);
  useEffect(() => {
    if (walletScanAt !== undefined && walletScanAt > openedAt.current) {
      openedAt.current = walletScanAt;
      setError({ code: 'SCAN_BEFORE_AMOUNT' });
      input.current?.focus();
    }
  }, [walletScanAt]);

  const edit = (next: string) => {
    setText(next);
    setError(undefined);
    input.current?.focus();
  };

  // Escape clears the amount even while the field has focus (it types nothing).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') edit('');
  };

  /**
   * Starts the sale; then, for F3 or F4 pressed on this screen, shows the default wallet's
   * QR or OnlinePay's card page at once, as the README promises ("the amount, F3").
   */
  const submit = async (event?: FormEvent, confirmDuplicate = false, then?: 'walletQr' | 'cardQr') => {
    event?.preventDefault();
    if (busy) return;
    const parsed = parseAmountInput(text, currency, maxAmount);
    if (!parsed.ok) {
      setError({ code: parsed.error, params: { currency, maximum: minorToDecimalString(maxAmount, currency) } });
      return;
    }
    setBusy(true);
    const api = getApi();
    const result = await api.startSale({ amount: parsed.amount, ...(confirmDuplicate ? { confirmDuplicate } : {}) });
    if (result.ok && then === 'walletQr') await api.startShowQr({ vendor: snapshot.settings.display.showQrVendor });
    if (result.ok && then === 'cardQr') await api.startHostedPayment({});
    setBusy(false);
    if (!result.ok) setError(result.error);
  };
  const { methods } = snapshot.settings;
  useHotkeys({
    ...(methods.includes('showqrcode') ? { F3: () => void submit(undefined, false, 'walletQr') } : {}),
    ...(methods.includes('hostedqr') ? { F4: () => void submit(undefined, false, 'cardQr') } : {}),
  });
  const duplicate = error?.code === 'POSSIBLE_DUPLICATE';

  return (
    <form className="screen amount-entry" onSubmit={submit} noValidate>
      <h1>{t('amount.heading')}</h1>
      <label className="amount-label" htmlFor="amount">
        {t('amount.label', { currency })}
      </label>
      <input
        id="amount"
        ref={input}
        className="amount-input"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder={currencyExponent(currency) === 0 ? '0' : '0.00'}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'amount-error' : undefined}
        onChange={(e) => edit(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id="amount-error" className="error-text" role="alert">
        {error ? errorText(t, error) : ' '}
      </p>
      {duplicate && (
        <div className="actions duplicate-confirm">
          <button type="button" className="button button-secondary button-large" onClick={() => edit('')}>
            {t('duplicate.back')}
          </button>
          <button type="button" className="button button-danger button-large" onClick={() => void submit(undefined, true)}>
            {t('duplicate.chargeAnyway')}
          </button>
        </div>
      )}
      <div className="keypad" role="group" aria-label={t('amount.keypad')}>
        {KEYS.map((key) =>
          key === '.' && currencyExponent(currency) === 0 ? (
            <span key={key} />
          ) : (
            <button type="button" key={key} className="key" onClick={() => edit(text + key)}>
              {key}
            </button>
          ),
        )}
        <button type="button" className="key key-secondary" onClick={() => edit('')}>
          {t('amount.clear')} <kbd>Esc</kbd>
        </button>
        <button type="button" className="key key-secondary" aria-label={t('amount.backspace')} onClick={() => edit(text.slice(0, -1))}>
          ⌫
        </button>
        <button type="submit" className="key key-primary" disabled={busy}>
          {t('amount.charge')} <kbd>{t('amount.chargeKey')}</kbd>
        </button>
      </div>
    </form>
  );
}

