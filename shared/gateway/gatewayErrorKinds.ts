import type { PosErrorCode } from '../errors/posErrors';

/**
 * What a gateway's error means for the caller, whichever gateway it is (each gateway's
 * error table maps its own statuses, labels and codes to these). `indeterminate` is the one that matters most:
 * the money may or may not have moved, so the caller must look the reference up and must
 * never send the request again under a new reference.
 */
export type GatewayErrorKind =
  | 'declined'
  | 'invalid_request'
  | 'authentication'
  | 'duplicate_reference'
  | 'rate_limited'
  | 'merchant_configuration'
  | 'not_found'
  | 'indeterminate'
  | 'bad_reply';

export const KIND_TO_POS_ERROR: Readonly<Record<GatewayErrorKind, PosErrorCode>> = {
  declined: 'GATEWAY_DECLINED',
  invalid_request: 'GATEWAY_INVALID_REQUEST',
  authentication: 'GATEWAY_AUTHENTICATION',
  duplicate_reference: 'GATEWAY_DUPLICATE_REFERENCE',
  rate_limited: 'GATEWAY_RATE_LIMITED',
  merchant_configuration: 'GATEWAY_MERCHANT_CONFIGURATION',
  not_found: 'GATEWAY_NOT_FOUND',
  indeterminate: 'GATEWAY_INDETERMINATE',
  // A reply we cannot believe is treated like no reply at all: the outcome is unknown.
  bad_reply: 'GATEWAY_BAD_REPLY',
};

