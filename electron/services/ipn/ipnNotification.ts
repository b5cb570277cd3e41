import { z } from 'zod';
import { TRANSACTION_STATUSES, type GatewayTransaction } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import { isValidReference } from '../../../shared/payments/reference';
import { vendorIdFromSysReserve } from '../gateway/nihaopay/replySchemas';
import type { IpnFields } from './ipnSignature';

/**
 * The body of a NihaoPay IPN ("Asynchronous Response message"), read after its
 * signature has been verified. Form posts carry every value as text, so amounts are
 * digits; a JSON post may carry numbers. The fields that move a payment in the journal
 * (id, status, amount, currency, reference) are strict; note and sys_reserve are tolerant.
 */

const minorUnits = z.union([z.string().regex(/^\d{1,15}$/).transform(Number), z.int().nonnegative()]);

export const ipnNotificationSchema = z.object({
  id: z.string().min(1).max(64),
  status: z.enum(TRANSACTION_STATUSES),
  amount: minorUnits,
  currency: z.string().regex(/^[A-Z]{3}$/),
  // Ours are 1-30 letters and digits; a store QR or a plugin's reference may have dashes
  // (the text's own example `20170427-137-0011`). Signed, such an IPN is read, and only
  // recorded: no attempt of this terminal has that reference.
  reference: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'not a reference (visible ASCII, at most 64)'),
  time: z.string().min(1).max(64),
  rmb_amount: minorUnits.nullish().catch(undefined),
  note: z.string().nullish().catch(undefined),
  sys_reserve: z.string().nullish().catch(undefined),
});

export type IpnReading = { ok: true; transaction: GatewayTransaction; /** False when the reference is not one this terminal could have made. */ ours: boolean } | { ok: false; problem: string };

export function readIpnNotification(fields: IpnFields): IpnReading {
  const parsed = ipnNotificationSchema.safeParse(fields);
  if (!parsed.success) {
    const problem = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
    return { ok: false, problem: `not an IPN transaction (${problem})` };
  }
  const ipn = parsed.data;
  const transaction: GatewayTransaction = {
    id: ipn.id,
    status: ipn.status,
    amount: ipn.amount,
    currency: ipn.currency,
    reference: ipn.reference,
    time: ipn.time,
    // The document: "If set in request, your transaction note to self. Else if not set, this will be null."
    note: ipn.note === undefined || ipn.note === null || ipn.note === 'null' || ipn.note === '' ? null : ipn.note,
  };
  if (ipn.rmb_amount !== undefined && ipn.rmb_amount !== null) transaction.rmbAmount = ipn.rmb_amount;
  const vendorTransactionId = vendorIdFromSysReserve(ipn.sys_reserve);
  if (vendorTransactionId !== undefined) transaction.vendorTransactionId = vendorTransactionId;
  return { ok: true, transaction, ours: isValidReference(ipn.reference) };
}
