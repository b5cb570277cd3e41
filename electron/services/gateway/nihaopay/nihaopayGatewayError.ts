import type { PosErrorData } from '../../../../shared/errors/posErrors';
import { KIND_TO_POS_ERROR, type GatewayErrorKind } from '../../../../shared/gateway/gatewayErrorKinds';
import { classifyNihaoPayError, nihaoPayErrorByLabel, type NihaoPayRequestKind } from '../../../../shared/gateway/nihaopay/nihaopayErrors';
import { createGatewayError, GatewayError, KIND_PHRASE, type GatewayErrorDetails, type RedactionContext } from '../gatewayError';
import { errorReplySchema } from './replySchemas';

/**
 * NihaoPay's replies as typed errors: an error object {code, label, message} classified by
 * the one NihaoPay table, a 2xx that cannot be believed, and what a money request makes of
 * a failure. The error classes themselves are the neutral core's (../gatewayError.ts).
 */

/** A 2xx reply we could not read, or one that contradicts the request. */
export function badReplyError(
  httpStatus: number,
  reason: string,
  raw: string,
  context: RedactionContext = {},
): GatewayError {
  return createGatewayError('bad_reply', `NihaoPay ${KIND_PHRASE.bad_reply} (HTTP ${httpStatus}): ${reason}`, { httpStatus, raw }, context);
}

/**
 * Maps a non-2xx reply (or a 2xx reply carrying an error object) to the right kind.
 * `body` is the reply text or its parsed JSON. Anything that is not an error object
 * `{code, label, message}` is a bad reply: a proxy's HTML page proves nothing about the payment.
 */
export function gatewayErrorFromReply(httpStatus: number, body: unknown, context: RedactionContext = {}): GatewayError {
  const raw = typeof body === 'string' ? body : safeStringify(body);
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      // A 401/403 page that is not JSON (a proxy's or the gateway's own HTML) still says the
      // credentials were refused: nothing was done, and the cashier is told to check the token.
      if (httpStatus === 401 || httpStatus === 403) {
        return createGatewayError('authentication', `NihaoPay ${KIND_PHRASE.authentication} (HTTP ${httpStatus}, not JSON)`, { httpStatus, errorStatus: httpStatus, raw }, context);
      }
      return badReplyError(httpStatus, 'the error reply is not JSON', raw, context);
    }
  }
  const parsed = errorReplySchema.safeParse(value);
  if (!parsed.success) return badReplyError(httpStatus, 'the error reply is not an error object', raw, context);
  const { code, label, message } = parsed.data;
  // The status on the wire wins; the body's code only speaks when the wire said success.
  // A 2xx with only label and message (no code) speaks for the status the error list gives
  // that label; a money request still looks it up (see statusFromLabel in gatewayFailure).
  const documented = nihaoPayErrorByLabel(label)?.httpStatus;
  const statusFromLabel = httpStatus < 400 && code === undefined && documented !== undefined;
  const status = httpStatus >= 400 ? httpStatus : (code ?? documented ?? httpStatus);
  if (status < 400) return badReplyError(httpStatus, `an error object with code ${status} is not an error`, raw, context);
  const kind = classifyNihaoPayError(status, label);
  const details: GatewayErrorDetails = { httpStatus, label, errorStatus: status, raw, ...(statusFromLabel ? { statusFromLabel: true } : {}) };
  if (message !== undefined) details.gatewayMessage = message;
  const text = `NihaoPay ${KIND_PHRASE[kind]} (HTTP ${httpStatus}, label ${label})${message ? `: ${message}` : ''}`;
  return createGatewayError(kind, text, details, context);
}

/**
 * What a request learned from a failure: the kind, and the error to journal and show.
 * The client classifies every error reply as an answer to an ordinary request; a money
 * request (scanqrcode, showqrcode, refund) reads the same status and label through the
 * stricter column of the one table (classifyNihaoPayError), so that a 5xx, a 404 or a label
 * we do not know is looked up rather than taken as a decline. Anything else thrown while
 * the request was out (a bug, an aborted socket) leaves the outcome unknown: the money may
 * have moved.
 */
export function gatewayFailure(error: unknown, request: NihaoPayRequestKind = 'other'): { kind: GatewayErrorKind; error: PosErrorData } {
  if (!(error instanceof GatewayError)) return { kind: 'indeterminate', error: { code: 'GATEWAY_INDETERMINATE' } };
  if (request === 'other' || error.errorStatus === undefined) return { kind: error.kind, error: error.toPosError() };
  // An error object in a 2xx without a code: the wire said success and the body said otherwise, so only a look-up can tell.
  if (error.statusFromLabel) return { kind: 'indeterminate', error: { ...error.toPosError(), code: 'GATEWAY_INDETERMINATE' } };
  const kind = classifyNihaoPayError(error.errorStatus, error.label, request);
  return { kind, error: { ...error.toPosError(), code: KIND_TO_POS_ERROR[kind] } };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
