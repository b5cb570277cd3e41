import fs from 'node:fs';
import path from 'node:path';
import { OWNER_ONLY_FILE_MODE, OWNER_ONLY_FOLDER_MODE } from '../services/settings/ownerOnly';

/**
 * The training sandboxes' books, in the data folder beside the journal (never in it): a
 * training sale can be refunded and looked up after a restart. Deleting them (with the app
 * closed) starts training with empty books; the journal's training rows stay, marked training.
 */
export const TRAINING_STATE_FILES = { nihaopay: 'training-nihaopay-sandbox.json', onlinepay: 'training-onlinepay-sandbox.json' } as const;

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

export interface DataFolderCheck {
  /**
   * What could not be made private to this OS user (a FAT drive, files another user
   * owns), one entry each; empty when the folder is 0700 and its files 0600.
   */
  notOwnerOnly: string[];
}

/**
 * Makes sure the data folder exists and takes a write, before anything else opens it:
 * a read-only mount, a full disk or a path that is a file shows here, with a message a
 * merchant can act on, instead of as a failure halfway through a sale. Then makes the
 * folder and what an earlier version left in it private to this OS user.
 */
export function ensureWritableDataFolder(dataDir: string): DataFolderCheck {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: OWNER_ONLY_FOLDER_MODE });
    const probe = path.join(dataDir, `.write-check-${process.pid}`);
    fs.writeFileSync(probe, 'ok', { mode: OWNER_ONLY_FILE_MODE });
    fs.rmSync(probe);
  } catch (error) {
    throw new DataFolderError(dataDir, error);
  }
  return { notOwnerOnly: restrictDataFolderToOwner(dataDir) };
}

/**
 * Another OS user of the computer must not read the journal or the settings, nor reach the
 * token file: the folder becomes 0700 and each file directly in it 0600 (those written from
 * now on are created so). Files in subfolders are already out of reach behind the folder's
 * mode; symbolic links are left alone, since chmod would change what they point at.
 * A failure is not fatal — a sale is still journaled — but is returned to be logged.
 * On Windows the bits mean nothing and nothing is reported.
 */
export function restrictDataFolderToOwner(dataDir: string, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return [];
  const problems: string[] = [];
  const restrict = (target: string, mode: number) => {
    try {
      fs.chmodSync(target, mode);
      // Some file systems (FAT, some network mounts) accept chmod and keep their own bits.
      const actual = fs.statSync(target).mode & 0o777;
      if (actual & 0o077) problems.push(`${target} is ${actual.toString(8)}`);
    } catch (error) {
      problems.push(`${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  };
  restrict(dataDir, OWNER_ONLY_FOLDER_MODE);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) restrict(path.join(dataDir, entry.name), OWNER_ONLY_FILE_MODE);
  }
  return problems;
}
