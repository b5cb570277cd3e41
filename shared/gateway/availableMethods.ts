import type { PosErrorData } from '../errors/posErrors';
import type { CurrencyCode } from '../money/currencies';
import { GATEWAY_PROFILES } from './gatewayProfiles';
import { GATEWAY_NAMES, SALE_METHODS, type GatewayName, type SaleMethod } from './paymentGateway';

/**
 * The one rule for what a store can take at the counter. Everything asks here: the cashier
 * window (which buttons, prompts and training keys to show), and main before anything is
 * journaled (a method the window should not have offered is refused, nothing sent). A
 * method is allowed when its gateway
 *   1. is enabled for the store (Settings → Gateways),
 *   2. takes the store's currency (its profile: NihaoPay USD and JPY, OnlinePay CNY, EUR,
 *      USD and JPY), and
 *   3. can be called now: its credentials are configured, or it trains on its sandbox.
 * The order is the order a cashier must be told things in: a gateway turned off is not
 * "not configured", and one that cannot take the currency is not worth configuring.
 */
export interface StoreMethodsInput {
  currency: CurrencyCode;
  enabled: readonly GatewayName[];
  /** Per gateway: a client exists (its key or token stored for a real environment, or training). */
  ready: Readonly<Record<GatewayName, boolean>>;
}

export type MethodUnavailableReason = 'gatewayNotEnabled' | 'currencyNotTaken' | 'notConfigured';

export type GatewayAvailability = { ok: true } | { ok: false; reason: MethodUnavailableReason };

/** The gateway whose method it is (each sale method belongs to exactly one profile). */
export function gatewayOfMethod(method: SaleMethod): GatewayName {
  const owner = GATEWAY_NAMES.find((name) => GATEWAY_PROFILES[name].methods.some((entry) => entry.method === method));
  if (!owner) throw new Error(`no gateway offers ${method}`);
  return owner;
}

/** Whether the store can use `gateway` now, and if not, the first reason why. */
export function gatewayAvailability(input: StoreMethodsInput, gateway: GatewayName): GatewayAvailability {
  if (!input.enabled.includes(gateway)) return { ok: false, reason: 'gatewayNotEnabled' };
  if (!GATEWAY_PROFILES[gateway].currencies.includes(input.currency)) return { ok: false, reason: 'currencyNotTaken' };
  if (!input.ready[gateway]) return { ok: false, reason: 'notConfigured' };
  return { ok: true };
}

export function isGatewayUsable(input: StoreMethodsInput, gateway: GatewayName): boolean {
  return gatewayAvailability(input, gateway).ok;
}

/** The sale methods the store offers now, in SALE_METHODS order. */
export function availableMethods(input: StoreMethodsInput): SaleMethod[] {
  return SALE_METHODS.filter((method) => isGatewayUsable(input, gatewayOfMethod(method)));
}

/**
 * Main's refusal of a gateway the store cannot use now, in words a cashier can read
 * (undefined when it can). Also guards what is a gateway's own beyond its sale methods
 * (NihaoPay's store QR and its RMB equivalent).
 */
export function gatewayRefusal(input: StoreMethodsInput, gateway: GatewayName): PosErrorData | undefined {
  const availability = gatewayAvailability(input, gateway);
  if (availability.ok) return undefined;
  const name = GATEWAY_PROFILES[gateway].displayName;
  if (availability.reason === 'gatewayNotEnabled') return { code: 'GATEWAY_NOT_ENABLED', params: { gateway: name } };
  if (availability.reason === 'currencyNotTaken') return { code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { gateway: name, currency: input.currency } };
  return gateway === 'onlinepay' ? { code: 'ONLINEPAY_NOT_CONFIGURED' } : { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: name } };
}

/**
 * Main's refusal of a method the store does not offer (undefined when it is allowed).
 * Checked before the attempt is journaled.
 */
export function methodRefusal(input: StoreMethodsInput, method: SaleMethod): PosErrorData | undefined {
  return gatewayRefusal(input, gatewayOfMethod(method));
}

/**
 * What a store's choice of currency and gateways must satisfy to be saved: at least one
 * gateway, and at least one of them taking the currency (a CNY store with NihaoPay alone
 * could take nothing). Credentials are not asked for here: a gateway may be chosen first
 * and its key stored after.
 */
export function storeGatewaysProblem(currency: CurrencyCode, enabled: readonly GatewayName[]): PosErrorData | undefined {
  if (enabled.length === 0) return { code: 'NO_GATEWAY_ENABLED' };
  if (!enabled.some((name) => GATEWAY_PROFILES[name].currencies.includes(currency))) {
    return { code: 'NO_GATEWAY_FOR_CURRENCY', params: { currency, gateways: enabled.map((name) => GATEWAY_PROFILES[name].displayName).join(', ') } };
  }
  return undefined;
}
