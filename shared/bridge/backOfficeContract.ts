import type { PrintPaper } from '../printing/printPapers';
/**
 * The back office's part of the contract (history, refunds, receipts, printing, day
 * reports), kept in its own file and merged into CallArgs / CallReturns / CALL_NAMES by
 * contract.ts. Types and names only, like contract.ts.
 */
import type { HistoryPage, HistoryQuery } from '../history/historyTypes';
import type { CurrencyCode } from '../money/currencies';
import type { ReceiptDocument, ReceiptPaper } from '../receipts/receiptModel';
import type { BankPayout } from '../refunds/payoutDestination';
import type { RefundOutcome, TransactionDetail } from '../refunds/refundTypes';
import type { DayReport } from '../reports/dayReport';

/** A receipt barcode scanned while no sale waited for a code: the cashier window opens that sale. */
export interface ReceiptScan {
  transactionId: string;
  /** The journal row of that sale, when this terminal took it. */
  reference?: string;
  /** Epoch ms of the scan; a window opens each scan once. */
  at: number;
}

/** A day report with its CSV export (made in main, offered as a file by the window). */
export interface DayReportDocument {
  report: DayReport;
  csv: string;
}

export type PrintOutcome = { printed: true } | { savedTo: string };

export interface BackOfficeCallArgs {
  /** One page of the journal, newest first, filtered. */
  getHistory: HistoryQuery;
  /** One journal row, its refunds, and (for sales) the gateway's refund query. */
  getTransactionDetail: { reference: string };
  /**
   * Refunds part or all of an approved sale (by its transaction id), in the sale's
   * currency, with a reason. Needs the manager PIN when refunds are set to (audited).
   */
  refund: {
    pin?: string;
    transactionId: string;
    amount: number;
    currency: CurrencyCode;
    reason: string;
    /** OnlinePay sales without a known wallet only (the detail's `refundBy` is `bankPayout`): the account paid back. */
    bankPayout?: BankPayout;
  };
  /** The receipt of an approved sale or completed refund. */
  getReceipt: { reference: string };
  /**
   * Electron only: prints the cashier window as it is (showing a receipt or a report) on
   * the chosen printer without a dialog, or saves it as PDF. Browser mode uses window.print().
   */
  printPage: { paper: PrintPaper; to: 'printer' | 'pdf' };
  /** X: the business day so far. Z: a closed day (the latest, or `closeId`). */
  getDayReport: { kind: 'x' | 'z'; closeId?: number };
  /** Closes the business day: the Z report, numbered and kept; needs the manager PIN (audited). */
  closeDay: { pin?: string };
  /** A receipt of a sale this terminal did not take (another till's): NihaoPay's record of it, by the barcode's transaction id. */
  lookUpReceipt: { transactionId: string };
}

/** What the gateway says of a sale this terminal has no row for. */
export interface ForeignReceipt {
  transactionId: string;
  status: 'success' | 'failure' | 'pending' | 'closed';
  amount: number;
  currency: string;
  time: string;
  reference: string;
  vendorTransactionId?: string;
}

export interface BackOfficeCallReturns {
  getHistory: HistoryPage;
  getTransactionDetail: TransactionDetail;
  refund: RefundOutcome;
  getReceipt: ReceiptDocument;
  printPage: PrintOutcome;
  getDayReport: DayReportDocument;
  closeDay: DayReportDocument;
  lookUpReceipt: ForeignReceipt;
}

export const BACK_OFFICE_CALL_NAMES = ['getHistory', 'getTransactionDetail', 'refund', 'getReceipt', 'printPage', 'getDayReport', 'closeDay', 'lookUpReceipt'] as const satisfies readonly (keyof BackOfficeCallArgs & keyof BackOfficeCallReturns)[];
