/**
 * The one currency table. Exponents are ISO 4217 minor-unit exponents and match
 * NihaoPay v1.2 "Parameters Description → Currency". CNY is not a settlement
 * currency; it is listed because rmb_amount is expressed in fen.
 */
export const CURRENCIES = {
  USD: { exponent: 2 },
  JPY: { exponent: 0 },
  HKD: { exponent: 2 },
  EUR: { exponent: 2 },
  CAD: { exponent: 2 },
  GBP: { exponent: 2 },
  SGD: { exponent: 2 },
  AUD: { exponent: 2 },
  CNY: { exponent: 2 },
} as const satisfies Record<string, { exponent: number }>;

export type CurrencyCode = keyof typeof CURRENCIES;

/** Currencies NihaoPay accepts for the in-store endpoints (scanqrcode, showqrcode, merchantqrcode). */
export const IN_STORE_CURRENCIES = ['USD', 'JPY'] as const satisfies readonly CurrencyCode[];
export type InStoreCurrency = (typeof IN_STORE_CURRENCIES)[number];

/**
 * Currencies a store may price in. NihaoPay's in-store endpoints take USD and JPY only
 * ("Currently, acceptable currencies are USD and JPY"); OnlinePay takes CNY, EUR, USD and
 * JPY. So a CNY or EUR store can use OnlinePay only: which methods a store offers is
 * decided in shared/gateway/availableMethods.ts, never here.
 */
export const STORE_CURRENCIES = ['USD', 'JPY', 'CNY', 'EUR'] as const satisfies readonly CurrencyCode[];
export type StoreCurrency = (typeof STORE_CURRENCIES)[number];

export function isStoreCurrency(value: unknown): value is StoreCurrency {
  return typeof value === 'string' && (STORE_CURRENCIES as readonly string[]).includes(value);
}

export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CURRENCIES, value);
}

export function isInStoreCurrency(value: unknown): value is InStoreCurrency {
  return typeof value === 'string' && (IN_STORE_CURRENCIES as readonly string[]).includes(value);
}

export function currencyExponent(currency: CurrencyCode): number {
  return CURRENCIES[currency].exponent;
}
