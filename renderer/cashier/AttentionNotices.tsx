import { useTranslation } from 'react-i18next';
import type { AttentionView } from '../../shared/checkout/attention';
import { isCurrencyCode } from '../../shared/money/currencies';
import type { Language } from '../../shared/settings/settingsView';
import { getApi } from '../bridge/bridge';
import { money } from '../features/money/localeMoney';

function amountText(amount: number, currency: string, language: Language): string {
  return isCurrencyCode(currency) ? money(amount, currency, language) : `${amount} ${currency}`;
}

/**
 * What start-up recovery found, and sales that were paid after all: shown above the
 * amount entry until the cashier has acknowledged them, so no customer is charged twice.
 */
export function AttentionNotices({ attention, language, onRefund }: { attention: AttentionView; language: Language; onRefund?: (reference: string) => void }) {
  const { t } = useTranslation();
  if (attention.recovering) {
    return (
      <div className="notice notice-info" role="status">
        {t('recovery.checking')}
      </div>
    );
  }
  const { recovered, paidAfterAll } = attention;
  if (recovered.length === 0 && paidAfterAll.length === 0) return null;
  const count = (result: string) => recovered.filter((r) => r.result === result).length;
  return (
    <section className="notice notice-warning" aria-labelledby="recovery-heading" data-testid="attention-notices">
      {recovered.length > 0 && (
        <>
          <h2 id="recovery-heading">{t('recovery.heading')}</h2>
          <p>{t('recovery.summary', { paid: count('paid'), notCharged: count('notCharged'), unresolved: count('unresolved') })}</p>
          <ul>
            {recovered.map((item) => (
              <li key={item.reference} data-result={item.result}>
                <strong>{amountText(item.amount, item.currency, language)}</strong> · {item.reference} · {t(`recovery.${item.result}`)}
              </li>
            ))}
          </ul>
        </>
      )}
      {paidAfterAll.map((item) => (
        <p key={item.reference} role="alert" className="paid-after-all" data-testid="paid-after-all">
          <span>{t('recovery.paidAfterAll', { amount: amountText(item.amount, item.currency, language), reference: item.reference })}</span>
          {onRefund && item.kind === 'sale' && (
            <button type="button" className="button button-secondary" onClick={() => onRefund(item.reference)}>
              {t('showQr.refund')}
            </button>
          )}
        </p>
      ))}
      <button type="button" className="button" onClick={() => void getApi().dismissAttention({})}>
        {t('recovery.dismiss')}
      </button>
    </section>
  );
}
