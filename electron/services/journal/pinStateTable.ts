import type Database from 'better-sqlite3';

/**
 * What the journal keeps about the manager PIN (migration 4, table manager_pin). The
 * decisions (is it locked, how long, is a hash readable) are in
 * electron/services/auth/managerPin.ts; this is only the row.
 */
export interface PinState {
  /** The stored scrypt hash as written; null when no PIN is set. Not necessarily readable. */
  hash: string | null;
  /** Wrong PINs in a row since the last right one or the last lock (counted before comparing). */
  failures: number;
  /** Epoch milliseconds; the keypad is locked before then. 0 = never locked. */
  lockedUntil: number;
  /** Locks in a row without a right PIN in between: the next lock is longer. */
  lockCount: number;
  /** True once the hash an older app kept in settings.json has been taken over (or found absent). */
  carriedFromSettings: boolean;
}

export interface PinStateTable {
  read(): PinState;
  /** Replaces the row, durably (synchronous=FULL) before it returns. */
  write(state: PinState): void;
}

type Row = { hash: string | null; failures: number; locked_until: number; lock_count: number; carried_from_settings: number };

/** The manager_pin row of an open journal database. */
export function createPinStateTable(db: Database.Database, now: () => Date): PinStateTable {
  const readStmt = db.prepare(`SELECT hash, failures, locked_until, lock_count, carried_from_settings FROM manager_pin WHERE id = 1`);
  const writeStmt = db.prepare(
    `INSERT INTO manager_pin (id, hash, failures, locked_until, lock_count, carried_from_settings, updated_at)
     VALUES (1, @hash, @failures, @lockedUntil, @lockCount, @carried, @at)
     ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, failures = excluded.failures, locked_until = excluded.locked_until,
       lock_count = excluded.lock_count, carried_from_settings = excluded.carried_from_settings, updated_at = excluded.updated_at`,
  );
  return {
    read() {
      const row = readStmt.get() as Row | undefined;
      // The migration inserts the row; a file edited by hand without it reads as "not carried
      // yet, no PIN", which the carry-over then settles like a fresh upgrade.
      if (!row) return { hash: null, failures: 0, lockedUntil: 0, lockCount: 0, carriedFromSettings: false };
      return {
        hash: row.hash,
        failures: Number(row.failures),
        lockedUntil: Number(row.locked_until),
        lockCount: Number(row.lock_count),
        carriedFromSettings: row.carried_from_settings === 1,
      };
    },
    write(state) {
      writeStmt.run({
        hash: state.hash,
        failures: state.failures,
        lockedUntil: state.lockedUntil,
        lockCount: state.lockCount,
        carried: state.carriedFromSettings ? 1 : 0,
        at: now().toISOString(),
      });
    },
  };
}
