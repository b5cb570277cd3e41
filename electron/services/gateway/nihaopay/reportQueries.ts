import {
  EXCHANGE_RATE_CURRENCIES,
  type DateRange,
  type ExchangeRateQuery,
  type ListTransactionsQuery,
} from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { isVendor } from '../../../../shared/payments/vendors';
import { isGatewayTime, parseGatewayDate } from './gatewayDates';

/** The query strings of the GET endpoints: list, exchange rate, downloads, withdrawal history. */

export const LIST_LIMIT_MAX = 100;

export function listTransactionsQueryProblem(query: ListTransactionsQuery): string | undefined {
  if (query.limit !== undefined && !(Number.isSafeInteger(query.limit) && query.limit >= 1 && query.limit <= LIST_LIMIT_MAX)) {
    return `limit must be a whole number from 1 to ${LIST_LIMIT_MAX}`;
  }
  for (const field of ['startingAfter', 'endingBefore'] as const) {
    const value = query[field];
    if (value !== undefined && !isGatewayTime(value)) return `${field} must be a UTC time like 2015-01-01T01:01:00Z`;
  }
  if (query.startingAfter !== undefined && query.endingBefore !== undefined && query.startingAfter >= query.endingBefore) {
    return 'startingAfter must be before endingBefore';
  }
  return undefined;
}

export function listTransactionsQueryString(query: ListTransactionsQuery): string {
  return queryString([
    ['limit', query.limit],
    ['starting_after', query.startingAfter],
    ['ending_before', query.endingBefore],
  ]);
}

export function exchangeRateQueryProblem(query: ExchangeRateQuery): string | undefined {
  if (parseGatewayDate(query.rateDate) === undefined) return 'rateDate must be a YYYYMMDD date';
  if (!(EXCHANGE_RATE_CURRENCIES as readonly string[]).includes(query.currency)) return `currency must be one of ${EXCHANGE_RATE_CURRENCIES.join(', ')}`;
  if (query.vendor !== undefined && !isVendor(query.vendor)) return 'vendor, when given, must be alipay, wechatpay or unionpay';
  return undefined;
}

export function exchangeRateQueryString(query: ExchangeRateQuery): string {
  return queryString([
    ['rate_date', query.rateDate],
    ['currency', query.currency],
    ['vendor', query.vendor],
  ]);
}

export function dateRangeQueryString(range: DateRange): string {
  return queryString([
    ['start_date', range.startDate],
    ['end_date', range.endDate],
  ]);
}

/** "?a=1&b=2", or "" when nothing is set. */
function queryString(fields: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of fields) if (value !== undefined) params.append(name, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
