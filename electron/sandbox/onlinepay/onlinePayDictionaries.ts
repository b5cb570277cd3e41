/**
 * The fixed vocabularies of the OnlinePay Business API v1 text, as the sandbox checks
 * them. Kept apart from the endpoints so a reader can compare them with the text's
 * "Dictionaries" section line by line.
 */

// The currencies, locales and bank codes are the client's and the sandbox's alike: one
// table, in shared/gateway/onlinepay/onlinePayApi.ts; exponents from the one currency table.
export { ONLINEPAY_CURRENCIES, isOnlinePayCurrency, ONLINEPAY_LOCALES } from '../../../shared/gateway/onlinepay/onlinePayApi';
export type { OnlinePayCurrency, OnlinePayLocale } from '../../../shared/gateway/onlinepay/onlinePayApi';
import { ONLINEPAY_LOCALES, type OnlinePayCurrency, type OnlinePayLocale } from '../../../shared/gateway/onlinepay/onlinePayApi';
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

// Banks, provinces and cities: the one copy in shared/gateway/onlinepay/onlinePayDictionaries.ts,
// tested row by row against the text; the sandbox refuses a city of another province as the client does.
export { isOnlinePayBankCode, isOnlinePayStateCode, isCityOfState } from '../../../shared/gateway/onlinepay/onlinePayDictionaries';

/** ISO 3166-1: two or three Latin letters, or the three-digit numeric code. */
export function isCountryCode(value: string): boolean {
  return /^(?:[A-Za-z]{2,3}|\d{3})$/.test(value);
}
