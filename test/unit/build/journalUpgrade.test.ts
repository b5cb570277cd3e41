import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { JOURNAL_FILE_NAME, openJournal, type AttemptRow } from '../../../electron/services/journal/journal';
import { JOURNAL_MIGRATIONS } from '../../../electron/services/journal/journalSchema';
import { makeTempDir } from '../../fixtures/tempDir';

/**
 * An installer upgrade replaces the app and keeps the data folder, so the new app meets a journal
 * written by an older one. For every schema version ever shipped, this builds that journal file
 * the way the app of that version did (its migrations, run as journal.ts runs them, under the same
 * pragmas), fills it with rows, and opens it with today's openJournal.
 *
 * Adding migration N+1 adds a case: the version-N journal must migrate without losing a row.
 * Beyond the attempts checked field by field, every row of every table the old journal had is
 * compared after the upgrade, so a table added later is covered as soon as it has rows: a
 * migration that adds one should add rows for it here (ROWS_AT_VERSION[N+1]); until then the
 * newest earlier rows are written into the version-N+1 journal.
 */

const CURRENT = JOURNAL_MIGRATIONS.length;

/** What each attempt must read back as after the upgrade (createdAt/updatedAt as written). */
type ExpectedAttempt = Pick<AttemptRow, 'reference' | 'state' | 'amount' | 'currency' | 'kind' | 'vendor' | 'transactionId' | 'errorCode' | 'training' | 'buyerCodeMasked' | 'createdAt'> &
  Partial<Pick<AttemptRow, 'gateway' | 'method' | 'walletToken'>>;

interface VersionRows {
  /** Writes rows with that version's own SQL, as its app would have. */
  write(db: Database.Database): void;
  attempts: ExpectedAttempt[];
  /** attempt_events rows per reference. */
  events: Record<string, number>;
}

const ROWS_AT_VERSION: Record<number, VersionRows> = {
  1: {
    write(db) {
      const insert = db.prepare(
        `INSERT INTO attempts (reference, kind, method, amount, currency, vendor, state, transaction_id, vendor_transaction_id,
           gateway_time, error_code, error_label, environment, training, buyer_code_masked, created_at, updated_at)
         VALUES (@reference, @kind, 'scanqrcode', @amount, @currency, @vendor, @state, @transactionId, NULL,
           NULL, @errorCode, @errorLabel, 'production', @training, @masked, @createdAt, @updatedAt)`,
      );
      const event = db.prepare(`INSERT INTO attempt_events (reference, at, state, detail) VALUES (?, ?, ?, ?)`);
      insert.run({ reference: 'CP240501093000123AB', kind: 'sale', amount: 12345, currency: 'USD', vendor: 'alipay', state: 'success', transactionId: '20240501093001', errorCode: null, errorLabel: null, training: 0, masked: '**************4202', createdAt: '2024-05-01T09:30:00.123Z', updatedAt: '2024-05-01T09:30:02.000Z' });
      insert.run({ reference: 'CP240501094500456CD', kind: 'sale', amount: 500, currency: 'JPY', vendor: 'wechatpay', state: 'failure', transactionId: null, errorCode: '11', errorLabel: 'insufficient_funds', training: 0, masked: '**************0001', createdAt: '2024-05-01T09:45:00.456Z', updatedAt: '2024-05-01T09:45:01.000Z' });
      // Left pending when the app was closed: start-up recovery must still find it after the upgrade.
      insert.run({ reference: 'CP240501095900789EF', kind: 'sale', amount: 9961, currency: 'USD', vendor: 'unionpay', state: 'pending', transactionId: null, errorCode: null, errorLabel: null, training: 1, masked: null, createdAt: '2024-05-01T09:59:00.789Z', updatedAt: '2024-05-01T09:59:01.000Z' });
      for (const [reference, states] of [
        ['CP240501093000123AB', ['created', 'sent', 'success']],
        ['CP240501094500456CD', ['created', 'sent', 'failure']],
        ['CP240501095900789EF', ['created', 'sent', 'pending']],
      ] as const) {
        states.forEach((state, index) => event.run(reference, `2024-05-01T10:00:0${index}.000Z`, state, null));
      }
    },
    attempts: [
      { reference: 'CP240501093000123AB', state: 'success', amount: 12345, currency: 'USD', kind: 'sale', vendor: 'alipay', transactionId: '20240501093001', errorCode: undefined, training: false, buyerCodeMasked: '**************4202', createdAt: '2024-05-01T09:30:00.123Z' },
      { reference: 'CP240501094500456CD', state: 'failure', amount: 500, currency: 'JPY', kind: 'sale', vendor: 'wechatpay', transactionId: undefined, errorCode: '11', training: false, buyerCodeMasked: '**************0001', createdAt: '2024-05-01T09:45:00.456Z' },
      { reference: 'CP240501095900789EF', state: 'pending', amount: 9961, currency: 'USD', kind: 'sale', vendor: 'unionpay', transactionId: undefined, errorCode: undefined, training: true, buyerCodeMasked: undefined, createdAt: '2024-05-01T09:59:00.789Z' },
    ],
    events: { CP240501093000123AB: 3, CP240501094500456CD: 3, CP240501095900789EF: 3 },
  },
};

// Version 3 added refunds' links to their sale, the RMB amount and day closes.
ROWS_AT_VERSION[3] = {
  write(db) {
    ROWS_AT_VERSION[1]!.write(db);
    db.prepare(
      `INSERT INTO attempts (reference, kind, method, amount, currency, vendor, state, transaction_id, environment, training, created_at, updated_at,
         parent_transaction_id, parent_reference, reason, rmb_amount)
       VALUES ('CP240501100000000GH', 'refund', 'refund', 2345, 'USD', 'alipay', 'sent', NULL, 'production', 0, '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:01.000Z',
         '20240501093001', 'CP240501093000123AB', 'damaged', NULL)`,
    ).run();
    db.prepare(`UPDATE attempts SET rmb_amount = 85410 WHERE reference = 'CP240501093000123AB'`).run();
    db.prepare(`INSERT INTO attempt_events (reference, at, state, detail) VALUES ('CP240501100000000GH', '2024-05-01T10:00:00.000Z', 'created', NULL), ('CP240501100000000GH', '2024-05-01T10:00:01.000Z', 'sent', NULL)`).run();
    db.prepare(`INSERT INTO day_closes (from_at, to_at, closed_at, report) VALUES ('1970-01-01T00:00:00.000Z', '2024-05-01T09:50:00.000Z', '2024-05-01T09:50:00.000Z', '{"kind":"z"}')`).run();
  },
  attempts: [
    ...ROWS_AT_VERSION[1]!.attempts,
    // Left in flight: recovery must still find it (through the refund query) after the upgrade.
    { reference: 'CP240501100000000GH', state: 'sent', amount: 2345, currency: 'USD', kind: 'refund', vendor: 'alipay', transactionId: undefined, errorCode: undefined, training: false, buyerCodeMasked: undefined, createdAt: '2024-05-01T10:00:00.000Z' },
  ],
  events: { ...ROWS_AT_VERSION[1]!.events, CP240501100000000GH: 2 },
};

// Version 4 moved the manager PIN (hash, failure count, lock) from settings.json into the journal.
const PIN_ROW_AT_VERSION_4 = {
  hash: 'scrypt$15$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=',
  failures: 2,
  lockedUntil: Date.parse('2024-05-01T10:05:00.000Z'),
  lockCount: 1,
  carriedFromSettings: true,
};
ROWS_AT_VERSION[4] = {
  write(db) {
    ROWS_AT_VERSION[3]!.write(db);
    db.prepare(`UPDATE manager_pin SET hash = ?, failures = ?, locked_until = ?, lock_count = ?, carried_from_settings = 1, updated_at = '2024-05-01T10:04:00.000Z' WHERE id = 1`).run(
      PIN_ROW_AT_VERSION_4.hash,
      PIN_ROW_AT_VERSION_4.failures,
      PIN_ROW_AT_VERSION_4.lockedUntil,
      PIN_ROW_AT_VERSION_4.lockCount,
    );
  },
  attempts: ROWS_AT_VERSION[3]!.attempts,
  events: ROWS_AT_VERSION[3]!.events,
};

// Version 5 added the gateway of each attempt (every earlier row reads as NihaoPay's) and the
// OnlinePay payer's wallet token: an OnlinePay hosted-page sale, paid, and one still open.
ROWS_AT_VERSION[5] = {
  write(db) {
    ROWS_AT_VERSION[4]!.write(db);
    const insert = db.prepare(
      `INSERT INTO attempts (reference, kind, gateway, method, amount, currency, vendor, state, transaction_id, environment, training, created_at, updated_at, wallet_token)
       VALUES (@reference, 'sale', 'onlinepay', 'hostedqr', @amount, @currency, NULL, @state, @token, 'sandbox', 0, @createdAt, @createdAt, @walletToken)`,
    );
    insert.run({ reference: 'CP240501110000000OP', amount: 1000, currency: 'CNY', state: 'success', token: 'tok-paid', createdAt: '2024-05-01T11:00:00.000Z', walletToken: 'wallet-7' });
    insert.run({ reference: 'CP240501111500000OQ', amount: 1500, currency: 'JPY', state: 'pending', token: 'tok-open', createdAt: '2024-05-01T11:15:00.000Z', walletToken: null });
    db.prepare(
      `INSERT INTO attempt_events (reference, at, state, detail) VALUES
         ('CP240501110000000OP', '2024-05-01T11:00:00.000Z', 'created', NULL), ('CP240501110000000OP', '2024-05-01T11:00:30.000Z', 'success', NULL),
         ('CP240501111500000OQ', '2024-05-01T11:15:00.000Z', 'created', NULL)`,
    ).run();
  },
  attempts: [
    ...ROWS_AT_VERSION[4]!.attempts,
    { reference: 'CP240501110000000OP', state: 'success', amount: 1000, currency: 'CNY', kind: 'sale', vendor: undefined, transactionId: 'tok-paid', errorCode: undefined, training: false, buyerCodeMasked: undefined, createdAt: '2024-05-01T11:00:00.000Z', gateway: 'onlinepay', method: 'hostedqr', walletToken: 'wallet-7' },
    { reference: 'CP240501111500000OQ', state: 'pending', amount: 1500, currency: 'JPY', kind: 'sale', vendor: undefined, transactionId: 'tok-open', errorCode: undefined, training: false, buyerCodeMasked: undefined, createdAt: '2024-05-01T11:15:00.000Z', gateway: 'onlinepay', method: 'hostedqr' },
  ],
  events: { ...ROWS_AT_VERSION[4]!.events, CP240501110000000OP: 2, CP240501111500000OQ: 1 },
};

// Version 6 added the cash registers' requests (nexo Terminal API) beside the attempts that
// carried them: a register sale paid by scan, and one aborted before anything was sent.
ROWS_AT_VERSION[6] = {
  write(db) {
    ROWS_AT_VERSION[5]!.write(db);
    const insert = db.prepare(
      `INSERT INTO register_requests (category, sale_id, service_id, poi_id, sale_transaction_id, sale_transaction_time, amount, currency, reference, ended, created_at, updated_at)
       VALUES ('Payment', 'REG1', @serviceId, 'Counterpay-1', @saleTx, '2024-05-01T12:00:00Z', @amount, 'USD', @reference, @ended, '2024-05-01T12:00:00.000Z', '2024-05-01T12:00:05.000Z')`,
    );
    insert.run({ serviceId: '0001', saleTx: 'POS-1', amount: 12345, reference: 'CP240501093000123AB', ended: null });
    insert.run({ serviceId: '0002', saleTx: 'POS-2', amount: 500, reference: null, ended: 'aborted' });
  },
  attempts: ROWS_AT_VERSION[5]!.attempts,
  events: ROWS_AT_VERSION[5]!.events,
};

/** The rows a version-`version` app would have written: its own, or the newest earlier version's. */
function rowsAt(version: number): VersionRows {
  for (let at = version; at >= 1; at -= 1) {
    const rows = ROWS_AT_VERSION[at];
    if (rows) return rows;
  }
  throw new Error('ROWS_AT_VERSION needs rows for schema version 1');
}

type TableRows = Record<string, Record<string, unknown>[]>;

/** Every row of every table, in rowid order. */
function allRows(db: Database.Database): TableRows {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[]]));
}

/** A journal as the app at `version` left it: its migrations applied the way journal.ts applies them. */
function openShippedJournal(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  JOURNAL_MIGRATIONS.slice(0, version).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${index + 1}`);
    })();
  });
  return db;
}

const versions = Array.from({ length: CURRENT }, (_, index) => index + 1);

describe('journal upgrade across app versions', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir('counterpay-upgrade-');
  });
  afterEach(() => temp.cleanup());

  it('has the rows v0.1.0 wrote, and none for versions that were never shipped', () => {
    expect(ROWS_AT_VERSION[1]).toBeDefined();
    expect(Object.keys(ROWS_AT_VERSION).map(Number).filter((version) => version > CURRENT)).toEqual([]);
  });

  describe.each(versions)('from schema version %i', (version) => {
    const rows = rowsAt(version);

    function expectUpgraded(dataDir: string, before: TableRows): void {
      // No row of any table is lost or changed by the migrations (columns added later aside).
      openJournal(dataDir).close();
      const migrated = new Database(path.join(dataDir, JOURNAL_FILE_NAME), { readonly: true });
      try {
        const after = allRows(migrated);
        for (const [table, oldRows] of Object.entries(before)) {
          expect(Object.keys(after), `table ${table}`).toContain(table);
          const projected = after[table]!.map((row) => Object.fromEntries(Object.keys(oldRows[0] ?? {}).map((column) => [column, row[column]])));
          expect(projected, `table ${table}`).toEqual(oldRows);
        }
      } finally {
        migrated.close();
      }

      const journal = openJournal(dataDir, () => new Date('2026-01-02T03:04:05.000Z'));
      try {
        // A row from before migration 5 was NihaoPay's: the only gateway there was.
        for (const expected of rows.attempts) expect(journal.get(expected.reference)).toMatchObject({ gateway: 'nihaopay', ...expected });
        expect(journal.unfinished().map((attempt) => attempt.reference)).toEqual(
          rows.attempts.filter((attempt) => attempt.state !== 'success' && attempt.state !== 'failure').map((attempt) => attempt.reference),
        );
        expect(journal.integrityCheck()).toBe('ok');
        // The upgraded journal takes new work: a fresh sale, and recovery finishing an old one.
        journal.insert({ reference: 'CP260102030405000ZZ', kind: 'sale', method: 'scanqrcode', amount: 100, currency: 'USD', environment: 'training', training: true });
        for (const pending of journal.unfinished().filter((attempt) => attempt.reference !== 'CP260102030405000ZZ')) {
          expect(journal.update(pending.reference, { state: 'success', transactionId: 'T1' })).toEqual({ written: true });
        }
      } finally {
        journal.close();
      }
      const db = new Database(path.join(dataDir, JOURNAL_FILE_NAME), { readonly: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(CURRENT);
        const counts = db.prepare(`SELECT reference, COUNT(*) AS n FROM attempt_events GROUP BY reference`).all() as { reference: string; n: number }[];
        const byReference = Object.fromEntries(counts.map(({ reference, n }) => [reference, n]));
        for (const [reference, n] of Object.entries(rows.events)) {
          const recovered = rows.attempts.some((attempt) => attempt.reference === reference && attempt.state !== 'success' && attempt.state !== 'failure');
          expect(byReference[reference]).toBe(n + (recovered ? 1 : 0));
        }
        expect(db.prepare(`SELECT COUNT(*) AS n FROM attempts`).get()).toEqual({ n: rows.attempts.length + 1 });
      } finally {
        db.close();
      }
    }

    it('opens with every row intact, at the current version, and ready for new work', () => {
      const db = openShippedJournal(path.join(temp.dir, JOURNAL_FILE_NAME), version);
      rows.write(db);
      const before = allRows(db);
      db.close();
      expect(fs.existsSync(path.join(temp.dir, `${JOURNAL_FILE_NAME}-wal`))).toBe(false);
      expectUpgraded(temp.dir, before);
    });

    it('has the manager PIN row: as that app left it, or (before version 4) empty and waiting to take over settings.json\'s hash', () => {
      const db = openShippedJournal(path.join(temp.dir, JOURNAL_FILE_NAME), version);
      rows.write(db);
      db.close();
      const journal = openJournal(temp.dir);
      try {
        expect(journal.pinState.read()).toEqual(
          version >= 4 ? PIN_ROW_AT_VERSION_4 : { hash: null, failures: 0, lockedUntil: 0, lockCount: 0, carriedFromSettings: false },
        );
      } finally {
        journal.close();
      }
    });

    it('keeps rows still in the write-ahead log when the old app did not shut down cleanly', () => {
      // The installer replaced an app that was killed (or the machine lost power): the newest
      // rows are only in journal.sqlite-wal. Copying both files while the old connection is still
      // open is the state such a crash leaves on disk.
      const oldDir = path.join(temp.dir, 'old');
      fs.mkdirSync(oldDir);
      const db = openShippedJournal(path.join(oldDir, JOURNAL_FILE_NAME), version);
      db.pragma('wal_autocheckpoint = 0');
      rows.write(db);
      const upgradedDir = path.join(temp.dir, 'upgraded');
      fs.mkdirSync(upgradedDir);
      for (const suffix of ['', '-wal']) {
        fs.copyFileSync(path.join(oldDir, `${JOURNAL_FILE_NAME}${suffix}`), path.join(upgradedDir, `${JOURNAL_FILE_NAME}${suffix}`));
      }
      const before = allRows(db);
      db.close();
      expect(fs.statSync(path.join(upgradedDir, `${JOURNAL_FILE_NAME}-wal`)).size).toBeGreaterThan(0);
      expectUpgraded(upgradedDir, before);
    });
  });
});
