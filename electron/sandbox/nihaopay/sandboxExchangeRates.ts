import { currencyExponent, type CurrencyCode } from '../../../shared/money/currencies';
import type { Vendor } from '../../../shared/payments/vendors';

/**
 * The sandbox's exchange rates: a fixed table, the same for every date, so amounts
 * converted to and from RMB are the same in every run. USD is the document's own
 * example (20170308); the others are plausible and fixed. Rates are held as integers of
 * millionths ("6.948700" → 6948700) so that no conversion goes through a float.
 */
const RATE_MICROS: Readonly<Record<Exclude<CurrencyCode, 'CNY'>, Readonly<Record<Vendor, number>>>> = {
  USD: { unionpay: 6_948_700, alipay: 6_921_791, wechatpay: 6_921_911 },
  JPY: { unionpay: 48_210, alipay: 48_105, wechatpay: 48_112 },
  HKD: { unionpay: 889_600, alipay: 886_420, wechatpay: 886_510 },
  GBP: { unionpay: 9_105_300, alipay: 9_071_200, wechatpay: 9_073_400 },
  EUR: { unionpay: 7_802_100, alipay: 7_774_500, wechatpay: 7_775_100 },
  CAD: { unionpay: 5_101_200, alipay: 5_083_400, wechatpay: 5_084_000 },
  SGD: { unionpay: 5_180_300, alipay: 5_162_900, wechatpay: 5_163_300 },
  AUD: { unionpay: 4_613_800, alipay: 4_598_100, wechatpay: 4_598_700 },
};

export function rateMicros(currency: CurrencyCode, vendor: Vendor): number {
  if (currency === 'CNY') return 1_000_000;
  return RATE_MICROS[currency][vendor];
}

/** "6.948700", as the document writes rates. */
export function formatRate(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** Half-up division of non-negative integers, exact for any size. */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** Minor units of `currency` to RMB fen at the vendor's rate. */
export function toRmbFen(amount: number, currency: CurrencyCode, vendor: Vendor): number {
  const scale = 10n ** BigInt(2 - currencyExponent(currency));
  return divideHalfUp(BigInt(amount) * scale * BigInt(rateMicros(currency, vendor)), 1_000_000n);
}

/** RMB fen to minor units of `currency` at the vendor's rate: what rmb_amount pricing settles as. */
export function fromRmbFen(fen: number, currency: CurrencyCode, vendor: Vendor): number {
  const scale = 10n ** BigInt(2 - currencyExponent(currency));
  return divideHalfUp(BigInt(fen) * 1_000_000n, scale * BigInt(rateMicros(currency, vendor)));
}
