import type { GatewayTransaction, PaymentGateway } from '../../../../shared/gateway/nihaopay/nihaopayTypes';
import type { GatewayPayment } from '../../../../shared/gateway/paymentGateway';
import type { GatewayPort } from '../gatewayPort';

/** A NihaoPay transaction in the neutral core's terms (its statuses are already the neutral ones). */
export function paymentOfTransaction(transaction: GatewayTransaction): GatewayPayment {
  return {
    gateway: 'nihaopay',
    id: transaction.id,
    status: transaction.status,
    amount: transaction.amount,
    currency: transaction.currency,
    reference: transaction.reference,
    time: transaction.time,
    ...(transaction.vendor !== undefined ? { vendor: transaction.vendor } : {}),
    ...(transaction.vendorTransactionId !== undefined ? { vendorTransactionId: transaction.vendorTransactionId } : {}),
    ...(transaction.rmbAmount !== undefined ? { rmbAmount: transaction.rmbAmount } : {}),
  };
}

/** NihaoPay behind the neutral port: a sale is found by `GET /v1.2/transactions/merchant/{reference}`. */
export function createNihaoPayPort(gateway: Pick<PaymentGateway, 'getTransactionByReference'>): GatewayPort {
  return {
    name: 'nihaopay',
    findSale: async (reference) => paymentOfTransaction(await gateway.getTransactionByReference(reference)),
  };
}
