import type Database from 'better-sqlite3';

/**
 * What the journal keeps about requests from a cash register (migration 6, table
 * register_requests): the register's ids beside the attempt that carried each one. The
 * attempt itself (amount, state, gateway ids) stays in `attempts`, the one place for it.
 */
export interface RegisterRequestRow {
  id: number;
  category: 'Payment' | 'Reversal';
  saleId: string;
  serviceId: string;
  poiId: string;
  saleTransactionId: string;
  saleTransactionTime: string;
  /** Integer minor units of `currency`. */
  amount: number;
  currency: string;
  /** The journal attempt that carried it, once one was journaled. */
  reference?: string;
  /** Reversals: the sale reversed (its journal reference). */
  originalReference?: string;
  /** Why it ended without a settled attempt: 'aborted', 'cancelled', 'refused:<code>'… */
  ended?: string;
  createdAt: string;
}

export type NewRegisterRequest = Omit<RegisterRequestRow, 'id' | 'reference' | 'ended' | 'createdAt'>;

export interface RegisterRequestTable {
  /** Writes the request durably before anything is done for it; returns its id. */
  insert(request: NewRegisterRequest): number;
  /** Links the attempt journaled for it (before that attempt is sent). */
  link(id: number, reference: string): void;
  end(id: number, ended: string): void;
  get(id: number): RegisterRequestRow | undefined;
  /** The latest request of this register with this ServiceID. */
  byServiceId(saleId: string, serviceId: string): RegisterRequestRow | undefined;
  /** The register's payments with this SaleTransactionID, newest first. */
  paymentsBySaleTransaction(saleId: string, saleTransactionId: string): RegisterRequestRow[];
  /** The latest request of this register (a TransactionStatus without a MessageReference asks for it). */
  latest(saleId: string): RegisterRequestRow | undefined;
  /** Whether some register request already names this attempt as its own. */
  isLinked(reference: string): boolean;
}

type Row = Record<string, string | number | null>;

const toRow = (row: Row | undefined): RegisterRequestRow | undefined =>
  row && {
    id: Number(row.id),
    category: row.category as 'Payment' | 'Reversal',
    saleId: String(row.sale_id),
    serviceId: String(row.service_id),
    poiId: String(row.poi_id),
    saleTransactionId: String(row.sale_transaction_id),
    saleTransactionTime: String(row.sale_transaction_time),
    amount: Number(row.amount),
    currency: String(row.currency),
    ...(row.reference === null ? {} : { reference: String(row.reference) }),
    ...(row.original_reference === null || row.original_reference === undefined ? {} : { originalReference: String(row.original_reference) }),
    ...(row.ended === null ? {} : { ended: String(row.ended) }),
    createdAt: String(row.created_at),
  };

export function createRegisterRequestTable(db: Database.Database, now: () => Date): RegisterRequestTable {
  const insertStmt = db.prepare(
    `INSERT INTO register_requests (category, sale_id, service_id, poi_id, sale_transaction_id, sale_transaction_time, amount, currency, original_reference, created_at, updated_at)
     VALUES (@category, @saleId, @serviceId, @poiId, @saleTransactionId, @saleTransactionTime, @amount, @currency, @originalReference, @at, @at)`,
  );
  const linkStmt = db.prepare(`UPDATE register_requests SET reference = ?, updated_at = ? WHERE id = ?`);
  const endStmt = db.prepare(`UPDATE register_requests SET ended = ?, updated_at = ? WHERE id = ? AND ended IS NULL`);
  const getStmt = db.prepare(`SELECT * FROM register_requests WHERE id = ?`);
  const byServiceStmt = db.prepare(`SELECT * FROM register_requests WHERE sale_id = ? AND service_id = ? ORDER BY id DESC LIMIT 1`);
  const bySaleTxStmt = db.prepare(`SELECT * FROM register_requests WHERE sale_id = ? AND sale_transaction_id = ? AND category = 'Payment' ORDER BY id DESC`);
  const latestStmt = db.prepare(`SELECT * FROM register_requests WHERE sale_id = ? ORDER BY id DESC LIMIT 1`);
  const linkedStmt = db.prepare(`SELECT 1 FROM register_requests WHERE reference = ? LIMIT 1`);
  return {
    insert: (request) => Number(insertStmt.run({ ...request, originalReference: request.originalReference ?? null, at: now().toISOString() }).lastInsertRowid),
    link: (id, reference) => void linkStmt.run(reference, now().toISOString(), id),
    end: (id, ended) => void endStmt.run(ended, now().toISOString(), id),
    get: (id) => toRow(getStmt.get(id) as Row | undefined),
    byServiceId: (saleId, serviceId) => toRow(byServiceStmt.get(saleId, serviceId) as Row | undefined),
    paymentsBySaleTransaction: (saleId, saleTransactionId) => (bySaleTxStmt.all(saleId, saleTransactionId) as Row[]).map((row) => toRow(row)!),
    latest: (saleId) => toRow(latestStmt.get(saleId) as Row | undefined),
    isLinked: (reference) => linkedStmt.get(reference) !== undefined,
  };
}
