import { ONLINEPAY_BASE_URLS } from '../../shared/gateway/onlinepay/onlinePayApi';
import { ONLINEPAY_ENVIRONMENTS, type OnlinePayEnvironment } from '../../shared/gateway/onlinepay/onlinePayProfile';
import type { StoredSettings } from '../services/settings/settingsSchema';
import { decideCustomGatewayUrl } from './customGatewayUrl';

export type OnlinePayTarget =
  | { environment: 'training'; training: true }
  | { environment: Exclude<OnlinePayEnvironment, 'training'>; training: false; baseUrl: string; privateKey: string }
  | { environment: Exclude<OnlinePayEnvironment, 'training'>; training: false; problem: 'missingOnlinePayKey' | 'invalidOnlinePayUrl' };

/**
 * Where OnlinePay calls go, by the same rules as NihaoPay's (gatewayTarget.ts): kiosks and
 * tests override by environment (POS_ONLINEPAY = training|sandbox|production|custom,
 * POS_ONLINEPAY_URL, POS_ONLINEPAY_KEY); with no explicit choice the app trains until a
 * private key is stored, then it is production. A real environment without a key is a
 * problem to show, never a silent fall-back to training. A custom address passes the one
 * custom-URL rule (https, or http to loopback only): the key travels in every request.
 */
export function resolveOnlinePayTarget(settings: Pick<StoredSettings, 'onlinePay'>, env: NodeJS.ProcessEnv, storedKey: string | undefined): OnlinePayTarget {
  const privateKey = env.POS_ONLINEPAY_KEY || storedKey;
  const fromEnv = env.POS_ONLINEPAY?.trim().toLowerCase();
  const chosen = (ONLINEPAY_ENVIRONMENTS as readonly string[]).includes(fromEnv ?? '') ? (fromEnv as OnlinePayEnvironment) : settings.onlinePay.environment;
  const environment: OnlinePayEnvironment = chosen ?? (privateKey ? 'production' : 'training');
  if (environment === 'training') return { environment, training: true };
  if (!privateKey) return { environment, training: false, problem: 'missingOnlinePayKey' };
  if (environment === 'custom') {
    const url = env.POS_ONLINEPAY_URL || settings.onlinePay.customUrl;
    const decision = url ? decideCustomGatewayUrl(url) : undefined;
    if (!decision?.ok) return { environment, training: false, problem: 'invalidOnlinePayUrl' };
    return { environment, training: false, baseUrl: decision.baseUrl, privateKey };
  }
  return { environment, training: false, baseUrl: ONLINEPAY_BASE_URLS[environment], privateKey };
}
