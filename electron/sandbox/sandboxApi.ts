import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { nihaoPayErrorByLabel } from '../../shared/gateway/nihaopayErrors';
import { isInStoreCurrency } from '../../shared/money/currencies';
import { isValidReference } from '../../shared/payments/reference';
import { isVendor } from '../../shared/payments/vendors';
import { decideScanOutcome } from './sandboxBehaviour';
import { gatewayTime, makeVendorTransactionId, type SandboxLedger, type SandboxTransaction } from './sandboxLedger';
import type { BodyReading } from './sandboxRequestBody';

/**
 * The sandbox's NihaoPay v1.2 endpoints as a function from a parsed request to a reply.
 * The HTTP server around it only reads, records, injects faults and writes.
 */

export interface ApiRequest {
  method: string;
  /** The URL path, still percent-encoded. */
  path: string;
  authorization: string | undefined;
  body: BodyReading | { ok: false; problem: 'too_large' };
}

export interface ApiReply {
  status: number;
  body: unknown;
}

export interface ApiContext {
  token: string;
  ledger: SandboxLedger;
  now: () => Date;
  /** Lookups that still answer pending before a pending scan shows its outcome. */
  pendingLookups: number;
}

/** The document's order of the scanqrcode request table; the first one missing is named. */
const SCAN_REQUIRED_FIELDS = ['currency', 'amount', 'vendor', 'reference', 'buyer_identity_code', 'client_ip'] as const;

/** An error object `{code, label, message}` with the catalogue's status and message. */
export function errorReply(label: string, field?: string): ApiReply {
  const entry = nihaoPayErrorByLabel(label);
  if (!entry) throw new Error(`no NihaoPay error with label ${label}`);
  const message = field === undefined ? entry.message : entry.message.replace('{0}', field);
  return { status: entry.httpStatus, body: { code: entry.httpStatus, label: entry.label, message } };
}

/** Compares digests so the time taken says nothing about how much of a guess was right. */
export function isAuthorized(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}

const MERCHANT_LOOKUP = /^\/v1\.2\/transactions\/merchant\/([^/]+)$/;
const ID_LOOKUP = /^\/v1\.2\/transactions\/([^/]+)$/;
const SCAN = '/v1.2/transactions/scanqrcode';

export function answerApiRequest(request: ApiRequest, context: ApiContext): ApiReply {
  const route = findRoute(request.method, request.path);
  if (route.kind === 'unknown') {
    // No label on purpose: a made-up label could pass for a catalogue error in a client.
    return { status: 404, body: { code: 404, message: 'Unknown endpoint.' } };
  }
  if (route.kind === 'wrongMethod') return { status: 405, body: { code: 405, message: 'Method not allowed.' } };
  if (!isAuthorized(request.authorization, context.token)) return errorReply('301');
  if (route.kind === 'scan') return answerScan(request.body, context);
  const key = decodePathPart(route.value);
  const found = key === undefined ? undefined : context.ledger.lookUp(route.kind === 'byReference' ? { reference: key } : { id: key });
  return found ? { status: 200, body: lookupBody(found) } : errorReply('61');
}

type Route =
  | { kind: 'scan' }
  | { kind: 'byReference' | 'byId'; value: string }
  | { kind: 'wrongMethod' }
  | { kind: 'unknown' };

function findRoute(method: string, path: string): Route {
  const upper = method.toUpperCase();
  if (path === SCAN) return upper === 'POST' ? { kind: 'scan' } : { kind: 'wrongMethod' };
  const byReference = MERCHANT_LOOKUP.exec(path);
  if (byReference?.[1]) return upper === 'GET' ? { kind: 'byReference', value: byReference[1] } : { kind: 'wrongMethod' };
  const byId = ID_LOOKUP.exec(path);
  if (byId?.[1]) return upper === 'GET' ? { kind: 'byId', value: byId[1] } : { kind: 'wrongMethod' };
  return { kind: 'unknown' };
}

function decodePathPart(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Each field's rule; a value that breaks one is "The field not valid." (400/90). */
const FIELD_RULES: Readonly<Record<(typeof SCAN_REQUIRED_FIELDS)[number] | 'description' | 'note', (value: string) => boolean>> = {
  currency: isInStoreCurrency,
  amount: (value) => /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value)),
  vendor: isVendor,
  reference: isValidReference,
  buyer_identity_code: (value) => /^\d{1,64}$/.test(value),
  client_ip: (value) => isIP(value) !== 0,
  description: (value) => value.length <= 256,
  note: (value) => value.length <= 256,
};

function answerScan(body: ApiRequest['body'], context: ApiContext): ApiReply {
  if (!body.ok) return errorReply('90');
  const fields = body.fields;
  for (const name of SCAN_REQUIRED_FIELDS) {
    if ((fields[name] ?? '').trim() === '') return errorReply('92', name);
  }
  for (const [name, rule] of Object.entries(FIELD_RULES)) {
    const value = fields[name];
    if (value !== undefined && !rule(value)) return errorReply('90');
  }
  const reference = fields['reference'] as string;
  if (context.ledger.hasReference(reference)) return errorReply('31');

  const amount = Number(fields['amount']);
  const outcome = decideScanOutcome(amount);
  if (outcome.kind === 'vendorErrorNothingRecorded') return errorReply('98');

  const now = context.now();
  const id = context.ledger.nextId(now);
  const transaction: SandboxTransaction = {
    id,
    reference,
    amount,
    currency: fields['currency'] as SandboxTransaction['currency'],
    vendor: fields['vendor'] as SandboxTransaction['vendor'],
    status: 'success',
    time: gatewayTime(now),
    note: fields['note'] || null,
    description: fields['description'] || null,
    buyerIdentityCode: fields['buyer_identity_code'] as string,
    clientIp: fields['client_ip'] as string,
    vendorTransactionId: makeVendorTransactionId(id),
  };
  switch (outcome.kind) {
    case 'approve':
      context.ledger.add(transaction);
      return { status: 200, body: scanBody(transaction) };
    case 'decline':
      // Kept as a failed attempt: the reference is spent and a lookup answers "failure".
      context.ledger.add({ ...transaction, status: 'failure', vendorTransactionId: null });
      return errorReply(outcome.label);
    case 'pending': {
      const pending: SandboxTransaction = {
        ...transaction,
        status: 'pending',
        vendorTransactionId: null,
        pending: { lookupsLeft: context.pendingLookups, settlesTo: outcome.settlesTo },
      };
      context.ledger.add(pending);
      return { status: 200, body: scanBody(pending) };
    }
    case 'timeoutButPaid':
      context.ledger.add(transaction);
      return errorReply('96');
  }
}

/** The document's scanqrcode reply; sys_reserve is a JSON string, as the parameters section describes it. */
function scanBody(transaction: SandboxTransaction): Record<string, unknown> {
  return {
    amount: transaction.amount,
    id: transaction.id,
    time: transaction.time,
    status: transaction.status,
    sys_reserve: JSON.stringify(transaction.vendorTransactionId ? { vendor_id: transaction.vendorTransactionId } : {}),
    note: transaction.note,
    reference: transaction.reference,
    currency: transaction.currency,
  };
}

/** The document's lookup reply, with vendor and vendor_id as its property table lists them. */
function lookupBody(transaction: SandboxTransaction): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: transaction.id,
    status: transaction.status,
    type: 'charge',
    amount: transaction.amount,
    currency: transaction.currency,
    time: transaction.time,
    reference: transaction.reference,
    note: transaction.note,
    vendor: transaction.vendor,
  };
  if (transaction.vendorTransactionId) body['vendor_id'] = transaction.vendorTransactionId;
  return body;
}
