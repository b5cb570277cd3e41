import type { GatewayErrorKind } from '../../../../shared/gateway/gatewayErrorKinds';
import { classifyOnlinePayError, type OnlinePayRequestKind } from '../../../../shared/gateway/onlinepay/onlinePayErrors';
import { createGatewayError, type GatewayError, type GatewayErrorDetails, type TransportContext } from '../gatewayError';
import type { OnlinePayErrorItem } from './onlinePayReplies';

const KIND_PHRASE: Readonly<Record<GatewayErrorKind, string>> = {
  declined: 'declined the payment',
  invalid_request: 'refused the request as invalid',
  authentication: 'refused the private key',
  duplicate_reference: 'already holds a payment with this order number',
  rate_limited: 'is limiting the rate of requests',
  merchant_configuration: 'reported a merchant configuration problem',
  not_found: 'has no such payment',
  indeterminate: 'gave no outcome',
  bad_reply: 'sent a reply that cannot be believed',
};

/**
 * When several errors come in one reply, the most cautious decides: an unknown outcome
 * outranks "nothing moved", so one indeterminate item makes the caller look up.
 */
const CAUTION: readonly GatewayErrorKind[] = [
  'indeterminate',
  'bad_reply',
  'duplicate_reference',
  'rate_limited',
  'authentication',
  'merchant_configuration',
  'not_found',
  'declined',
  'invalid_request',
];

/** A reply we could not read, or one that contradicts the request. */
export function onlinePayBadReply(httpStatus: number, reason: string, raw: string, context: TransportContext): GatewayError {
  return createGatewayError('bad_reply', `OnlinePay ${KIND_PHRASE.bad_reply} (HTTP ${httpStatus}): ${reason}`, { httpStatus, raw }, context);
}

/**
 * The error for a reply that reports failure (a non-2xx, or `success: false` in a 200).
 * The label is the error's code (order_number_already_exists, …), so the cashier reads the
 * code's own message from gatewayLabels. errorStatus is left unset on purpose: NihaoPay's
 * gatewayFailure() would otherwise reclassify the error through NihaoPay's table.
 */
export function onlinePayErrorFromItems(
  httpStatus: number,
  items: readonly OnlinePayErrorItem[],
  request: OnlinePayRequestKind,
  raw: string,
  context: TransportContext,
): GatewayError {
  const readings = (items.length > 0 ? items : [{}]).map((item) => ({ item, kind: classifyOnlinePayError({ httpStatus, ...item }, request) }));
  readings.sort((a, b) => CAUTION.indexOf(a.kind) - CAUTION.indexOf(b.kind));
  const decisive = readings[0] ?? { item: {}, kind: 'indeterminate' as const };
  const { kind, item } = decisive;
  const messages = items.map((i) => i.message).filter((m): m is string => !!m);
  const details: GatewayErrorDetails = { httpStatus, raw };
  if (item.code !== undefined) details.label = item.code;
  if (messages.length > 0) details.gatewayMessage = messages.join('; ').slice(0, 500);
  const what = [item.kind, item.code].filter(Boolean).join('/');
  const text = `OnlinePay ${KIND_PHRASE[kind]} (HTTP ${httpStatus}${what ? `, ${what}` : ''})${details.gatewayMessage ? `: ${details.gatewayMessage}` : ''}`;
  return createGatewayError(kind, text, details, context);
}

/**
 * A non-2xx reply that is not an OnlinePay envelope (a proxy's HTML page, an empty 302).
 * 429 and 5xx say enough by their status; any other such reply proves nothing.
 */
export function onlinePayErrorFromStatus(httpStatus: number, raw: string, context: TransportContext): GatewayError {
  if (httpStatus === 429 || httpStatus >= 500) {
    const kind = classifyOnlinePayError({ httpStatus });
    return createGatewayError(kind, `OnlinePay ${KIND_PHRASE[kind]} (HTTP ${httpStatus})`, { httpStatus, raw }, context);
  }
  return onlinePayBadReply(httpStatus, 'the reply is not an OnlinePay reply', raw, context);
}
