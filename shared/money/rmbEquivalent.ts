import { currencyExponent, type CurrencyCode } from './currencies';

/**
 * The RMB equivalent the customer display shows next to the sale amount. NihaoPay
 * publishes one foreign-currency-to-RMB rate per vendor and day ("6.921791"); the
 * amount in fen is computed from the decimal string with integer arithmetic, half up,
 * so no float ever touches money.
 */

/** A rate as NihaoPay writes it: digits, an optional fraction; nothing else. */
const RATE_PATTERN = /^(\d{1,6})(?:\.(\d{1,12}))?$/;

/** The rate as an exact fraction (numerator / 10^scale), or undefined if it is not a positive decimal. */
export function parseRate(rate: string): { numerator: bigint; scale: number } | undefined {
  const match = RATE_PATTERN.exec(rate.trim());
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  const numerator = BigInt(`${match[1]}${fraction}`);
  if (numerator === 0n) return undefined;
  return { numerator, scale: fraction.length };
}

/** Minor units of `currency` at `rate` (RMB per unit of `currency`) → RMB fen, half up. Undefined for an unreadable rate. */
export function toRmbFen(amount: number, currency: CurrencyCode, rate: string): number | undefined {
  const parsed = parseRate(rate);
  if (!parsed || !Number.isSafeInteger(amount) || amount < 0) return undefined;
  // amount / 10^exponent units × rate = fen / 100  →  fen = amount × numerator × 100 / 10^(exponent + scale)
  const numerator = BigInt(amount) * parsed.numerator * 100n;
  const denominator = 10n ** BigInt(currencyExponent(currency) + parsed.scale);
  const fen = (numerator * 2n + denominator) / (denominator * 2n);
  return fen > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(fen);
}

/** China Standard Time is UTC+8 all year (no daylight saving). */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The date in China as NihaoPay's YYYYMMDD, `dayOffset` days from `now`'s. */
export function chinaDate(now: Date, dayOffset = 0): string {
  const shifted = new Date(now.getTime() + CHINA_OFFSET_MS + dayOffset * DAY_MS);
  return shifted.toISOString().slice(0, 10).replace(/-/g, '');
}

/** "Exchange rate updates 10:30am China Standard Time (UTC+8), once a day." */
export const RATE_PUBLISHED_AT_CHINA_MINUTES = 10 * 60 + 30;

/**
 * The rate date worth asking for at `now`: today's (in China) once it has been
 * published at 10:30 CST, yesterday's before that. Asking for today's earlier would only
 * earn a "not found" (404/93) and use up the one request a minute the gateway allows.
 */
export function currentRateDate(now: Date): string {
  const chinaMinutes = Math.floor(((now.getTime() + CHINA_OFFSET_MS) % DAY_MS) / 60_000);
  return chinaDate(now, chinaMinutes >= RATE_PUBLISHED_AT_CHINA_MINUTES ? 0 : -1);
}

/** The day before a YYYYMMDD date. */
export function previousRateDate(rateDate: string): string {
  const at = Date.UTC(Number(rateDate.slice(0, 4)), Number(rateDate.slice(4, 6)) - 1, Number(rateDate.slice(6, 8)));
  return new Date(at - DAY_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/** "20261122" → "2026-11-22", for people. */
export function rateDateText(rateDate: string): string {
  return /^\d{8}$/.test(rateDate) ? `${rateDate.slice(0, 4)}-${rateDate.slice(4, 6)}-${rateDate.slice(6, 8)}` : rateDate;
}
