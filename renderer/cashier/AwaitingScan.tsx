import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { SaleAmount } from '../../shared/checkout/checkoutState';
import type { PosErrorData } from '../../shared/errors/posErrors';
import { SAMPLE_PAYMENT_CODES, VENDORS, type Vendor } from '../../shared/payments/vendors';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';
import { useHotkeys } from '../features/keyboard/useHotkeys';
import { money } from '../features/money/localeMoney';
import { useKeyboardWedge } from '../features/scanner/useKeyboardWedge';
import { ShowQrChoice } from '../features/showQr/ShowQrChoice';

/** Waiting for the customer's payment code: from the scanner (HID or keyboard wedge) or typed. */
export function AwaitingScan({ snapshot, sale, refusal }: { snapshot: AppSnapshot; sale: SaleAmount; refusal?: PosErrorData }) {
  const { t } = useTranslation();
  const { language, training, methods } = snapshot.settings;
  // Only what the store's currency and gateways allow (availableMethods.ts); main refuses the rest anyway.
  const scans = methods.includes('scanqrcode');
  const wallets = methods.includes('showqrcode');
  const cards = methods.includes('hostedqr');
  const [manual, setManual] = useState('');
  const [callError, setCallError] = useState<PosErrorData>();
  const api = getApi();

  const submit = async (code: string, source: 'wedge' | 'manual') => {
    const result = await api.submitScan({ code, source });
    // A refused code comes back in the snapshot (sale.refusal); other errors are shown from here.
    setCallError(result.ok || result.error.code.startsWith('CODE_') ? undefined : result.error);
  };
  useKeyboardWedge((code) => void submit(code, 'wedge'));
  const simulate = (vendor: Vendor) => void api.simulateScan({ code: SAMPLE_PAYMENT_CODES[vendor], mode: 'keyboard' });
  useHotkeys({
    Escape: () => void api.cancelSale({}),
    // The simulated scans are NihaoPay's wallets: only where a scan could be taken.
    ...(training && scans ? { F5: () => simulate('alipay'), F6: () => simulate('wechatpay'), F7: () => simulate('unionpay') } : {}),
  });

  const showQr = async (vendor: Vendor) => {
    const result = await api.startShowQr({ vendor });
    setCallError(result.ok ? undefined : result.error);
  };
  const payByCard = async () => {
    const result = await api.startHostedPayment({});
    setCallError(result.ok ? undefined : result.error);
  };

  const onManual = (event: FormEvent) => {
    event.preventDefault();
    if (manual.trim() === '') return;
    void submit(manual, 'manual');
    setManual('');
  };
  const shown = refusal ?? callError;

  return (
    <section className="screen awaiting-scan" aria-labelledby="scan-heading">
      <p className="amount-due-label">{t('scan.amountDue')}</p>
      <p className="amount-due" data-testid="amount-due">
        {money(sale.amount, sale.currency, language)}
      </p>
      {scans ? (
        <div className="scan-prompt">
          <div className="scan-icon" aria-hidden="true" />
          <div>
            <h1 id="scan-heading">{t('scan.heading')}</h1>
            <p className="hint">{t('scan.hint')}</p>
          </div>
        </div>
      ) : (
        <div className="scan-prompt scan-prompt-choose">
          <div>
            <h1 id="scan-heading">{t('scan.chooseHeading')}</h1>
            {cards && <p className="hint">{t('scan.chooseHint')}</p>}
          </div>
        </div>
      )}
      {/* Training's stand-in for the scanner sits with the scan prompt, visible without scrolling. */}
      {training && scans && (
        <fieldset className="simulate">
          <legend>{t('scan.simulate')}</legend>
          {VENDORS.map((vendor, index) => (
            <button type="button" key={vendor} className="button button-training" onClick={() => simulate(vendor)}>
              {t('scan.simulateVendor', { vendor: t(`vendor.${vendor}`) })} <kbd>F{5 + index}</kbd>
            </button>
          ))}
        </fieldset>
      )}
      <p className="error-text" role="alert" data-testid="scan-error">
        {shown ? errorText(t, shown) : ' '}
      </p>
      {scans && (
        <form className="manual-code" onSubmit={onManual}>
          <label htmlFor="manual-code">{t('scan.manualLabel')}</label>
          <div className="row">
            <input id="manual-code" inputMode="numeric" autoComplete="off" spellCheck={false} value={manual} onChange={(e) => setManual(e.target.value)} />
            <button type="submit" className="button">
              {t('scan.manualSubmit')}
            </button>
          </div>
        </form>
      )}
      <ShowQrChoice
        defaultVendor={snapshot.settings.display.showQrVendor}
        wallets={wallets}
        primary={!scans}
        onShow={(vendor) => void showQr(vendor)}
        {...(cards ? { onCard: () => void payByCard() } : {})}
      />
      <div className="actions">
        <button type="button" className="button button-secondary button-large" onClick={() => void api.cancelSale({})}>
          {t('scan.cancel')} <kbd>{t('scan.cancelKey')}</kbd>
        </button>
      </div>
    </section>
  );
}

