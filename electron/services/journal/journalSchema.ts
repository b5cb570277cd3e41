/**
 * Versioned migrations of the journal. PRAGMA user_version holds the version applied;
 * each step runs once, inside a transaction. Never edit a shipped step: add a new one.
 */
export const JOURNAL_MIGRATIONS: readonly string[] = [
  // 1: one row per money-moving attempt, written before the request is sent.
  `CREATE TABLE attempts (
     reference TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('sale', 'refund')),
     method TEXT NOT NULL,
     amount INTEGER NOT NULL CHECK (amount > 0 AND amount = CAST(amount AS INTEGER)),
     currency TEXT NOT NULL,
     vendor TEXT,
     state TEXT NOT NULL,
     transaction_id TEXT,
     vendor_transaction_id TEXT,
     gateway_time TEXT,
     error_code TEXT,
     error_label TEXT,
     environment TEXT NOT NULL,
     training INTEGER NOT NULL,
     buyer_code_masked TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX attempts_created_at ON attempts (created_at);
   CREATE INDEX attempts_state ON attempts (state) WHERE state NOT IN ('success', 'failure');
   CREATE TABLE attempt_events (
     id INTEGER PRIMARY KEY,
     reference TEXT NOT NULL REFERENCES attempts (reference),
     at TEXT NOT NULL,
     state TEXT NOT NULL,
     detail TEXT
   );
   CREATE INDEX attempt_events_reference ON attempt_events (reference);`,
  // 2: who did what that a manager answers for: refunds, settings changes, day closes, wrong PINs.
  `CREATE TABLE audit_log (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     action TEXT NOT NULL,
     outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
     detail TEXT
   );
   CREATE INDEX audit_log_at ON audit_log (at);`,
  // 3: refunds point at the sale they refund and say why; the RMB amount for receipts; the
  // history screen's keyset pages and searches; one row per closed business day (Z report).
  `ALTER TABLE attempts ADD COLUMN parent_transaction_id TEXT;
   ALTER TABLE attempts ADD COLUMN parent_reference TEXT;
   ALTER TABLE attempts ADD COLUMN reason TEXT;
   ALTER TABLE attempts ADD COLUMN rmb_amount INTEGER CHECK (rmb_amount IS NULL OR rmb_amount > 0);
   CREATE INDEX attempts_history ON attempts (created_at, reference);
   CREATE INDEX attempts_transaction_id ON attempts (transaction_id) WHERE transaction_id IS NOT NULL;
   CREATE INDEX attempts_parent_transaction_id ON attempts (parent_transaction_id) WHERE parent_transaction_id IS NOT NULL;
   CREATE TABLE day_closes (
     id INTEGER PRIMARY KEY,
     from_at TEXT NOT NULL,
     to_at TEXT NOT NULL,
     closed_at TEXT NOT NULL,
     report TEXT NOT NULL
   );`,
  // 4: the manager PIN and its lockout live here, not in settings.json: a corrupt settings file
  // must not drop the PIN, and the failure count and lock must survive a restart. One row;
  // hash NULL = no PIN set. carried_from_settings: the PIN hash an older app kept in
  // settings.json has been taken over (pinStateTable.ts).
  `CREATE TABLE manager_pin (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     hash TEXT,
     failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
     locked_until INTEGER NOT NULL DEFAULT 0,
     lock_count INTEGER NOT NULL DEFAULT 0 CHECK (lock_count >= 0),
     carried_from_settings INTEGER NOT NULL DEFAULT 0 CHECK (carried_from_settings IN (0, 1)),
     updated_at TEXT
   );
   INSERT INTO manager_pin (id) VALUES (1);`,
  // 5: two gateways. Each attempt says which gateway took it (every older row was NihaoPay's,
  // the only one there was), and a sale paid from an OnlinePay wallet keeps the payer's
  // wallet token, which only OnlinePay's notification carries and a refund by payout needs.
  // `method` already names the gateway's method (scanqrcode, showqrcode, hostedqr; refund, payout).
  `ALTER TABLE attempts ADD COLUMN gateway TEXT NOT NULL DEFAULT 'nihaopay' CHECK (gateway IN ('nihaopay', 'onlinepay'));
   ALTER TABLE attempts ADD COLUMN wallet_token TEXT;
   CREATE INDEX attempts_gateway ON attempts (gateway, created_at);`,
  // 6: cash registers (nexo Terminal API). Each register request that moves money, with the
  // register's own ids, so that TransactionStatus and the "this SaleTransactionID was already
  // paid" rule answer from the journal after a restart. `reference` is the attempt (sale or
  // refund) that carried it, written before that attempt is sent (a reversal's refund is linked
  // once the refund call returns; `original_reference`, the sale reversed, finds it after a
  // crash); `ended` why a request ended without an attempt (aborted, cancelled, refused).
  `CREATE TABLE register_requests (
     id INTEGER PRIMARY KEY,
     category TEXT NOT NULL CHECK (category IN ('Payment', 'Reversal')),
     sale_id TEXT NOT NULL,
     service_id TEXT NOT NULL,
     poi_id TEXT NOT NULL,
     sale_transaction_id TEXT NOT NULL,
     sale_transaction_time TEXT NOT NULL,
     amount INTEGER NOT NULL CHECK (amount > 0 AND amount = CAST(amount AS INTEGER)),
     currency TEXT NOT NULL,
     reference TEXT REFERENCES attempts (reference),
     original_reference TEXT REFERENCES attempts (reference),
     ended TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX register_requests_service ON register_requests (sale_id, service_id);
   CREATE INDEX register_requests_sale_transaction ON register_requests (sale_id, sale_transaction_id);
   CREATE INDEX register_requests_reference ON register_requests (reference) WHERE reference IS NOT NULL;`,
];
