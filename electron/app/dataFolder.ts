import fs from 'node:fs';
import path from 'node:path';

/** The data folder cannot hold a journal: no payment may be taken. */
export class DataFolderError extends Error {
  readonly dataDir: string;
  constructor(dataDir: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `Counterpay cannot write its data folder ${dataDir} (${reason}). Payments are journaled there before they are sent, ` +
        'so none can be taken: free disk space or fix the folder\'s permissions, or start with --data-dir DIR.',
    );
    this.name = 'DataFolderError';
    this.dataDir = dataDir;
  }
}

/**
 * Makes sure the data folder exists and takes a write, before anything else opens it:
 * a read-only mount, a full disk or a path that is a file shows here, with a message a
 * merchant can act on, instead of as a failure halfway through a sale.
 */
export function ensureWritableDataFolder(dataDir: string): void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const probe = path.join(dataDir, `.write-check-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (error) {
    throw new DataFolderError(dataDir, error);
  }
}
