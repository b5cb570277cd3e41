import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * NihaoPay's IPN signature, from "Instant Payment Notification → Sign method":
 *
 *   verify_sign = MD5(key1=value1&key2=value2&...&keyn=valuen&MD5(TOKEN))
 *
 * with the keys sorted by name, verify_sign itself left out, and keys whose value is
 * empty or null left out (the document's example posts `note = null`: a note never set
 * arrives as the text "null", as an empty value, or not at all, and all three sign the
 * same). Values are signed as received, not URL-encoded. MD5 in lowercase hex.
 *
 * An empty value is where NihaoPay's own code disagrees: its PHP, WHMCS and .NET demos
 * leave the pair out, its Java demo and OpenCart plugin (and the text's second formula,
 * `key2=&key3=value3`) sign it as `key=`. A real IPN of a failed payment carries
 * `sys_reserve=` empty, so a receiver that knows one way only refuses a genuine post and
 * NihaoPay retries it until it gives up. We sign the first way and verify both: either is
 * keyed by the token, so accepting the second lets no one in who lacks it.
 * Pure: no I/O, so the gateway side (the sandbox) and the merchant side share it.
 */

export type IpnFields = Readonly<Record<string, string | number | null | undefined>>;

export const SIGNATURE_FIELD = 'verify_sign';

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function isLeftOut(value: string | number | null | undefined): value is null | undefined | '' {
  return value === null || value === undefined || value === '' || value === 'null';
}

/** How an empty value is signed: left out (PHP, WHMCS, .NET) or as `key=` (Java, OpenCart, the text's `key2=`). */
export type EmptyValues = 'leftOut' | 'signedEmpty';

/** The text that is hashed, exposed so tests can hold it against the document's formula. */
export function ipnSigningString(fields: IpnFields, token: string, empty: EmptyValues = 'leftOut'): string {
  const pairs = Object.keys(fields)
    .filter((key) => key !== SIGNATURE_FIELD && (empty === 'signedEmpty' ? fields[key] !== null && fields[key] !== undefined && fields[key] !== 'null' : !isLeftOut(fields[key])))
    // Plain code-unit order: the keys are ASCII, and locale-aware sorting could differ by machine.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}=${String(fields[key])}`);
  return [...pairs, md5Hex(token)].join('&');
}

export function signIpn(fields: IpnFields, token: string): string {
  return md5Hex(ipnSigningString(fields, token));
}

/**
 * True only when `verify_sign` is present and matches the fields signed either way an
 * empty value is signed (the same when none is empty); compared in constant time.
 */
export function verifyIpn(fields: IpnFields, token: string): boolean {
  const received = fields[SIGNATURE_FIELD];
  if (typeof received !== 'string' || !/^[0-9a-fA-F]{32}$/.test(received)) return false;
  const got = Buffer.from(received.toLowerCase(), 'utf8');
  const matches = (empty: EmptyValues) => timingSafeEqual(Buffer.from(md5Hex(ipnSigningString(fields, token, empty)), 'utf8'), got);
  // Both are computed every time, so the answer takes as long whichever way it was signed.
  const leftOut = matches('leftOut');
  const signedEmpty = matches('signedEmpty');
  return leftOut || signedEmpty;
}
