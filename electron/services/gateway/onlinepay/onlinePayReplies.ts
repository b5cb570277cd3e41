import { z } from 'zod';
import {
  ONLINEPAY_CURRENCIES,
  type CreatedPayment,
  type CreatedPayout,
  type OnlinePayBalance,
  type OnlinePayCurrency,
  type OnlinePayPayment,
  type OnlinePayPaymentStatus,
  type PaymentExpectation,
} from '../../../../shared/gateway/onlinepay/onlinePayApi';
import { ONLINEPAY_ERROR_CODES, isOnlinePayErrorKind } from '../../../../shared/gateway/onlinepay/onlinePayErrors';
import { readWith, type Reading } from '../replyReading';

/*
 * What OnlinePay replies, checked before anything believes it. The text contradicts itself
 * in several places; each contradiction is decided here, once, beside the schema it shapes.
 * Unknown extra fields are ignored everywhere (zod objects strip them). A required field
 * that is missing or of the wrong type makes the whole reply a bad reply; decorations
 * (product, dates, extra_return_param, id) are tolerant and dropped when malformed,
 * because refusing a paid payment over a malformed description would turn a sale into an
 * unknown outcome.
 */

/**
 * Amounts. The create reply shows `"amount": "10020"` (a string), the list and get show
 * numbers. Decision: a safe non-negative integer, or a string of 1–15 ASCII digits (always
 * a safe integer) — no decimals, no signs, no exponent, no spaces. Anything else is a bad
 * reply; parseFloat is never used on money.
 */
export const minorUnitsSchema = z.union([z.int().nonnegative(), z.string().regex(/^\d{1,15}$/).transform(Number)]);

/** Page counters follow the amount rule: the same gateway that quotes an amount may quote a count. */
const countSchema = minorUnitsSchema;

/**
 * Order numbers. The list example has `"order_number": 1`, the get example a string.
 * Decision: a string, or a safe non-negative integer turned into its decimal string; it is
 * always compared as a string with the one we sent. Absent or null: the payment has none.
 */
export const orderNumberSchema = z.union([z.string().max(255), z.int().nonnegative().transform(String)]);

/**
 * Tokens are opaque, but they go into a URL path and a QR code, so only URL-unreserved
 * characters are believed: a token that could carry `/`, `?` or `#` is a bad reply.
 */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9._~-]{1,128}$/);

export const currencySchema = z.enum(ONLINEPAY_CURRENCIES);

/**
 * States. The dictionary lists init, pending, approved, declined (and notifications say
 * the same); the list example shows `sent` and the get example `accepted`. Decision:
 * `sent` is read as pending and `accepted` as approved; any other state (including a
 * differently-cased one) is `indeterminate`: still unknown, keep looking — never approved,
 * never declined. The gateway's own spelling is kept as statusText.
 */
const STATE_READING: Readonly<Record<string, OnlinePayPaymentStatus>> = {
  init: 'init',
  pending: 'pending',
  sent: 'pending',
  approved: 'approved',
  accepted: 'approved',
  declined: 'declined',
};

export function readPaymentState(state: string): OnlinePayPaymentStatus {
  return Object.prototype.hasOwnProperty.call(STATE_READING, state) ? (STATE_READING[state] ?? 'indeterminate') : 'indeterminate';
}

const stateSchema = z
  .string()
  .min(1)
  .max(64)
  .transform((statusText) => ({ status: readPaymentState(statusText), statusText }));

const optionalText = z.string().max(4096).nullish().catch(undefined);

/** One error as we read it, whichever of the two shapes it came in. */
export interface OnlinePayErrorItem {
  kind?: string;
  code?: string;
  message?: string;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ONLINEPAY_ERROR_CODES);

function asCode(value: string): string | undefined {
  const code = value.trim().toLowerCase();
  return /^[a-z0-9_]{1,64}$/.test(code) ? code : undefined;
}

/**
 * `errors` items. The text shows only `"errors": []`; items come as plain strings or as
 * objects `{kind, code, message}`. Decision: both are read. A string that is a documented
 * code or kind once lower-cased with spaces and hyphens as underscores ("Order number
 * already exists" → order_number_already_exists) is read as that code or kind; any other
 * string is a message only. In an object, a field of the wrong type is dropped.
 */
export function readErrorItem(item: string | { kind?: string | undefined; code?: string | undefined; message?: string | undefined }): OnlinePayErrorItem {
  if (typeof item === 'string') {
    const word = asCode(item.replace(/[\s-]+/g, '_'));
    if (word !== undefined && KNOWN_CODES.has(word)) return { code: word, message: item };
    if (word !== undefined && isOnlinePayErrorKind(word)) return { kind: word, message: item };
    return { message: item };
  }
  const read: OnlinePayErrorItem = {};
  const kind = item.kind === undefined ? undefined : asCode(item.kind);
  const code = item.code === undefined ? undefined : asCode(item.code);
  if (kind !== undefined) read.kind = kind;
  if (code !== undefined) read.code = code;
  if (item.message !== undefined) read.message = item.message;
  return read;
}

const errorItemSchema = z.union([
  z.string().max(2048),
  z.object({
    kind: z.string().max(64).optional().catch(undefined),
    code: z.string().max(64).optional().catch(undefined),
    message: z.string().max(2048).optional().catch(undefined),
  }),
]);

/**
 * Every reply's envelope. `success` must be a boolean: the text has it in every reply, and
 * a body without it is not an OnlinePay reply. `success: false` inside an HTTP 200 is an
 * error (read from `errors`), never a result. `errors` that are missing or malformed read
 * as no items: the error is then classified by its status alone.
 */
export const envelopeSchema = z.object({
  success: z.boolean(),
  errors: z
    .array(z.unknown())
    .max(100)
    .nullish()
    .catch(undefined)
    .transform((items) => (items ?? []).flatMap((item) => {
      const parsed = errorItemSchema.safeParse(item);
      return parsed.success ? [readErrorItem(parsed.data)] : [];
    })),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const createReplySchema = z.object({
  token: tokenSchema,
  processingUrl: z.string().min(1).max(2048),
  payment: z.object({ amount: minorUnitsSchema, currency: currencySchema, status: stateSchema }),
});

export const paymentSchema = z.object({
  token: tokenSchema,
  status: stateSchema,
  amount: minorUnitsSchema,
  currency: currencySchema,
  order_number: orderNumberSchema.nullish(),
  operation_type: z.enum(['pay', 'payout']).optional().catch(undefined),
  id: z.int().nonnegative().optional().catch(undefined),
  product: optionalText,
  extra_return_param: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
});

const getReplySchema = z.object({ payment: z.unknown() });

/**
 * A page of the list. `curentPage` is spelled so in the text; `currentPage` is read too.
 * When present it must be the page asked for (a gateway that repeats page 1 is caught).
 */
const listPageSchema = z.object({
  curentPage: countSchema.optional(),
  currentPage: countSchema.optional(),
  perPage: countSchema.optional().catch(undefined),
  totalCount: countSchema.optional().catch(undefined),
  totalPage: countSchema,
  payments: z.array(z.unknown()),
});

const payoutReplySchema = z.object({
  payout: z.object({ token: tokenSchema, status: stateSchema, timestamp: optionalText }),
});

const balanceReplySchema = z.object({
  wallet: z.object({ available: minorUnitsSchema, hold: minorUnitsSchema, currency: currencySchema }),
});

/** Checks the reply is about what we asked; a reply about another payment is never believed. */
function mismatches(found: Record<string, unknown>, expected: Record<string, unknown>): string | undefined {
  const wrong: string[] = [];
  for (const [key, want] of Object.entries(expected)) {
    if (want !== undefined && found[key] !== want) wrong.push(`${key} ${JSON.stringify(found[key])} where ${JSON.stringify(want)} was asked`);
  }
  return wrong.length > 0 ? `the reply is about another payment: ${wrong.join(', ')}` : undefined;
}

export function toPayment(data: z.infer<typeof paymentSchema>): OnlinePayPayment {
  const payment: OnlinePayPayment = { token: data.token, ...data.status, amount: data.amount, currency: data.currency };
  if (data.order_number !== undefined && data.order_number !== null) payment.orderNumber = data.order_number;
  if (data.operation_type !== undefined) payment.operationType = data.operation_type;
  if (data.id !== undefined) payment.id = data.id;
  if (data.product) payment.product = data.product;
  if (data.extra_return_param) payment.extraReturnParam = data.extra_return_param;
  if (data.created_at) payment.createdAt = data.created_at;
  if (data.updated_at) payment.updatedAt = data.updated_at;
  return payment;
}

/** The create reply, as long as it is about the amount and currency we sent (processingUrl is checked by the caller). */
export function readCreateReply(value: unknown, expected: { amount: number; currency: OnlinePayCurrency }): Reading<CreatedPayment> {
  return readWith(createReplySchema, value, 'a created payment', (data) => {
    const created: CreatedPayment = { token: data.token, processingUrl: data.processingUrl, amount: data.payment.amount, currency: data.payment.currency, ...data.payment.status };
    const problem = mismatches({ ...created }, expected);
    return problem ? { ok: false, problem } : { ok: true, value: created };
  });
}

/** One payment object (from a get or a list row), checked against what we know of it. */
export function readPayment(value: unknown, expected: PaymentExpectation = {}): Reading<OnlinePayPayment> {
  return readWith(paymentSchema, value, 'a payment object', (data) => {
    const payment = toPayment(data);
    const problem = mismatches({ ...payment }, { ...expected });
    return problem ? { ok: false, problem } : { ok: true, value: payment };
  });
}

export function readGetReply(value: unknown, expected: PaymentExpectation): Reading<OnlinePayPayment> {
  return readWith(getReplySchema, value, 'a payment reply', (data) => readPayment(data.payment, expected));
}

export interface ListPage {
  /** The page number the reply claims, when it says. */
  page?: number;
  totalPage: number;
  payments: OnlinePayPayment[];
}

export function readListPage(value: unknown, askedPage: number): Reading<ListPage> {
  return readWith(listPageSchema, value, 'a page of payments', (data) => {
    const page = data.curentPage ?? data.currentPage;
    if (page !== undefined && page !== askedPage) return { ok: false, problem: `page ${page} came back where page ${askedPage} was asked` };
    const payments: OnlinePayPayment[] = [];
    for (const [index, row] of data.payments.entries()) {
      const reading = readPayment(row);
      if (!reading.ok) return { ok: false, problem: `payments[${index}]: ${reading.problem}` };
      payments.push(reading.value);
    }
    const read: ListPage = { totalPage: data.totalPage, payments };
    if (page !== undefined) read.page = page;
    return { ok: true, value: read };
  });
}

export function readPayoutReply(value: unknown): Reading<CreatedPayout> {
  return readWith(payoutReplySchema, value, 'a payout reply', (data) => {
    const payout: CreatedPayout = { token: data.payout.token, ...data.payout.status };
    if (data.payout.timestamp) payout.timestamp = data.payout.timestamp;
    return { ok: true, value: payout };
  });
}

export function readBalanceReply(value: unknown, currency: OnlinePayCurrency): Reading<OnlinePayBalance> {
  return readWith(balanceReplySchema, value, 'a balance reply', (data) => {
    const problem = mismatches({ ...data.wallet }, { currency });
    return problem ? { ok: false, problem: problem.replace('another payment', 'another currency') } : { ok: true, value: data.wallet };
  });
}
