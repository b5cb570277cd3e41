/**
 * The only URLs Counterpay hands to the OS browser (`shell.openExternal`). Anything handed
 * over runs outside every protection of the app's windows — and openExternal also accepts
 * `file:`, `smb:` and custom schemes that launch programs — so the filter is an exact
 * allowlist, not a pattern.
 */

/** Hosts a link may open in the OS browser: NihaoPay's public site (merchant help). */
export const EXTERNAL_HOSTS: readonly string[] = ['www.nihaopay.com'];

/** Real links are short; a very long one is an attack on a parser somewhere. */
const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The URL to pass to `shell.openExternal`, or undefined when it must not be opened.
 * Allowed: `https:` on the default port, no user name or password, hostname exactly one of
 * `allowedHosts` (the parser lowercases it and encodes international names as punycode,
 * so look-alike and trailing-dot hosts miss). The returned string is the parser's own
 * serialization, so the OS sees exactly the URL that was checked.
 */
export function externalUrlToOpen(url: string, allowedHosts: readonly string[] = EXTERNAL_HOSTS): string | undefined {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  // The parser drops an explicit :443, so only a non-default port is left here.
  if (parsed.port !== '') return undefined;
  if (!allowedHosts.includes(parsed.hostname)) return undefined;
  return parsed.href;
}
