import Database from 'better-sqlite3';
import path from 'node:path';
import { JOURNAL_FILE_NAME, openJournal } from '../../electron/services/journal/journal';
import type { HistoryQuery } from '../../shared/history/historyTypes';
import { makeTempDir } from '../fixtures/tempDir';

/**
 * History figures (issue 7): page loads and searches over 1,000,000 journal rows, through
 * the journal's own history() — the call the history screen makes. Prints; asserts only
 * that each query found what it should.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = 20;
const VENDORS = ['alipay', 'wechatpay', 'unionpay'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (n: number) => Math.round(n * 1000) / 1000;
/** 20-digit NihaoPay-style ids, distinct per row. */
const transactionId = (i: number) => `2026${String(i).padStart(16, '0')}`;
const reference = (i: number) => `T1${String(i).padStart(12, '0')}REF`;

describe('history benchmark', () => {
  it(`pages and searches ${ROWS.toLocaleString('en-US')} journal rows`, () => {
    const temp = makeTempDir('counterpay-bench-history-');
    openJournal(temp.dir).close(); // schema, all migrations
    const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF'); // seeding only; the journal itself always opens with FULL
    const insert = db.prepare(
      `INSERT INTO attempts (reference, kind, method, amount, currency, vendor, state, transaction_id, parent_transaction_id, environment, training, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, ?, 'production', 0, ?, ?)`,
    );
    // 200 days of 5,000 attempts; every 20th a refund of the sale before it, every 10th a failure.
    const start = Date.parse('2026-01-01T00:00:00Z');
    const seedStarted = performance.now();
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        const at = new Date(start + Math.floor((i / ROWS) * 200 * 86_400_000)).toISOString();
        const refund = i % 20 === 19;
        insert.run(reference(i), refund ? 'refund' : 'sale', refund ? 'refund' : 'scanqrcode', 100 + (i % 9000), VENDORS[i % 3], i % 10 === 0 ? 'failure' : 'success', transactionId(i), refund ? transactionId(i - 1) : null, at, at);
      }
    })();
    const seedMs = performance.now() - seedStarted;
    db.close();

    const journal = openJournal(temp.dir);
    const figures: Array<Record<string, string | number>> = [];
    const measure = (name: string, query: () => HistoryQuery, check: (rows: number) => boolean) => {
      const times: number[] = [];
      let found = 0;
      for (let run = 0; run < RUNS; run++) {
        const q = query();
        const started = performance.now();
        found = journal.history(q).rows.length;
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      figures.push({ query: name, rows_returned: found, p50_ms: ms(percentile(times, 50)), max_ms: ms(times.at(-1)!) });
      expect(check(found), name).toBe(true);
    };

    measure('first page (newest 50)', () => ({}), (n) => n === 50);
    // Walk 200 pages (10,000 rows) with the cursor, then time the next page from there.
    let cursor = journal.history({}).next!;
    for (let page = 0; page < 200; page++) cursor = journal.history({ after: cursor }).next!;
    measure('page 202 (keyset, after 10,050 rows)', () => ({ after: cursor }), (n) => n === 50);
    const middle = journal.history({ to: new Date(start + 100 * 86_400_000).toISOString(), limit: 1 }).rows[0]!;
    measure('a page in the middle of 1,000,000 (keyset)', () => ({ after: { createdAt: middle.createdAt, reference: middle.reference } }), (n) => n === 50);
    measure('filter: one day', () => ({ from: new Date(start + 42 * 86_400_000).toISOString(), to: new Date(start + 43 * 86_400_000).toISOString() }), (n) => n === 50);
    measure('filter: wallet + approved', () => ({ vendor: 'wechatpay', status: 'success' }), (n) => n === 50);
    measure('filter: refunds only', () => ({ kind: 'refund' }), (n) => n === 50);
    measure('filter: amount 50.00–50.10', () => ({ minAmount: 5000, maxAmount: 5010 }), (n) => n === 50);
    measure('filter: refunds in one day', () => ({ kind: 'refund', from: new Date(start + 7 * 86_400_000).toISOString(), to: new Date(start + 8 * 86_400_000).toISOString() }), (n) => n > 0);
    measure('search: exact transaction id', () => ({ search: transactionId(777_777) }), (n) => n === 1);
    measure('search: sale id finds its refund too', () => ({ search: transactionId(777_778) }), (n) => n === 2);
    measure('search: reference prefix', () => ({ search: 'T100000077777' }), (n) => n === 10);
    measure('search: no such id', () => ({ search: '20991231235959000000' }), (n) => n === 0);
    measure('filter matching nothing (scans every row)', () => ({ minAmount: 9_999_999 }), (n) => n === 0);
    journal.close();

    console.log(`seeded ${ROWS.toLocaleString('en-US')} rows in ${ms(seedMs / 1000)} s; ${RUNS} runs per query`);
    console.table(figures);
    temp.cleanup();
  });
});
