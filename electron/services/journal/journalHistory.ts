import type Database from 'better-sqlite3';
import { HISTORY_MAX_PAGE_SIZE, HISTORY_PAGE_SIZE, statesOfHistoryStatus, type HistoryPage, type HistoryQuery, type HistoryRow } from '../../../shared/history/historyTypes';

type Row = Record<string, string | number | null>;

/** Above every character a reference or id may hold (letters and digits), so `s ≤ x < s + PREFIX_END` is "starts with s". */
const PREFIX_END = '\u007f';

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
  };
}

/**
 * The history screen's queries over the attempts table: newest first, keyset pages on
 * (created_at, reference) so page 1,000 costs what page 1 does, filters as SQL
 * parameters. A search goes through the indexes of the three ids first (a prefix is a
 * range on each, in each case the ids are written in), so finding one sale among a million rows does not scan them.
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
        // As typed, upper-cased (our references, NihaoPay's ids) and lower-cased (OnlinePay's hex
        // tokens): each is an index range, so a case-blind search still never scans the table.
        const variants = [...new Set([query.search, query.search.toUpperCase(), query.search.toLowerCase()])];
        const ranges = variants.flatMap((_, i) =>
          ['reference', 'transaction_id', 'parent_transaction_id'].map((column) => `SELECT reference FROM attempts WHERE ${column} >= @search${i} AND ${column} < @searchEnd${i}`),
        );
        where.push(`reference IN (${ranges.join(' UNION ')})`);
        variants.forEach((variant, i) => {
          params[`search${i}`] = variant;
          params[`searchEnd${i}`] = variant + PREFIX_END;
        });
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
      const sql = `SELECT reference, kind, amount, currency, vendor, gateway, method, state, created_at, training, transaction_id, parent_transaction_id, error_code
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
