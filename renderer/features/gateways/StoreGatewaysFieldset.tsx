import { useTranslation } from 'react-i18next';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { GATEWAY_PROFILES } from '../../../shared/gateway/gatewayProfiles';
import { GATEWAY_NAMES, type GatewayName } from '../../../shared/gateway/paymentGateway';
import { STORE_CURRENCIES, type StoreCurrency } from '../../../shared/money/currencies';
import { errorText } from '../errors/errorText';

/**
 * Settings and first run → which gateways the store uses, and the currency it prices in,
 * side by side because one limits the other: NihaoPay takes USD and JPY only, so a CNY or
 * EUR store uses OnlinePay alone. A problem (no gateway, or none for the currency) is shown
 * here, at the fields, whether the form or main found it.
 */
export function StoreGatewaysFieldset({
  gateways,
  currency,
  error,
  onGateways,
  onCurrency,
}: {
  gateways: readonly GatewayName[];
  currency: StoreCurrency;
  error?: PosErrorData;
  onGateways: (next: GatewayName[]) => void;
  onCurrency: (next: StoreCurrency) => void;
}) {
  const { t } = useTranslation();
  const toggle = (name: GatewayName, on: boolean) => onGateways(GATEWAY_NAMES.filter((other) => (other === name ? on : gateways.includes(other))));
  return (
    <fieldset data-testid="store-gateways" aria-describedby="store-gateways-error">
      <legend>{t('storeGateways.legend')}</legend>
      {GATEWAY_NAMES.map((name) => (
        <label className="checkbox" key={name}>
          <input type="checkbox" data-testid={`gateway-${name}`} checked={gateways.includes(name)} onChange={(e) => toggle(name, e.target.checked)} aria-invalid={error ? true : undefined} />
          {t(`storeGateways.${name}`, { currencies: GATEWAY_PROFILES[name].currencies.join(', ') })}
        </label>
      ))}
      <label htmlFor="currency">{t('manager.currency')}</label>
      <select id="currency" value={currency} onChange={(e) => onCurrency(e.target.value as StoreCurrency)} aria-invalid={error ? true : undefined}>
        {STORE_CURRENCIES.map((code) => (
          <option key={code} value={code}>
            {t(`storeGateways.currencies.${code}`)}
          </option>
        ))}
      </select>
      <p className="field-hint">{t('storeGateways.hint')}</p>
      <p id="store-gateways-error" className="error-text" role="alert" data-testid="store-gateways-error">
        {error ? errorText(t, error) : ' '}
      </p>
    </fieldset>
  );
}
