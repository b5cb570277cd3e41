import type { OnlinePayApi, OnlinePayPayment, OnlinePayPaymentStatus } from '../../../../shared/gateway/onlinepay/onlinePayApi';
import type { GatewayPayment, GatewayPaymentStatus } from '../../../../shared/gateway/paymentGateway';
import { createGatewayError } from '../gatewayError';
import type { GatewayPort } from '../gatewayPort';

/**
 * OnlinePay's states in the neutral core's terms. `init` (created, page not opened yet) and
 * `pending` may still be paid; `indeterminate` is a state the text does not list, read as
 * "still unknown, keep looking" (onlinePayReplies.ts decides which words mean what).
 */
const NEUTRAL_STATUS: Readonly<Record<OnlinePayPaymentStatus, GatewayPaymentStatus>> = {
  init: 'pending',
  pending: 'pending',
  approved: 'success',
  declined: 'failure',
  indeterminate: 'pending',
};

export function paymentOfOnlinePay(payment: OnlinePayPayment, reference: string): GatewayPayment {
  return {
    gateway: 'onlinepay',
    id: payment.token,
    status: NEUTRAL_STATUS[payment.status],
    amount: payment.amount,
    currency: payment.currency,
    // The list was asked for exactly this order number, and the client compared it as a string.
    reference: payment.orderNumber ?? reference,
    time: payment.updatedAt ?? payment.createdAt ?? '',
    ...(payment.id !== undefined ? { vendorTransactionId: String(payment.id) } : {}),
  };
}

/**
 * OnlinePay behind the neutral port. A sale is found by its order number (our reference)
 * in the payments list: the only look-up the text offers that does not need the payment
 * token, which an unknown outcome (no reply to the create call) leaves us without.
 */
export function createOnlinePayPort(client: Pick<OnlinePayApi, 'findPaymentByOrderNumber'>): GatewayPort {
  return {
    name: 'onlinepay',
    async findSale(reference) {
      const payment = await client.findPaymentByOrderNumber(reference, 'pays');
      if (!payment) throw createGatewayError('not_found', `OnlinePay has no payment with order number ${reference}`, {});
      return paymentOfOnlinePay(payment, reference);
    },
  };
}
