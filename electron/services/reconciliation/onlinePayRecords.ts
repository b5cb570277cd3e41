import type { OnlinePayPayment, OnlinePayPaymentStatus } from '../../../shared/gateway/onlinepay/onlinePayApi';
import type { GatewayRecord } from '../../../shared/reconciliation/reconciliationReport';

/** OnlinePay's states in the journal's words: approved is paid, declined is not, the rest is not settled. */
const STATUS: Record<OnlinePayPaymentStatus, string> = { approved: 'success', declined: 'failure', init: 'pending', pending: 'pending', indeterminate: 'unknown' };

/**
 * OnlinePay's payments list as records, split as the journal is: pays are sales, payouts
 * are refunds. A payment without an order number cannot be ours (every one we create
 * carries our reference), but money it took is still listed: its token stands in.
 */
export function recordsFromOnlinePayList(payments: readonly OnlinePayPayment[]): { sales: GatewayRecord[]; refunds: GatewayRecord[] } {
  const sales: GatewayRecord[] = [];
  const refunds: GatewayRecord[] = [];
  for (const payment of payments) {
    const record: GatewayRecord = {
      gateway: 'onlinepay',
      transactionId: payment.token,
      reference: payment.orderNumber ?? `(${payment.token})`,
      status: STATUS[payment.status],
      currency: payment.currency,
      amount: payment.amount,
      time: payment.createdAt ?? '',
      ...(payment.id !== undefined ? { paymentId: String(payment.id) } : {}),
    };
    (payment.operationType === 'payout' ? refunds : sales).push(record);
  }
  return { sales, refunds };
}
