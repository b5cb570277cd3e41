import type { PaymentState } from '../payments/paymentState';
import type { TotalsGroup } from './dayReport';

/** What grouping needs of a journal row (the journal's AttemptRow has all of it). */
export interface GroupableAttempt {
  kind: 'sale' | 'refund';
  gateway: string;
  method: string;
  vendor?: string;
  currency: string;
  state: PaymentState;
  training: boolean;
  /** Integer minor units. */
  amount: number;
}

/**
 * The day's attempts as report groups by kind, gateway, method, vendor, currency, state and
 * training. The journal's totals() groups by vendor only; the gateway and method lines need
 * more, and grouping the same rows once keeps every section of a report on one reading.
 * An OnlinePay card sale names no wallet: it counts as "onlinepay", as totals() says.
 */
export function groupAttempts(rows: readonly GroupableAttempt[]): TotalsGroup[] {
  const groups = new Map<string, TotalsGroup>();
  for (const row of rows) {
    const vendor = row.vendor ?? (row.gateway === 'onlinepay' ? 'onlinepay' : null);
    const key = JSON.stringify([row.kind, row.gateway, row.method, vendor, row.currency, row.state, row.training]);
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.amount += row.amount;
    } else {
      groups.set(key, { kind: row.kind, gateway: row.gateway, method: row.method, vendor, currency: row.currency, state: row.state, training: row.training, count: 1, amount: row.amount });
    }
  }
  return [...groups.values()];
}
