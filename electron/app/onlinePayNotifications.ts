import type { OnlinePayApi } from '../../shared/gateway/onlinepay/onlinePayApi';
import { isOnlinePayCurrency } from '../../shared/gateway/onlinepay/onlinePayApi';
import { journalPayment } from '../services/checkout/attemptLookup';
import type { OnlinePayNotification } from '../services/gateway/onlinepay/onlinePayNotification';
import { paymentOfOnlinePay } from '../services/gateway/onlinepay/onlinePayPort';
import type { Journal } from '../services/journal/journal';

export type NotificationOutcome = 'applied' | 'notOurs' | 'mismatch' | 'ignored';

/**
 * What an OnlinePay notification may change: nothing by itself (it is unsigned). It names a
 * sale of ours by order number; the payment its token names is then read with our key and
 * must be that sale's (order number, amount, currency, and the token we journaled). Only
 * that reading is journaled. The payer's wallet token, which only notifications carry, is
 * kept the first time one arrives for a confirmed payment and never replaced afterwards:
 * a later post cannot redirect a refund by payout to another wallet.
 */
export async function applyOnlinePayNotification(
  notification: OnlinePayNotification,
  deps: { journal: Journal; client: Pick<OnlinePayApi, 'getPayment'> | undefined },
): Promise<{ outcome: NotificationOutcome; reference?: string }> {
  if (notification.type !== 'pay' || !notification.orderNumber || !deps.client) return { outcome: 'ignored' };
  const row = deps.journal.get(notification.orderNumber);
  if (!row || row.gateway !== 'onlinepay' || row.kind !== 'sale' || !isOnlinePayCurrency(row.currency)) return { outcome: 'notOurs' };
  if (row.transactionId && row.transactionId !== notification.token) return { outcome: 'mismatch', reference: row.reference };
  // Throws (bad_reply) when the payment is another order's, amount's or currency's.
  const payment = await deps.client.getPayment(notification.token, { orderNumber: row.reference, amount: row.amount, currency: row.currency });
  const confirmed = paymentOfOnlinePay(payment, row.reference);
  journalPayment(deps.journal, row.reference, confirmed, 'OnlinePay notification, confirmed by look-up');
  // Only for a payment OnlinePay says is paid: the wallet a refund by payout would go to.
  if (notification.walletToken && confirmed.status === 'success') deps.journal.keepWalletToken(row.reference, notification.walletToken);
  return { outcome: 'applied', reference: row.reference };
}
