import type { PaymentState } from '../payments/paymentState';
import type { Vendor } from '../payments/vendors';

/** How the history screen groups the journal's states. */
export const HISTORY_STATUSES = ['success', 'failure', 'unsettled'] as const;
export type HistoryStatus = (typeof HISTORY_STATUSES)[number];

export const HISTORY_KINDS = ['sale', 'refund'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** Rows per history page: one screenful and a little more. */
export const HISTORY_PAGE_SIZE = 50;
export const HISTORY_MAX_PAGE_SIZE = 200;

/** Where the previous page ended (keyset pagination: newest first by created_at, then reference). */
export interface HistoryCursor {
  createdAt: string;
  reference: string;
}

/** Filters of the history screen; every one optional. Amounts are integer minor units. */
export interface HistoryQuery {
  /** created_at ≥ from (ISO 8601 UTC). */
  from?: string;
  /** created_at < to (ISO 8601 UTC). */
  to?: string;
  vendor?: Vendor;
  kind?: HistoryKind;
  status?: HistoryStatus;
  currency?: string;
  minAmount?: number;
  maxAmount?: number;
  /** A transaction id, refund id or reference, or the start of one. */
  search?: string;
  after?: HistoryCursor;
  limit?: number;
}

/** One line of the history list. */
export interface HistoryRow {
  reference: string;
  kind: HistoryKind;
  amount: number;
  currency: string;
  vendor?: string;
  state: PaymentState;
  createdAt: string;
  training: boolean;
  /** Sales: the gateway's transaction id. Refunds: the refund id. */
  transactionId?: string;
  /** Refunds: the sale refunded. */
  parentTransactionId?: string;
  errorCode?: string;
}

export interface HistoryPage {
  rows: HistoryRow[];
  /** Present when there may be more rows after these. */
  next?: HistoryCursor;
}

/** The journal states each history status stands for. */
export function statesOfHistoryStatus(status: HistoryStatus): readonly PaymentState[] {
  if (status === 'success') return ['success'];
  if (status === 'failure') return ['failure'];
  return ['created', 'sent', 'pending', 'unknown', 'needs_attention'];
}
