import type { NihaoPayApi } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import type { GatewayTransaction } from '../../../../shared/gateway/nihaopay/nihaopayTypes';
import { isValidReference } from '../../../../shared/payments/reference';
import type { NihaoPayTransport } from './nihaopayTransport';
import {
  merchantQrCodeRequestForm,
  merchantQrCodeRequestProblem,
  qrCodeRequestForm,
  qrCodeRequestProblem,
  showQrCodeRequestForm,
  showQrCodeRequestProblem,
  staticQrCodeRequestForm,
  staticQrCodeRequestProblem,
} from './qrCodeRequestForms';
import { readMerchantQrCodeReply, readShownQrCodeReply, readStaticQrCodeReply } from './qrCodeReplySchemas';
import type { Reading } from '../replyReading';
import { readTransactionReply } from './replySchemas';
import { isPlausibleTransactionId, scanRequestForm, scanRequestProblem } from './scanRequestForm';

/** The gateway's QR timeout when the request names none. */
const DEFAULT_QR_TIMEOUT_MINUTES = 120;

type PaymentCalls = Pick<
  NihaoPayApi,
  'scanQrCode' | 'getTransactionByReference' | 'getTransaction' | 'showQrCode' | 'createQrCode' | 'createMerchantQrCode' | 'payStaticQrCode'
>;

/** Taking payments and looking them up: scan, the QR codes, and the two lookups. */
export function paymentCalls(transport: NihaoPayTransport): PaymentCalls {
  const { json, refuse } = transport;
  return {
    async scanQrCode(request) {
      const problem = scanRequestProblem(request);
      if (problem !== undefined) refuse(problem);
      return json('POST', '/v1.2/transactions/scanqrcode', scanRequestForm(request), (value) =>
        transactionAbout(value, { reference: request.reference, amount: request.amount, currency: request.currency }),
      );
    },

    async getTransactionByReference(reference) {
      if (!isValidReference(reference)) refuse('reference must be 1-30 letters and digits');
      return json('GET', `/v1.2/transactions/merchant/${encodeURIComponent(reference)}`, undefined, (value) => transactionAbout(value, { reference }));
    },

    async getTransaction(id) {
      if (!isPlausibleTransactionId(id)) refuse('transaction id must be 1-64 letters, digits, "-" or "_"');
      return json('GET', `/v1.2/transactions/${encodeURIComponent(id)}`, undefined, (value) => transactionAbout(value, { id }));
    },

    async showQrCode(request) {
      const problem = showQrCodeRequestProblem(request);
      if (problem !== undefined) refuse(problem);
      return json('POST', '/v1.2/transactions/showqrcode', showQrCodeRequestForm(request), (value) =>
        readShownQrCodeReply(value, {
          reference: request.reference,
          currency: request.currency,
          amount: request.amount,
          timeoutMinutes: request.timeoutMinutes ?? DEFAULT_QR_TIMEOUT_MINUTES,
        }),
      );
    },

    async createQrCode(request) {
      const problem = qrCodeRequestProblem(request);
      if (problem !== undefined) refuse(problem);
      return json('POST', '/v1.2/transactions/qrcode', qrCodeRequestForm(request), (value) =>
        readShownQrCodeReply(value, {
          reference: request.reference,
          currency: request.currency,
          timeoutMinutes: request.timeoutMinutes ?? DEFAULT_QR_TIMEOUT_MINUTES,
          ...(request.amount !== undefined ? { amount: request.amount } : { rmbAmount: request.rmbAmount }),
        }),
      );
    },

    async createMerchantQrCode(request) {
      const problem = merchantQrCodeRequestProblem(request);
      if (problem !== undefined) refuse(problem);
      return json('POST', '/v1.2/merchantqrcode', merchantQrCodeRequestForm(request), (value) => readMerchantQrCodeReply(value, request));
    },

    async payStaticQrCode(request) {
      const problem = staticQrCodeRequestProblem(request);
      if (problem !== undefined) refuse(problem);
      return json('POST', '/v1.2/transactions/staticqrcode', staticQrCodeRequestForm(request), readStaticQrCodeReply);
    },
  };
}

/** A believable transaction that is about the request: a reply about another payment is never this one's outcome. */
export function transactionAbout(value: unknown, expected: Partial<Pick<GatewayTransaction, 'id' | 'reference' | 'amount' | 'currency'>>): Reading<GatewayTransaction> {
  const reading = readTransactionReply(value);
  if (!reading.ok) return reading;
  const transaction = reading.transaction;
  const found: string[] = [];
  for (const key of ['id', 'reference', 'amount', 'currency'] as const) {
    const want = expected[key];
    if (want !== undefined && transaction[key] !== want) found.push(`${key} ${JSON.stringify(transaction[key])} where ${JSON.stringify(want)} was asked`);
  }
  if (found.length > 0) return { ok: false, problem: `the reply is about another transaction: ${found.join(', ')}` };
  return { ok: true, value: transaction };
}
