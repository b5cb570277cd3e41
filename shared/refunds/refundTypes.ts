import type { PosErrorData } from '../errors/posErrors';
import type { RefundKind } from '../gateway/paymentGateway';
import type { HistoryRow } from '../history/historyTypes';
import type { PaymentState } from '../payments/paymentState';
import type { RefundBalance } from './refundBalance';

/** One refund as the gateway's refund query lists it. */
export interface GatewayRefundView {
  id: string;
  status: 'success' | 'failure';
  amount: number;
  time?: string;
}

/** The gateway's side of a sale: its refund query, or why it could not be read. */
export type GatewayRefundsView =
  | { ok: true; transactionStatus: string; refundedAmount: number; refunds: GatewayRefundView[] }
  | { ok: false; error: PosErrorData };

/** Everything the detail screen shows about one journal row. */
export interface TransactionDetail {
  row: HistoryRow & {
    vendorTransactionId?: string;
    gatewayTime?: string;
    rmbAmount?: number;
    reason?: string;
    parentReference?: string;
    errorLabel?: string;
    environment: string;
  };
  /** Sales: the refunds this terminal journaled for it, oldest first. */
  refunds: HistoryRow[];
  /** Sales: what is left to refund, by the journal. */
  balance?: RefundBalance;
  /**
   * Approved sales: how a refund of it goes back — a NihaoPay refund, or (OnlinePay) a payout
   * to the payer's wallet when the journal has its token, else to a bank account the form asks for.
   * The wallet token itself never leaves main.
   */
  refundBy?: RefundKind;
  /** Approved sales: the gateway's refund query (the refund history as NihaoPay keeps it). */
  gateway?: GatewayRefundsView;
}

/** How a refund ended, as the refund screen shows it. */
export interface RefundOutcome {
  reference: string;
  state: PaymentState;
  /** The gateway's refund id, once known. */
  refundId?: string;
  error?: PosErrorData;
  /** The sale's balance after this refund. */
  balance: RefundBalance;
}
