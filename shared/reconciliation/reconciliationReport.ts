/** One payment as the gateway's transaction file lists it. */
export interface GatewayRecord {
  transactionId: string;
  reference: string;
  status: string;
  currency: string;
  /** Integer minor units. */
  amount: number;
  time: string;
}

/** One payment as the journal holds it. */
export interface JournalRecord {
  reference: string;
  state: string;
  currency: string;
  amount: number;
  transactionId?: string;
  createdAt: string;
}

export type MismatchField = 'amount' | 'currency' | 'transactionId';

export interface Mismatch {
  reference: string;
  field: MismatchField;
  journal: string;
  gateway: string;
}

/**
 * Journal against gateway for a date range. `missingInJournal` is the dangerous one:
 * money the gateway took that the till does not know about.
 */
export interface ReconciliationReport {
  /** Inclusive UTC dates, YYYY-MM-DD. */
  from: string;
  to: string;
  matched: number;
  /** Paid at the gateway, not paid in the journal (absent, or another state). */
  missingInJournal: GatewayRecord[];
  /** Paid in the journal, not paid at the gateway. */
  missingAtGateway: JournalRecord[];
  /** Both sides have the payment, but a field differs. */
  mismatched: Mismatch[];
}
