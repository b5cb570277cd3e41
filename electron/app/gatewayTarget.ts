import { GATEWAY_ENVIRONMENTS, NIHAOPAY_BASE_URLS, type GatewayEnvironment } from '../../shared/gateway/nihaopay/nihaopayTypes';
import type { SettingsProblemCode } from '../../shared/settings/settingsView';
import type { StoredSettings } from '../services/settings/settingsSchema';
import { decideCustomGatewayUrl } from './customGatewayUrl';

export type GatewayTarget =
  | { environment: 'training'; training: true }
  | { environment: Exclude<GatewayEnvironment, 'training'>; training: false; baseUrl: string; token: string }
  | { environment: Exclude<GatewayEnvironment, 'training'>; training: false; problem: SettingsProblemCode };

/**
 * Which gateway the app talks to. Kiosks and tests override the settings by environment:
 * POS_GATEWAY (training|testing|production|custom), POS_GATEWAY_URL, POS_NIHAOPAY_TOKEN.
 * With no explicit choice the app trains until a merchant token exists; with a token it
 * is production. A real environment without a token is a problem to show, never a silent
 * fall-back to training (the cashier would think real money moved). A custom address,
 * from POS_GATEWAY_URL or the settings file, must pass decideCustomGatewayUrl (https, or
 * http to loopback only) here too, where it is used: a settings file edited by hand gets
 * no way around the check the Settings screen makes.
 */
export function resolveGatewayTarget(settings: StoredSettings, env: NodeJS.ProcessEnv, storedToken: string | undefined): GatewayTarget {
  const token = env.POS_NIHAOPAY_TOKEN || storedToken;
  const fromEnv = env.POS_GATEWAY?.trim().toLowerCase();
  const chosen = (GATEWAY_ENVIRONMENTS as readonly string[]).includes(fromEnv ?? '') ? (fromEnv as GatewayEnvironment) : settings.gatewayEnvironment;
  const environment: GatewayEnvironment = chosen ?? (token ? 'production' : 'training');
  if (environment === 'training') return { environment, training: true };
  if (!token) return { environment, training: false, problem: 'missingToken' };
  if (environment === 'custom') {
    const url = env.POS_GATEWAY_URL || settings.gatewayCustomUrl;
    const decision = url ? decideCustomGatewayUrl(url) : undefined;
    if (!decision?.ok) return { environment, training: false, problem: 'invalidCustomUrl' };
    return { environment, training: false, baseUrl: decision.baseUrl, token };
  }
  return { environment, training: false, baseUrl: NIHAOPAY_BASE_URLS[environment], token };
}
