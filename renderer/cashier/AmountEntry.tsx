import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { PosErrorData } from '../../shared/errors/posErrors';
import { minorToDecimalString, parseAmountInput } from '../../shared/money/amount';
import { currencyExponent } from '../../shared/money/currencies';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';

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

  const edit = (next: string) => {
    setText(next);
    setError(undefined);
    input.current?.focus();
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    const parsed = parseAmountInput(text, currency, maxAmount);
    if (!parsed.ok) {
      setError({ code: parsed.error, params: { currency, maximum: minorToDecimalString(maxAmount, currency) } });
      return;
    }
    setBusy(true);
    const result = await getApi().startSale({ amount: parsed.amount });
    setBusy(false);
    if (!result.ok) setError(result.error);
  };

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
      />
      <p id="amount-error" className="error-text" role="alert">
        {error ? errorText(t, error) : ' '}
      </p>
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
          {t('amount.clear')}
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

