import type { NihaoPayApi } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { createNihaoPayTransport, type NihaoPayClientOptions } from './nihaopayTransport';
import { paymentCalls } from './paymentCalls';
import { refundCalls } from './refundCalls';
import { reportCalls } from './reportCalls';

// Callers import the typed errors from here, next to the client that throws them.
export {
  GatewayAuthenticationError,
  GatewayBadReplyError,
  GatewayDeclinedError,
  GatewayDuplicateReferenceError,
  GatewayError,
  GatewayIndeterminateError,
  GatewayInvalidRequestError,
  GatewayMerchantConfigurationError,
  GatewayNotFoundError,
  GatewayRateLimitedError,
} from '../gatewayError';
export {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_BODY_BYTES,
  MAX_DEADLINE_MS,
  type NihaoPayClientOptions,
} from './nihaopayTransport';

/**
 * The NihaoPay v1.2 client for everything a store does. Each request is checked before
 * it is sent (a request that breaks the document's rules is refused locally, as
 * invalid_request, and nothing goes out); each reply is validated and must be about the
 * request that was sent; anything else is a typed GatewayError from one factory.
 * A 200 with status "failure" is a transaction, returned for the caller to judge.
 *
 * Every call is bounded: a connect timeout, an overall deadline (≤ 30 s), a 1 MiB body
 * cap, no redirects. A download over more than 10 days is several calls, each so bounded.
 */
export function createNihaoPayClient(options: NihaoPayClientOptions): NihaoPayApi {
  const transport = createNihaoPayTransport(options);
  return {
    ...paymentCalls(transport),
    ...refundCalls(transport),
    ...reportCalls(transport),
  };
}
