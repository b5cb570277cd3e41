/** NihaoPay: "An alphanumeric string up to 30 characters that must be unique to each of your transactions." */
export const REFERENCE_MAX_LENGTH = 30;

export function isValidReference(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9]{1,30}$/.test(value);
}

/**
 * A merchant reference: terminal prefix, UTC time to the millisecond, and random base-36.
 * Time first so references sort by creation; randomness so two terminals (or a restarted
 * one whose clock stepped back) never collide. Each byte of `randomBytes` gives one base-36 character.
 */
export function makeReference(terminalPrefix: string, now: Date, randomBytes: Uint8Array): string {
  const prefix = terminalPrefix.replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 4) || 'CP';
  const stamp = now.toISOString().replace(/\D/g, '').slice(2, 17); // yyMMddHHmmssSSS
  let tail = '';
  for (const byte of randomBytes) tail += (byte % 36).toString(36);
  const reference = (prefix + stamp + tail.toUpperCase()).slice(0, REFERENCE_MAX_LENGTH);
  if (!isValidReference(reference)) throw new Error(`generated an invalid reference: ${reference}`);
  return reference;
}
