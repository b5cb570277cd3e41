import { useTranslation } from 'react-i18next';
import { VENDORS, type Vendor } from '../../../shared/payments/vendors';
import { useHotkeys } from '../keyboard/useHotkeys';

/**
 * The displayed-code choice on the scan screen: one button per wallet (NihaoPay show-QR),
 * the default wallet (from settings) first and on F3, and "Card (OnlinePay)" on F4, which
 * shows OnlinePay's payment page as a QR. So a show-QR sale is the amount, F3 and nothing
 * else, and a card sale the amount and F4. Only what the store offers is drawn (and bound):
 * `wallets` and `onCard` come from the store's methods (shared/gateway/availableMethods.ts).
 */
export function ShowQrChoice({
  defaultVendor,
  wallets,
  onShow,
  onCard,
  primary = true,
}: {
  defaultVendor: Vendor;
  wallets: boolean;
  onShow: (vendor: Vendor) => void;
  onCard?: () => void;
  /** False while scanning is offered: the scan is the screen's main action, these are the alternatives. */
  primary?: boolean;
}) {
  const { t } = useTranslation();
  useHotkeys({ ...(wallets ? { F3: () => onShow(defaultVendor) } : {}), ...(onCard ? { F4: onCard } : {}) });
  if (!wallets && !onCard) return null;
  const ordered = wallets ? [defaultVendor, ...VENDORS.filter((vendor) => vendor !== defaultVendor)] : [];
  return (
    <div className="show-qr-choice" role="group" aria-label={t(wallets ? 'showQr.or' : 'showQr.orCard')}>
      <p className="hint">{t(wallets ? 'showQr.or' : 'showQr.orCard')}</p>
      <div className="row">
        {ordered.map((vendor) => (
          <button
            type="button"
            key={vendor}
            data-testid={`show-qr-${vendor}`}
            className={`button ${primary && vendor === defaultVendor ? 'button-primary' : 'button-secondary'}`}
            onClick={() => onShow(vendor)}
          >
            {t('showQr.button', { vendor: t(`vendor.${vendor}`) })}
            {vendor === defaultVendor && <kbd>F3</kbd>}
          </button>
        ))}
        {onCard && (
          <button
            type="button"
            data-testid="show-qr-card"
            className={`button ${primary && !wallets ? 'button-primary' : 'button-secondary'} button-card`}
            aria-label={t('showQr.cardAction')}
            aria-keyshortcuts="F4"
            onClick={onCard}
          >
            {t('vendor.onlinepay')}
            <kbd>F4</kbd>
          </button>
        )}
      </div>
    </div>
  );
}
