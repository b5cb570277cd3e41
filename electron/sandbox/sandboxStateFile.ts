import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a built-in sandbox keeps its books between runs (training's ledgers live in the
 * data folder), so a training sale can still be refunded or looked up after a restart and
 * one interrupted by a crash is settled by look-up like a real one. Written whole on each
 * change, before the reply leaves, through a temporary file and a rename: a kill leaves
 * the old file or the new one, never half of one. A file that cannot be read is moved
 * aside (never overwritten) and the sandbox starts with empty books, as a gateway that
 * lost its test data would.
 */
export interface SandboxStateFile<T> {
  /** The books of the last run; undefined when there were none or they could not be read. */
  load(): T | undefined;
  save(state: T): void;
  /** Set when load() found a file it could not read: where that file was moved. */
  readonly setAside?: string;
}

export function openSandboxStateFile<T>(file: string, isState: (value: unknown) => value is T): SandboxStateFile<T> {
  let setAside: string | undefined;
  return {
    load() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      try {
        const value: unknown = JSON.parse(text);
        if (isState(value)) return value;
      } catch {
        // Falls through: not JSON.
      }
      setAside = `${file}.unreadable-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
      fs.renameSync(file, setAside);
      return undefined;
    },
    save(state) {
      const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
      fs.writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 });
      fs.renameSync(temporary, file);
    },
    get setAside() {
      return setAside;
    },
  };
}
