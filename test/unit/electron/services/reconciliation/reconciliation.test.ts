import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { createCheckoutService } from '../../../../../electron/services/checkout/checkoutService';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { JOURNAL_FILE_NAME, openJournal, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { recordsFromTransactionsCsv, UnreadableTransactionFileError } from '../../../../../electron/services/reconciliation/gatewayRecords';
import { reconciliationCsv } from '../../../../../electron/services/reconciliation/reconciliationCsv';
import { reconcileDays } from '../../../../../electron/services/reconciliation/reconciliationService';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import { makeTempDir } from '../../../../fixtures/tempDir';

describe('reconciliation of the journal with the gateway', () => {
  let sandbox: Sandbox;
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    sandbox = await startSandbox({ token: 'reconcile-token-0123456789abcdef', port: 0 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    temp = makeTempDir();
    journal = openJournal(temp.dir);
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  const client = () => createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token });

  async function sellMany(amounts: number[]) {
    const checkout = createCheckoutService({
      gateway: client,
      journal,
      config: () => ({ currency: 'USD', maxAmount: 1_000_000, terminalName: 'REC', environment: 'training', training: true, pendingDeadlineMs: 60_000 }),
      clientIp: () => '192.0.2.9',
      randomBytes: (n) => crypto.randomBytes(n),
      random: Math.random,
      now: () => new Date(),
      sleep: async () => undefined,
      onChange: () => undefined,
      log: createLogger(() => undefined, () => []),
    });
    for (const amount of amounts) {
      checkout.startSale(amount);
      checkout.submitScan(SAMPLE_PAYMENT_CODES.alipay, 'hid');
      await checkout.idle();
      checkout.newSale();
    }
    checkout.close();
  }

  it('finds every seeded mismatch (K/K) and reports none that are not there', async () => {
    // 30 sales: 24 approved, 6 declined (amounts ending 51).
    await sellMany(Array.from({ length: 30 }, (_, i) => (i % 5 === 4 ? 1051 + i * 100 : 1234 + i * 100)));
    const paid = journal.recent(100).filter((r) => r.state === 'success');
    expect(paid).toHaveLength(24);
    const clean = await reconcileDays(journal, client(), today, today, true);
    expect(clean).toMatchObject({ matched: 24, missingInJournal: [], missingAtGateway: [], mismatched: [] });

    // Seed K = 6 disagreements of every kind.
    const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME));
    const [lost, failedHere, wrongAmount, wrongId] = paid;
    db.prepare('DELETE FROM attempt_events WHERE reference = ?').run(lost!.reference);
    db.prepare('DELETE FROM attempts WHERE reference = ?').run(lost!.reference); // 1: a paid sale the journal lost
    db.prepare("UPDATE attempts SET state = 'failure' WHERE reference = ?").run(failedHere!.reference); // 2: paid there, failed here
    db.prepare('UPDATE attempts SET amount = amount + 1 WHERE reference = ?').run(wrongAmount!.reference); // 3: one cent off
    db.prepare("UPDATE attempts SET transaction_id = '20990101000000999999' WHERE reference = ?").run(wrongId!.reference); // 4: another transaction id
    db.close();
    journal.insert({ reference: 'GHOSTSALE1', kind: 'sale', method: 'scanqrcode', amount: 4200, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
    journal.update('GHOSTSALE1', { state: 'sent' });
    journal.update('GHOSTSALE1', { state: 'success', transactionId: '20990101000000000001' }); // 5: paid here, unknown there
    await client().scanQrCode({ amount: 777, currency: 'USD', vendor: 'wechatpay', reference: 'NOTJOURNALED1', buyerIdentityCode: SAMPLE_PAYMENT_CODES.wechatpay, clientIp: '192.0.2.9' }); // 6: taken behind the till's back

    const report = await reconcileDays(journal, client(), today, today, true);
    expect(report.missingInJournal.map((r) => r.reference).sort()).toEqual([lost!.reference, failedHere!.reference, 'NOTJOURNALED1'].sort());
    expect(report.missingAtGateway.map((r) => r.reference)).toEqual(['GHOSTSALE1']);
    expect(report.mismatched).toEqual(
      expect.arrayContaining([
        { gateway: 'nihaopay', reference: wrongAmount!.reference, field: 'amount', journal: String(wrongAmount!.amount + 1), theirs: String(wrongAmount!.amount) },
        { gateway: 'nihaopay', reference: wrongId!.reference, field: 'transactionId', journal: '20990101000000999999', theirs: wrongId!.transactionId },
      ]),
    );
    const found = report.missingInJournal.length + report.missingAtGateway.length + report.mismatched.length;
    console.log(`reconciliation: ${found}/6 seeded mismatches found, ${report.matched} matched, 0 expected false findings`);
    expect(found).toBe(6);
    expect(report.matched).toBe(20);

    const csv = reconciliationCsv(report);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 6);
    expect(csv).toContain(`missing_in_journal,nihaopay,NOTJOURNALED1,,,success,`);
    expect(csv).toContain(`missing_in_journal,nihaopay,${failedHere!.reference},,failure,success,`);
  });

  it('leaves training sales out when reconciling a real environment', async () => {
    await sellMany([1234, 2234]);
    const report = await reconcileDays(journal, client(), today, today, false);
    expect(report.missingAtGateway).toEqual([]);
    expect(report.missingInJournal).toHaveLength(2); // the sandbox has them; no real-money journal row does
  });

  it('refuses a transaction file it cannot read instead of reporting half of it', () => {
    expect(() => recordsFromTransactionsCsv({ header: ['id', 'amount'], rows: [] })).toThrow(UnreadableTransactionFileError);
    expect(() => recordsFromTransactionsCsv({ header: ['transaction_id', 'reference', 'status', 'currency', 'amount'], rows: [['1', 'R', 'success', 'USD', '12.345']] })).toThrow(/not an amount in USD/);
    expect(recordsFromTransactionsCsv({ header: ['Reference', 'TRANSACTION_ID', 'amount', 'currency', 'status'], rows: [['R1', 'T1', '12.34', 'usd', 'SUCCESS']] })).toEqual([
      { gateway: 'nihaopay', reference: 'R1', transactionId: 'T1', amount: 1234, currency: 'USD', status: 'success', time: '' },
    ]);
  });

  it('keeps spreadsheet formulas out of the exported CSV', () => {
    const csv = reconciliationCsv({ from: today, to: today, matched: 0, missingInJournal: [{ gateway: 'nihaopay', reference: '=HYPERLINK("x")', transactionId: 'T', status: 'success', currency: 'USD', amount: 1, time: '' }], missingAtGateway: [], mismatched: [] });
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
