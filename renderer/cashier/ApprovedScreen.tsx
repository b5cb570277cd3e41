import { useTranslation } from 'react-i18next';
import { paymentMethodName } from '../features/payments/paymentMethodName';
import type { SaleReceipt } from '../../shared/checkout/checkoutState';
import type { Language } from '../../shared/settings/settingsView';
import { getApi } from '../bridge/bridge';
import { useHotkeys } from '../features/keyboard/useHotkeys';
import { dateTime, money } from '../features/money/localeMoney';

export function ApprovedScreen({ receipt, language, onReceipt }: { receipt: SaleReceipt; language: Language; onReceipt?: () => void }) {
  const { t } = useTranslation();
  const newSale = () => void getApi().newSale({});
  useHotkeys({ Enter: newSale, ...(onReceipt ? { F4: onReceipt } : {}) });
  const rows: Array<[string, string, string]> = [
    ['transaction-id', t('approved.transactionId'), receipt.transactionId],
    ...(receipt.vendorTransactionId ? [['vendor-transaction-id', t('approved.vendorTransactionId'), receipt.vendorTransactionId] as [string, string, string]] : []),
    ['reference', t('approved.reference'), receipt.reference],
    ['time', t('approved.time'), dateTime(receipt.time, language)],
  ];
  return (
    <section className="screen result result-approved" aria-labelledby="approved-heading">
      <div className="result-mark" aria-hidden="true">
        ✓
      </div>
      <h1 id="approved-heading">{t('approved.heading')}</h1>
      {/* Read at arm's length, as large as on the entry screen: the customer sees what was taken. */}
      <p className="amount-due result-amount" data-testid="approved-amount">
        <span data-field="amount">{money(receipt.amount, receipt.currency, language)}</span> · <span data-field="vendor">{paymentMethodName(t, receipt)}</span>
      </p>
      <dl className="receipt" data-testid="receipt">
        {rows.map(([key, label, value]) => (
          <div className="receipt-row" key={key} data-field={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        {onReceipt && (
          <button type="button" className="button button-secondary button-large" onClick={onReceipt}>
            {t('receipt.open')} <kbd>F4</kbd>
          </button>
        )}
        <button type="button" className="button button-primary button-large" onClick={newSale} autoFocus>
          {t('approved.newSale')} <kbd>{t('approved.newSaleKey')}</kbd>
        </button>
      </div>
    </section>
  );
}
