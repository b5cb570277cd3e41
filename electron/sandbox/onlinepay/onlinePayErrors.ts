/**
 * Error replies in the text's shape: `{success:false, errors:[{kind, code, message}]}`.
 * Kinds and codes come from the text's "Kinds of errors" and "Codes of errors"; the few
 * the sandbox had to add (marked below) are documented in electron/sandbox/README.md.
 */

export type OnlinePayErrorKind = 'api_error' | 'authentication_error' | 'invalid_request_error' | 'processing_error';

/** What an endpoint answers: a status and a JSON body. */
export interface OnlinePayReply {
  status: number;
  body: unknown;
}

export interface OnlinePayErrorEntry {
  kind: OnlinePayErrorKind;
  /** The HTTP status the sandbox sends it with (the text names none). */
  httpStatus: number;
  message: string;
}

/**
 * Invalid requests answer 400, a payout the books refuse 422 (the request was well
 * formed, processing said no), a wrong key 401, an unknown token 404.
 */
export const ONLINEPAY_ERRORS = {
  incorrect_private_key: { kind: 'authentication_error', httpStatus: 401, message: 'The current private key cannot identify the user.' },
  incorrect_address_info: { kind: 'invalid_request_error', httpStatus: 400, message: 'Absent or incorrect address information.' },
  incorrect_bank_card_info: { kind: 'invalid_request_error', httpStatus: 400, message: 'Absent or incorrect bank card information.' },
  order_number_already_exists: { kind: 'invalid_request_error', httpStatus: 422, message: 'Repeating an order of already identified order number.' },
  amount_less_than_balance: { kind: 'processing_error', httpStatus: 422, message: 'Payout cannot be completed due to insufficient funds.' },
  incorrect_amount: { kind: 'invalid_request_error', httpStatus: 400, message: 'Absent or incorrect amount value.' },
  incorrect_currency: { kind: 'invalid_request_error', httpStatus: 400, message: 'Absent or incorrect currency value.' },
  incorrect_order_number: { kind: 'invalid_request_error', httpStatus: 400, message: 'Absent or incorrect order value.' },
  amount_less_than_minimum: { kind: 'processing_error', httpStatus: 422, message: 'Minimum payout amount has not been requested.' },
  // Added by the sandbox: the text names no code for these cases.
  incorrect_product: { kind: 'invalid_request_error', httpStatus: 400, message: 'Absent or incorrect product value.' },
  incorrect_wallet_token: { kind: 'processing_error', httpStatus: 422, message: 'No OnlinePay wallet has this token.' },
  incorrect_date: { kind: 'invalid_request_error', httpStatus: 400, message: 'Dates must be YYYY-MM-DD.' },
  incorrect_operation_type: { kind: 'invalid_request_error', httpStatus: 400, message: 'operation_type must be pays, payouts or all.' },
  incorrect_body: { kind: 'invalid_request_error', httpStatus: 400, message: 'The body must be a JSON object.' },
  not_found: { kind: 'invalid_request_error', httpStatus: 404, message: 'No such payment or endpoint.' },
  method_not_allowed: { kind: 'invalid_request_error', httpStatus: 405, message: 'This method is not allowed here.' },
  internal_error: { kind: 'api_error', httpStatus: 500, message: 'The sandbox failed to process the request.' },
} as const satisfies Record<string, OnlinePayErrorEntry>;

export type OnlinePayErrorCode = keyof typeof ONLINEPAY_ERRORS;

export function errorBody(kind: OnlinePayErrorKind, code: string, message: string): { success: false; errors: Array<{ kind: string; code: string; message: string }> } {
  return { success: false, errors: [{ kind, code, message }] };
}

export function errorReply(code: OnlinePayErrorCode): OnlinePayReply {
  const entry: OnlinePayErrorEntry = ONLINEPAY_ERRORS[code];
  return { status: entry.httpStatus, body: errorBody(entry.kind, code, entry.message) };
}

/** A success body always carries `success:true, errors:[]` first, as every example does. */
export function okReply(fields: Record<string, unknown>): OnlinePayReply {
  return { status: 200, body: { success: true, errors: [], ...fields } };
}
