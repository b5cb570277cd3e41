import Database from 'better-sqlite3';
import { openJournal, JOURNAL_FILE_NAME, type Journal, type NewAttempt } from '../../../../../electron/services/journal/journal';
import { JOURNAL_MIGRATIONS } from '../../../../../electron/services/journal/journalSchema';
import { makeTempDir } from '../../../../fixtures/tempDir';
import path from 'node:path';

const attempt = (reference: string, amount = 1234): NewAttempt => ({
  reference,
  kind: 'sale',
  method: 'scanqrcode',
  amount,
  currency: 'USD',
  vendor: 'alipay',
  environment: 'training',
  training: true,
  buyerCodeMasked: '**************4202',
});

describe('journal', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  beforeEach(() => {
    temp = makeTempDir();
    journal = openJournal(temp.dir);
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  it('is durable: WAL with synchronous=FULL, at the latest schema version', () => {
    const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(JOURNAL_MIGRATIONS.length);
    db.close();
    expect(journal.integrityCheck()).toBe('ok');
  });

  it('records an attempt in state created, then follows the state machine', () => {
    journal.insert(attempt('REF1'));
    expect(journal.get('REF1')).toMatchObject({ state: 'created', amount: 1234, currency: 'USD', training: true });
    expect(journal.update('REF1', { state: 'sent' })).toEqual({ written: true });
    expect(journal.update('REF1', { state: 'success', transactionId: '20261122000000000001', gatewayTime: '2026-11-22T00:00:00Z' })).toEqual({ written: true });
    expect(journal.get('REF1')).toMatchObject({ state: 'success', transactionId: '20261122000000000001' });
  });

  it('ignores a late pending after success and a duplicate final update', () => {
    journal.insert(attempt('REF2'));
    journal.update('REF2', { state: 'sent' });
    journal.update('REF2', { state: 'success', transactionId: 'T1' });
    expect(journal.update('REF2', { state: 'pending' })).toEqual({ written: false, reason: 'stale' });
    expect(journal.update('REF2', { state: 'success', transactionId: 'T1' })).toEqual({ written: false, reason: 'unchanged' });
    expect(journal.get('REF2')?.state).toBe('success');
  });

  it('refuses a second attempt with the same reference', () => {
    journal.insert(attempt('REF3'));
    expect(() => journal.insert(attempt('REF3'))).toThrow(/UNIQUE/);
  });

  it('refuses non-integer or non-positive amounts and bad references before writing', () => {
    expect(() => journal.insert(attempt('REF4', 12.5))).toThrow(RangeError);
    expect(() => journal.insert(attempt('REF5', 0))).toThrow(RangeError);
    expect(() => journal.insert(attempt('bad-ref'))).toThrow(RangeError);
    expect(journal.recent(10)).toEqual([]);
  });

  it('lists unfinished attempts for start-up recovery, and they survive reopening', () => {
    journal.insert(attempt('DONE'));
    journal.update('DONE', { state: 'sent' });
    journal.update('DONE', { state: 'failure' });
    journal.insert(attempt('OPEN1'));
    journal.insert(attempt('OPEN2'));
    journal.update('OPEN2', { state: 'sent' });
    journal.close();
    journal = openJournal(temp.dir);
    expect(journal.unfinished().map((a) => [a.reference, a.state])).toEqual([
      ['OPEN1', 'created'],
      ['OPEN2', 'sent'],
    ]);
  });

  it('says which gateway and method took each attempt, and refuses a method the gateway does not have', () => {
    journal.insert(attempt('CPNIHAO1'));
    journal.insert({ reference: 'CPONLINE1', kind: 'sale', gateway: 'onlinepay', method: 'hostedqr', amount: 1000, currency: 'CNY', environment: 'training', training: true });
    journal.insert({ reference: 'CPPAYOUT1', kind: 'refund', gateway: 'onlinepay', method: 'payout', amount: 400, currency: 'CNY', environment: 'training', training: true, parentReference: 'CPONLINE1' });
    expect(journal.get('CPNIHAO1')).toMatchObject({ gateway: 'nihaopay', method: 'scanqrcode' });
    expect(journal.get('CPONLINE1')).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr' });
    expect(journal.get('CPPAYOUT1')).toMatchObject({ gateway: 'onlinepay', method: 'payout', kind: 'refund' });
    for (const wrong of [
      { gateway: 'onlinepay', kind: 'sale', method: 'scanqrcode' },
      { gateway: 'nihaopay', kind: 'sale', method: 'hostedqr' },
      { gateway: 'nihaopay', kind: 'refund', method: 'payout' },
      { gateway: 'onlinepay', kind: 'refund', method: 'refund' },
      { gateway: 'paypal', kind: 'sale', method: 'scanqrcode' },
    ] as const) {
      expect(() => journal.insert({ ...attempt('CPWRONG1'), ...(wrong as unknown as Pick<NewAttempt, 'gateway' | 'kind' | 'method'>) }), JSON.stringify(wrong)).toThrow(RangeError);
    }
    expect(journal.get('CPWRONG1')).toBeUndefined();
  });

  it('reports an OnlinePay card sale, which names no wallet, under "onlinepay" in the day totals', () => {
    journal.insert(attempt('CPNIHAO2', 500));
    journal.insert({ reference: 'CPONLINE3', kind: 'sale', gateway: 'onlinepay', method: 'hostedqr', amount: 700, currency: 'USD', environment: 'training', training: true });
    const totals = journal.totals('1970-01-01T00:00:00.000Z', '9999-01-01T00:00:00.000Z');
    expect(totals.map((t) => [t.vendor, t.amount]).sort()).toEqual([
      ['alipay', 500],
      ['onlinepay', 700],
    ]);
  });

  it('keeps the OnlinePay payer\'s wallet token once a notification gave it, and does not lose it to a later update', () => {
    journal.insert({ reference: 'CPONLINE2', kind: 'sale', gateway: 'onlinepay', method: 'hostedqr', amount: 1000, currency: 'EUR', environment: 'training', training: true });
    journal.update('CPONLINE2', { state: 'sent' });
    journal.update('CPONLINE2', { state: 'pending', transactionId: 'tok-1', walletToken: 'wallet-abc' });
    journal.update('CPONLINE2', { state: 'success' });
    expect(journal.get('CPONLINE2')).toMatchObject({ state: 'success', transactionId: 'tok-1', walletToken: 'wallet-abc' });
  });

  it('refuses to open a journal from a newer app version', () => {
    journal.close();
    const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME));
    db.pragma(`user_version = ${JOURNAL_MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openJournal(temp.dir)).toThrow(/newer than this app/);
    journal = openJournal(makeTempDir().dir); // keep afterEach's close() valid
  });
});

describe('journal totals', () => {
  it('sums integer minor units per kind, vendor, currency and state within the range', () => {
    const temp = makeTempDir();
    let clock = Date.parse('2026-11-22T08:00:00Z');
    const journal = openJournal(temp.dir, () => new Date(clock));
    const add = (reference: string, amount: number, vendor: string, final: 'success' | 'failure') => {
      journal.insert({ ...attempt(reference, amount), vendor });
      journal.update(reference, { state: 'sent' });
      journal.update(reference, { state: final });
      clock += 60_000;
    };
    add('A1', 1234, 'alipay', 'success');
    add('A2', 1, 'alipay', 'success');
    add('W1', 999, 'wechatpay', 'success');
    add('W2', 500, 'wechatpay', 'failure');
    clock = Date.parse('2026-11-23T08:00:00Z');
    add('NEXTDAY', 7777, 'alipay', 'success');
    expect(journal.totals('2026-11-22T00:00:00.000Z', '2026-11-23T00:00:00.000Z')).toEqual([
      { kind: 'sale', vendor: 'alipay', currency: 'USD', state: 'success', training: true, count: 2, amount: 1235 },
      { kind: 'sale', vendor: 'wechatpay', currency: 'USD', state: 'failure', training: true, count: 1, amount: 500 },
      { kind: 'sale', vendor: 'wechatpay', currency: 'USD', state: 'success', training: true, count: 1, amount: 999 },
    ]);
    journal.close();
    temp.cleanup();
  });
});
