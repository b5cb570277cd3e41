import type { SettingsChange } from '../../../shared/settings/settingsView';
import type { StoredSettings } from '../settings/settingsSchema';
import type { GatewayName } from '../../../shared/gateway/paymentGateway';
import { gatewaysChosen } from '../../../shared/settings/storeGateways';

/**
 * What decides where the merchant's money and secrets go. Changing any of these always
 * needs the manager PIN — even before one is set (then the change is refused until it is):
 * a gateway address or environment moved by someone at the counter would send the
 * merchant token, and the payments, to another server.
 *
 * Another gateway's credential slots in here: add its name (e.g. 'onlinePayKey') and pass
 * it to auditedPinCheck from the call that stores it, as setMerchantToken passes
 * 'merchantToken'.
 */
export const GUARDED_CREDENTIALS = ['gatewayEnvironment', 'gatewayCustomUrl', 'merchantToken', 'onlinePayEnvironment', 'onlinePayCustomUrl', 'onlinePayKey', 'storeGateways', 'registerEndpoint'] as const;
export type GuardedCredential = (typeof GUARDED_CREDENTIALS)[number];

/**
 * The guarded credentials a settings change would really change. A field sent with the
 * value it already has is no change (the settings form sends the whole form).
 */
export function credentialsChangedBy(
  change: SettingsChange,
  current: Pick<StoredSettings, 'gatewayEnvironment' | 'gatewayCustomUrl' | 'onlinePay'>,
  /** The gateways the store uses now (absent in the file: as derived for an older store). */
  currentGateways: readonly GatewayName[],
): GuardedCredential[] {
  const changed: GuardedCredential[] = [];
  // Which gateways the store uses decides where its payments go, as an environment does.
  if (change.gateways !== undefined && gatewaysChosen(change.gateways).join(',') !== currentGateways.join(',')) changed.push('storeGateways');
  const onlinePay = change.onlinePay;
  if (onlinePay?.environment !== undefined && onlinePay.environment !== (current.onlinePay.environment ?? 'auto')) changed.push('onlinePayEnvironment');
  if (onlinePay?.customUrl !== undefined && onlinePay.customUrl !== (current.onlinePay.customUrl ?? '')) changed.push('onlinePayCustomUrl');
  if (change.environmentChoice !== undefined && change.environmentChoice !== (current.gatewayEnvironment ?? 'auto')) changed.push('gatewayEnvironment');
  if (change.gatewayCustomUrl !== undefined && change.gatewayCustomUrl !== (current.gatewayCustomUrl ?? '')) changed.push('gatewayCustomUrl');
  return changed;
}
