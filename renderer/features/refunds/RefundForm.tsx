import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { minorToDecimalString, parseAmountInput } from '../../../shared/money/amount';
import { isCurrencyCode, type CurrencyCode } from '../../../shared/money/currencies';
import type { RefundBalance } from '../../../shared/refunds/refundBalance';
import type { RefundOutcome } from '../../../shared/refunds/refundTypes';
import type { RefundKind } from '../../../shared/gateway/paymentGateway';
import type { PayoutField } from '../../../shared/refunds/payoutDestination';
import { getApi } from '../../bridge/bridge';
import { BankPayoutFields, EMPTY_BANK_PAYOUT, bankPayoutOf, missingBankField, type BankPayoutDraft } from './BankPayoutFields';
import { errorText } from '../errors/errorText';
import { money } from '../money/localeMoney';

/** Refusals about the PIN itself: only these clear it; after any other the manager fixes the rest and sends again. */
const PIN_ERRORS: ReadonlySet<string> = new Set(['PIN_WRONG', 'PIN_LOCKED', 'PIN_REQUIRED']);

/**
 * Refund part or all of a sale: amount (at most the balance, in the sale's currency), a
 * reason, and the manager PIN when refunds need it. Main checks all of it again; this form
 * only saves the cashier a round trip. An OnlinePay sale is paid back by payout: to the
 * payer's wallet when main knows it (said, not asked), else to the bank account filled in here.
 * The amount starts empty with the cursor in it: the cashier types what goes back ("Refund
 * all" fills in the balance), so a refund of everything is never one Enter away.
 */
export function RefundForm({
  snapshot,
  transactionId,
  balance,
  refundBy = 'gatewayRefund',
  onDone,
  onCancel,
  onAttempt,
}: {
  snapshot: AppSnapshot;
  transactionId: string;
  balance: RefundBalance;
  refundBy?: RefundKind;
  onDone: (outcome: RefundOutcome) => void;
  onCancel: () => void;
  /** A new attempt starts: what the last one said no longer applies. */
  onAttempt?: () => void;
}) {
  const { t } = useTranslation();
  const { language, refundsNeedPin, hasManagerPin } = snapshot.settings;
  const currency = balance.currency as CurrencyCode;
  const [amount, setAmount] = useState('');
  const amountField = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // The whole form into view (a long bank payout form from its top), then the cursor in the amount.
    form.current?.scrollIntoView?.({ block: 'nearest' });
    amountField.current?.focus({ preventScroll: true });
  }, []);
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<PosErrorData | 'reason'>();
  const [bank, setBank] = useState<BankPayoutDraft>(EMPTY_BANK_PAYOUT);
  const [invalidField, setInvalidField] = useState<PayoutField>();
  const askPin = refundsNeedPin && hasManagerPin;
  const byBank = refundBy === 'bankPayout';

  /** Puts the cursor on the field the error is about, so the manager fixes it where it is. */
  const pointAt = (field: PayoutField) => {
    setInvalidField(field);
    requestAnimationFrame(() => document.getElementById(`payout-${field}`)?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    // Whatever the last attempt said is stale from here on.
    setError(undefined);
    onAttempt?.();
    // Any amount that parses goes to main, which refuses what exceeds the balance before sending.
    const parsed = parseAmountInput(amount, currency, Number.MAX_SAFE_INTEGER);
    if (!parsed.ok) return setError({ code: parsed.error, params: { currency, maximum: '' } });
    if (reason.trim() === '') return setError('reason');
    if (byBank) {
      const missing = missingBankField(bank);
      if (missing) {
        pointAt(missing);
        return setError({ code: 'PAYOUT_DESTINATION_INVALID' });
      }
    }
    setError(undefined);
    setInvalidField(undefined);
    setSending(true);
    const result = await getApi().refund({
      transactionId,
      amount: parsed.amount,
      currency,
      reason: reason.trim(),
      ...(byBank ? { bankPayout: bankPayoutOf(bank) } : {}),
      ...(askPin ? { pin } : {}),
    });
    setSending(false);
    if (!result.ok) {
      if (PIN_ERRORS.has(result.error.code)) setPin('');
      const field = result.error.params?.field;
      if (result.error.code === 'PAYOUT_DESTINATION_INVALID' && typeof field === 'string') pointAt(field as PayoutField);
      return setError(result.error);
    }
    onDone(result.value);
  };

  return (
    <form ref={form} className="refund-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="refund-heading">
      <h3 id="refund-heading">{t('refund.title')}</h3>
      <p className="field-hint">{t('refund.remaining', { amount: money(balance.remaining, currency, language) })}</p>
      <label htmlFor="refund-amount">{t('refund.amount', { currency })}</label>
      <div className="row">
        <input ref={amountField} id="refund-amount" inputMode="decimal" autoComplete="off" placeholder={isCurrencyCode(currency) ? minorToDecimalString(0, currency) : ''} value={amount} onChange={(e) => setAmount(e.target.value)} />
        <button type="button" className="button button-secondary" onClick={() => setAmount(minorToDecimalString(balance.remaining, currency))}>
          {t('refund.full')}
        </button>
      </div>
      <label htmlFor="refund-reason">{t('refund.reason')}</label>
      <input id="refund-reason" autoComplete="off" maxLength={120} value={reason} onChange={(e) => setReason(e.target.value)} />
      {refundBy === 'walletPayout' && (
        <p className="field-hint" data-testid="refund-to-wallet">
          {t('payout.toWallet')}
        </p>
      )}
      {byBank && (
        <BankPayoutFields
          draft={bank}
          invalid={invalidField}
          onChange={(next) => {
            // The mark goes once the marked field is changed.
            if (invalidField && next[invalidField] !== bank[invalidField]) {
              setInvalidField(undefined);
              if (error !== 'reason' && error?.code === 'PAYOUT_DESTINATION_INVALID') setError(undefined);
            }
            setBank(next);
          }}
        />
      )}
      {askPin && (
        <>
          <label htmlFor="refund-pin">{t('refund.pin')}</label>
          <input id="refund-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
        </>
      )}
      <p className="error-text" role="alert" data-testid="refund-error">
        {error === 'reason' ? t('refund.reasonRequired') : error ? errorText(t, error) : ' '}
      </p>
      <div className="actions">
        <button type="button" className="button button-secondary button-large" onClick={onCancel}>
          {t('refund.cancel')}
        </button>
        <button type="submit" className="button button-danger button-large" disabled={sending}>
          {sending ? t('refund.sending') : refundBy === 'gatewayRefund' ? t('refund.submit') : t('payout.submit')}
        </button>
      </div>
    </form>
  );
}
