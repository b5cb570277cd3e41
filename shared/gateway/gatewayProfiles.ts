import type { CurrencyCode } from '../money/currencies';
import { NIHAOPAY_PROFILE } from './nihaopay/nihaopayProfile';
import { ONLINEPAY_PROFILE } from './onlinepay/onlinePayProfile';
import type { GatewayName, GatewayProfile, RefundKind } from './paymentGateway';

/**
 * The one list of gateways Counterpay knows, each by its own profile. Everything that asks
 * "which gateway can do this" asks here, never a gateway's folder directly.
 */
export const GATEWAY_PROFILES: Readonly<Record<GatewayName, GatewayProfile>> = {
  nihaopay: NIHAOPAY_PROFILE,
  onlinepay: ONLINEPAY_PROFILE,
};

/** The journal's refund `method` for each way money goes back. */
const REFUND_METHOD_OF: Readonly<Record<RefundKind, string>> = {
  gatewayRefund: 'refund',
  walletPayout: 'payout',
  bankPayout: 'payout',
};

/** Whether `method` is one of the gateway's own, for a sale or for a refund (the journal checks every row). */
export function isMethodOf(gateway: GatewayName, kind: 'sale' | 'refund', method: string): boolean {
  const profile = GATEWAY_PROFILES[gateway];
  if (kind === 'sale') return profile.methods.some((entry) => entry.method === method);
  return profile.refunds.some((refund) => REFUND_METHOD_OF[refund] === method);
}

/** The gateways, of those enabled, that take `currency`. */
export function gatewaysFor(currency: CurrencyCode, enabled: readonly GatewayName[]): GatewayName[] {
  return enabled.filter((name) => GATEWAY_PROFILES[name].currencies.includes(currency));
}
