import Database from 'better-sqlite3';
import Conf from 'conf';
import path from 'node:path';
import { JOURNAL_FILE_NAME, openJournal, type NewAttempt } from '../../electron/services/journal/journal';
import { makeTempDir } from '../fixtures/tempDir';

/**
 * Journal figures (issue 6): append latency with WAL + synchronous=FULL, the same appends
 * done the naive way (rewriting an electron-store/conf JSON file each time), and the day
 * report over 1,000,000 rows. Prints; asserts nothing about speed.
 */
const APPENDS = Number(process.env.BENCH_APPENDS ?? 2_000);
const NAIVE_APPENDS = Number(process.env.BENCH_NAIVE_APPENDS ?? 2_000);
const BIG_ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const ms = (n: number) => Math.round(n * 1000) / 1000;

const attempt = (i: number): NewAttempt => ({
  reference: `BENCH${String(i).padStart(10, '0')}`,
  kind: 'sale',
  method: 'scanqrcode',
  amount: 100 + (i % 5000),
  currency: 'USD',
  vendor: ['alipay', 'wechatpay', 'unionpay'][i % 3]!,
  environment: 'training',
  training: true,
  buyerCodeMasked: '**************4202',
});

describe('journal benchmark', () => {
  it(`appends ${APPENDS} attempts: SQLite journal vs rewriting a JSON settings file`, () => {
    const temp = makeTempDir('counterpay-bench-');
    const journal = openJournal(temp.dir);
    const sqlite: number[] = [];
    for (let i = 0; i < APPENDS; i++) {
      const started = performance.now();
      journal.insert(attempt(i)); // the write that must be durable before a request is sent
      sqlite.push(performance.now() - started);
    }
    journal.close();

    const store = new Conf<{ attempts: NewAttempt[] }>({ cwd: path.join(temp.dir, 'naive'), configName: 'journal', defaults: { attempts: [] } });
    const naive: number[] = [];
    for (let i = 0; i < NAIVE_APPENDS; i++) {
      const started = performance.now();
      store.set('attempts', [...store.get('attempts'), attempt(i)]); // conf rewrites the whole file atomically
      naive.push(performance.now() - started);
    }
    sqlite.sort((a, b) => a - b);
    naive.sort((a, b) => a - b);
    const rows = [
      { method: 'SQLite journal (WAL, synchronous=FULL)', appends: APPENDS, p50_ms: ms(percentile(sqlite, 50)), p99_ms: ms(percentile(sqlite, 99)), last_ms: ms(sqlite.at(-1)!) },
      { method: 'electron-store/conf JSON rewrite', appends: NAIVE_APPENDS, p50_ms: ms(percentile(naive, 50)), p99_ms: ms(percentile(naive, 99)), last_ms: ms(naive.at(-1)!) },
    ];
    console.table(rows);
    console.log(`naive / journal: p50 ×${(percentile(naive, 50) / percentile(sqlite, 50)).toFixed(1)}, p99 ×${(percentile(naive, 99) / percentile(sqlite, 99)).toFixed(1)}`);
    temp.cleanup();
    expect(sqlite).toHaveLength(APPENDS);
  });

  it(`day report over ${BIG_ROWS.toLocaleString('en-US')} rows`, () => {
    const temp = makeTempDir('counterpay-bench-');
    openJournal(temp.dir).close(); // schema
    const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF'); // seeding only; the journal itself always opens with FULL
    const insert = db.prepare(
      `INSERT INTO attempts (reference, kind, method, amount, currency, vendor, state, transaction_id, environment, training, created_at, updated_at)
       VALUES (?, 'sale', 'scanqrcode', ?, 'USD', ?, ?, ?, 'production', 0, ?, ?)`,
    );
    // 1,000,000 sales over 200 days: 5,000 a day.
    const start = Date.parse('2026-01-01T00:00:00Z');
    const seedStarted = performance.now();
    db.transaction(() => {
      for (let i = 0; i < BIG_ROWS; i++) {
        const at = new Date(start + Math.floor((i / BIG_ROWS) * 200 * 86_400_000)).toISOString();
        insert.run(`SEED${i}`, 100 + (i % 9000), ['alipay', 'wechatpay', 'unionpay'][i % 3], i % 10 === 0 ? 'failure' : 'success', `T${i}`, at, at);
      }
    })();
    const seedMs = performance.now() - seedStarted;
    db.close();

    const journal = openJournal(temp.dir);
    const times: number[] = [];
    let lines = 0;
    for (let day = 0; day < 20; day++) {
      const from = new Date(start + day * 10 * 86_400_000).toISOString();
      const to = new Date(start + (day * 10 + 1) * 86_400_000).toISOString();
      const started = performance.now();
      lines = journal.totals(from, to).length;
      times.push(performance.now() - started);
    }
    const wholeStarted = performance.now();
    journal.totals('2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z');
    const wholeMs = performance.now() - wholeStarted;
    journal.close();
    times.sort((a, b) => a - b);
    console.table([{ rows: BIG_ROWS, seed_s: ms(seedMs / 1000), day_report_p50_ms: ms(percentile(times, 50)), day_report_max_ms: ms(times.at(-1)!), lines_per_day: lines, whole_history_ms: ms(wholeMs) }]);
    temp.cleanup();
    expect(lines).toBeGreaterThan(0);
  });
});
