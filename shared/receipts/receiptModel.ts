import type { PaymentState } from '../payments/paymentState';

/** The papers a receipt is laid out for: thermal rolls and office paper. */
export const RECEIPT_PAPERS = ['80mm', '58mm', 'A4'] as const;
export type ReceiptPaper = (typeof RECEIPT_PAPERS)[number];

/** What a journal row must say for a receipt (the journal's AttemptRow has all of it). */
export interface ReceiptSource {
  reference: string;
  kind: 'sale' | 'refund';
  state: PaymentState;
  amount: number;
  currency: string;
  vendor?: string;
  /** Which gateway took it (NihaoPay when absent), and how: a receipt names a card sale without a wallet. */
  gateway?: string;
  method?: string;
  training: boolean;
  transactionId?: string;
  vendorTransactionId?: string;
  gatewayTime?: string;
  rmbAmount?: number;
  createdAt: string;
  parentTransactionId?: string;
  parentReference?: string;
  reason?: string;
}

export interface ReceiptStore {
  merchantName: string;
  storeName: string;
  terminalName: string;
}

/** One receipt, whatever paper it is printed on. Never holds a secret or the customer's payment code. */
export interface ReceiptModel {
  kind: 'sale' | 'refund';
  merchantName: string;
  storeName: string;
  terminalName: string;
  /** ISO 8601 UTC: the gateway's time when it gave one, else when the attempt was journaled. */
  time: string;
  vendor?: string;
  gateway?: string;
  method?: string;
  /** Integer minor units of `currency`. */
  amount: number;
  currency: string;
  /** RMB fen, when the gateway reported an RMB amount. */
  rmbAmount?: number;
  /** Sales: the gateway's id (NihaoPay's transaction id, OnlinePay's payment token). Refunds: the refund id. */
  transactionId: string;
  reference: string;
  /** The wallet's own transaction id (sys_reserve.vendor_id), which the customer sees in their app. */
  vendorTransactionId?: string;
  /**
   * What the Code 128 barcode holds: the sale's transaction id, on refund receipts too, so
   * scanning either receipt at the counter opens that sale's refund screen.
   */
  barcodeValue: string;
  training: boolean;
  refund?: { originalTransactionId: string; originalReference?: string; reason?: string };
}

/**
 * The receipt of an approved sale or a completed refund; undefined for anything else
 * (a declined or unsettled attempt has no receipt: nothing was paid).
 */
export function buildReceiptModel(row: ReceiptSource, store: ReceiptStore): ReceiptModel | undefined {
  if (row.state !== 'success' || !row.transactionId) return undefined;
  if (row.kind === 'refund' && !row.parentTransactionId) return undefined;
  const model: ReceiptModel = {
    kind: row.kind,
    merchantName: store.merchantName,
    storeName: store.storeName,
    terminalName: store.terminalName,
    time: row.gatewayTime ?? row.createdAt,
    amount: row.amount,
    currency: row.currency,
    transactionId: row.transactionId,
    reference: row.reference,
    barcodeValue: row.kind === 'refund' ? row.parentTransactionId! : row.transactionId,
    training: row.training,
  };
  if (row.vendor) model.vendor = row.vendor;
  if (row.gateway) model.gateway = row.gateway;
  if (row.method) model.method = row.method;
  if (row.rmbAmount) model.rmbAmount = row.rmbAmount;
  if (row.vendorTransactionId) model.vendorTransactionId = row.vendorTransactionId;
  if (row.kind === 'refund') {
    model.refund = {
      originalTransactionId: row.parentTransactionId!,
      ...(row.parentReference ? { originalReference: row.parentReference } : {}),
      ...(row.reason ? { reason: row.reason } : {}),
    };
  }
  return model;
}

/** A receipt as it crosses the bridge: the model and its barcode, drawn in main as SVG. */
export interface ReceiptDocument {
  model: ReceiptModel;
  /** Code 128 of `model.barcodeValue`, an SVG document. */
  barcodeSvg: string;
}
