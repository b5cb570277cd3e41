import { isLoopbackHost } from '../services/gateway/loopbackHost';

/**
 * Whether a custom gateway address may be used: the one rule for the Settings screen
 * (managerCalls.ts), the settings file and POS_GATEWAY_URL (gatewayTarget.ts).
 *
 * The merchant token goes to this address in every request's Authorization header, so it
 * must be https. Plain http is allowed only to this computer (localhost, 127.0.0.0/8, ::1),
 * for a local test gateway such as the built-in sandbox run on its own: loopback traffic
 * never leaves the machine.
 *
 * POS_GATEWAY_URL gets the same rule, though only the machine's owner can set it: the
 * owner is trusted to choose the gateway, but http to another host would put the token
 * on the network in the clear, readable by anyone on the path — the owner's trust does
 * not extend to the store's network.
 */
export type CustomGatewayUrlDecision =
  | { ok: true; baseUrl: string }
  | { ok: false; reason: 'notUrl' | 'notHttp' | 'credentials' | 'queryOrFragment' | 'httpNotLoopback' };

export function decideCustomGatewayUrl(text: string): CustomGatewayUrlDecision {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: 'notUrl' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'notHttp' };
  if (url.hostname === '') return { ok: false, reason: 'notUrl' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  // A base address: paths are appended to it, so a query or fragment would end up in the middle.
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) return { ok: false, reason: 'queryOrFragment' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, reason: 'httpNotLoopback' };
  return { ok: true, baseUrl: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}
