import type { PaymentState } from '../payments/paymentState';

/** What the hourly breakdown needs of a journal row (the journal's AttemptRow has all of it). */
export interface HourlyAttempt {
  kind: 'sale' | 'refund';
  gateway: string;
  vendor?: string;
  currency: string;
  state: PaymentState;
  training: boolean;
  amount: number;
  createdAt: string;
}

/** Approved sales of one hour by one wallet or method, in one currency: a bar segment of the day's chart and a cell of its table. */
export interface HourlySales {
  /** The start of the hour (ISO 8601): an hour of the terminal's own clock, so 09:00–10:00 is the shop's morning wherever it is. */
  hourStart: string;
  /** alipay, wechatpay, unionpay, or onlinepay for a card sale (what the report's wallet lines say). */
  vendor: string;
  currency: string;
  training: boolean;
  count: number;
  /** Integer minor units. */
  amount: number;
}

/** The start of the local hour `iso` falls in, as an instant (works for offsets that are not whole hours too). */
export function localHourStart(iso: string): string {
  const date = new Date(iso);
  date.setMinutes(0, 0, 0);
  return date.toISOString();
}

/**
 * The day's approved sales per hour and wallet: the numbers both the chart and the table
 * beside it are drawn from. Refunds and failures are left out (the chart answers "when did
 * we sell"), and training never mixes with live money. Ordered by hour, then by line.
 */
export function hourlySales(rows: readonly HourlyAttempt[], hourStart: (iso: string) => string = localHourStart): HourlySales[] {
  const cells = new Map<string, HourlySales>();
  for (const row of rows) {
    if (row.kind !== 'sale' || row.state !== 'success') continue;
    const vendor = row.vendor ?? (row.gateway === 'onlinepay' ? 'onlinepay' : 'unknown');
    const hour = hourStart(row.createdAt);
    const key = JSON.stringify([hour, row.training, row.currency, vendor]);
    const cell = cells.get(key);
    if (cell) {
      cell.count += 1;
      cell.amount += row.amount;
    } else {
      cells.set(key, { hourStart: hour, vendor, currency: row.currency, training: row.training, count: 1, amount: row.amount });
    }
  }
  return [...cells.values()].sort(
    (a, b) => a.hourStart.localeCompare(b.hourStart) || Number(a.training) - Number(b.training) || a.currency.localeCompare(b.currency) || a.vendor.localeCompare(b.vendor),
  );
}
