/**
 * The fixed vocabularies of the OnlinePay Business API v1 text, as the sandbox checks
 * them. Kept apart from the endpoints so a reader can compare them with the text's
 * "Dictionaries" section line by line.
 */

// The currencies, locales and bank codes are the client's and the sandbox's alike: one
// table, in shared/gateway/onlinepay/onlinePayApi.ts; exponents from the one currency table.
export { ONLINEPAY_CURRENCIES, isOnlinePayCurrency, ONLINEPAY_LOCALES } from '../../../shared/gateway/onlinepay/onlinePayApi';
export type { OnlinePayCurrency, OnlinePayLocale } from '../../../shared/gateway/onlinepay/onlinePayApi';
import { ONLINEPAY_BANK_CODES, ONLINEPAY_LOCALES, type OnlinePayCurrency, type OnlinePayLocale } from '../../../shared/gateway/onlinepay/onlinePayApi';
import { currencyExponent } from '../../../shared/money/currencies';

/** ISO 4217 exponents: the text's amounts are "in cents, except JPY". */
export const currencyExponentOf = (currency: OnlinePayCurrency): number => currencyExponent(currency);

export function isOnlinePayLocale(value: unknown): value is OnlinePayLocale {
  return typeof value === 'string' && (ONLINEPAY_LOCALES as readonly string[]).includes(value);
}

/** Payment states: init and pending are not final, approved and declined are. */
export type OnlinePayStatus = 'init' | 'pending' | 'approved' | 'declined';

export function isFinalStatus(status: OnlinePayStatus): boolean {
  return status === 'approved' || status === 'declined';
}

/** "Supported Chinese bank codes". */
export const BANK_CODES: ReadonlySet<string> = new Set(ONLINEPAY_BANK_CODES);

/** "Supported Chinese state codes" (provinces). */
export const STATE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

/**
 * City codes are four digits in the text's list of some 330 cities. The sandbox checks
 * the shape only, not membership: carrying the whole list would add nothing a test of
 * the POS needs, and a shape check still catches a field filled with a city *name*.
 */
export function isCityCode(value: string): boolean {
  return /^\d{4}$/.test(value);
}

/** ISO 3166-1: two or three Latin letters, or the three-digit numeric code. */
export function isCountryCode(value: string): boolean {
  return /^(?:[A-Za-z]{2,3}|\d{3})$/.test(value);
}
