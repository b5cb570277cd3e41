import { useTranslation } from 'react-i18next';
import { paymentMethodName } from '../features/payments/paymentMethodName';
import type { SaleAttempt } from '../../shared/checkout/checkoutState';
import type { PosErrorData } from '../../shared/errors/posErrors';
import type { Language } from '../../shared/settings/settingsView';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';
import { useHotkeys } from '../features/keyboard/useHotkeys';
import { money } from '../features/money/localeMoney';

export function DeclinedScreen({ attempt, error, language }: { attempt: SaleAttempt; error: PosErrorData; language: Language }) {
  const { t } = useTranslation();
  const api = getApi();
  // A shown code that failed or expired is shown again (a new one, same amount); a scanned one waits for another code.
  const again = attempt.method === 'showqrcode' ? 'showAgain' : attempt.method === 'hostedqr' ? 'showCardAgain' : 'tryAgain';
  const retry = async () => {
    const back = await api.retryScan({});
    if (!back.ok) return;
    if (attempt.method === 'showqrcode' && attempt.vendor) await api.startShowQr({ vendor: attempt.vendor });
    if (attempt.method === 'hostedqr') await api.startHostedPayment({});
  };
  const cancel = () => void api.cancelSale({});
  useHotkeys({ Enter: () => void retry(), Escape: cancel });
  return (
    <section className="screen result result-declined" aria-labelledby="declined-heading">
      <div className="result-mark" aria-hidden="true">
        ✕
      </div>
      <h1 id="declined-heading">{t('declined.heading')}</h1>
      <p className="amount-due">
        {money(attempt.amount, attempt.currency, language)} · {paymentMethodName(t, attempt)}
      </p>
      <p className="decline-reason" role="alert" data-testid="decline-reason">
        {errorText(t, error)}
      </p>
      <div className="actions">
        <button type="button" className="button button-primary button-large" onClick={() => void retry()} autoFocus>
          {t(`declined.${again}`)} <kbd>{t('declined.tryAgainKey')}</kbd>
        </button>
        <button type="button" className="button button-secondary button-large" onClick={cancel}>
          {t('declined.cancel')} <kbd>{t('declined.cancelKey')}</kbd>
        </button>
      </div>
    </section>
  );
}
