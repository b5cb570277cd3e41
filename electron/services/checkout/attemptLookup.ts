import type { GatewayErrorKind } from '../../../shared/gateway/nihaopay/nihaopayErrors';
import type { GatewayTransaction, PaymentGateway } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import type { PaymentState } from '../../../shared/payments/paymentState';
import { GatewayError } from '../gateway/nihaopay/gatewayError';
import type { Journal } from '../journal/journal';

/** What one look-up by merchant reference says about an attempt. */
export type LookupAnswer =
  | { kind: 'transaction'; transaction: GatewayTransaction }
  /** The gateway answered with a transaction that is not this attempt's (amount, currency or reference differ): not believed. */
  | { kind: 'mismatch' }
  | { kind: 'notFound' }
  | { kind: 'unanswered'; errorKind: GatewayErrorKind };

export interface AttemptIdentity {
  reference: string;
  amount: number;
  currency: string;
}

/** Kind of a failure thrown by the gateway client; anything unexpected counts as indeterminate. */
export function gatewayErrorKind(error: unknown): GatewayErrorKind {
  return error instanceof GatewayError ? error.kind : 'indeterminate';
}

/** GET /v1.2/transactions/merchant/{reference}, checked against what we sent. */
export async function lookUpAttempt(gateway: PaymentGateway, attempt: AttemptIdentity): Promise<LookupAnswer> {
  try {
    const transaction = await gateway.getTransactionByReference(attempt.reference);
    if (transaction.reference !== attempt.reference || transaction.amount !== attempt.amount || transaction.currency !== attempt.currency) {
      return { kind: 'mismatch' };
    }
    return { kind: 'transaction', transaction };
  } catch (error) {
    const kind = gatewayErrorKind(error);
    return kind === 'not_found' ? { kind: 'notFound' } : { kind: 'unanswered', errorKind: kind };
  }
}

/** The journal state a gateway transaction status means. */
export function paymentStateOf(transaction: GatewayTransaction): Extract<PaymentState, 'success' | 'failure' | 'pending'> {
  if (transaction.status === 'success') return 'success';
  if (transaction.status === 'failure' || transaction.status === 'closed') return 'failure';
  return 'pending';
}

/** Records what the gateway said about an attempt; the state machine drops stale or repeated news. */
export function journalTransaction(journal: Journal, reference: string, transaction: GatewayTransaction, via: string): PaymentState {
  const state = paymentStateOf(transaction);
  journal.update(reference, {
    state,
    transactionId: transaction.id,
    vendorTransactionId: transaction.vendorTransactionId,
    gatewayTime: transaction.time,
    // Some replies carry rmb_amount 0 when no RMB amount applies; the journal keeps only a real one.
    rmbAmount: transaction.rmbAmount ? transaction.rmbAmount : undefined,
    errorCode: state === 'failure' ? 'GATEWAY_DECLINED' : undefined,
    detail: via,
  });
  return state;
}
