import { useTranslation } from 'react-i18next';
import { paymentMethodName } from '../features/payments/paymentMethodName';
import type { SaleAttempt } from '../../shared/checkout/checkoutState';
import type { Language } from '../../shared/settings/settingsView';
import { getApi } from '../bridge/bridge';
import { money } from '../features/money/localeMoney';

export function AttentionScreen({ attempt, language }: { attempt: SaleAttempt; language: Language }) {
  const { t } = useTranslation();
  return (
    <section className="screen result result-attention" aria-labelledby="attention-heading">
      <div className="result-mark" aria-hidden="true">
        !
      </div>
      <h1 id="attention-heading">{t('attention.heading')}</h1>
      <p className="amount-due">
        {money(attempt.amount, attempt.currency, language)} · {paymentMethodName(t, attempt)}
      </p>
      <p className="muted">
        {t('approved.reference')}: {attempt.reference}
      </p>
      <p className="warning-text">{t('attention.body')}</p>
      <div className="actions">
        <button type="button" className="button button-secondary button-large" onClick={() => void getApi().newSale({})}>
          {t('attention.back')}
        </button>
      </div>
    </section>
  );
}
