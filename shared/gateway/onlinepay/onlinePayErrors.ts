import type { GatewayErrorKind } from '../gatewayErrorKinds';

/** "Dictionaries → Kinds of errors". */
export const ONLINEPAY_ERROR_KINDS = ['api_error', 'authentication_error', 'invalid_request_error', 'processing_error'] as const;
export type OnlinePayErrorKind = (typeof ONLINEPAY_ERROR_KINDS)[number];

export function isOnlinePayErrorKind(value: unknown): value is OnlinePayErrorKind {
  return typeof value === 'string' && (ONLINEPAY_ERROR_KINDS as readonly string[]).includes(value);
}

export interface OnlinePayErrorEntry {
  code: string;
  /** What the code means for us when it comes with any kind but processing_error / api_error. */
  kind: GatewayErrorKind;
  /**
   * Set when the code, coming as a processing_error, means the payer's bank refused the
   * payment (a decline) rather than that our request was malformed.
   */
  declinedWhenProcessing?: true;
  /** The text's description, verbatim. */
  description: string;
}

/**
 * "Dictionaries → Codes of errors", one row per code.
 *
 * Decisions:
 * - order_number_already_exists → duplicate_reference: the gateway already holds a payment
 *   under our reference; the caller looks it up by order number and never resends.
 * - incorrect_bank_card_info and incorrect_address_info are the only codes about the payer's
 *   own card or address. Sent as invalid_request_error they say our request was malformed
 *   (invalid_request); sent as processing_error they say the card's bank refused while the
 *   payment was processed — a decline. Both mean nothing moved.
 * - amount_less_than_balance is the merchant's own balance being short for a payout, and
 *   amount_less_than_minimum a payout under the minimum: the request is refused, nothing
 *   moved (invalid_request), whatever kind they come with.
 */
export const ONLINEPAY_ERRORS: readonly OnlinePayErrorEntry[] = [
  { code: 'incorrect_private_key', kind: 'authentication', description: 'The current private key cannot identify the user.' },
  { code: 'incorrect_address_info', kind: 'invalid_request', declinedWhenProcessing: true, description: 'Absent or incorrect address information.' },
  { code: 'incorrect_bank_card_info', kind: 'invalid_request', declinedWhenProcessing: true, description: 'Absent or incorrect bank card information.' },
  { code: 'order_number_already_exists', kind: 'duplicate_reference', description: 'Repeating an order of already identified order number.' },
  { code: 'amount_less_than_balance', kind: 'invalid_request', description: 'Payout cannot be completed due to insufficient funds.' },
  { code: 'incorrect_amount', kind: 'invalid_request', description: 'Absent or incorrect amount value.' },
  { code: 'incorrect_currency', kind: 'invalid_request', description: 'Absent or incorrect currency value.' },
  { code: 'incorrect_order_number', kind: 'invalid_request', description: 'Absent or incorrect order value.' },
  { code: 'amount_less_than_minimum', kind: 'invalid_request', description: 'Minimum payout amount has not been requested.' },
];

export const ONLINEPAY_ERROR_CODES = ONLINEPAY_ERRORS.map((e) => e.code);

const BY_CODE: ReadonlyMap<string, OnlinePayErrorEntry> = new Map(ONLINEPAY_ERRORS.map((e) => [e.code, e]));

export function onlinePayErrorByCode(code: string): OnlinePayErrorEntry | undefined {
  return BY_CODE.get(code);
}

/**
 * A money request (create a payment, create a payout) may have been booked even when it
 * failed; any other request (get, list, balance) moves nothing.
 */
export type OnlinePayRequestKind = 'money' | 'other';

/** One error as the gateway reported it; every part may be missing. */
export interface OnlinePayErrorReport {
  /** The HTTP status of the reply (200 for `success: false` inside a 200). */
  httpStatus: number;
  kind?: string;
  code?: string;
}

/**
 * The one table of what an OnlinePay error means, checked top to bottom:
 *
 * | reply                                                 | money request        | other request        |
 * | ----------------------------------------------------- | -------------------- | -------------------- |
 * | HTTP 429                                              | rate_limited         | rate_limited         |
 * | HTTP 5xx, any kind or code                            | indeterminate        | indeterminate        |
 * | kind api_error, any code                              | indeterminate        | indeterminate        |
 * | code order_number_already_exists                      | duplicate_reference  | duplicate_reference  |
 * | code incorrect_private_key, or kind authentication_error, or HTTP 401/403 | authentication | authentication |
 * | a known code as processing_error, declinedWhenProcessing | declined          | declined             |
 * | any other known code                                  | the code's kind      | the code's kind      |
 * | unknown/no code, HTTP 404 (an unknown token)          | indeterminate        | not_found            |
 * | unknown/no code, kind invalid_request_error           | indeterminate        | invalid_request      |
 * | unknown/no code, kind processing_error                | indeterminate        | indeterminate        |
 * | unknown/no code, no known kind, other 4xx             | indeterminate        | invalid_request      |
 * | unknown/no code, no known kind, HTTP 2xx (success: false) | indeterminate    | indeterminate        |
 *
 * Why a money request is stricter: a code we do not know is not proof that nothing was
 * booked, and a wrong "nothing happened" can charge a customer twice; an unknown outcome
 * only costs a look-up by order number. A 5xx or api_error is "a server technicality" that
 * may strike after the booking, so it is looked up even with a code attached. 429 is looked
 * up too, after the pause. Authentication stays authentication: the look-up would be
 * refused the same way, and the manager must hear that the key is wrong.
 */
export function classifyOnlinePayError(report: OnlinePayErrorReport, request: OnlinePayRequestKind = 'other'): GatewayErrorKind {
  const { httpStatus, kind, code } = report;
  if (httpStatus === 429) return 'rate_limited';
  if (httpStatus >= 500) return 'indeterminate';
  if (kind === 'api_error') return 'indeterminate';
  const entry = code === undefined ? undefined : BY_CODE.get(code);
  if (entry?.kind === 'duplicate_reference') return 'duplicate_reference';
  if (entry?.kind === 'authentication' || kind === 'authentication_error' || httpStatus === 401 || httpStatus === 403) return 'authentication';
  if (entry) return kind === 'processing_error' && entry.declinedWhenProcessing ? 'declined' : entry.kind;
  if (request === 'money') return 'indeterminate';
  if (httpStatus === 404) return 'not_found';
  if (kind === 'invalid_request_error') return 'invalid_request';
  if (kind === 'processing_error') return 'indeterminate';
  if (httpStatus >= 400) return 'invalid_request';
  return 'indeterminate';
}
