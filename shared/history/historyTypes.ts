import type { PaymentState } from '../payments/paymentState';
import type { Vendor } from '../payments/vendors';
import { GATEWAY_NAMES, REFUND_METHODS, SALE_METHODS, type GatewayName } from '../gateway/paymentGateway';

/** The history screen's gateway filter: either gateway. */
export const HISTORY_GATEWAYS = GATEWAY_NAMES;
/** The method filter: the journal's `method` values, sales' then refunds'. */
export const HISTORY_METHODS = [...SALE_METHODS, ...REFUND_METHODS] as const;
export type HistoryMethod = (typeof HISTORY_METHODS)[number];

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
  gateway?: GatewayName;
  method?: HistoryMethod;
  kind?: HistoryKind;
  status?: HistoryStatus;
  currency?: string;
  minAmount?: number;
  maxAmount?: number;
  /** Letters and digits found anywhere in a transaction id, refund id, reference or the wallet's transaction id (case-blind). */
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
  /** Which gateway took it (NihaoPay for every row older than the second gateway). */
  gateway: GatewayName;
  /** scanqrcode, showqrcode, hostedqr; refund, payout. */
  method: string;
  state: PaymentState;
  createdAt: string;
  training: boolean;
  /** Sales: the gateway's transaction id. Refunds: the refund id. */
  transactionId?: string;
  /** Refunds: the sale refunded. */
  parentTransactionId?: string;
  errorCode?: string;
  /** Approved sales: what this terminal's completed refunds of it add up to (minor units), when any. */
  refunded?: number;
}

/**
 * How the list names a row's outcome: a refunded sale says so instead of only "Approved",
 * and a refund that went through says "Refund" (it approved nothing: it gave money back).
 */
export type HistoryRowLabel = PaymentState | 'refunded' | 'partlyRefunded' | 'refund';

export function historyRowLabel(row: Pick<HistoryRow, 'kind' | 'state' | 'amount' | 'refunded'>): HistoryRowLabel {
  if (row.state !== 'success') return row.state;
  if (row.kind === 'refund') return 'refund';
  if (!row.refunded) return row.state;
  return row.refunded >= row.amount ? 'refunded' : 'partlyRefunded';
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
