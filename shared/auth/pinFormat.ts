/**
 * What a manager PIN looks like: 4 to 12 digits. Main refuses anything else
 * (electron/services/auth/pinHash.ts); the windows check it first, to show the problem next
 * to the field before anything is sent.
 */
export const PIN_PATTERN = /^[0-9]{4,12}$/;

export function isValidPin(pin: unknown): pin is string {
  return typeof pin === 'string' && PIN_PATTERN.test(pin);
}
