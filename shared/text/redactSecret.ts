/** Below this length a secret is redacted only where it stands alone, not inside longer words. */
const SHORT_SECRET = 16;

/**
 * Every occurrence of `secret` in `text` becomes [redacted]: the one rule for the log and
 * for gateway errors. A real token is long and random, and every occurrence goes; a very
 * short one (a test key, a mistyped PIN-like "1234") would otherwise eat every word it is
 * part of and leave the message unreadable, so it is taken only where no letter or digit
 * touches it — which is how a credential appears (after "Bearer ", in a query, between
 * quotes). It is never left in, however short.
 */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  if (secret.length >= SHORT_SECRET) return text.split(secret).join('[redacted]');
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'g'), '[redacted]');
}
