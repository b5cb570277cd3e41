import { createHash, timingSafeEqual } from 'node:crypto';
import { answerAccounts, answerWithdrawalDetail, answerWithdrawalHistory } from './sandboxAccounts';
import type { ApiContext, ApiRequest } from './sandboxContext';
import { answerLookup, answerScan } from './sandboxPayments';
import { answerRefund, answerRefundQuery } from './sandboxRefunds';
import { errorReply, type ApiReply } from './sandboxReplies';
import { answerBillingDownload, answerExchangeRate, answerTransactionList, answerTransactionsDownload } from './sandboxReports';
import { answerMerchantQrCode, answerQrCode, answerShowQrCode, answerStaticQrCode, settleDueShownQrs } from './sandboxShownQr';

/**
 * The sandbox's NihaoPay v1.2 endpoints as a function from a parsed request to a reply.
 * The HTTP server around it only reads, records, injects faults and writes.
 */

export type { ApiContext, ApiRequest } from './sandboxContext';
export { errorReply, type ApiReply } from './sandboxReplies';

/** Compares digests so the time taken says nothing about how much of a guess was right. */
export function isAuthorized(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

interface Route {
  method: 'GET' | 'POST';
  /** Matched against the still-encoded path; the first group, if any, is the path parameter. */
  pattern: RegExp;
  answer: (request: ApiRequest, context: ApiContext, parameter: string | undefined) => ApiReply;
}

const query = (request: ApiRequest): URLSearchParams => request.query ?? new URLSearchParams();

/**
 * Every endpoint a store uses, paths as the document writes them. A trailing slash is
 * optional where the document shows one, as its own examples use both. Order matters:
 * fixed paths before `/v1.2/transactions/{id}`, whose method then answers 405 for a fixed
 * path asked with the wrong one.
 */
const ROUTES: readonly Route[] = [
  { method: 'POST', pattern: /^\/v1\.2\/transactions\/scanqrcode$/, answer: (r, c) => answerScan(r.body, c) },
  { method: 'POST', pattern: /^\/v1\.2\/transactions\/showqrcode$/, answer: (r, c) => answerShowQrCode(r.body, c) },
  { method: 'POST', pattern: /^\/v1\.2\/transactions\/qrcode$/, answer: (r, c) => answerQrCode(r.body, c) },
  { method: 'POST', pattern: /^\/v1\.2\/transactions\/staticqrcode$/, answer: (r, c) => answerStaticQrCode(r.body, c) },
  { method: 'POST', pattern: /^\/v1\.2\/merchantqrcode$/, answer: (r, c) => answerMerchantQrCode(r.body, c) },
  { method: 'GET', pattern: /^\/v1\.2\/transactions\/merchant\/([^/]+)$/, answer: (_r, c, reference) => answerLookup(reference === undefined ? undefined : { reference }, c) },
  { method: 'GET', pattern: /^\/v1\.2\/transactions\/refunds\/([^/]+)\/$/, answer: (_r, c, id) => answerRefundQuery(id, c) },
  { method: 'POST', pattern: /^\/v1\.2\/transactions\/([^/]+)\/refund$/, answer: (r, c, id) => answerRefund(id, r.body, c) },
  { method: 'GET', pattern: /^\/v1\.2\/transactions\/?$/, answer: (r, c) => answerTransactionList(query(r), c) },
  { method: 'GET', pattern: /^\/v1\.2\/transactions\/([^/]+)$/, answer: (_r, c, id) => answerLookup(id === undefined ? undefined : { id }, c) },
  { method: 'GET', pattern: /^\/v1\.2\/exchangerate\/?$/, answer: (r, c) => answerExchangeRate(query(r), c) },
  { method: 'GET', pattern: /^\/v1\.2\/download\/transactions\/?$/, answer: (r, c) => answerTransactionsDownload(query(r), c) },
  { method: 'GET', pattern: /^\/v1\.2\/billing\/?$/, answer: (r, c) => answerBillingDownload(query(r), c) },
  { method: 'GET', pattern: /^\/v1\.2\/accounts\/?$/, answer: (_r, c) => answerAccounts(c) },
  { method: 'GET', pattern: /^\/v1\.2\/withdrawal\/history\/?$/, answer: (r, c) => answerWithdrawalHistory(query(r), c) },
  { method: 'GET', pattern: /^\/v1\.2\/withdrawal\/detail\/([^/]+)$/, answer: (_r, c, id) => answerWithdrawalDetail(id, c) },
];

export function answerApiRequest(request: ApiRequest, context: ApiContext): ApiReply {
  const method = request.method.toUpperCase();
  let found: { route: Route; match: RegExpExecArray } | undefined;
  for (const route of ROUTES) {
    const match = route.pattern.exec(request.path);
    if (match) {
      found = { route, match };
      break;
    }
  }
  if (!found) {
    // No label on purpose: a made-up label could pass for a catalogue error in a client.
    return { status: 404, body: { code: 404, message: 'Unknown endpoint.' } };
  }
  // The first route that matches names the resource; each resource has one method.
  if (found.route.method !== method) return { status: 405, body: { code: 405, message: 'Method not allowed.' } };
  if (!isAuthorized(request.authorization, context.token)) return errorReply('301');
  // Shown QR codes that fell due since the last request settle first, so every reply sees them settled.
  settleDueShownQrs(context);
  const raw = found.match[1];
  return found.route.answer(request, context, raw === undefined ? undefined : decodePathPart(raw));
}

/** An undecodable path part becomes undefined, which every endpoint answers as not found. */
function decodePathPart(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}
