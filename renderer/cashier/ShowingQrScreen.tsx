import { useTranslation } from 'react-i18next';
import { paymentMethodName } from '../features/payments/paymentMethodName';
import type { SaleAttempt, ShownQr } from '../../shared/checkout/checkoutState';
import type { Language } from '../../shared/settings/settingsView';
import { getApi } from '../bridge/bridge';
import { useHotkeys } from '../features/keyboard/useHotkeys';
import { money } from '../features/money/localeMoney';
import { minutesSeconds, useCountdown } from '../features/showQr/useCountdown';
import { useDisplayView } from '../display/useDisplayView';

/**
 * The cashier's side of a show-QR sale: the customer scans the code on the customer
 * display, this screen says so and counts down. Nothing here can charge; the only action
 * is to stop waiting, which leaves the code watched until it expires.
 */
export function ShowingQrScreen({ attempt, qr, language, training }: { attempt: SaleAttempt; qr: ShownQr; language: Language; training: boolean }) {
  const { t } = useTranslation();
  const left = useCountdown(Date.parse(qr.expiresAt));
  const view = useDisplayView();
  const stop = () => void getApi().stopWaitingForQr({});
  const simulate = (outcome: 'pay' | 'fail') => void getApi().simulateQrPayment({ outcome });
  useHotkeys({ Escape: stop, ...(training ? { F5: () => simulate('pay'), F6: () => simulate('fail') } : {}) });
  const vendor = paymentMethodName(t, attempt) ?? '';
  const hosted = attempt.method === 'hostedqr';
  // The same image the customer sees, small: a check that the display shows this sale.
  const preview = view?.screen.kind === 'showQr' ? view.screen.qr.src : undefined;
  return (
    <section className="screen showing-qr" aria-live="polite" aria-labelledby="showing-qr-heading">
      <div className="showing-qr-main">
        <h1 id="showing-qr-heading">{t(hosted ? 'showQr.hostedHeading' : 'showQr.waitingHeading')}</h1>
        <p className="amount-due" data-testid="amount-due">
          {money(attempt.amount, attempt.currency, language)}
        </p>
        <p className="vendor-name">{vendor}</p>
        <p>{hosted ? t('showQr.hostedHint') : t('showQr.waitingHint', { vendor })}</p>
        <p className="countdown" data-testid="cashier-countdown">
          {t('showQr.expiresIn', { time: minutesSeconds(left) })}
        </p>
        <p className="muted">{t('showQr.checks', { count: qr.checks })}</p>
        <p className="warning-text">{t('checking.doNotCharge')}</p>
        <div className="actions">
          <button type="button" className="button button-secondary button-large" onClick={stop} data-testid="stop-waiting">
            {t('showQr.stopWaiting')} <kbd>Esc</kbd>
          </button>
        </div>
        <p className="muted small">{t(hosted ? 'showQr.hostedStopWaitingHint' : 'showQr.stopWaitingHint')}</p>
        {training && (
          <fieldset className="simulate simulate-two">
            <legend>{t('showQr.simulate')}</legend>
            <button type="button" className="button button-training" onClick={() => simulate('pay')} data-testid="simulate-qr-pay">
              {t(hosted ? 'showQr.simulateCardPay' : 'showQr.simulatePay')} <kbd>F5</kbd>
            </button>
            <button type="button" className="button button-training" onClick={() => simulate('fail')}>
              {t(hosted ? 'showQr.simulateCardDeclined' : 'showQr.simulateFail')} <kbd>F6</kbd>
            </button>
          </fieldset>
        )}
      </div>
      {preview && (
        <figure className="showing-qr-preview">
          <img src={preview} alt="" width={160} height={160} />
          <figcaption>{t('showQr.preview')}</figcaption>
        </figure>
      )}
    </section>
  );
}
