import type { GatewayErrorKind } from '../../../shared/gateway/gatewayErrorKinds';
import { paymentStateOfStatus, type GatewayPayment, type LookupAnswer } from '../../../shared/gateway/paymentGateway';
import type { PaymentState } from '../../../shared/payments/paymentState';
import { GatewayError } from '../gateway/gatewayError';
import type { SaleFinder } from '../gateway/gatewayPort';
import type { Journal } from '../journal/journal';

export type { LookupAnswer } from '../../../shared/gateway/paymentGateway';

export interface AttemptIdentity {
  reference: string;
  amount: number;
  currency: string;
}

/** Kind of a failure thrown by a gateway client; anything unexpected counts as indeterminate. */
export function gatewayErrorKind(error: unknown): GatewayErrorKind {
  return error instanceof GatewayError ? error.kind : 'indeterminate';
}

/**
 * One look-up of a sale by our reference, at whichever gateway took it, checked against
 * what we journaled: a payment for another reference, amount or currency is not believed.
 */
export async function lookUpAttempt(finder: SaleFinder, attempt: AttemptIdentity): Promise<LookupAnswer> {
  try {
    const payment = await finder.findSale(attempt.reference);
    if (payment.reference !== attempt.reference || payment.amount !== attempt.amount || payment.currency !== attempt.currency) {
      return { kind: 'mismatch' };
    }
    return { kind: 'payment', payment };
  } catch (error) {
    const kind = gatewayErrorKind(error);
    return kind === 'not_found' ? { kind: 'notFound' } : { kind: 'unanswered', errorKind: kind };
  }
}

/** Records what the gateway said about an attempt; the state machine drops stale or repeated news. */
export function journalPayment(journal: Journal, reference: string, payment: GatewayPayment, via: string): PaymentState {
  const state = paymentStateOfStatus(payment.status);
  journal.update(reference, {
    state,
    transactionId: payment.id,
    vendorTransactionId: payment.vendorTransactionId,
    gatewayTime: payment.time,
    // Some replies carry rmb_amount 0 when no RMB amount applies; the journal keeps only a real one.
    rmbAmount: payment.rmbAmount ? payment.rmbAmount : undefined,
    walletToken: payment.walletToken,
    errorCode: state === 'failure' ? 'GATEWAY_DECLINED' : undefined,
    detail: via,
  });
  return state;
}
