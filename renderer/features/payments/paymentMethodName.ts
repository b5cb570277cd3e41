import type { TFunction } from 'i18next';
import type { Vendor } from '../../../shared/payments/vendors';

/** What a cashier calls how a sale was paid: the wallet, or OnlinePay's card page (card or its wallet). */
export interface PaidHow {
  vendor?: Vendor | string | null;
  gateway?: string;
  method?: string;
}

/**
 * "Alipay", "WeChat Pay", … or "Card (OnlinePay)". A wallet sale always names its wallet; an
 * OnlinePay hosted payment does not know it (the customer chose card or wallet on their phone).
 */
export function paymentMethodName(t: TFunction, sale: PaidHow): string | undefined {
  if (sale.vendor) return t(`vendor.${sale.vendor}`, { defaultValue: sale.vendor });
  if (sale.gateway === 'onlinepay' || sale.method === 'hostedqr') return t('vendor.onlinepay');
  return undefined;
}
