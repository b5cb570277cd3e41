import type { PosErrorData } from '../errors/posErrors';
import type { GatewayName } from '../gateway/paymentGateway';

/** One payment as the gateway lists it (NihaoPay's transaction file, OnlinePay's payments list). */
export interface GatewayRecord {
  gateway: GatewayName;
  /** NihaoPay's transaction id; OnlinePay's payment token. */
  transactionId: string;
  /** Our reference (OnlinePay's order number). */
  reference: string;
  /** success, failure, pending or unknown; or the gateway's own word when it is none of those. */
  status: string;
  currency: string;
  /** Integer minor units. */
  amount: number;
  time: string;
  /** OnlinePay: its numeric payment id. */
  paymentId?: string;
  /** Missing in the journal: the state the journal holds it in, when it holds it at all. */
  journalState?: string;
}

/** One payment as the journal holds it. */
export interface JournalRecord {
  gateway: GatewayName;
  reference: string;
  state: string;
  currency: string;
  amount: number;
  transactionId?: string;
  createdAt: string;
  /** Missing at the gateway: its status there, when it lists it at all. */
  gatewayStatus?: string;
}

export type MismatchField = 'amount' | 'currency' | 'transactionId';

export interface Mismatch {
  gateway: GatewayName;
  reference: string;
  field: MismatchField;
  journal: string;
  /** The gateway's value of the field. */
  theirs: string;
}

/** Whether a gateway's list was read: a gateway that could not be read is compared with nothing. */
export type GatewayReading = { gateway: GatewayName; read: true } | { gateway: GatewayName; read: false; error: PosErrorData };

/**
 * Journal against the gateways for a date range. `missingInJournal` is the dangerous one:
 * money a gateway took that the till does not know about.
 */
export interface ReconciliationReport {
  /** Inclusive UTC dates, YYYY-MM-DD. */
  from: string;
  to: string;
  /** Each gateway's reading; absent when one gateway alone was compared (reconcileDays). */
  gateways?: GatewayReading[];
  matched: number;
  /** Paid at the gateway, not paid in the journal (absent, or another state). */
  missingInJournal: GatewayRecord[];
  /** Paid in the journal, not paid at the gateway. */
  missingAtGateway: JournalRecord[];
  /** Both sides have the payment, but a field differs. */
  mismatched: Mismatch[];
}
