import { z } from 'zod';
import { TRANSACTION_STATUSES, type GatewayTransaction } from '../../../../shared/gateway/nihaopay/nihaopayTypes';

/**
 * What NihaoPay replies, checked before anything believes it. Fields that decide the
 * money (id, status, amount, currency, reference, time) are strict: a wrong type makes
 * the whole reply unbelievable. Decorations (note, vendor, vendor_id, sys_reserve,
 * rmb_amount) are tolerant: a wrong type drops the field, because refusing a paid
 * transaction over a malformed receipt detail would turn a sale into an unknown outcome.
 */

/** z.int() is bounded to the safe-integer range, so 2^53 cannot pass as an amount. */
const minorUnits = z.int().nonnegative();
const optionalText = z.string().nullish().catch(undefined);

export const transactionReplySchema = z.object({
  id: z.string().min(1).max(64),
  status: z.enum(TRANSACTION_STATUSES),
  amount: minorUnits,
  currency: z.string().regex(/^[A-Z]{3}$/),
  reference: z.string().min(1).max(64),
  time: z.string().min(1).max(64),
  note: optionalText,
  rmb_amount: minorUnits.nullish().catch(undefined),
  /** Documented as a JSON string, sent in practice with single quotes; read by vendorIdFromSysReserve. */
  sys_reserve: z.unknown().optional(),
  /** Lookups carry the wallet and its transaction id directly. */
  vendor: optionalText,
  vendor_id: optionalText,
  type: optionalText,
});
export type TransactionReply = z.infer<typeof transactionReplySchema>;

/** Error labels are strings ("01"); a number is tolerated and given back its leading zero. */
const errorLabel = z.union([
  z.string().regex(/^[A-Za-z0-9_-]{1,16}$/),
  z.int().nonnegative().max(99_999).transform((n) => String(n).padStart(2, '0')),
]);

/** NihaoPay "Errors → Error Object": `{code, label, message}`. */
export const errorReplySchema = z.object({
  code: z.union([z.int().min(100).max(599), z.string().regex(/^[1-5]\d\d$/).transform(Number)]).optional().catch(undefined),
  label: errorLabel,
  message: z.string().optional().catch(undefined),
});
export type ErrorReply = z.infer<typeof errorReplySchema>;

const VENDOR_ID = /^[\x21-\x7e]{1,64}$/;

/**
 * The wallet's transaction id from sys_reserve. The document's own example is
 * `"{'vendor_id':'2018...'}"`, which is not JSON, so after JSON we fall back on
 * reading the key out of the text. The text route also keeps a 28-digit id exact
 * if it was sent as a bare number, which JSON.parse would round.
 */
export function vendorIdFromSysReserve(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'object') return asVendorId((value as Record<string, unknown>)['vendor_id']);
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null) {
      const id = asVendorId((parsed as Record<string, unknown>)['vendor_id']);
      if (id !== undefined) return id;
    }
  } catch {
    // Not JSON: the single-quoted form, read below.
  }
  const match = /["']?vendor_id["']?\s*:\s*(?:"([^"]*)"|'([^']*)'|(\d+))/.exec(value);
  return asVendorId(match?.[1] ?? match?.[2] ?? match?.[3]);
}

function asVendorId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return VENDOR_ID.test(trimmed) ? trimmed : undefined;
}

export type TransactionReading = { ok: true; transaction: GatewayTransaction } | { ok: false; problem: string };

/** `unknown` in, a believable transaction (or the reason it is not one) out. */
export function readTransactionReply(value: unknown): TransactionReading {
  const parsed = transactionReplySchema.safeParse(value);
  if (!parsed.success) {
    const problem = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(reply)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, problem: `not a transaction object (${problem})` };
  }
  return { ok: true, transaction: toGatewayTransaction(parsed.data) };
}

export function toGatewayTransaction(reply: TransactionReply): GatewayTransaction {
  const transaction: GatewayTransaction = {
    id: reply.id,
    status: reply.status,
    amount: reply.amount,
    currency: reply.currency,
    reference: reply.reference,
    time: reply.time,
  };
  if (reply.vendor) transaction.vendor = reply.vendor;
  const vendorTransactionId = asVendorId(reply.vendor_id) ?? vendorIdFromSysReserve(reply.sys_reserve);
  if (vendorTransactionId !== undefined) transaction.vendorTransactionId = vendorTransactionId;
  if (reply.note !== undefined) transaction.note = reply.note;
  if (reply.rmb_amount !== undefined && reply.rmb_amount !== null) transaction.rmbAmount = reply.rmb_amount;
  return transaction;
}
