import { minorToDecimalString } from '../../../shared/money/amount';
import { BILLING_COLUMNS } from '../../../shared/gateway/nihaopay/movementFiles';
import { VENDORS, type Vendor } from '../../../shared/payments/vendors';
import type { ApiContext } from './sandboxContext';
import { formatRate, rateMicros } from './sandboxExchangeRates';
import { gatewayDate, type SandboxTransaction } from './sandboxLedger';
import { lookupBody } from './sandboxPayments';
import { csvReply, csvText, errorReply, okReply, type ApiReply } from './sandboxReplies';

/**
 * GET endpoints read from the books: the transaction list, the exchange rates, and the
 * CSV downloads. All take their parameters from the query string.
 */

const GATEWAY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DAY_MS = 86_400_000;
/** "The starting and end dates should be within a 10-day interval", both ends included. */
export const DOWNLOAD_MAX_DAYS = 10;

/** GET /v1.2/transactions/?limit&starting_after&ending_before, newest first. */
export function answerTransactionList(query: URLSearchParams, context: ApiContext): ApiReply {
  const limitText = query.get('limit');
  const after = query.get('starting_after');
  const before = query.get('ending_before');
  if (limitText !== null && !(/^\d{1,3}$/.test(limitText) && Number(limitText) >= 1 && Number(limitText) <= 100)) return errorReply('90');
  for (const time of [after, before]) {
    if (time !== null && (!GATEWAY_TIME.test(time) || Number.isNaN(Date.parse(time)))) return errorReply('90');
  }
  const limit = limitText === null ? 10 : Number(limitText);
  const transactions = context.ledger
    .all()
    .filter((t) => (after === null || t.time > after) && (before === null || t.time < before))
    .sort((a, b) => (a.time === b.time ? (a.id < b.id ? 1 : -1) : a.time < b.time ? 1 : -1))
    .slice(0, limit)
    .map(lookupBody);
  return okReply({ transactions });
}

/** The rates currency parameter accepts, from the document. */
const RATE_CURRENCIES = ['USD', 'JPY', 'HKD', 'GBP', 'EUR'] as const;

/**
 * GET /v1.2/exchangerate/?rate_date&currency[&vendor]. Rates are published for every date
 * up to today in China (UTC+8); a later date has none yet: 404/93.
 */
export function answerExchangeRate(query: URLSearchParams, context: ApiContext): ApiReply {
  const rateDate = query.get('rate_date') ?? '';
  const currency = query.get('currency') ?? '';
  const vendor = query.get('vendor');
  if (rateDate.trim() === '') return errorReply('92', 'rate_date');
  if (currency.trim() === '') return errorReply('92', 'currency');
  const day = parseDate(rateDate);
  if (day === undefined || !(RATE_CURRENCIES as readonly string[]).includes(currency)) return errorReply('90');
  if (vendor !== null && !(VENDORS as readonly string[]).includes(vendor)) return errorReply('90');
  const todayInChina = gatewayDate(new Date(context.now().getTime() + 8 * 3_600_000));
  if (rateDate > todayInChina) return errorReply('93');
  const vendors = vendor === null ? VENDORS : [vendor as Vendor];
  return okReply({
    rates: vendors.map((v) => ({
      rate_date: rateDate,
      // The document's example writes the currency in lower case.
      currency: currency.toLowerCase(),
      vendor: v,
      rate: formatRate(rateMicros(currency as (typeof RATE_CURRENCIES)[number], v)),
    })),
  });
}

/** start_date and end_date, checked as the download endpoints check them; a reply when they are wrong. */
export function readDateRange(query: URLSearchParams, maxDays: number | undefined): { startDate: string; endDate: string } | ApiReply {
  const startDate = query.get('start_date') ?? '';
  const endDate = query.get('end_date') ?? '';
  if (startDate.trim() === '') return errorReply('92', 'start_date');
  if (endDate.trim() === '') return errorReply('92', 'end_date');
  const start = parseDate(startDate);
  const end = parseDate(endDate);
  if (start === undefined || end === undefined || end < start) return errorReply('90');
  if (maxDays !== undefined && (end - start) / DAY_MS + 1 > maxDays) return errorReply('90');
  return { startDate, endDate };
}

function isReply(value: object): value is ApiReply {
  return 'status' in value;
}

const money = (amount: number, currency: SandboxTransaction['currency']): string => minorToDecimalString(amount, currency);
const fen = (amount: number | null | undefined): string => (amount === null || amount === undefined ? '' : minorToDecimalString(amount, 'CNY'));

export const TRANSACTIONS_CSV_HEADER = [
  'transaction_id', 'reference', 'time', 'vendor', 'vendor_id', 'type', 'status', 'currency', 'amount', 'rmb_amount', 'refunded_amount', 'note',
] as const;

/** GET /v1.2/download/transactions/?start_date&end_date: every transaction of those (UTC) days. */
export function answerTransactionsDownload(query: URLSearchParams, context: ApiContext): ApiReply {
  const range = readDateRange(query, DOWNLOAD_MAX_DAYS);
  if (isReply(range)) return range;
  const rows = inRange(context.ledger.all(), range).map((t) => [
    t.id,
    t.reference,
    t.time,
    t.vendor,
    t.vendorTransactionId ?? '',
    'charge',
    t.status,
    t.currency,
    money(t.amount, t.currency),
    fen(t.rmbAmount),
    money((t.refunds ?? []).reduce((sum, r) => sum + r.amount, 0), t.currency),
    t.note ?? '',
  ]);
  return csvReply(csvText(TRANSACTIONS_CSV_HEADER, rows));
}

/**
 * GET /v1.2/billing/?start_date&end_date: what moved money on those days, successful
 * payments and their refunds (negative). "Closed, failed or cancelled transactions do not appear."
 */
export function answerBillingDownload(query: URLSearchParams, context: ApiContext): ApiReply {
  const range = readDateRange(query, DOWNLOAD_MAX_DAYS);
  if (isReply(range)) return range;
  const rows: string[][] = [];
  for (const t of context.ledger.all()) {
    if (t.status !== 'success') continue;
    const day = gatewayDate(t.time);
    if (day >= range.startDate && day <= range.endDate) rows.push([t.time, 'charge', t.id, '', t.reference, t.vendor, t.currency, money(t.amount, t.currency)]);
    for (const refund of t.refunds ?? []) {
      const refundDay = gatewayDate(refund.time);
      if (refundDay >= range.startDate && refundDay <= range.endDate) {
        rows.push([refund.time, 'refund', t.id, refund.id, t.reference, t.vendor, t.currency, money(-refund.amount, t.currency)]);
      }
    }
  }
  rows.sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : (a[0] ?? '') > (b[0] ?? '') ? 1 : 0));
  return csvReply(csvText(BILLING_COLUMNS, rows));
}

function inRange(transactions: SandboxTransaction[], range: { startDate: string; endDate: string }): SandboxTransaction[] {
  return transactions
    .filter((t) => {
      const day = gatewayDate(t.time);
      return day >= range.startDate && day <= range.endDate;
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** YYYYMMDD as UTC milliseconds, or undefined when it is not a real date. */
export function parseDate(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? time : undefined;
}
