import type { OnlinePayContext } from './onlinePayContext';
import { isOnlinePayCurrency, isOnlinePayLocale } from './onlinePayDictionaries';
import { errorReply, okReply, type OnlinePayReply } from './onlinePayErrors';
import { paymentJsonForGet, paymentJsonForList } from './onlinePayOperationJson';
import { httpUrlOf, orderNumberOf, positiveMinorUnits, textOf, type JsonObject } from './onlinePayRequestFields';

/** The text's list limits: "max: 500, default: 20". */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 500;

/**
 * POST /api/v1/payments. Checks run in the order amount, currency, product, order number
 * (format, then uniqueness), so a request with several faults names the first one. The
 * text marks orderNumber optional, but the sandbox requires it: it is the only guard
 * against paying twice for one sale, and the catalogue has `incorrect_order_number`
 * for "absent". An unknown locale falls back to en (the page's language is cosmetic).
 */
export function createPayment(body: JsonObject, context: OnlinePayContext): OnlinePayReply {
  const amount = positiveMinorUnits(body['amount']);
  if (amount === undefined) return errorReply('incorrect_amount');
  const currency = body['currency'];
  if (!isOnlinePayCurrency(currency)) return errorReply('incorrect_currency');
  const product = textOf(body['product']);
  if (product === undefined) return errorReply('incorrect_product');
  const orderNumber = orderNumberOf(body['orderNumber']);
  if (orderNumber === undefined) return errorReply('incorrect_order_number');
  if (context.book.hasOrderNumber(orderNumber)) return errorReply('order_number_already_exists');

  const locale = body['locale'];
  const extra = body['extraReturnParam'];
  const payment = context.book.add(
    {
      operationType: 'pay',
      status: 'init',
      currency,
      amount,
      product,
      orderNumber,
      extraReturnParam: typeof extra === 'string' ? extra : null,
      locale: isOnlinePayLocale(locale) ? locale : 'en',
      redirectSuccessUrl: httpUrlOf(body['redirectSuccessUrl']) ?? null,
      redirectFailUrl: httpUrlOf(body['redirectFailUrl']) ?? null,
    },
    context.now(),
  );
  return okReply({
    token: payment.token,
    processingUrl: `${context.baseUrl}/p/${payment.token}`,
    // A string here, as in the text's example, while GET and the list show a number.
    payment: { amount: String(payment.amount), currency: payment.currency, status: payment.status },
  });
}

/** GET /api/v1/payments/{token}: payouts too, since they are listed payments. Unknown → 404 not_found. */
export function getPayment(token: string, context: OnlinePayContext): OnlinePayReply {
  const operation = context.book.byToken(token);
  if (!operation) return errorReply('not_found');
  return okReply({ status: 200, payment: paymentJsonForGet(operation, context.callbackUrl) });
}

/**
 * GET /api/v1/payments. Dates are UTC days of created_at, both ends included. page and
 * per_page are lenient (a bad page is 1, a bad per_page 20, above 500 is 500), because
 * the text gives defaults and a maximum rather than errors; a malformed date or
 * operation_type is an error, because guessing would silently list the wrong payments.
 */
export function listPayments(query: URLSearchParams, context: OnlinePayContext): OnlinePayReply {
  const dateFrom = query.get('date_from');
  const dateTo = query.get('date_to');
  if ((dateFrom !== null && !isDay(dateFrom)) || (dateTo !== null && !isDay(dateTo))) return errorReply('incorrect_date');
  const type = query.get('operation_type') ?? 'all';
  if (type !== 'pays' && type !== 'payouts' && type !== 'all') return errorReply('incorrect_operation_type');
  const orderNumber = query.get('order_number');
  const page = positiveMinorUnits(query.get('page') ?? '') ?? 1;
  const perPage = Math.min(positiveMinorUnits(query.get('per_page') ?? '') ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);

  const matching = context.book.all().filter((operation) => {
    const day = operation.createdAt.slice(0, 10);
    if (dateFrom !== null && day < dateFrom) return false;
    if (dateTo !== null && day > dateTo) return false;
    if (type === 'pays' && operation.operationType !== 'pay') return false;
    if (type === 'payouts' && operation.operationType !== 'payout') return false;
    return orderNumber === null || operation.orderNumber === orderNumber;
  });
  const start = (page - 1) * perPage;
  return okReply({
    status: 200,
    totalCount: matching.length,
    // Spelt as in the text ("curentPage"): clients written against it read this key.
    curentPage: page,
    perPage,
    totalPage: Math.ceil(matching.length / perPage),
    payments: matching.slice(start, start + perPage).map(paymentJsonForList),
  });
}

/** YYYY-MM-DD that is a real calendar day (2024-02-30 is not). */
function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
