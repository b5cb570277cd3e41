import { currencyExponent, type CurrencyCode } from '../../../../shared/money/currencies';

/**
 * Reads the decimal strings NihaoPay uses for balances, fees and withdrawals ("100.00",
 * "12.4", "-5.00", and "100" or "100.00" for yen) into integer minor units, working on
 * the digits, never through a float. Digits past the currency's exponent are accepted
 * only when they are zeros: "1.005" USD is not an amount a ledger can hold, so it is
 * refused (undefined) rather than rounded.
 */
export function decimalToMinorUnits(text: string, currency: CurrencyCode): number | undefined {
  const match = /^(-)?(\d{1,15})(?:\.(\d{1,8}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = ''] = match;
  const exponent = currencyExponent(currency);
  const kept = fraction.slice(0, exponent);
  if (/[^0]/.test(fraction.slice(exponent))) return undefined;
  const value = Number(whole + kept.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(value)) return undefined;
  return sign && value !== 0 ? -value : value;
}
