import { ONLINEPAY_PATHS, type OnlinePayApi, type OnlinePayPayment } from '../../../../shared/gateway/onlinepay/onlinePayApi';
import type { GatewayError } from '../gatewayError';
import { onlinePayBadReply } from './onlinePayGatewayError';
import { readListPage } from './onlinePayReplies';
import { DEFAULT_PER_PAGE, listQueryProblem, listQueryString, orderNumberProblem } from './onlinePayRequests';
import type { OnlinePayTransport } from './onlinePayTransport';

/**
 * At most this many pages (500 000 payments at 500 a page) are followed. A gateway that
 * claims more, or keeps raising totalPage, is not believed: narrow the dates instead.
 */
export const MAX_LIST_PAGES = 1000;

type ListingCalls = Pick<OnlinePayApi, 'listPayments' | 'findPaymentByOrderNumber'>;

export function listingCalls(transport: OnlinePayTransport): ListingCalls {
  const { call, refuse, redaction } = transport;
  const bad = (reason: string): GatewayError => onlinePayBadReply(200, reason, '', redaction);

  const listPayments: ListingCalls['listPayments'] = async (query = {}) => {
    const problem = listQueryProblem(query);
    if (problem !== undefined) refuse(problem);
    const perPage = query.perPage ?? DEFAULT_PER_PAGE;
    // Keyed by token: a payment booked while we page can push a row onto the next page; it is kept once.
    const byToken = new Map<string, OnlinePayPayment>();
    let totalPage = 1;
    for (let page = 1; page <= totalPage; page++) {
      const reply = await call({
        method: 'GET',
        path: `${ONLINEPAY_PATHS.payments}?${listQueryString(query, page)}`,
        request: 'other',
        read: (value) => readListPage(value, page),
      });
      if (reply.totalPage > MAX_LIST_PAGES) throw bad(`the list claims ${reply.totalPage} pages, more than the ${MAX_LIST_PAGES} followed; narrow the dates`);
      if (reply.payments.length > perPage) throw bad(`page ${page} has ${reply.payments.length} payments where at most ${perPage} were asked`);
      // A page that ends the list early would leave a partial list; a page of nothing new is a gateway repeating itself.
      if (reply.payments.length === 0 && page < reply.totalPage) throw bad(`page ${page} of ${reply.totalPage} is empty`);
      if (page > 1 && reply.payments.length > 0 && reply.payments.every((p) => byToken.has(p.token))) throw bad(`page ${page} repeats payments already listed`);
      for (const payment of reply.payments) byToken.set(payment.token, payment);
      totalPage = reply.totalPage;
    }
    return [...byToken.values()];
  };

  return {
    listPayments,

    async findPaymentByOrderNumber(orderNumber, operationType, expected = {}) {
      const problem = orderNumberProblem(orderNumber);
      if (problem !== undefined) refuse(problem);
      const listed = await listPayments({ orderNumber, operationType });
      // The filter is the gateway's; ours is exact: the order number as a string, and the operation asked for.
      const matches = listed.filter(
        (p) =>
          p.orderNumber === orderNumber &&
          !(operationType === 'pays' && p.operationType === 'payout') &&
          !(operationType === 'payouts' && p.operationType === 'pay'),
      );
      if (matches.length > 1) throw bad(`${matches.length} different payments carry order number ${orderNumber}`);
      const [found] = matches;
      if (!found) return undefined;
      const wrong = (['amount', 'currency'] as const).filter((key) => expected[key] !== undefined && found[key] !== expected[key]);
      if (wrong.length > 0) {
        throw bad(`the payment with order number ${orderNumber} is about another payment: ${wrong.map((k) => `${k} ${JSON.stringify(found[k])} where ${JSON.stringify(expected[k])} was asked`).join(', ')}`);
      }
      return found;
    },
  };
}
