import {
  ONLINEPAY_BANK_CODES,
  ONLINEPAY_LOCALES,
  ONLINEPAY_MAX_PER_PAGE,
  ONLINEPAY_OPERATION_FILTERS,
  isOnlinePayCurrency,
  type CreatePaymentRequest,
  type CreatePayoutRequest,
  type ListPaymentsQuery,
} from '../../../../shared/gateway/onlinepay/onlinePayApi';
import { isValidReference } from '../../../../shared/payments/reference';

/*
 * Requests are checked before anything is sent; each function returns the first problem
 * (the caller refuses with invalid_request and sends nothing) or undefined.
 */

const TEXT = /^[^\p{Cc}]+$/u;

function textProblem(name: string, value: unknown, max: number, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max || !TEXT.test(value)) {
    return `${name} must be 1-${max} characters without control characters`;
  }
  return undefined;
}

/** Minor units: a safe integer > 0 (fen, cents, whole yen). */
export function amountProblem(amount: unknown): string | undefined {
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 ? undefined : 'amount must be a whole number of minor units above 0';
}

export function currencyProblem(currency: unknown): string | undefined {
  return isOnlinePayCurrency(currency) ? undefined : 'currency must be CNY, EUR, USD or JPY';
}

export function orderNumberProblem(orderNumber: unknown): string | undefined {
  return isValidReference(orderNumber) ? undefined : 'orderNumber must be 1-30 letters and digits';
}

/** Payment tokens go into a URL path; the same rule as the reply schema's. */
export function tokenProblem(token: unknown): string | undefined {
  return typeof token === 'string' && /^[A-Za-z0-9._~-]{1,128}$/.test(token) ? undefined : 'token must be 1-128 letters, digits or ._~-';
}

function urlProblem(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 2048) return `${name} must be an http(s) URL`;
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return undefined;
  } catch {
    // falls through
  }
  return `${name} must be an http(s) URL`;
}

function firstProblem(...problems: (string | undefined)[]): string | undefined {
  return problems.find((p) => p !== undefined);
}

export function createPaymentProblem(request: CreatePaymentRequest): string | undefined {
  return firstProblem(
    textProblem('product', request.product, 255, true),
    amountProblem(request.amount),
    currencyProblem(request.currency),
    orderNumberProblem(request.orderNumber),
    textProblem('extraReturnParam', request.extraReturnParam, 255, false),
    request.locale === undefined || (ONLINEPAY_LOCALES as readonly string[]).includes(request.locale) ? undefined : 'locale must be en, zh or jp',
    urlProblem('redirectSuccessUrl', request.redirectSuccessUrl),
    urlProblem('redirectFailUrl', request.redirectFailUrl),
  );
}

/** The JSON body, with the text's camelCase names; empty optional fields are left out. */
export function createPaymentBody(request: CreatePaymentRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { product: request.product, amount: request.amount, currency: request.currency, orderNumber: request.orderNumber };
  for (const key of ['extraReturnParam', 'locale', 'redirectSuccessUrl', 'redirectFailUrl'] as const) {
    if (request[key] !== undefined) body[key] = request[key];
  }
  return body;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function listQueryProblem(query: ListPaymentsQuery): string | undefined {
  const { dateFrom, dateTo, operationType, orderNumber, perPage } = query;
  return firstProblem(
    dateFrom === undefined || isCalendarDate(dateFrom) ? undefined : 'dateFrom must be a date YYYY-MM-DD',
    dateTo === undefined || isCalendarDate(dateTo) ? undefined : 'dateTo must be a date YYYY-MM-DD',
    dateFrom !== undefined && dateTo !== undefined && dateFrom > dateTo ? 'dateFrom must not be after dateTo' : undefined,
    operationType === undefined || (ONLINEPAY_OPERATION_FILTERS as readonly string[]).includes(operationType) ? undefined : 'operationType must be pays, payouts or all',
    orderNumber === undefined ? undefined : orderNumberProblem(orderNumber),
    perPage === undefined || (Number.isSafeInteger(perPage) && perPage >= 1 && perPage <= ONLINEPAY_MAX_PER_PAGE) ? undefined : `perPage must be 1-${ONLINEPAY_MAX_PER_PAGE}`,
  );
}

/** Fewest pages by default; the gateway's own default is 20. */
export const DEFAULT_PER_PAGE = ONLINEPAY_MAX_PER_PAGE;

/** `/api/v1/payments?...` for one page, in the text's snake_case. */
export function listQueryString(query: ListPaymentsQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.dateFrom !== undefined) params.set('date_from', query.dateFrom);
  if (query.dateTo !== undefined) params.set('date_to', query.dateTo);
  if (query.operationType !== undefined) params.set('operation_type', query.operationType);
  if (query.orderNumber !== undefined) params.set('order_number', query.orderNumber);
  params.set('page', String(page));
  params.set('per_page', String(query.perPage ?? DEFAULT_PER_PAGE));
  return params.toString();
}

const BANK_CODES: ReadonlySet<string> = new Set(ONLINEPAY_BANK_CODES);

/**
 * Payouts go either to a wallet or to a bank account with a billing address, never both:
 * the text's example carries both, but a payout has one destination. The province and
 * city codes are checked for shape (two and four digits), not against the dictionaries.
 */
export function createPayoutProblem(request: CreatePayoutRequest): string | undefined {
  const base = firstProblem(amountProblem(request.amount), currencyProblem(request.currency), orderNumberProblem(request.orderNumber));
  if (base) return base;
  const hasWallet = request.walletToken !== undefined;
  const hasBank = request.bankAccount !== undefined || request.billing !== undefined;
  if (hasWallet === hasBank) return 'a payout needs either walletToken or bankAccount with billing';
  if (hasWallet) return textProblem('walletToken', request.walletToken, 128, true) ?? (/^[\x21-\x7e]+$/.test(request.walletToken ?? '') ? undefined : 'walletToken must be visible ASCII');
  const { bankAccount, billing } = request;
  if (!bankAccount || !billing) return 'a bank payout needs bankAccount and billing';
  return firstProblem(
    textProblem('bankAccount.accountHolder', bankAccount.accountHolder, 100, true),
    typeof bankAccount.accountNumber === 'string' && /^\d{6,34}$/.test(bankAccount.accountNumber) ? undefined : 'bankAccount.accountNumber must be 6-34 digits',
    BANK_CODES.has(bankAccount.bankCode) ? undefined : 'bankAccount.bankCode must be one of the supported bank codes',
    typeof billing.state === 'string' && /^\d{2}$/.test(billing.state) ? undefined : 'billing.state must be a two-digit province code',
    typeof billing.city === 'string' && /^\d{4}$/.test(billing.city) ? undefined : 'billing.city must be a four-digit city code',
    typeof billing.countryCode === 'string' && /^(?:[A-Za-z]{2,3}|\d{3})$/.test(billing.countryCode) ? undefined : 'billing.countryCode must be 2-3 letters or 3 digits',
    textProblem('billing.zip', billing.zip, 16, false),
    textProblem('billing.street', billing.street, 255, false),
    billing.phone === undefined || /^\+?[\d\s-]{5,20}$/.test(billing.phone) ? undefined : 'billing.phone must be a phone number of up to 20 characters',
  );
}

export function createPayoutBody(request: CreatePayoutRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { amount: request.amount, currency: request.currency, orderNumber: request.orderNumber };
  if (request.walletToken !== undefined) {
    body.walletToken = request.walletToken;
    return body;
  }
  const { bankAccount, billing } = request;
  if (bankAccount) body.bankAccount = { accountHolder: bankAccount.accountHolder, accountNumber: bankAccount.accountNumber, bankCode: bankAccount.bankCode };
  if (billing) {
    const address: Record<string, string> = { state: billing.state, countryCode: billing.countryCode, city: billing.city };
    for (const key of ['zip', 'street', 'phone'] as const) if (billing[key] !== undefined) address[key] = billing[key];
    body.billing = address;
  }
  return body;
}
