import { decideScanOutcome } from './sandboxBehaviour';
import type { ApiContext, ApiRequest } from './sandboxContext';
import { toRmbFen } from './sandboxExchangeRates';
import { checkFields, rulesFor } from './sandboxFieldRules';
import { gatewayTime, makeVendorTransactionId, type SandboxTransaction } from './sandboxLedger';
import { errorReply, okReply, type ApiReply } from './sandboxReplies';

/** POST /v1.2/transactions/scanqrcode and the two lookups. */

/** The document's order of the scanqrcode request table; the first one missing is named. */
const SCAN_REQUIRED_FIELDS = ['currency', 'amount', 'vendor', 'reference', 'buyer_identity_code', 'client_ip'] as const;
const SCAN_RULES = rulesFor(['currency', 'amount', 'vendor', 'reference', 'buyer_identity_code', 'client_ip', 'description', 'note']);

export function answerScan(body: ApiRequest['body'], context: ApiContext): ApiReply {
  if (!body.ok) return errorReply('90');
  const fields = body.fields;
  const invalid = checkFields(fields, SCAN_REQUIRED_FIELDS, SCAN_RULES);
  if (invalid) return invalid;
  const reference = fields['reference'] as string;
  if (context.ledger.hasReference(reference)) return errorReply('31');

  const amount = Number(fields['amount']);
  const outcome = decideScanOutcome(amount);
  if (outcome.kind === 'vendorErrorNothingRecorded') return errorReply('98');

  const now = context.now();
  const id = context.ledger.nextId(now);
  const currency = fields['currency'] as SandboxTransaction['currency'];
  const vendor = fields['vendor'] as SandboxTransaction['vendor'];
  const transaction: SandboxTransaction = {
    id,
    reference,
    amount,
    currency,
    vendor,
    status: 'success',
    time: gatewayTime(now),
    note: fields['note'] || null,
    description: fields['description'] || null,
    buyerIdentityCode: fields['buyer_identity_code'] as string,
    clientIp: fields['client_ip'] as string,
    vendorTransactionId: makeVendorTransactionId(id),
    method: 'scanqrcode',
    rmbAmount: toRmbFen(amount, currency, vendor),
    ipnUrl: null,
    refunds: [],
    withdrawalId: null,
  };
  switch (outcome.kind) {
    case 'approve':
      context.ledger.add(transaction);
      return okReply(scanBody(transaction));
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
      return okReply(scanBody(pending));
    }
    case 'timeoutButPaid':
      context.ledger.add(transaction);
      return errorReply('96');
  }
}

/** GET /v1.2/transactions/merchant/{reference} and GET /v1.2/transactions/{id}. */
export function answerLookup(key: { id: string } | { reference: string } | undefined, context: ApiContext): ApiReply {
  const found = key === undefined ? undefined : context.ledger.lookUp(key);
  return found ? okReply(lookupBody(found)) : errorReply('61');
}

/** The document's scanqrcode reply; sys_reserve is a JSON string, as the parameters section describes it. */
export function scanBody(transaction: SandboxTransaction): Record<string, unknown> {
  return {
    amount: transaction.amount,
    id: transaction.id,
    time: transaction.time,
    status: transaction.status,
    sys_reserve: sysReserve(transaction),
    note: transaction.note,
    reference: transaction.reference,
    currency: transaction.currency,
  };
}

export function sysReserve(transaction: SandboxTransaction): string {
  const json = JSON.stringify(transaction.vendorTransactionId ? { vendor_id: transaction.vendorTransactionId } : {});
  // NihaoPay writes it both ways: JSON as its parameters section shows, and single-quoted
  // (`{'vendor_id':'2018…'}`) as its own reply example and live replies do. The sandbox
  // answers a transaction whose id ends in an even digit the second way, so training and
  // tests meet both forms, the same way for one transaction in every reply and IPN.
  return /[02468]$/.test(transaction.id) ? json.replace(/"/g, "'") : json;
}

/** The document's lookup reply, with vendor and vendor_id as its property table lists them. */
export function lookupBody(transaction: SandboxTransaction): Record<string, unknown> {
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
