import fs from 'node:fs';
import path from 'node:path';
import { openJournal, JOURNAL_FILE_NAME, type Journal, type NewAttempt } from '../../../../../electron/services/journal/journal';
import { JournalReplacedError, journalRefusal, recordJournalFileIdentity } from '../../../../../electron/services/journal/journalFileIdentity';
import { makeTempDir } from '../../../../fixtures/tempDir';

const attempt = (reference: string): NewAttempt => ({
  reference,
  kind: 'sale',
  method: 'scanqrcode',
  amount: 1234,
  currency: 'USD',
  vendor: 'alipay',
  environment: 'training',
  training: true,
});

/**
 * The journal notices when the file it writes to is no longer the one on disk: a deleted
 * `journal.sqlite` or `-wal` would otherwise swallow every later payment without a trace.
 */
describe('journal file identity', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let dbPath: string;
  beforeEach(() => {
    temp = makeTempDir();
    journal = openJournal(temp.dir);
    dbPath = path.join(temp.dir, JOURNAL_FILE_NAME);
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  it('lets money-moving writes through while the files are the ones opened', () => {
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(true);
    journal.insert(attempt('REF1'));
    expect(journal.update('REF1', { state: 'sent' })).toEqual({ written: true });
    expect(journal.get('REF1')!.state).toBe('sent');
  });

  it.each([
    ['the database is deleted', () => fs.rmSync(dbPath), /database .* was deleted/],
    ['the write-ahead log is deleted', () => fs.rmSync(`${dbPath}-wal`), /write-ahead log .* was deleted/],
    [
      'the database is replaced by a copy of itself',
      () => {
        fs.copyFileSync(dbPath, `${dbPath}.copy`);
        fs.renameSync(`${dbPath}.copy`, dbPath);
      },
      /database .* was replaced by another file/,
    ],
  ])('refuses the insert and the "sent" mark once %s', (_name, tamper, problem) => {
    journal.insert(attempt('BEFORE1'));
    tamper();
    expect(() => journal.insert(attempt('AFTER1'))).toThrow(JournalReplacedError);
    expect(() => journal.insert(attempt('AFTER1'))).toThrow(problem);
    expect(() => journal.update('BEFORE1', { state: 'sent' })).toThrow(JournalReplacedError);
    // The refused writes did not happen, even in the file still open.
    expect(journal.get('AFTER1')).toBeUndefined();
    expect(journal.get('BEFORE1')!.state).toBe('created');
    // Writes after a request went out are not refused: what the gateway did must still be recorded where it can be.
    expect(journal.update('BEFORE1', { state: 'failure', errorCode: 'PAYMENT_NOT_SENT' })).toEqual({ written: true });
  });

  it('tells the cashier a replaced journal apart from one that cannot be written', () => {
    expect(journalRefusal(new JournalReplacedError('database x was deleted'))).toEqual({ code: 'JOURNAL_REPLACED' });
    expect(journalRefusal(new Error('SQLITE_FULL: database or disk is full'))).toEqual({ code: 'JOURNAL_UNAVAILABLE' });
  });

  it('costs two stat calls: microseconds beside a write that waits for fsync', () => {
    const identity = recordJournalFileIdentity(dbPath, true);
    const rounds = 20_000;
    for (let i = 0; i < 1_000; i += 1) identity.assertUnchanged();
    const checkStart = process.hrtime.bigint();
    for (let i = 0; i < rounds; i += 1) identity.assertUnchanged();
    const checkUs = Number(process.hrtime.bigint() - checkStart) / 1_000 / rounds;
    const writes = 50;
    const writeStart = process.hrtime.bigint();
    for (let i = 0; i < writes; i += 1) journal.insert(attempt(`COST${i}`));
    const insertUs = Number(process.hrtime.bigint() - writeStart) / 1_000 / writes;
    console.info(`journal file identity check: ${checkUs.toFixed(1)} µs; one journaled insert (synchronous=FULL): ${insertUs.toFixed(0)} µs`);
    // Not a benchmark assertion: only that the check is not of the same order as the write it guards.
    expect(checkUs).toBeLessThan(insertUs);
  });
});
