import type { GatewayTransaction } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import type { PaymentState } from '../../../shared/payments/paymentState';
import type { Journal, UpdateOutcome } from '../journal/journal';

/**
 * Applies a verified IPN to the payment journal. The journal's state machine already
 * refuses what must not happen (shared/payments/paymentState.ts), so applying is
 * idempotent: the same final IPN twice writes once ('unchanged'), and a late "pending"
 * after success or failure is not written ('stale'). What is checked here is that the
 * notification is about the attempt the journal holds under that reference: an IPN whose
 * amount, currency or transaction id disagree is not believed, however well signed.
 */

export type IpnApplication = UpdateOutcome | { written: false; reason: 'mismatch'; problem: string };

const STATE_BY_STATUS: Readonly<Record<GatewayTransaction['status'], PaymentState>> = {
  success: 'success',
  failure: 'failure',
  // A QR code that expired unpaid: the sale did not happen.
  closed: 'failure',
  pending: 'pending',
};

export function applyIpnToJournal(journal: Pick<Journal, 'get' | 'update'>, transaction: GatewayTransaction): IpnApplication {
  const attempt = journal.get(transaction.reference);
  if (!attempt) return { written: false, reason: 'missing' };
  const problem = mismatch(attempt, transaction);
  if (problem !== undefined) return { written: false, reason: 'mismatch', problem };

  const state = STATE_BY_STATUS[transaction.status];
  if (attempt.state === 'created') {
    // The notification proves the request reached the gateway, whatever the app managed to write before.
    journal.update(transaction.reference, { state: 'sent', detail: 'ipn: the request reached NihaoPay' });
  }
  return journal.update(transaction.reference, {
    state,
    transactionId: transaction.id,
    vendorTransactionId: transaction.vendorTransactionId,
    gatewayTime: transaction.time,
    // For the receipt; 0 (no RMB amount) is not recorded.
    rmbAmount: transaction.rmbAmount ? transaction.rmbAmount : undefined,
    // A closed code expired unpaid (the same code the show-QR look-up writes), anything else failed.
    errorCode: transaction.status === 'closed' ? 'SHOW_QR_EXPIRED' : state === 'failure' ? 'GATEWAY_DECLINED' : undefined,
    detail: `ipn: ${transaction.status}`,
  });
}

function mismatch(attempt: NonNullable<ReturnType<Journal['get']>>, transaction: GatewayTransaction): string | undefined {
  if (attempt.kind !== 'sale') return `the journal holds a ${attempt.kind} under reference ${attempt.reference}, not a sale`;
  if (attempt.amount !== transaction.amount) return `amount ${transaction.amount} where the journal holds ${attempt.amount}`;
  if (attempt.currency !== transaction.currency) return `currency ${transaction.currency} where the journal holds ${attempt.currency}`;
  if (attempt.transactionId !== undefined && attempt.transactionId !== transaction.id) {
    return `transaction ${transaction.id} where the journal holds ${attempt.transactionId}`;
  }
  return undefined;
}
