import { currencyExponent, type CurrencyCode } from './currencies';

/**
 * Amounts are integers in the currency's minor unit (cents for USD, yen for JPY).
 * They are never floats: parsing works on the decimal string, not on Number(text).
 */
export function isMinorUnitAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export type AmountParseError =
  | 'AMOUNT_EMPTY'
  | 'AMOUNT_NOT_A_NUMBER'
  | 'AMOUNT_NOT_POSITIVE'
  | 'AMOUNT_TOO_PRECISE'
  | 'AMOUNT_OVER_MAXIMUM';

export type AmountParseResult = { ok: true; amount: number } | { ok: false; error: AmountParseError };

/**
 * Parses what the cashier typed ("12.34", "12", "0.5", "1,234.50") into minor units.
 * A comma is accepted only as a thousands separator; more fraction digits than the
 * currency has is refused rather than rounded, because rounding money silently is wrong.
 */
export function parseAmountInput(text: string, currency: CurrencyCode, maximum: number): AmountParseResult {
  const trimmed = text.trim().replace(/,(?=\d{3}(\D|$))/g, '');
  if (trimmed === '') return { ok: false, error: 'AMOUNT_EMPTY' };
  if (trimmed.startsWith('-')) return { ok: false, error: 'AMOUNT_NOT_POSITIVE' };
  const match = /^(\d*)(?:\.(\d*))?$/.exec(trimmed);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return { ok: false, error: 'AMOUNT_NOT_A_NUMBER' };
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) return { ok: false, error: 'AMOUNT_TOO_PRECISE' };
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
  // More than 15 digits cannot be a safe integer; it is certainly over any maximum.
  if (digits.length > 15) return { ok: false, error: 'AMOUNT_OVER_MAXIMUM' };
  const amount = Number(digits);
  if (amount <= 0) return { ok: false, error: 'AMOUNT_NOT_POSITIVE' };
  if (amount > maximum) return { ok: false, error: 'AMOUNT_OVER_MAXIMUM' };
  return { ok: true, amount };
}

/** Minor units → plain decimal string without grouping ("1234" USD → "12.34"). */
export function minorToDecimalString(amount: number, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${amount} is not an integer of minor units`);
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * The same figure in another currency's minor units: 5,000.00 USD (500000) is 5,000 JPY
 * (5000), and back. Used when a store changes its currency, so that "Largest sale" keeps the
 * number the merchant typed instead of silently becoming a hundred times larger or smaller.
 * Going to fewer decimals drops the fraction (never rounds up past what was allowed); the
 * result is at least 1 minor unit.
 */
export function rescaleMinorUnits(amount: number, from: CurrencyCode, to: CurrencyCode): number {
  const shift = currencyExponent(to) - currencyExponent(from);
  const scaled = shift >= 0 ? amount * 10 ** shift : Math.floor(amount / 10 ** -shift);
  return Math.min(Number.MAX_SAFE_INTEGER, Math.max(1, scaled));
}
