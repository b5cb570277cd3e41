import { ONLINEPAY_PATHS, type OnlinePayApi } from '../../../../shared/gateway/onlinepay/onlinePayApi';
import { readBalanceReply, readCreateReply, readGetReply, readPayoutReply } from './onlinePayReplies';
import { createPaymentBody, createPaymentProblem, createPayoutBody, createPayoutProblem, currencyProblem, tokenProblem } from './onlinePayRequests';
import { createOnlinePayTransport, type OnlinePayClientOptions } from './onlinePayTransport';
import { listingCalls } from './paymentListing';
import { processingUrlProblem } from './processingUrl';

// Callers import the typed errors from here, next to the client that throws them.
export {
  GatewayAuthenticationError,
  GatewayBadReplyError,
  GatewayDeclinedError,
  GatewayDuplicateReferenceError,
  GatewayError,
  GatewayIndeterminateError,
  GatewayInvalidRequestError,
  GatewayNotFoundError,
  GatewayRateLimitedError,
} from '../gatewayError';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_BODY_BYTES,
  MAX_DEADLINE_MS,
  type OnlinePayClientOptions,
} from './onlinePayTransport';
export { MAX_LIST_PAGES } from './paymentListing';

/**
 * The OnlinePay Business API v1 client. Each request is checked before it is sent (one
 * that breaks the rules is refused locally as invalid_request and nothing goes out); each
 * reply's envelope and body are validated and must be about the request that was sent;
 * `success: false` is an error; anything else is a typed GatewayError from one factory,
 * with the private key redacted and the error's code as its label.
 *
 * Every call is bounded: a connect timeout, an overall deadline (≤ 30 s), a 1 MiB body
 * cap, no redirects, no proxy. A listing is several calls, each so bounded, at most
 * MAX_LIST_PAGES of them.
 */
export function createOnlinePayClient(options: OnlinePayClientOptions): OnlinePayApi {
  const transport = createOnlinePayTransport(options);
  const { call, refuse, settings } = transport;
  return {
    async createPayment(request) {
      const problem = createPaymentProblem(request);
      if (problem !== undefined) refuse(problem);
      return call({
        method: 'POST',
        path: ONLINEPAY_PATHS.payments,
        body: createPaymentBody(request),
        request: 'money',
        read: (value) => {
          const reading = readCreateReply(value, { amount: request.amount, currency: request.currency });
          if (!reading.ok) return reading;
          const urlProblem = processingUrlProblem(reading.value.processingUrl, settings.baseUrl, reading.value.token);
          return urlProblem ? { ok: false, problem: urlProblem } : reading;
        },
      });
    },

    async getPayment(token, expected = {}) {
      const problem = tokenProblem(token);
      if (problem !== undefined) refuse(problem);
      return call({
        method: 'GET',
        path: `${ONLINEPAY_PATHS.payments}/${encodeURIComponent(token)}`,
        request: 'other',
        read: (value) => readGetReply(value, { ...expected, token }),
      });
    },

    ...listingCalls(transport),

    async createPayout(request) {
      const problem = createPayoutProblem(request);
      if (problem !== undefined) refuse(problem);
      return call({ method: 'POST', path: ONLINEPAY_PATHS.payouts, body: createPayoutBody(request), request: 'money', read: readPayoutReply });
    },

    async getBalance(currency) {
      const problem = currencyProblem(currency);
      if (problem !== undefined) refuse(problem);
      return call({
        method: 'GET',
        path: `${ONLINEPAY_PATHS.balance}?currency=${encodeURIComponent(currency)}`,
        request: 'other',
        read: (value) => readBalanceReply(value, currency),
      });
    },
  };
}
