import type { HistoryKind, HistoryMethod, HistoryQuery, HistoryStatus } from '../../../shared/history/historyTypes';
import { parseAmountInput } from '../../../shared/money/amount';
import type { StoreCurrency } from '../../../shared/money/currencies';
import type { Vendor } from '../../../shared/payments/vendors';
import type { GatewayName } from '../../../shared/gateway/paymentGateway';

/** The filter form as typed: dates as the date inputs give them (local), amounts as text. */
export interface HistoryFilterForm {
  from: string;
  to: string;
  vendor: Vendor | '';
  gateway: GatewayName | '';
  method: HistoryMethod | '';
  kind: HistoryKind | '';
  status: HistoryStatus | '';
  minAmount: string;
  maxAmount: string;
  search: string;
}

export const EMPTY_FILTERS: HistoryFilterForm = { from: '', to: '', vendor: '', gateway: '', method: '', kind: '', status: '', minAmount: '', maxAmount: '', search: '' };

/** A local calendar day's start as UTC ISO (the journal's created_at is UTC). */
function localDayStart(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/** Why the filters could not be a query, and the field to show it at. */
export type HistoryFilterError = { error: 'amount'; field: 'minAmount' | 'maxAmount' } | { error: 'dateOrder'; field: 'from' };

/**
 * The form as a history query: local dates to UTC bounds (the "to" day included), amounts
 * parsed as the sale amounts are (never through floats), the search as letters and digits.
 * A From day after the To day is an error at the filter: as a query it could only ever
 * find nothing, which would read as "no payments".
 */
export function historyQueryOf(form: HistoryFilterForm, currency: StoreCurrency): { ok: true; query: HistoryQuery } | ({ ok: false } & HistoryFilterError) {
  // The date inputs give YYYY-MM-DD, so the text order is the calendar order.
  if (form.from && form.to && form.from > form.to) return { ok: false, error: 'dateOrder', field: 'from' };
  const query: HistoryQuery = {};
  if (form.from) query.from = localDayStart(form.from);
  if (form.to) query.to = localDayStart(form.to, 1);
  if (form.vendor) query.vendor = form.vendor;
  if (form.gateway) query.gateway = form.gateway;
  if (form.method) query.method = form.method;
  if (form.kind) query.kind = form.kind;
  if (form.status) query.status = form.status;
  for (const [key, text] of [['minAmount', form.minAmount], ['maxAmount', form.maxAmount]] as const) {
    if (text.trim() === '') continue;
    const parsed = parseAmountInput(text, currency, Number.MAX_SAFE_INTEGER);
    if (!parsed.ok) return { ok: false, error: 'amount', field: key };
    query[key] = parsed.amount;
  }
  // Case is kept: the journal tries it as typed, upper- and lower-cased (OnlinePay's tokens are lower-case hex).
  const search = form.search.replace(/[^A-Za-z0-9]/g, '');
  if (search) query.search = search;
  return { ok: true, query };
}
