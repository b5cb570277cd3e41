import { GATEWAY_NAMES, type GatewayName } from '../gateway/paymentGateway';

/**
 * Which gateways a store uses, stored as `gateways` in settings.json: the names of the
 * enabled ones. The file of a store set up before this setting existed has none, and such a
 * store is kept as it was: NihaoPay on, and OnlinePay on as well, because it was offered
 * whenever its client could be made (training without a key, or a real environment with
 * one) and there was no switch to turn it off. Whether each can be used now (its key or
 * token, its currency) is not stored: shared/gateway/availableMethods.ts decides that.
 */
export const DEFAULT_STORE_GATEWAYS: readonly GatewayName[] = GATEWAY_NAMES;

/** The enabled gateways, in GATEWAY_NAMES order, from what the file holds (absent: the default). */
export function enabledGatewaysOf(stored: readonly GatewayName[] | undefined): GatewayName[] {
  const wanted = stored ?? DEFAULT_STORE_GATEWAYS;
  return GATEWAY_NAMES.filter((name) => wanted.includes(name));
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
