import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForeignReceipt } from '../../../shared/bridge/backOfficeContract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { isCurrencyCode } from '../../../shared/money/currencies';
import type { Language } from '../../../shared/settings/settingsView';
import { getApi } from '../../bridge/bridge';
import { errorText } from '../errors/errorText';
import { useHotkeys } from '../keyboard/useHotkeys';
import { dateTime, money } from '../money/localeMoney';

/**
 * A receipt barcode of a sale this terminal did not take (another till on the same
 * account): said so plainly, with a look-up of the transaction at NihaoPay by its id,
 * instead of an empty history list. Read-only: the other till's journal holds the sale,
 * and a refund belongs there.
 */
export function ForeignReceiptNotice({ transactionId, language, onClose }: { transactionId: string; language: Language; onClose: () => void }) {
  const { t } = useTranslation();
  const [found, setFound] = useState<ForeignReceipt>();
  const [error, setError] = useState<PosErrorData>();
  const [busy, setBusy] = useState(false);
  const lookUpButton = useRef<HTMLButtonElement>(null);
  useEffect(() => lookUpButton.current?.focus(), []);
  useHotkeys({ Escape: onClose });

  const lookUp = async () => {
    setBusy(true);
    setError(undefined);
    const result = await getApi().lookUpReceipt({ transactionId });
    setBusy(false);
    if (result.ok) setFound(result.value);
    else setError(result.error);
  };

  return (
    <section className="notice foreign-receipt" role="dialog" aria-labelledby="foreign-receipt-heading" data-testid="foreign-receipt">
      <h2 id="foreign-receipt-heading">{t('foreignReceipt.heading')}</h2>
      <p>{t('foreignReceipt.explain', { transactionId })}</p>
      {found && (
        <dl className="receipt" data-testid="foreign-receipt-found">
          <div className="receipt-row">
            <dt>{t('foreignReceipt.status')}</dt>
            <dd>{t(`foreignReceipt.statuses.${found.status}`)}</dd>
          </div>
          <div className="receipt-row">
            <dt>{t('approved.amount')}</dt>
            <dd>{isCurrencyCode(found.currency) ? money(found.amount, found.currency, language) : `${found.amount} ${found.currency}`}</dd>
          </div>
          <div className="receipt-row">
            <dt>{t('approved.time')}</dt>
            <dd>{dateTime(found.time, language)}</dd>
          </div>
          <div className="receipt-row">
            <dt>{t('approved.reference')}</dt>
            <dd>{found.reference}</dd>
          </div>
          {found.vendorTransactionId && (
            <div className="receipt-row">
              <dt>{t('approved.vendorTransactionId')}</dt>
              <dd>{found.vendorTransactionId}</dd>
            </div>
          )}
        </dl>
      )}
      {found && <p className="field-hint">{t('foreignReceipt.refundThere')}</p>}
      <p className="error-text" role="alert">
        {error ? errorText(t, error) : ' '}
      </p>
      <div className="actions">
        {!found && (
          <button ref={lookUpButton} type="button" className="button button-primary" disabled={busy} onClick={() => void lookUp()}>
            {busy ? t('foreignReceipt.lookingUp') : t('foreignReceipt.lookUp')}
          </button>
        )}
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('foreignReceipt.close')} <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
