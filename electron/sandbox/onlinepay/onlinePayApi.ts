import { timingSafeEqual } from 'node:crypto';
import type { OnlinePayContext } from './onlinePayContext';
import { errorReply, type OnlinePayReply } from './onlinePayErrors';
import { createPayment, getPayment, listPayments } from './onlinePayPaymentsApi';
import { createPayout, getBalance } from './onlinePayPayoutsApi';
import { parseJsonObject } from './onlinePayRequestFields';

/** A merchant API request as the router sees it, already read by the server. */
export interface OnlinePayApiRequest {
  method: string;
  /** The URL path, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** The body as text; undefined when it was larger than the server reads. */
  bodyText: string | undefined;
}

/** `Authorization: Bearer <merchant private key>`, compared in constant time. */
export function isAuthorized(header: string | undefined, privateKey: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const sent = Buffer.from(match[1]);
  const expected = Buffer.from(privateKey);
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/**
 * Answers every `/api/v1/…` request. Authentication comes first, so an unauthenticated
 * caller learns nothing, not even which paths exist. A trailing slash is accepted.
 */
export function answerApiRequest(request: OnlinePayApiRequest, privateKey: string, context: OnlinePayContext): OnlinePayReply {
  if (!isAuthorized(request.authorization, privateKey)) return errorReply('incorrect_private_key');
  const path = request.path.replace(/\/+$/, '');
  const body = (): ReturnType<typeof parseJsonObject> => (request.bodyText === undefined ? undefined : parseJsonObject(request.bodyText));

  if (path === '/api/v1/payments') {
    if (request.method === 'GET') return listPayments(request.query, context);
    if (request.method !== 'POST') return errorReply('method_not_allowed');
    const fields = body();
    return fields ? createPayment(fields, context) : errorReply('incorrect_body');
  }
  const single = /^\/api\/v1\/payments\/([^/]+)$/.exec(path);
  if (single?.[1]) {
    if (request.method !== 'GET') return errorReply('method_not_allowed');
    return getPayment(safeDecode(single[1]), context);
  }
  if (path === '/api/v1/payouts') {
    if (request.method !== 'POST') return errorReply('method_not_allowed');
    const fields = body();
    return fields ? createPayout(fields, context) : errorReply('incorrect_body');
  }
  if (path === '/api/v1/balance') {
    if (request.method !== 'GET') return errorReply('method_not_allowed');
    return getBalance(request.query, context);
  }
  return errorReply('not_found');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
