import { isAxiosError } from 'axios';
import { redactSecret } from '../../../shared/text/redactSecret';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { KIND_TO_POS_ERROR, type GatewayErrorKind } from '../../../shared/gateway/gatewayErrorKinds';
import type { Language } from '../../../shared/settings/settingsView';
import { cashierMessage } from './cashierMessage';

/** Enough of a reply for support to see what came back, small enough to journal and log. */
export const RAW_REPLY_LIMIT = 2048;

export interface GatewayErrorDetails {
  httpStatus?: number;
  /** The gateway's error label: NihaoPay's ("11", "301", …) or OnlinePay's code ("incorrect_amount"). */
  label?: string;
  /** The status the error object speaks for: the HTTP status, or the body's `code` when the reply was a 2xx. */
  errorStatus?: number;
  /** The gateway's own English message, redacted; for support staff, not for the cashier. */
  gatewayMessage?: string;
  /** The reply as received, truncated to RAW_REPLY_LIMIT and redacted. */
  raw?: string;
  /** For transport failures: the socket or axios code (ECONNRESET, ERR_DEADLINE, …). */
  transportCode?: string;
  /** NihaoPay: a 2xx carried an error object without `code`; errorStatus is the one its label is documented with. */
  statusFromLabel?: boolean;
}

/** Values that must never appear in an error (the merchant token). */
export interface RedactionContext {
  secret?: string;
}

/**
 * Every failure of a gateway call, whichever gateway (each gateway's own module builds them
 * from its replies: nihaopay/nihaopayGatewayError.ts, onlinepay/onlinePayGatewayError.ts). `kind` decides what the caller does; the subclasses
 * exist so that callers may also `instanceof` the kinds they handle specially.
 */
export class GatewayError extends Error {
  readonly kind: GatewayErrorKind;
  readonly httpStatus?: number;
  readonly label?: string;
  readonly errorStatus?: number;
  readonly gatewayMessage?: string;
  readonly raw?: string;
  readonly transportCode?: string;
  readonly statusFromLabel?: boolean;

  constructor(kind: GatewayErrorKind, message: string, details: GatewayErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.kind = kind;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.label !== undefined) this.label = details.label;
    if (details.errorStatus !== undefined) this.errorStatus = details.errorStatus;
    if (details.gatewayMessage !== undefined) this.gatewayMessage = details.gatewayMessage;
    if (details.raw !== undefined) this.raw = details.raw;
    if (details.transportCode !== undefined) this.transportCode = details.transportCode;
    if (details.statusFromLabel) this.statusFromLabel = true;
  }

  /** The plain data that crosses the bridge; the renderer translates the code (and label). */
  toPosError(): PosErrorData {
    const gateway: NonNullable<PosErrorData['gateway']> = {};
    if (this.httpStatus !== undefined) gateway.httpStatus = this.httpStatus;
    if (this.label !== undefined) gateway.label = this.label;
    if (this.gatewayMessage !== undefined) gateway.message = this.gatewayMessage;
    const data: PosErrorData = { code: KIND_TO_POS_ERROR[this.kind] };
    if (Object.keys(gateway).length > 0) data.gateway = gateway;
    return data;
  }

  /** What the cashier should be told, in their language (English or Simplified Chinese). */
  cashierMessage(language: Language): string {
    return cashierMessage(this.toPosError(), language);
  }
}

export class GatewayDeclinedError extends GatewayError {
  declare readonly kind: 'declined';
  constructor(message: string, details?: GatewayErrorDetails) { super('declined', message, details); }
}
export class GatewayInvalidRequestError extends GatewayError {
  declare readonly kind: 'invalid_request';
  constructor(message: string, details?: GatewayErrorDetails) { super('invalid_request', message, details); }
}
export class GatewayAuthenticationError extends GatewayError {
  declare readonly kind: 'authentication';
  constructor(message: string, details?: GatewayErrorDetails) { super('authentication', message, details); }
}
export class GatewayDuplicateReferenceError extends GatewayError {
  declare readonly kind: 'duplicate_reference';
  constructor(message: string, details?: GatewayErrorDetails) { super('duplicate_reference', message, details); }
}
export class GatewayRateLimitedError extends GatewayError {
  declare readonly kind: 'rate_limited';
  constructor(message: string, details?: GatewayErrorDetails) { super('rate_limited', message, details); }
}
export class GatewayMerchantConfigurationError extends GatewayError {
  declare readonly kind: 'merchant_configuration';
  constructor(message: string, details?: GatewayErrorDetails) { super('merchant_configuration', message, details); }
}
export class GatewayNotFoundError extends GatewayError {
  declare readonly kind: 'not_found';
  constructor(message: string, details?: GatewayErrorDetails) { super('not_found', message, details); }
}
/** The money may or may not have moved: look the reference up, never resend under a new one. */
export class GatewayIndeterminateError extends GatewayError {
  declare readonly kind: 'indeterminate';
  constructor(message: string, details?: GatewayErrorDetails) { super('indeterminate', message, details); }
}
/** A reply that cannot be believed; for the payment's outcome it counts as no reply at all. */
export class GatewayBadReplyError extends GatewayError {
  declare readonly kind: 'bad_reply';
  constructor(message: string, details?: GatewayErrorDetails) { super('bad_reply', message, details); }
}

const CLASS_BY_KIND: Readonly<Record<GatewayErrorKind, new (message: string, details?: GatewayErrorDetails) => GatewayError>> = {
  declined: GatewayDeclinedError,
  invalid_request: GatewayInvalidRequestError,
  authentication: GatewayAuthenticationError,
  duplicate_reference: GatewayDuplicateReferenceError,
  rate_limited: GatewayRateLimitedError,
  merchant_configuration: GatewayMerchantConfigurationError,
  not_found: GatewayNotFoundError,
  indeterminate: GatewayIndeterminateError,
  bad_reply: GatewayBadReplyError,
};

export const KIND_PHRASE: Readonly<Record<GatewayErrorKind, string>> = {
  declined: 'declined the payment',
  invalid_request: 'refused the request as invalid',
  authentication: 'refused the merchant credentials',
  duplicate_reference: 'refused a reference it has already seen',
  rate_limited: 'is limiting the rate of attempts',
  merchant_configuration: 'reported a merchant configuration problem',
  not_found: 'has no such transaction',
  indeterminate: 'gave no outcome',
  bad_reply: 'sent a reply that cannot be believed',
};

/** Builds the subclass for `kind`; every text in `details` is redacted here, once. */
export function createGatewayError(
  kind: GatewayErrorKind,
  message: string,
  details: GatewayErrorDetails = {},
  context: RedactionContext = {},
): GatewayError {
  const clean: GatewayErrorDetails = { ...details };
  if (clean.label !== undefined) clean.label = redact(clean.label, context);
  if (clean.gatewayMessage !== undefined) clean.gatewayMessage = redact(clean.gatewayMessage, context);
  if (clean.raw !== undefined) clean.raw = truncateRaw(redact(clean.raw, context));
  return new CLASS_BY_KIND[kind](redact(message, context), clean);
}

export interface TransportContext extends RedactionContext {
  /** The gateway's name as the message says it ("NihaoPay", "OnlinePay"). */
  gatewayName?: string;
  /** Set when the client's own overall deadline cut the call short. */
  deadlineMs?: number;
}

/**
 * Maps a failure to get any complete reply (timeout, reset, hang-up, oversized body,
 * refused connection) to `indeterminate`: the request may have reached the gateway and
 * moved the money, so the caller looks the reference up. The axios error itself is
 * not kept as `cause` because its config carries the Authorization header.
 */
export function gatewayErrorFromTransport(err: unknown, context: TransportContext = {}): GatewayError {
  if (err instanceof GatewayError) return err;
  if (context.deadlineMs !== undefined) {
    return createGatewayError(
      'indeterminate',
      `${context.gatewayName ?? 'The gateway'} ${KIND_PHRASE.indeterminate}: no complete reply within ${context.deadlineMs} ms`,
      { transportCode: 'ERR_DEADLINE' },
      context,
    );
  }
  const { code, message } = describeTransportFailure(err);
  return createGatewayError('indeterminate', `${context.gatewayName ?? 'The gateway'} ${KIND_PHRASE.indeterminate}: ${message}`, { transportCode: code }, context);
}

function describeTransportFailure(err: unknown): { code: string; message: string } {
  const message = err instanceof Error ? err.message : String(err);
  if (isAxiosError(err) && /maxContentLength size of \d+ exceeded/.test(message)) {
    return { code: 'ERR_REPLY_TOO_LARGE', message: `the reply was larger than the limit (${message})` };
  }
  const code = readCode(err) ?? readCode(isAxiosError(err) ? err.cause : undefined) ?? 'ERR_TRANSPORT';
  return { code, message: `${code}: ${message || 'connection failed'}` };
}

function readCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

function redact(text: string, context: RedactionContext): string {
  return redactSecret(text, context.secret);
}

/** Redaction runs before truncation so a cut can never leave half a token behind. */
function truncateRaw(text: string): string {
  return text.length <= RAW_REPLY_LIMIT ? text : `${text.slice(0, RAW_REPLY_LIMIT)}… [${text.length - RAW_REPLY_LIMIT} more characters]`;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Kinds after which the gateway certainly did nothing (no charge, no refund): safe to journal as failed. */
export const CERTAINLY_NOT_MOVED: readonly GatewayErrorKind[] = ['declined', 'invalid_request', 'authentication', 'merchant_configuration', 'not_found'];
