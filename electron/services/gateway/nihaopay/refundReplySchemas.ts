import { z } from 'zod';
import { REFUND_STATUSES, type RefundRecord, type RefundResult, type TransactionRefunds } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { readWith, type Reading } from '../replyReading';
import { toGatewayTransaction, transactionReplySchema } from './replySchemas';

/**
 * Replies of the refund endpoints. Every amount and status is strict: these replies
 * decide whether a customer gets money back, and whether a second refund would be one too many.
 */

/** "Returns a refund object." */
export const refundReplySchema = z.object({
  id: z.string().min(1).max(64),
  status: z.enum(REFUND_STATUSES),
  transaction_id: z.string().min(1).max(64),
  refunded: z.boolean().optional().catch(undefined),
});

export function readRefundReply(value: unknown, transactionId: string): Reading<RefundResult> {
  return readWith(refundReplySchema, value, 'a refund object', (reply) => {
    if (reply.transaction_id !== transactionId) {
      return { ok: false, problem: `the reply is about another transaction: transaction_id ${JSON.stringify(reply.transaction_id)} where ${JSON.stringify(transactionId)} was asked` };
    }
    const result: RefundResult = { id: reply.id, status: reply.status, transactionId: reply.transaction_id };
    if (reply.refunded !== undefined) result.refunded = reply.refunded;
    return { ok: true, value: result };
  });
}

const refundRecordSchema = z.object({
  refund_id: z.string().min(1).max(64),
  refunded_amount: z.int().positive(),
  status: z.enum(REFUND_STATUSES),
  refund_time: z.string().nullish().catch(undefined),
});

/** The transaction object with its refunds; a transaction never refunded may leave both out. */
export const refundQueryReplySchema = transactionReplySchema.extend({
  refunded_amount: z.int().nonnegative().nullish(),
  refunds: z.array(refundRecordSchema).max(1000).nullish(),
});

export function readRefundQueryReply(value: unknown, transactionId: string): Reading<TransactionRefunds> {
  return readWith(refundQueryReplySchema, value, 'a refund query reply', (reply) => {
    if (reply.id !== transactionId) {
      return { ok: false, problem: `the reply is about another transaction: id ${JSON.stringify(reply.id)} where ${JSON.stringify(transactionId)} was asked` };
    }
    const refunds: RefundRecord[] = (reply.refunds ?? []).map((record) => {
      const refund: RefundRecord = { id: record.refund_id, status: record.status, amount: record.refunded_amount };
      if (record.refund_time) refund.time = record.refund_time;
      return refund;
    });
    const successful = refunds.filter((refund) => refund.status === 'success').reduce((sum, refund) => sum + refund.amount, 0);
    const refundedAmount = reply.refunded_amount ?? successful;
    // More refunded than was ever charged is not a state any ledger can be in.
    if (refundedAmount > reply.amount) return { ok: false, problem: `refunded_amount ${refundedAmount} exceeds the transaction amount ${reply.amount}` };
    return { ok: true, value: { transaction: toGatewayTransaction(reply), refundedAmount, refunds } };
  });
}
