import type { PosErrorData } from '../errors/posErrors';
import { isMinorUnitAmount, minorToDecimalString } from '../money/amount';
import { isCurrencyCode } from '../money/currencies';
import { isFinalPaymentState, type PaymentState } from '../payments/paymentState';

/** What the balance of one sale is made of, in integer minor units of the sale's currency. */
export interface RefundBalance {
  currency: string;
  /** The sale's amount. */
  original: number;
  /** Refunds the gateway confirmed. */
  refunded: number;
  /** Refunds sent whose outcome is not known yet: counted as taken until they settle. */
  inFlight: number;
  /** What may still be refunded: original − refunded − in flight. */
  remaining: number;
}

export interface RefundableSale {
  kind: 'sale' | 'refund';
  state: PaymentState;
  amount: number;
  currency: string;
}

export interface RefundSoFar {
  amount: number;
  state: PaymentState;
}

export function refundBalance(sale: Pick<RefundableSale, 'amount' | 'currency'>, refunds: readonly RefundSoFar[]): RefundBalance {
  const refunded = refunds.filter((r) => r.state === 'success').reduce((sum, r) => sum + r.amount, 0);
  const inFlight = refunds.filter((r) => !isFinalPaymentState(r.state)).reduce((sum, r) => sum + r.amount, 0);
  return { currency: sale.currency, original: sale.amount, refunded, inFlight, remaining: Math.max(0, sale.amount - refunded - inFlight) };
}

const money = (amount: number, currency: string) => (isCurrencyCode(currency) ? minorToDecimalString(amount, currency) : String(amount));

/**
 * The local check every refund passes before anything is written or sent: the same
 * rules the gateway applies (63 not a successful sale, 64 another currency, 66 already
 * fully refunded, 67 more than the balance), decided here so an over-refund never leaves
 * the till. A refund whose outcome is still unknown blocks the next one: until it is
 * settled nobody knows the balance, and two unknown refunds of one sale could not be told
 * apart in the gateway's refund list.
 */
export function checkRefund(sale: RefundableSale, refunds: readonly RefundSoFar[], request: { amount: number; currency: string }): PosErrorData | undefined {
  if (sale.kind !== 'sale' || sale.state !== 'success') return { code: 'REFUND_NOT_REFUNDABLE' };
  if (request.currency !== sale.currency) return { code: 'REFUND_CURRENCY_MISMATCH', params: { currency: sale.currency } };
  if (!isMinorUnitAmount(request.amount)) return { code: 'AMOUNT_NOT_POSITIVE' };
  const balance = refundBalance(sale, refunds);
  if (balance.inFlight > 0) return { code: 'REFUND_IN_PROGRESS' };
  if (balance.remaining === 0) return { code: 'REFUND_FULLY_REFUNDED' };
  if (request.amount > balance.remaining) {
    return { code: 'REFUND_OVER_BALANCE', params: { remaining: money(balance.remaining, sale.currency), currency: sale.currency } };
  }
  return undefined;
}
