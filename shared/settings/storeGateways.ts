import { GATEWAY_NAMES, type GatewayName } from '../gateway/paymentGateway';

/**
 * Which gateways a store uses, stored as `gateways` in settings.json: the names of the
 * enabled ones. The file of a store set up before this setting existed has none, and such a
 * store is kept as it was: NihaoPay on, and OnlinePay on unless all it could do was train on
 * its built-in sandbox beside a NihaoPay taking real money (no OnlinePay environment chosen,
 * no key stored). Such a store never offered a card sale, and must not start offering
 * training card sales beside real ones. An OnlinePay set to a real environment stays on
 * even without its key: the merchant meant it, and its missing key is a problem to show
 * (it keeps the card method off until fixed). Whether each can be used now (its key or
 * token, its currency) is not stored: shared/gateway/availableMethods.ts decides that.
 */
export interface LegacyGateways {
  /** OnlinePay could take the store's kind of money before the setting existed (see above). */
  onlinePayWasUsable: boolean;
}

/** The enabled gateways, in GATEWAY_NAMES order, from what the file holds (absent: as the store was). */
export function enabledGatewaysOf(stored: readonly GatewayName[] | undefined, legacy: LegacyGateways): GatewayName[] {
  const wanted: readonly GatewayName[] = stored ?? (legacy.onlinePayWasUsable ? ['nihaopay', 'onlinepay'] : ['nihaopay']);
  return GATEWAY_NAMES.filter((name) => wanted.includes(name));
}

/** Whether OnlinePay counts as in use for a store without the setting (see above). */
export function onlinePayWasUsable(onlinePayTraining: boolean, nihaoPayTraining: boolean): boolean {
  return !onlinePayTraining || nihaoPayTraining;
}

export const STORE_GATEWAYS_JSON_SCHEMA = {
  type: 'array',
  items: { type: 'string', enum: [...GATEWAY_NAMES] },
  // Empty is refused: a store with no gateway could take nothing (checked again in main).
  minItems: 1,
  maxItems: GATEWAY_NAMES.length,
  uniqueItems: true,
} as const;

/** A settings change's on/off choice as the list the file keeps. */
export function gatewaysChosen(choice: Readonly<Record<GatewayName, boolean>>): GatewayName[] {
  return GATEWAY_NAMES.filter((name) => choice[name]);
}

/** The list as the on/off choice a settings change carries. */
export function gatewayChoiceOf(enabled: readonly GatewayName[]): Record<GatewayName, boolean> {
  return Object.fromEntries(GATEWAY_NAMES.map((name) => [name, enabled.includes(name)])) as Record<GatewayName, boolean>;
}
