import { useTranslation } from 'react-i18next';
import { VENDORS, type Vendor } from '../../../shared/payments/vendors';
import { useHotkeys } from '../keyboard/useHotkeys';

/**
 * The show-QR choice on the scan screen: one button per wallet, the default wallet
 * (from settings) first and on F3, so a show-QR sale is the amount, F3 and nothing else.
 */
export function ShowQrChoice({ defaultVendor, onShow }: { defaultVendor: Vendor; onShow: (vendor: Vendor) => void }) {
  const { t } = useTranslation();
  useHotkeys({ F3: () => onShow(defaultVendor) });
  const ordered = [defaultVendor, ...VENDORS.filter((vendor) => vendor !== defaultVendor)];
  return (
    <div className="show-qr-choice" role="group" aria-label={t('showQr.or')}>
      <p className="hint">{t('showQr.or')}</p>
      <div className="row">
        {ordered.map((vendor) => (
          <button
            type="button"
            key={vendor}
            data-testid={`show-qr-${vendor}`}
            className={`button ${vendor === defaultVendor ? 'button-primary' : 'button-secondary'}`}
            onClick={() => onShow(vendor)}
          >
            {t('showQr.button', { vendor: t(`vendor.${vendor}`) })}
            {vendor === defaultVendor && <kbd>F3</kbd>}
          </button>
        ))}
      </div>
    </div>
  );
}
