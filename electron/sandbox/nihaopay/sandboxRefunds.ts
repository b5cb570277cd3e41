import type { ApiContext, ApiRequest } from './sandboxContext';
import { checkFields, isSettlementCurrency, rulesFor } from './sandboxFieldRules';
import { gatewayTime, type SandboxRefund, type SandboxTransaction } from './sandboxLedger';
import { lookupBody } from './sandboxPayments';
import { errorReply, okReply, type ApiReply } from './sandboxReplies';

/**
 * POST /v1.2/transactions/{id}/refund and GET /v1.2/transactions/refunds/{id}/.
 * Partial refunds may follow one another until the balance is used up. The checks run
 * in this order: fields (92, 90), the transaction (61), its outcome (63), the currency
 * (64), a balance already used up (66), the amount against what is left (67).
 */

const REFUND_RULES = rulesFor(['amount', 'rmb_amount', 'reason'], { currency: isSettlementCurrency });

export function answerRefund(transactionId: string | undefined, body: ApiRequest['body'], context: ApiContext): ApiReply {
  if (!body.ok) return errorReply('90');
  const fields = body.fields;
  const missingCurrency = checkFields(fields, ['currency'], {});
  if (missingCurrency) return missingCurrency;
  const hasAmount = (fields['amount'] ?? '').trim() !== '';
  const hasRmb = (fields['rmb_amount'] ?? '').trim() !== '';
  if (!hasAmount && !hasRmb) return errorReply('92', 'amount');
  const invalid = checkFields(fields, [], REFUND_RULES);
  if (invalid) return invalid;
  if (hasAmount && hasRmb) return errorReply('90');

  const original = transactionId === undefined ? undefined : context.ledger.byId(transactionId);
  if (!original) return errorReply('61');
  if (original.status !== 'success') return errorReply('63');
  if (fields['currency'] !== original.currency) return errorReply('64');
  const left = balanceLeft(original);
  if (left.amount <= 0) return errorReply('66');

  let amount: number;
  let rmbAmount: number | null;
  if (hasAmount) {
    amount = Number(fields['amount']);
    if (amount > left.amount) return errorReply('67');
    rmbAmount = left.rmbAmount === null ? null : amount === left.amount ? left.rmbAmount : share(amount, original.rmbAmount ?? 0, original.amount);
  } else {
    const rmb = Number(fields['rmb_amount']);
    if (left.rmbAmount === null) return errorReply('90');
    if (rmb > left.rmbAmount) return errorReply('67');
    rmbAmount = rmb;
    amount = rmb === left.rmbAmount ? left.amount : share(rmb, original.amount, original.rmbAmount ?? 1);
    // An RMB refund worth less than one minor unit of the settlement currency cannot be booked.
    if (amount < 1) return errorReply('90');
  }

  const now = context.now();
  const refund: SandboxRefund = { id: context.ledger.nextId(now), amount, rmbAmount, time: gatewayTime(now), reason: fields['reason'] || null, withdrawalId: null };
  context.ledger.change(original.id, (stored) => {
    stored.refunds = [...(stored.refunds ?? []), refund];
  });
  return okReply({ id: refund.id, status: 'success', refunded: true, transaction_id: original.id });
}

/** What is left to refund, in the settlement currency and (when known) in RMB fen. */
export function balanceLeft(transaction: SandboxTransaction): { amount: number; rmbAmount: number | null } {
  const refunds = transaction.refunds ?? [];
  const amount = transaction.amount - refunds.reduce((sum, refund) => sum + refund.amount, 0);
  const rmbAmount =
    transaction.rmbAmount === null || transaction.rmbAmount === undefined
      ? null
      : transaction.rmbAmount - refunds.reduce((sum, refund) => sum + (refund.rmbAmount ?? 0), 0);
  return { amount, rmbAmount };
}

/** part × total / whole, rounded down, exactly. */
function share(part: number, total: number, whole: number): number {
  return Number((BigInt(part) * BigInt(total)) / BigInt(whole));
}

/** The document's refund query: the transaction, the total refunded, and each refund, newest first. */
export function answerRefundQuery(transactionId: string | undefined, context: ApiContext): ApiReply {
  const transaction = transactionId === undefined ? undefined : context.ledger.byId(transactionId);
  if (!transaction) return errorReply('61');
  const refunds = transaction.refunds ?? [];
  return okReply({
    ...lookupBody(transaction),
    refunded_amount: refunds.reduce((sum, refund) => sum + refund.amount, 0),
    refunds: [...refunds].reverse().map((refund) => ({
      refund_time: refund.time,
      refund_id: refund.id,
      refunded_amount: refund.amount,
      status: 'success',
    })),
  });
}
