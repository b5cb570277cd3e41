import fs from 'node:fs';

/**
 * The data folder holds the journal, the settings and, in browser mode, the merchant token.
 * On a computer shared by several OS users only ours may read them: the folder is 0700 and
 * every file in it 0600. Windows ignores these bits (its %APPDATA% folders are per user).
 */
export const OWNER_ONLY_FOLDER_MODE = 0o700;
export const OWNER_ONLY_FILE_MODE = 0o600;

/**
 * Makes each of `files` that exists owner-only, for files another library creates with
 * its own mode (SQLite's database, -wal and -shm come and go). Best effort: returns false
 * when one could not be changed; the data folder's check at start-up reports that.
 */
export function restrictFilesToOwner(files: readonly string[]): boolean {
  let all = true;
  for (const file of files) {
    try {
      fs.chmodSync(file, OWNER_ONLY_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') all = false;
    }
  }
  return all;
}
