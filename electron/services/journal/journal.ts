import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { decideTransition, type PaymentState } from '../../../shared/payments/paymentState';
import { isMinorUnitAmount } from '../../../shared/money/amount';
import { isValidReference } from '../../../shared/payments/reference';
import type { HistoryPage, HistoryQuery } from '../../../shared/history/historyTypes';
import { createHistoryQueries } from './journalHistory';
import { JOURNAL_MIGRATIONS } from './journalSchema';
import { recordJournalFileIdentity } from './journalFileIdentity';
import { createPinStateTable, type PinStateTable } from './pinStateTable';
import { createRegisterRequestTable, type RegisterRequestTable } from './registerRequestTable';
import { restrictFilesToOwner } from '../settings/ownerOnly';
import { isGatewayName, type GatewayName } from '../../../shared/gateway/paymentGateway';
import { isMethodOf } from '../../../shared/gateway/gatewayProfiles';

export interface NewAttempt {
  reference: string;
  kind: 'sale' | 'refund';
  /** Which gateway takes it. Default NihaoPay, the first one (and every row before migration 5). */
  gateway?: GatewayName;
  /** The gateway's method for it: scanqrcode, showqrcode, hostedqr for a sale; refund, payout for a refund. */
  method: string;
  amount: number;
  currency: string;
  vendor?: string;
  environment: string;
  training: boolean;
  /** The payment code with all but its last four digits masked: it is one-time, but still the customer's. */
  buyerCodeMasked?: string;
  /** Refunds: the gateway's id of the sale refunded. */
  parentTransactionId?: string;
  /** Refunds: the sale's own reference. */
  parentReference?: string;
  /** Refunds: why, as the manager typed it (sent to the gateway too). */
  reason?: string;
}

export interface AttemptRow extends NewAttempt {
  gateway: GatewayName;
  state: PaymentState;
  /** OnlinePay: the payer's wallet (from a notification), for a refund by payout. */
  walletToken?: string;
  transactionId?: string;
  vendorTransactionId?: string;
  gatewayTime?: string;
  errorCode?: string;
  errorLabel?: string;
  /** RMB fen the customer paid, when the gateway said. */
  rmbAmount?: number;
  createdAt: string;
  updatedAt: string;
}

export interface AttemptUpdate {
  state: PaymentState;
  transactionId?: string;
  vendorTransactionId?: string;
  gatewayTime?: string;
  errorCode?: string;
  errorLabel?: string;
  rmbAmount?: number;
  walletToken?: string;
  detail?: string;
}

/** One line of a day report: attempts grouped by what they were and how they ended. */
export interface JournalTotal {
  kind: 'sale' | 'refund';
  vendor: string | null;
  currency: string;
  state: PaymentState;
  training: boolean;
  count: number;
  /** Sum of amounts, integer minor units. */
  amount: number;
}

/** One line of the audit log. `detail` never holds a secret (no PIN, no token). */
export interface AuditEntry {
  action: string;
  outcome: 'ok' | 'refused';
  detail?: string;
}

export interface AuditRow extends AuditEntry {
  id: number;
  at: string;
}

/** One closed business day: the Z report as it was printed, kept verbatim. */
export interface DayCloseRow {
  id: number;
  /** The period the report covers: [fromAt, toAt). */
  fromAt: string;
  toAt: string;
  closedAt: string;
  /** The report as JSON text. */
  report: string;
}

export type UpdateOutcome = { written: true } | { written: false; reason: 'unchanged' | 'stale' | 'illegal' | 'missing' };

export interface Journal {
  /**
   * Writes the attempt in state "created". Must succeed before the request is sent. Throws
   * JournalReplacedError when the file on disk is no longer the one opened (journalFileIdentity.ts).
   */
  insert(attempt: NewAttempt): void;
  /** Moves an attempt along the payment state machine; stale or illegal moves are not written. The "sent" mark checks the file like insert. */
  update(reference: string, change: AttemptUpdate): UpdateOutcome;
  /**
   * OnlinePay: keeps the payer's wallet token on a sale, whatever its state (a notification
   * may arrive after a look-up settled it). The first one stays: true when this one was kept.
   */
  keepWalletToken(reference: string, walletToken: string): boolean;
  get(reference: string): AttemptRow | undefined;
  /** Attempts not yet final, oldest first: what start-up recovery must resolve. */
  unfinished(): AttemptRow[];
  recent(limit: number): AttemptRow[];
  /** The sale that got this gateway transaction id, if this terminal took it. */
  saleByTransactionId(transactionId: string): AttemptRow | undefined;
  /** Every refund attempt of one sale (by its transaction id), oldest first. */
  refundsOf(transactionId: string): AttemptRow[];
  /** One page of the history screen, newest first. */
  history(query: HistoryQuery): HistoryPage;
  /** The latest day close, if any: the next business day starts at its `toAt`. */
  lastDayClose(): DayCloseRow | undefined;
  dayClose(id: number): DayCloseRow | undefined;
  /** Records a day close; returns its id. */
  recordDayClose(close: Omit<DayCloseRow, 'id'>): number;
  /** Attempts of one kind created in [fromIso, toIso), oldest first. */
  between(kind: 'sale' | 'refund', fromIso: string, toIso: string): AttemptRow[];
  /** Counts and sums of attempts created in [fromIso, toIso), for X/Z reports and reconciliation. */
  totals(fromIso: string, toIso: string): JournalTotal[];
  /** Appends to the audit log (same file, same durability as payments). */
  audit(entry: AuditEntry): void;
  auditLog(limit: number): AuditRow[];
  /** The manager PIN's hash, failure count and lock (pinStateTable.ts), in this same durable file. */
  readonly pinState: PinStateTable;
  /** Cash registers' requests and the attempts that carried them (registerRequestTable.ts). */
  readonly registerRequests: RegisterRequestTable;
  integrityCheck(): string;
  close(): void;
  readonly filePath: string;
}

export const JOURNAL_FILE_NAME = 'journal.sqlite';

type Row = Record<string, string | number | null>;

function rowToAttempt(row: Row): AttemptRow {
  const optional = (key: string) => (row[key] === null || row[key] === undefined ? undefined : String(row[key]));
  return {
    reference: String(row.reference),
    kind: row.kind as 'sale' | 'refund',
    gateway: (row.gateway ?? 'nihaopay') as GatewayName,
    method: String(row.method),
    amount: Number(row.amount),
    currency: String(row.currency),
    vendor: optional('vendor'),
    environment: String(row.environment),
    training: row.training === 1,
    buyerCodeMasked: optional('buyer_code_masked'),
    parentTransactionId: optional('parent_transaction_id'),
    parentReference: optional('parent_reference'),
    reason: optional('reason'),
    rmbAmount: row.rmb_amount === null || row.rmb_amount === undefined ? undefined : Number(row.rmb_amount),
    state: row.state as PaymentState,
    transactionId: optional('transaction_id'),
    vendorTransactionId: optional('vendor_transaction_id'),
    gatewayTime: optional('gateway_time'),
    errorCode: optional('error_code'),
    errorLabel: optional('error_label'),
    walletToken: optional('wallet_token'),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/**
 * The payment journal in SQLite. WAL with synchronous=FULL: a row the app has been told
 * is written survives a crash or power loss, which is the whole point of journaling
 * before sending.
 */
export function openJournal(dataDir: string, now: () => Date = () => new Date()): Journal {
  fs.mkdirSync(dataDir, { recursive: true });
  const filePath = path.join(dataDir, JOURNAL_FILE_NAME);
  const db = new Database(filePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  // Only this OS user may read the journal. SQLite gives a new -wal and -shm the database's mode.
  restrictFilesToOwner([filePath, `${filePath}-wal`, `${filePath}-shm`]);
  // Pinned now, checked before every write that lets money move (journalFileIdentity.ts).
  const fileIdentity = recordJournalFileIdentity(filePath, String(db.pragma('journal_mode', { simple: true })) === 'wal');

  const insertStmt = db.prepare(
    `INSERT INTO attempts (reference, kind, gateway, method, amount, currency, vendor, state, environment, training, buyer_code_masked,
       parent_transaction_id, parent_reference, reason, created_at, updated_at)
     VALUES (@reference, @kind, @gateway, @method, @amount, @currency, @vendor, 'created', @environment, @training, @buyerCodeMasked,
       @parentTransactionId, @parentReference, @reason, @at, @at)`,
  );
  const eventStmt = db.prepare(`INSERT INTO attempt_events (reference, at, state, detail) VALUES (?, ?, ?, ?)`);
  const getStmt = db.prepare(`SELECT * FROM attempts WHERE reference = ?`);
  const updateStmt = db.prepare(
    `UPDATE attempts SET state = @state,
       transaction_id = COALESCE(@transactionId, transaction_id),
       vendor_transaction_id = COALESCE(@vendorTransactionId, vendor_transaction_id),
       gateway_time = COALESCE(@gatewayTime, gateway_time),
       rmb_amount = COALESCE(@rmbAmount, rmb_amount),
       wallet_token = COALESCE(wallet_token, @walletToken),
       error_code = @errorCode, error_label = @errorLabel, updated_at = @at
     WHERE reference = @reference`,
  );
  const keepWalletTokenStmt = db.prepare(`UPDATE attempts SET wallet_token = ?, updated_at = ? WHERE reference = ? AND kind = 'sale' AND gateway = 'onlinepay' AND wallet_token IS NULL`);
  const unfinishedStmt = db.prepare(`SELECT * FROM attempts WHERE state NOT IN ('success', 'failure') ORDER BY created_at`);
  const recentStmt = db.prepare(`SELECT * FROM attempts ORDER BY created_at DESC LIMIT ?`);
  const betweenStmt = db.prepare(`SELECT * FROM attempts WHERE kind = ? AND created_at >= ? AND created_at < ? ORDER BY created_at`);
  const totalsStmt = db.prepare(
    // An OnlinePay card sale names no wallet (the customer chose on the page): it is reported as "onlinepay".
    `SELECT kind, COALESCE(vendor, CASE WHEN gateway = 'onlinepay' THEN 'onlinepay' END) AS vendor, currency, state, training,
            COUNT(*) AS count, SUM(amount) AS amount
       FROM attempts WHERE created_at >= ? AND created_at < ?
      GROUP BY kind, 2, currency, state, training ORDER BY kind, 2, currency, state`,
  );

  const saleByTransactionIdStmt = db.prepare(`SELECT * FROM attempts WHERE transaction_id = ? AND kind = 'sale' ORDER BY created_at LIMIT 1`);
  const refundsOfStmt = db.prepare(`SELECT * FROM attempts WHERE parent_transaction_id = ? AND kind = 'refund' ORDER BY created_at, reference`);
  const lastDayCloseStmt = db.prepare(`SELECT * FROM day_closes ORDER BY id DESC LIMIT 1`);
  const dayCloseStmt = db.prepare(`SELECT * FROM day_closes WHERE id = ?`);
  const insertDayCloseStmt = db.prepare(`INSERT INTO day_closes (from_at, to_at, closed_at, report) VALUES (?, ?, ?, ?)`);
  const toDayClose = (row: Row | undefined): DayCloseRow | undefined =>
    row && { id: Number(row.id), fromAt: String(row.from_at), toAt: String(row.to_at), closedAt: String(row.closed_at), report: String(row.report) };
  const history = createHistoryQueries(db);

  const auditStmt = db.prepare(`INSERT INTO audit_log (at, action, outcome, detail) VALUES (?, ?, ?, ?)`);
  const auditListStmt = db.prepare(`SELECT * FROM audit_log ORDER BY id DESC LIMIT ?`);

  const insertTx = db.transaction((attempt: NewAttempt, at: string) => {
    insertStmt.run({
      ...attempt,
      gateway: attempt.gateway ?? 'nihaopay',
      vendor: attempt.vendor ?? null,
      buyerCodeMasked: attempt.buyerCodeMasked ?? null,
      parentTransactionId: attempt.parentTransactionId ?? null,
      parentReference: attempt.parentReference ?? null,
      reason: attempt.reason ?? null,
      training: attempt.training ? 1 : 0,
      at,
    });
    eventStmt.run(attempt.reference, at, 'created', null);
  });

  const updateTx = db.transaction((reference: string, change: AttemptUpdate, at: string): UpdateOutcome => {
    const current = getStmt.get(reference) as Row | undefined;
    if (!current) return { written: false, reason: 'missing' };
    const decision = decideTransition(current.state as PaymentState, change.state);
    if (!decision.apply) return { written: false, reason: decision.reason };
    updateStmt.run({
      reference,
      state: change.state,
      transactionId: change.transactionId ?? null,
      vendorTransactionId: change.vendorTransactionId ?? null,
      gatewayTime: change.gatewayTime ?? null,
      errorCode: change.errorCode ?? null,
      errorLabel: change.errorLabel ?? null,
      rmbAmount: change.rmbAmount ?? null,
      walletToken: change.walletToken ?? null,
      at,
    });
    eventStmt.run(reference, at, change.state, change.detail ?? null);
    return { written: true };
  });

  // The manager PIN's row: kept here so a corrupt settings file cannot drop it, nor a restart its lock.
  const pinState = createPinStateTable(db, now);
  const registerRequests = createRegisterRequestTable(db, now);

  return {
    filePath,
    pinState,
    registerRequests,
    insert(attempt) {
      if (!isValidReference(attempt.reference)) throw new RangeError(`invalid reference ${attempt.reference}`);
      if (!isMinorUnitAmount(attempt.amount)) throw new RangeError(`amount ${attempt.amount} is not a positive integer of minor units`);
      const gateway = attempt.gateway ?? 'nihaopay';
      if (!isGatewayName(gateway) || !isMethodOf(gateway, attempt.kind, attempt.method)) {
        throw new RangeError(`${String(gateway)} has no ${attempt.kind} method ${attempt.method}`);
      }
      fileIdentity.assertUnchanged();
      insertTx(attempt, now().toISOString());
    },
    update(reference, change) {
      // "sent" is the last write before a request leaves: it must not land in a deleted file.
      if (change.state === 'sent') fileIdentity.assertUnchanged();
      return updateTx(reference, change, now().toISOString());
    },
    keepWalletToken(reference, walletToken) {
      const changed = keepWalletTokenStmt.run(walletToken, now().toISOString(), reference).changes > 0;
      if (changed) eventStmt.run(reference, now().toISOString(), (getStmt.get(reference) as Row).state, 'payer wallet token kept');
      return changed;
    },
    get(reference) {
      const row = getStmt.get(reference) as Row | undefined;
      return row ? rowToAttempt(row) : undefined;
    },
    unfinished: () => (unfinishedStmt.all() as Row[]).map(rowToAttempt),
    recent: (limit) => (recentStmt.all(limit) as Row[]).map(rowToAttempt),
    saleByTransactionId(transactionId) {
      const row = saleByTransactionIdStmt.get(transactionId) as Row | undefined;
      return row ? rowToAttempt(row) : undefined;
    },
    refundsOf: (transactionId) => (refundsOfStmt.all(transactionId) as Row[]).map(rowToAttempt),
    history: (query) => history.page(query),
    lastDayClose: () => toDayClose(lastDayCloseStmt.get() as Row | undefined),
    dayClose: (id) => toDayClose(dayCloseStmt.get(id) as Row | undefined),
    recordDayClose: (close) => Number(insertDayCloseStmt.run(close.fromAt, close.toAt, close.closedAt, close.report).lastInsertRowid),
    between: (kind, fromIso, toIso) => (betweenStmt.all(kind, fromIso, toIso) as Row[]).map(rowToAttempt),
    totals: (fromIso, toIso) =>
      (totalsStmt.all(fromIso, toIso) as Row[]).map((row) => ({
        kind: row.kind as 'sale' | 'refund',
        vendor: row.vendor === null ? null : String(row.vendor),
        currency: String(row.currency),
        state: row.state as PaymentState,
        training: row.training === 1,
        count: Number(row.count),
        amount: Number(row.amount),
      })),
    audit: (entry) => void auditStmt.run(now().toISOString(), entry.action, entry.outcome, entry.detail ?? null),
    auditLog: (limit) =>
      (auditListStmt.all(limit) as Row[]).map((row) => ({
        id: Number(row.id),
        at: String(row.at),
        action: String(row.action),
        outcome: row.outcome as 'ok' | 'refused',
        ...(row.detail === null ? {} : { detail: String(row.detail) }),
      })),
    integrityCheck: () => String(db.pragma('integrity_check', { simple: true })),
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > JOURNAL_MIGRATIONS.length) {
    throw new Error(`journal schema version ${current} is newer than this app understands (${JOURNAL_MIGRATIONS.length}); update Counterpay`);
  }
  JOURNAL_MIGRATIONS.slice(current).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + index + 1}`);
    })();
  });
}
