import type { NihaoPayApi } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import type { NihaoPayTransport } from './nihaopayTransport';
import { readRefundQueryReply, readRefundReply } from './refundReplySchemas';
import { refundRequestForm, refundRequestProblem } from './refundRequestForm';
import { isPlausibleTransactionId } from './scanRequestForm';

type RefundCalls = Pick<NihaoPayApi, 'refundTransaction' | 'getRefunds'>;

const ID_RULE = 'transaction id must be 1-64 letters, digits, "-" or "_"';

/**
 * Refunds and the refund query. A refund carries no reference of its own, so after an
 * indeterminate refund the caller reads getRefunds(id) to learn whether it went through
 * before ever sending another: a blind retry could pay the customer back twice.
 */
export function refundCalls(transport: NihaoPayTransport): RefundCalls {
  const { json, refuse } = transport;
  return {
    async refundTransaction(transactionId, request) {
      if (!isPlausibleTransactionId(transactionId)) refuse(ID_RULE);
      const problem = refundRequestProblem(request);
      if (problem !== undefined) refuse(problem);
      return json('POST', `/v1.2/transactions/${encodeURIComponent(transactionId)}/refund`, refundRequestForm(request), (value) =>
        readRefundReply(value, transactionId),
      );
    },

    async getRefunds(transactionId) {
      if (!isPlausibleTransactionId(transactionId)) refuse(ID_RULE);
      // The document's path ends in a slash; it is kept exactly.
      return json('GET', `/v1.2/transactions/refunds/${encodeURIComponent(transactionId)}/`, undefined, (value) => readRefundQueryReply(value, transactionId));
    },
  };
}
