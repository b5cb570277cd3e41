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

export function isCurrencyCode(value: unknown): value is CurrencyCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CURRENCIES, value);
}

export function isInStoreCurrency(value: unknown): value is InStoreCurrency {
  return typeof value === 'string' && (IN_STORE_CURRENCIES as readonly string[]).includes(value);
}

export function currencyExponent(currency: CurrencyCode): number {
  return CURRENCIES[currency].exponent;
}
