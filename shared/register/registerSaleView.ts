/** The cash register's sale the cashier is taking, as the cashier window shows it ("Sale from register …"). */
export interface RegisterSaleView {
  /** The register's SaleID. */
  saleId: string;
  /** The request's ServiceID. */
  serviceId: string;
  /** The register's own transaction id (SaleTransactionID.TransactionID). */
  saleTransactionId: string;
  /** Integer minor units of `currency`. */
  amount: number;
  currency: string;
  /** An attempt was journaled and sent: the register can no longer abort it. */
  sent: boolean;
}
