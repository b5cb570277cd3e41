import fs from 'node:fs';
import type { PosErrorData } from '../../../shared/errors/posErrors';

/**
 * Is the journal on disk still the file this process opened?
 *
 * SQLite keeps writing to the files it has open. If someone deletes `journal.sqlite` or its
 * `-wal` while the app runs (a clean-up script, a sync client, a cashier "freeing space"),
 * every later write lands in an unlinked inode: it succeeds, the sale shows approved, and
 * after a restart it is gone. So before a write that lets money move (the insert of an
 * attempt and its "sent" mark) the journal compares the path's file identity (device and
 * inode) with the one it opened, for the database and, in WAL mode, the WAL, which SQLite
 * keeps in place for as long as a connection is open. Two stat calls: a few microseconds
 * beside a write that waits for fsync.
 */

/** Thrown when the journal files on disk are no longer the ones this process writes to. */
export class JournalReplacedError extends Error {
  /** What was found: the path that is gone or is now another file. */
  readonly problem: string;
  constructor(problem: string) {
    super(`the payment journal is not the file Counterpay opened: ${problem}`);
    this.name = 'JournalReplacedError';
    this.problem = problem;
  }
}

interface FileIdentity {
  dev: number;
  ino: number;
}

export interface JournalFileIdentity {
  /** Throws JournalReplacedError unless the database (and its WAL, in WAL mode) are the files opened. */
  assertUnchanged(): void;
}

function identityOf(filePath: string): FileIdentity | undefined {
  const stats = fs.statSync(filePath, { throwIfNoEntry: false });
  return stats ? { dev: stats.dev, ino: stats.ino } : undefined;
}

function compare(label: string, filePath: string, expected: FileIdentity): string | undefined {
  const now = identityOf(filePath);
  if (!now) return `${label} ${filePath} was deleted`;
  if (now.dev !== expected.dev || now.ino !== expected.ino) return `${label} ${filePath} was replaced by another file`;
  return undefined;
}

/**
 * Records the identity of `dbPath` (and `dbPath-wal` when `walMode`) as they are now, right
 * after the journal opened them. SQLite creates the WAL on the first read or write in WAL
 * mode, which opening the journal always does (the schema check).
 */
export function recordJournalFileIdentity(dbPath: string, walMode: boolean): JournalFileIdentity {
  const walPath = `${dbPath}-wal`;
  const db = identityOf(dbPath);
  if (!db) throw new JournalReplacedError(`database ${dbPath} does not exist after opening it`);
  let wal = walMode ? identityOf(walPath) : undefined;
  return {
    assertUnchanged() {
      const problem = compare('database', dbPath, db) ?? (wal ? compare('write-ahead log', walPath, wal) : undefined);
      if (problem) throw new JournalReplacedError(problem);
      // A WAL that did not exist at open (not expected, but harmless) is pinned the first time it is seen.
      if (walMode && !wal) wal = identityOf(walPath);
    },
  };
}

/**
 * What the cashier is told when a journal write before sending failed (insert or "sent"
 * mark): nothing was sent either way, and a replaced journal needs a restart, not more space.
 */
export function journalRefusal(error: unknown): PosErrorData {
  return { code: error instanceof JournalReplacedError ? 'JOURNAL_REPLACED' : 'JOURNAL_UNAVAILABLE' };
}
