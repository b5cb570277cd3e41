import { createHash } from 'node:crypto';
import { decideShownQrCreation, scheduleShownQr, shownQrStatusAt, type ShownQrTiming } from './sandboxBehaviour';
import type { ApiContext, ApiRequest } from './sandboxContext';
import { fromRmbFen, toRmbFen } from './sandboxExchangeRates';
import { checkFields, FIELD_RULES, rulesFor } from './sandboxFieldRules';
import { gatewayTime, makeVendorTransactionId, type SandboxMethod, type SandboxTransaction } from './sandboxLedger';
import { lookupBody } from './sandboxPayments';
import { errorReply, okReply, type ApiReply } from './sandboxReplies';
import type { BodyFields } from './sandboxRequestBody';

/**
 * The QR endpoints: showqrcode and qrcode (a code for this one sale), merchantqrcode (a
 * static code printed for the store) and staticqrcode (a payment through a static code).
 * A shown code is a pending transaction until it is paid, fails or expires; see
 * sandboxBehaviour.ts for which amounts do what, and `settleByControl` for the trainer's
 * "the customer paid" button.
 */

export const DEFAULT_SHOWN_QR_TIMING: ShownQrTiming = { paidAfterMs: 5_000, expiresAfterMs: 10_000 };
const DEFAULT_TIMEOUT_MINUTES = 120;
/** Never resolves (RFC 2606), so a sandbox QR can never send a real wallet anywhere. */
export const SANDBOX_QR_HOST = 'https://sandbox.counterpay.invalid';

const SHOW_REQUIRED = ['amount', 'currency', 'reference', 'vendor', 'ipn_url'] as const;
const SHOW_RULES = rulesFor(['amount', 'currency', 'reference', 'vendor', 'ipn_url', 'timeout', 'description', 'note']);

const QRCODE_RULES = rulesFor(['amount', 'rmb_amount', 'currency', 'vendor', 'reference', 'ipn_url', 'timeout', 'description', 'note'], {
  currency: (value) => ['USD', 'JPY', 'HKD', 'EUR', 'CAD', 'GBP', 'SGD', 'AUD'].includes(value),
  vendor: (value) => value === 'wechatpay' || value === 'unionpay',
});

const MERCHANT_REQUIRED = ['trade_currency', 'seller_name', 'store_name', 'store_no'] as const;
const MERCHANT_RULES = rulesFor(['trade_currency', 'ipn_url', 'seller_name', 'store_name', 'store_no'], {
  vendor: (value) => value === 'alipay',
});

const STATIC_REQUIRED = ['amount', 'vendor', 'qrcode'] as const;
const STATIC_RULES = rulesFor(['amount', 'reference', 'callback_url', 'description'], {
  vendor: (value) => value === 'alipay' || value === 'wechatpay',
  qrcode: FIELD_RULES.qrcode,
});

/** POST /v1.2/transactions/showqrcode */
export function answerShowQrCode(body: ApiRequest['body'], context: ApiContext): ApiReply {
  if (!body.ok) return errorReply('90');
  const invalid = checkFields(body.fields, SHOW_REQUIRED, SHOW_RULES);
  if (invalid) return invalid;
  return createShownQr(body.fields, 'showqrcode', { amount: Number(body.fields['amount']), pricedInRmb: false }, context);
}

/** POST /v1.2/transactions/qrcode: amount or rmb_amount, never both. */
export function answerQrCode(body: ApiRequest['body'], context: ApiContext): ApiReply {
  if (!body.ok) return errorReply('90');
  const fields = body.fields;
  const missing = checkFields(fields, ['currency'], {});
  if (missing) return missing;
  const hasAmount = (fields['amount'] ?? '').trim() !== '';
  const hasRmb = (fields['rmb_amount'] ?? '').trim() !== '';
  if (!hasAmount && !hasRmb) return errorReply('92', 'amount');
  const invalid = checkFields(fields, ['vendor', 'reference', 'ipn_url'], QRCODE_RULES);
  if (invalid) return invalid;
  if (hasAmount && hasRmb) return errorReply('90');
  const currency = fields['currency'] as SandboxTransaction['currency'];
  const vendor = fields['vendor'] as SandboxTransaction['vendor'];
  if (hasAmount) return createShownQr(fields, 'qrcode', { amount: Number(fields['amount']), pricedInRmb: false }, context);
  const rmbAmount = Number(fields['rmb_amount']);
  const amount = fromRmbFen(rmbAmount, currency, vendor);
  // Less than one minor unit of the settlement currency cannot be settled.
  if (amount < 1) return errorReply('90');
  return createShownQr(fields, 'qrcode', { amount, rmbAmount, pricedInRmb: true }, context);
}

interface Pricing {
  amount: number;
  rmbAmount?: number;
  pricedInRmb: boolean;
}

function createShownQr(fields: BodyFields, method: SandboxMethod, pricing: Pricing, context: ApiContext): ApiReply {
  const reference = fields['reference'] as string;
  if (context.ledger.hasReference(reference)) return errorReply('31');
  const transaction = bookShownQr(
    {
      reference,
      currency: fields['currency'] as SandboxTransaction['currency'],
      vendor: fields['vendor'] as SandboxTransaction['vendor'],
      ipnUrl: fields['ipn_url'] ?? null,
      note: fields['note'] || null,
      description: fields['description'] || null,
      timeoutMinutes: fields['timeout'] ? Number(fields['timeout']) : DEFAULT_TIMEOUT_MINUTES,
      method,
      ...pricing,
    },
    context,
  );
  if (transaction === 'vendorError') return errorReply('98');
  const reply: Record<string, unknown> = {
    code_url: transaction.shownQr?.codeUrl,
    id: transaction.id,
    timeout: transaction.shownQr?.timeoutMinutes,
    currency: transaction.currency,
    amount: transaction.amount,
    reference: transaction.reference,
    time: transaction.time,
  };
  if (pricing.pricedInRmb) reply['rmb_amount'] = transaction.rmbAmount;
  return transaction.timedOut ? errorReply('96') : okReply(reply);
}

interface ShownQrDraft extends Pricing {
  reference: string;
  currency: SandboxTransaction['currency'];
  vendor: SandboxTransaction['vendor'];
  ipnUrl: string | null;
  note: string | null;
  description: string | null;
  timeoutMinutes: number;
  method: SandboxMethod;
}

/** Books a pending QR transaction by the amount rules, or says the vendor failed (98, nothing booked). */
function bookShownQr(draft: ShownQrDraft, context: ApiContext): (SandboxTransaction & { timedOut: boolean }) | 'vendorError' {
  const creation = decideShownQrCreation(draft.pricedInRmb ? (draft.rmbAmount ?? draft.amount) : draft.amount);
  if (creation.kind === 'vendorErrorNothingCreated') return 'vendorError';
  const now = context.now();
  const id = context.ledger.nextId(now);
  const schedule = scheduleShownQr(creation.course, now.getTime(), draft.timeoutMinutes, context.shownQr ?? DEFAULT_SHOWN_QR_TIMING);
  const transaction: SandboxTransaction = {
    id,
    reference: draft.reference,
    amount: draft.amount,
    currency: draft.currency,
    vendor: draft.vendor,
    status: 'pending',
    time: gatewayTime(now),
    note: draft.note,
    description: draft.description,
    buyerIdentityCode: null,
    clientIp: null,
    vendorTransactionId: null,
    method: draft.method,
    rmbAmount: draft.rmbAmount ?? toRmbFen(draft.amount, draft.currency, draft.vendor),
    ipnUrl: draft.ipnUrl,
    shownQr: { codeUrl: `${SANDBOX_QR_HOST}/qr/${draft.vendor}/${id}`, timeoutMinutes: draft.timeoutMinutes, pricedInRmb: draft.pricedInRmb, ...schedule },
    refunds: [],
    withdrawalId: null,
  };
  context.ledger.add(transaction);
  if (schedule.settlesAt !== undefined) context.wakeAt?.(schedule.settlesAt);
  return { ...transaction, timedOut: creation.kind === 'timeoutButCreated' };
}

/** POST /v1.2/merchantqrcode */
export function answerMerchantQrCode(body: ApiRequest['body'], context: ApiContext): ApiReply {
  if (!body.ok) return errorReply('90');
  const fields = body.fields;
  const invalid = checkFields(fields, MERCHANT_REQUIRED, MERCHANT_RULES);
  if (invalid) return invalid;
  // Deterministic codes: the n-th static QR of every run looks the same.
  const code = createHash('md5').update(`merchantqr:${context.ledger.merchantQrCount() + 1}:${fields['store_no']}`).digest('hex');
  const merchantQr = {
    qrcode: `${SANDBOX_QR_HOST}/topayment/${code}`,
    qrcodeImageUrl: `${SANDBOX_QR_HOST}/merqrcode/${code}`,
    tradeCurrency: fields['trade_currency'] as 'USD' | 'JPY',
    sellerName: fields['seller_name'] as string,
    storeName: fields['store_name'] as string,
    storeNo: fields['store_no'] as string,
    ipnUrl: fields['ipn_url'] || null,
  };
  context.ledger.addMerchantQr(merchantQr);
  return okReply({
    seller_name: merchantQr.sellerName,
    store_name: merchantQr.storeName,
    store_no: merchantQr.storeNo,
    qrcode_img_url: merchantQr.qrcodeImageUrl,
    qrcode: merchantQr.qrcode,
  });
}

/** POST /v1.2/transactions/staticqrcode: a pending payment in the static code's currency, to its ipn_url. */
export function answerStaticQrCode(body: ApiRequest['body'], context: ApiContext): ApiReply {
  if (!body.ok) return errorReply('90');
  const fields = body.fields;
  const invalid = checkFields(fields, STATIC_REQUIRED, STATIC_RULES);
  if (invalid) return invalid;
  const merchantQr = context.ledger.merchantQr(fields['qrcode'] as string);
  // A code this gateway never issued is not a valid qrcode field.
  if (!merchantQr) return errorReply('90');
  const reference = fields['reference'] || `S${context.ledger.nextId(context.now())}`;
  if (context.ledger.hasReference(reference)) return errorReply('31');
  const transaction = bookShownQr(
    {
      reference,
      amount: Number(fields['amount']),
      pricedInRmb: false,
      currency: merchantQr.tradeCurrency,
      vendor: fields['vendor'] as SandboxTransaction['vendor'],
      ipnUrl: merchantQr.ipnUrl,
      note: null,
      description: fields['description'] || null,
      timeoutMinutes: DEFAULT_TIMEOUT_MINUTES,
      method: 'staticqrcode',
    },
    context,
  );
  if (transaction === 'vendorError') return errorReply('98');
  if (transaction.timedOut) return errorReply('96');
  return okReply({ redirect_url: `${SANDBOX_QR_HOST}/wallet/${transaction.vendor}?txnId=${transaction.id}` });
}

/**
 * Moves every shown QR that has fallen due at the sandbox's `now` to its outcome, and
 * returns those that changed. Called before each request and when a timer fires, so a
 * test with its own clock sees the same course as a trainer waiting in real time.
 */
export function settleDueShownQrs(context: ApiContext): SandboxTransaction[] {
  const now = context.now().getTime();
  const changed: SandboxTransaction[] = [];
  for (const id of context.ledger.pendingShownQrIds()) {
    const settled = context.ledger.change(id, (stored) => {
      if (!stored.shownQr) return;
      const status = shownQrStatusAt(stored.shownQr, now);
      if (status === 'pending') return;
      stored.status = status;
      if (status === 'success') stored.vendorTransactionId = makeVendorTransactionId(stored.id);
    });
    if (settled && settled.status !== 'pending') {
      changed.push(settled);
      if (settled.status === 'success' || settled.status === 'failure') context.onSettled?.(settled);
    }
  }
  return changed;
}

/**
 * The trainer's control: the customer paid (or the payment failed) for a shown code.
 * By transaction id or merchant reference. An expired code answers the document's 500/83.
 */
export function settleByControl(key: string, outcome: 'success' | 'failure', context: ApiContext): ApiReply {
  settleDueShownQrs(context);
  const found = context.ledger.byId(key) ?? context.ledger.byReference(key);
  if (!found) return errorReply('61');
  if (!found.shownQr) return { status: 409, body: { code: 409, message: 'Not a shown QR code: scans settle by themselves.' } };
  if (found.status === 'closed') return errorReply('83');
  if (found.status !== 'pending') return { status: 409, body: { code: 409, message: `The QR code is already settled (${found.status}).` } };
  const settled = context.ledger.change(found.id, (stored) => {
    stored.status = outcome;
    if (outcome === 'success') stored.vendorTransactionId = makeVendorTransactionId(stored.id);
  });
  if (!settled) return errorReply('61');
  context.onSettled?.(settled);
  return okReply({ transaction: lookupBody(settled) });
}
