import type { GatewayErrorKind } from '../gatewayErrorKinds';

export interface NihaoPayErrorEntry {
  httpStatus: number;
  label: string;
  kind: GatewayErrorKind;
  /** The document's message, verbatim. */
  message: string;
}

/** NihaoPay v1.2 "Errors → Error List", one row per label. */
export const NIHAOPAY_ERRORS: readonly NihaoPayErrorEntry[] = [
  { httpStatus: 402, label: '01', kind: 'declined', message: 'Transaction failed. Please try again.' },
  { httpStatus: 402, label: '02', kind: 'declined', message: 'Cardholder input an incorrect card number.' },
  { httpStatus: 402, label: '03', kind: 'declined', message: "Cardholder's issuing bank prevented the transaction." },
  { httpStatus: 402, label: '06', kind: 'declined', message: 'Customer input an expired card number.' },
  { httpStatus: 402, label: '11', kind: 'declined', message: 'Customer has insufficient funds available.' },
  { httpStatus: 402, label: '14', kind: 'declined', message: 'Cardholder input an incorrect expiration date.' },
  { httpStatus: 402, label: '15', kind: 'declined', message: "Cardholder authentication failed. Please verify cardholder's information." },
  { httpStatus: 402, label: '21', kind: 'declined', message: "Cardholder authentication failed. Please verify cardholder's information." },
  { httpStatus: 402, label: '22', kind: 'declined', message: 'Card state is incorrect.' },
  { httpStatus: 402, label: '30', kind: 'declined', message: 'The amount exceeds transaction limit placed.' },
  { httpStatus: 400, label: '31', kind: 'duplicate_reference', message: 'Transaction reference number must be unique. Please re-submit.' },
  { httpStatus: 400, label: '32', kind: 'merchant_configuration', message: 'This payment channel is restricted. Please contact NihaoPay customer service.' },
  { httpStatus: 409, label: '33', kind: 'invalid_request', message: 'Transaction failed. Information submitted in a repeat transaction must match the original attempted transaction exactly.' },
  { httpStatus: 402, label: '36', kind: 'declined', message: "Transaction exceeds the cardholder's credit limit." },
  { httpStatus: 429, label: '39', kind: 'rate_limited', message: 'Too many transactions attempts by cardholder.' },
  { httpStatus: 402, label: '56', kind: 'declined', message: "Cardholder's chosen payment card is not supported in this Gateway." },
  { httpStatus: 402, label: '57', kind: 'declined', message: 'Cardholder has not activated online payments with their issuing bank.' },
  { httpStatus: 404, label: '59', kind: 'invalid_request', message: 'Failed. Transaction have refund or chargeback.' },
  { httpStatus: 404, label: '60', kind: 'invalid_request', message: 'Transaction has been cleared, please request refund.' },
  { httpStatus: 402, label: '61', kind: 'not_found', message: 'Transaction not found.' },
  { httpStatus: 402, label: '62', kind: 'invalid_request', message: 'Transaction is not within the acceptance time range.' },
  { httpStatus: 402, label: '63', kind: 'invalid_request', message: 'The original transaction failed. You cannot refund, cancel, capture, or release an unsuccessful transaction.' },
  { httpStatus: 409, label: '64', kind: 'invalid_request', message: 'Refund or capture currency does not match the original transaction currency.' },
  { httpStatus: 409, label: '65', kind: 'invalid_request', message: 'Transaction has previously been cancelled.' },
  { httpStatus: 409, label: '66', kind: 'invalid_request', message: 'Failed to refund transaction. Transaction has previously been fully refunded.' },
  { httpStatus: 402, label: '67', kind: 'invalid_request', message: 'Failed to refund transaction. Refund amount exceeds original transaction amount or remaining transaction balance .' },
  { httpStatus: 402, label: '68', kind: 'invalid_request', message: 'Failed to capture transaction. Transaction has previously been released.' },
  { httpStatus: 402, label: '69', kind: 'invalid_request', message: 'Failed to capture transaction. Transaction has previously been captured.' },
  { httpStatus: 402, label: '70', kind: 'invalid_request', message: 'Failed to capture transaction. Capture amount exceeds authorization amount.' },
  { httpStatus: 402, label: '71', kind: 'declined', message: 'Buyer not exist or buyer account info error' },
  { httpStatus: 402, label: '72', kind: 'declined', message: 'Transaction amount is exceed the limit' },
  { httpStatus: 500, label: '81', kind: 'merchant_configuration', message: 'Merchant config error' },
  { httpStatus: 500, label: '82', kind: 'merchant_configuration', message: 'Merchant unavailable' },
  { httpStatus: 500, label: '83', kind: 'declined', message: 'QRcode has expired' },
  { httpStatus: 500, label: '84', kind: 'merchant_configuration', message: 'Service is not activated for this account' },
  { httpStatus: 402, label: '86', kind: 'invalid_request', message: 'Withdrawal amount exceeds account balance' },
  { httpStatus: 402, label: '87', kind: 'invalid_request', message: 'Withdrawal amount less than the minimum withdrawal amount' },
  { httpStatus: 402, label: '88', kind: 'invalid_request', message: "Invalid application, it's only available for manually withdrawal merchant" },
  { httpStatus: 400, label: '90', kind: 'invalid_request', message: 'The field not valid.' },
  { httpStatus: 500, label: '91', kind: 'merchant_configuration', message: 'Signature error' },
  { httpStatus: 500, label: '92', kind: 'invalid_request', message: 'The {0} field is required.' },
  { httpStatus: 404, label: '93', kind: 'not_found', message: 'The Exchange rate not found.' },
  { httpStatus: 500, label: '96', kind: 'indeterminate', message: 'Timeout' },
  { httpStatus: 500, label: '97', kind: 'indeterminate', message: 'Inner error' },
  { httpStatus: 500, label: '98', kind: 'indeterminate', message: 'Vendor error' },
  { httpStatus: 500, label: '99', kind: 'indeterminate', message: 'System error' },
  { httpStatus: 401, label: '301', kind: 'authentication', message: 'Invalid merchant credentials provided' },
];

const BY_LABEL: ReadonlyMap<string, NihaoPayErrorEntry> = new Map(NIHAOPAY_ERRORS.map((e) => [e.label, e]));

export function nihaoPayErrorByLabel(label: string): NihaoPayErrorEntry | undefined {
  return BY_LABEL.get(label);
}

/**
 * What kind of request an error reply answers. A money request (scanqrcode, showqrcode,
 * refund) may have moved money even when it failed, so only a reply that certainly says
 * "nothing happened" may end it without a look-up. Any other request (the look-ups, the
 * refund query, reports, rates, the store QR) moves nothing: its error only says whether
 * it was answered.
 */
export type NihaoPayRequestKind = 'money' | 'other';

/**
 * The one table of what an error reply means: HTTP status × label × kind of request.
 * (`httpStatus` is the status the error object speaks for: the HTTP status, or the body's
 * own `code` when the reply came with a 2xx.)
 *
 * | reply                                            | money request   | other request           |
 * | ------------------------------------------------ | --------------- | ----------------------- |
 * | 5xx, any label (96–99, but also 81, 83, 92, …)   | indeterminate   | the label's kind, else indeterminate |
 * | 401 / 403, any label                             | authentication  | the label's kind, else authentication |
 * | 429, any label                                   | rate_limited    | the label's kind, else rate_limited |
 * | a label the document lists with this status      | the label's kind, but "not found" (61, 93) → indeterminate | the label's kind |
 * | a known label with another status                | indeterminate   | the label's kind        |
 * | an unknown label: 404                            | indeterminate   | not_found               |
 * | an unknown label: 402                            | indeterminate   | declined                |
 * | an unknown label: any other 4xx                  | indeterminate   | invalid_request         |
 *
 * Why a money request is stricter: a 5xx means the gateway failed while handling it, after
 * or before booking it; a 404, a label we do not know or one at a status the document does
 * not give it is a reply we cannot read as "declined"; and "not found" answers a look-up,
 * not a payment. Each is settled by looking the reference up (an indeterminate outcome
 * costs a few look-ups; a wrong decline could charge the customer twice). 401/403 stay
 * authentication: the look-ups would be refused the same way, and the cashier must hear that
 * the token is wrong. 429 is looked up too, after the rate limit's pause.
 */
export function classifyNihaoPayError(httpStatus: number, label: string | undefined, request: NihaoPayRequestKind = 'other'): GatewayErrorKind {
  const entry = label === undefined ? undefined : BY_LABEL.get(label);
  if (request === 'money') {
    if (httpStatus >= 500) return 'indeterminate';
    if (httpStatus === 401 || httpStatus === 403) return 'authentication';
    if (httpStatus === 429) return 'rate_limited';
    if (entry && entry.httpStatus === httpStatus && entry.kind !== 'not_found') return entry.kind;
    return 'indeterminate';
  }
  if (entry) return entry.kind;
  if (httpStatus >= 500) return 'indeterminate';
  if (httpStatus === 401 || httpStatus === 403) return 'authentication';
  if (httpStatus === 429) return 'rate_limited';
  if (httpStatus === 404) return 'not_found';
  if (httpStatus === 402) return 'declined';
  return 'invalid_request';
}
