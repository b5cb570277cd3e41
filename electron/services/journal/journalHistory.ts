import type Database from 'better-sqlite3';
import { HISTORY_MAX_PAGE_SIZE, HISTORY_PAGE_SIZE, statesOfHistoryStatus, type HistoryPage, type HistoryQuery, type HistoryRow } from '../../../shared/history/historyTypes';

type Row = Record<string, string | number | null>;

function toHistoryRow(row: Row): HistoryRow {
  const optional = (key: string) => (row[key] === null || row[key] === undefined ? undefined : String(row[key]));
  return {
    reference: String(row.reference),
    kind: row.kind as HistoryRow['kind'],
    amount: Number(row.amount),
    currency: String(row.currency),
    vendor: optional('vendor'),
    gateway: (row.gateway ?? 'nihaopay') as HistoryRow['gateway'],
    method: String(row.method),
    state: row.state as HistoryRow['state'],
    createdAt: String(row.created_at),
    training: row.training === 1,
    transactionId: optional('transaction_id'),
    parentTransactionId: optional('parent_transaction_id'),
    errorCode: optional('error_code'),
    ...(row.kind === 'sale' && Number(row.refunded) > 0 ? { refunded: Number(row.refunded) } : {}),
  };
}

/**
 * The history screen's queries over the attempts table: newest first, keyset pages on
 * (created_at, reference) so page 1,000 costs what page 1 does, filters as SQL
 * parameters. A search finds its text anywhere in the reference, the transaction or refund
 * id, the refunded sale's id or the wallet's transaction id.
 */
export function createHistoryQueries(db: Database.Database): { page(query: HistoryQuery): HistoryPage } {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  return {
    page(query) {
      const limit = Math.min(Math.max(1, query.limit ?? HISTORY_PAGE_SIZE), HISTORY_MAX_PAGE_SIZE);
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: limit + 1 };
      if (query.search) {
        // Anywhere in any of the four ids, as typed, upper-cased (our references, NihaoPay's ids)
        // or lower-cased (OnlinePay's hex tokens). instr() takes the text as text: no character
        // of it is a pattern, so nothing typed can widen the search (the call schema also lets
        // only letters and digits through). The columns are compared as stored, never through
        // upper(): that would copy every id of every row. A substring cannot use an index, so
        // this reads every row, as a filter that matches nothing does.
        const variants = [...new Set([query.search, query.search.toUpperCase(), query.search.toLowerCase()])];
        const columns = ['reference', 'transaction_id', 'parent_transaction_id', 'vendor_transaction_id'];
        where.push(`(${columns.flatMap((column) => variants.map((_, i) => `instr(${column}, @search${i}) > 0`)).join(' OR ')})`);
        variants.forEach((variant, i) => (params[`search${i}`] = variant));
      }
      if (query.from) {
        where.push('created_at >= @from');
        params.from = query.from;
      }
      if (query.to) {
        where.push('created_at < @to');
        params.to = query.to;
      }
      if (query.vendor) {
        where.push('vendor = @vendor');
        params.vendor = query.vendor;
      }
      // attempts_gateway (gateway, created_at) serves this filter in the list's order.
      if (query.gateway) {
        where.push('gateway = @gateway');
        params.gateway = query.gateway;
      }
      if (query.method) {
        where.push('method = @method');
        params.method = query.method;
      }
      if (query.kind) {
        where.push('kind = @kind');
        params.kind = query.kind;
      }
      if (query.currency) {
        where.push('currency = @currency');
        params.currency = query.currency;
      }
      if (query.status) {
        const states = statesOfHistoryStatus(query.status);
        where.push(`state IN (${states.map((_, i) => `@state${i}`).join(', ')})`);
        states.forEach((state, i) => (params[`state${i}`] = state));
      }
      if (query.minAmount !== undefined) {
        where.push('amount >= @minAmount');
        params.minAmount = query.minAmount;
      }
      if (query.maxAmount !== undefined) {
        where.push('amount <= @maxAmount');
        params.maxAmount = query.maxAmount;
      }
      if (query.after) {
        where.push('(created_at < @afterCreatedAt OR (created_at = @afterCreatedAt AND reference < @afterReference))');
        params.afterCreatedAt = query.after.createdAt;
        params.afterReference = query.after.reference;
      }
      // What the refunds this terminal made of a sale add up to, so the list can say "Refunded" or "Partly refunded" (served by attempts_parent_transaction_id).
      const sql = `SELECT reference, kind, amount, currency, vendor, gateway, method, state, created_at, training, transaction_id, parent_transaction_id, error_code,
                          CASE WHEN kind = 'sale' AND state = 'success' AND transaction_id IS NOT NULL
                               THEN (SELECT COALESCE(SUM(r.amount), 0) FROM attempts r WHERE r.parent_transaction_id = attempts.transaction_id AND r.kind = 'refund' AND r.state = 'success')
                          END AS refunded
                     FROM attempts ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
                    ORDER BY created_at DESC, reference DESC LIMIT @limit`;
      const rows = (prepared(sql).all(params) as Row[]).map(toHistoryRow);
      const more = rows.length > limit;
      if (more) rows.length = limit;
      const last = rows.at(-1);
      return { rows, ...(more && last ? { next: { createdAt: last.createdAt, reference: last.reference } } : {}) };
    },
  };
}
