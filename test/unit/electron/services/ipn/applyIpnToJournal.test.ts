import { applyIpnToJournal } from '../../../../../electron/services/ipn/applyIpnToJournal';
import { openJournal, type Journal, type NewAttempt } from '../../../../../electron/services/journal/journal';
import type { GatewayTransaction } from '../../../../../shared/gateway/nihaopay/nihaopayTypes';
import { makeTempDir } from '../../../../fixtures/tempDir';

let journal: Journal;
let cleanup: () => void;

beforeEach(() => {
  const temp = makeTempDir('counterpay-ipn-');
  cleanup = temp.cleanup;
  journal = openJournal(temp.dir);
});
afterEach(() => {
  journal.close();
  cleanup();
});

const ATTEMPT: NewAttempt = { reference: 'CPQR1', kind: 'sale', method: 'showqrcode', amount: 1234, currency: 'USD', vendor: 'alipay', environment: 'training', training: true };

function ipn(overrides: Partial<GatewayTransaction> = {}): GatewayTransaction {
  return {
    id: '20240305060708000001',
    status: 'success',
    amount: 1234,
    currency: 'USD',
    reference: 'CPQR1',
    time: '2024-03-05T06:07:08Z',
    note: null,
    vendorTransactionId: '9920240305060708000001000000',
    ...overrides,
  };
}

/** Events the journal wrote for the reference, read straight from its SQLite file. */
async function events(reference: string): Promise<string[]> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(journal.filePath, { readonly: true });
  try {
    return (db.prepare('SELECT state FROM attempt_events WHERE reference = ? ORDER BY id').all(reference) as Array<{ state: string }>).map((row) => row.state);
  } finally {
    db.close();
  }
}

describe('applyIpnToJournal', () => {
  it('settles a pending sale as paid, with the ids and time from the IPN', async () => {
    journal.insert(ATTEMPT);
    journal.update('CPQR1', { state: 'sent' });
    journal.update('CPQR1', { state: 'pending', transactionId: '20240305060708000001' });
    expect(applyIpnToJournal(journal, ipn())).toEqual({ written: true });
    expect(journal.get('CPQR1')).toMatchObject({
      state: 'success',
      transactionId: '20240305060708000001',
      vendorTransactionId: '9920240305060708000001000000',
      gatewayTime: '2024-03-05T06:07:08Z',
    });
  });

  it('writes a duplicate IPN once: the second changes nothing', async () => {
    journal.insert(ATTEMPT);
    journal.update('CPQR1', { state: 'sent' });
    expect(applyIpnToJournal(journal, ipn())).toEqual({ written: true });
    const before = journal.get('CPQR1');
    expect(applyIpnToJournal(journal, ipn())).toEqual({ written: false, reason: 'unchanged' });
    expect(journal.get('CPQR1')).toEqual(before);
    expect(await events('CPQR1')).toEqual(['created', 'sent', 'success']);
  });

  it('never lets a late pending overwrite success', async () => {
    journal.insert(ATTEMPT);
    journal.update('CPQR1', { state: 'sent' });
    applyIpnToJournal(journal, ipn());
    expect(applyIpnToJournal(journal, ipn({ status: 'pending' }))).toEqual({ written: false, reason: 'stale' });
    expect(journal.get('CPQR1')?.state).toBe('success');
    expect(await events('CPQR1')).toEqual(['created', 'sent', 'success']);
  });

  it('never lets a late pending overwrite failure, nor success overwrite failure', () => {
    journal.insert(ATTEMPT);
    journal.update('CPQR1', { state: 'sent' });
    expect(applyIpnToJournal(journal, ipn({ status: 'failure', vendorTransactionId: undefined }))).toEqual({ written: true });
    expect(journal.get('CPQR1')).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_DECLINED' });
    expect(applyIpnToJournal(journal, ipn({ status: 'pending' }))).toMatchObject({ written: false, reason: 'stale' });
    expect(applyIpnToJournal(journal, ipn())).toMatchObject({ written: false, reason: 'illegal' });
    expect(journal.get('CPQR1')?.state).toBe('failure');
  });

  it('reads a closed (expired) QR code as a sale that did not happen', () => {
    journal.insert(ATTEMPT);
    journal.update('CPQR1', { state: 'sent' });
    journal.update('CPQR1', { state: 'pending' });
    expect(applyIpnToJournal(journal, ipn({ status: 'closed' }))).toEqual({ written: true });
    // Expired, as the show-QR look-up records it (the display says "expired", not "failed").
    expect(journal.get('CPQR1')).toMatchObject({ state: 'failure', errorCode: 'SHOW_QR_EXPIRED' });
  });

  it('moves a sale still marked created through sent, since the IPN proves it was sent', async () => {
    journal.insert(ATTEMPT);
    expect(applyIpnToJournal(journal, ipn())).toEqual({ written: true });
    expect(await events('CPQR1')).toEqual(['created', 'sent', 'success']);
  });

  it('settles a sale that needed attention', () => {
    journal.insert(ATTEMPT);
    journal.update('CPQR1', { state: 'sent' });
    journal.update('CPQR1', { state: 'unknown' });
    journal.update('CPQR1', { state: 'needs_attention' });
    expect(applyIpnToJournal(journal, ipn())).toEqual({ written: true });
    expect(journal.get('CPQR1')?.state).toBe('success');
  });

  it.each([
    ['another amount', { amount: 1 }, /amount 1 where the journal holds 1234/],
    ['another currency', { currency: 'JPY' }, /currency JPY/],
    ['another transaction id', { id: '99999999999999999999' }, /transaction 99999999999999999999/],
  ])('does not believe an IPN about %s', (_name, change, problem) => {
    journal.insert(ATTEMPT);
    journal.update('CPQR1', { state: 'sent' });
    journal.update('CPQR1', { state: 'pending', transactionId: '20240305060708000001' });
    const outcome = applyIpnToJournal(journal, ipn(change));
    expect(outcome).toMatchObject({ written: false, reason: 'mismatch' });
    if (outcome.written === false && outcome.reason === 'mismatch') expect(outcome.problem).toMatch(problem);
    expect(journal.get('CPQR1')?.state).toBe('pending');
  });

  it('does not apply a sale IPN to a refund under the same reference', () => {
    journal.insert({ ...ATTEMPT, kind: 'refund', method: 'refund' });
    expect(applyIpnToJournal(journal, ipn())).toMatchObject({ written: false, reason: 'mismatch' });
  });

  it('says so when the journal has no such reference', () => {
    expect(applyIpnToJournal(journal, ipn({ reference: 'NOTOURS1' }))).toEqual({ written: false, reason: 'missing' });
  });
});
