import { useTranslation } from 'react-i18next';
import { paymentMethodName } from '../features/payments/paymentMethodName';
import type { SaleAttempt } from '../../shared/checkout/checkoutState';
import type { Language } from '../../shared/settings/settingsView';
import { money } from '../features/money/localeMoney';

/** Sending, or confirming a pending/unknown outcome. No action: the sale must settle first. */
export function ProgressScreen(props: { attempt: SaleAttempt; language: Language; checking?: { checks: number; reason: 'pending' | 'unknown' } }) {
  const { t } = useTranslation();
  const { attempt, language, checking } = props;
  return (
    <section className="screen progress" aria-busy="true" aria-live="polite">
      <div className="spinner" aria-hidden="true" />
      <h1>{checking ? t('checking.heading') : t('processing.heading')}</h1>
      <p className="amount-due">{money(attempt.amount, attempt.currency, language)}</p>
      <p className="vendor-name">{paymentMethodName(t, attempt)}</p>
      {checking ? (
        <>
          <p>{t(checking.reason === 'pending' ? 'checking.pending' : 'checking.unknown')}</p>
          <p className="muted">{t('checking.checks', { count: checking.checks })}</p>
          <p className="warning-text">{t('checking.doNotCharge')}</p>
        </>
      ) : (
        <p className="muted">{t('processing.doNotRescan')}</p>
      )}
    </section>
  );
}
