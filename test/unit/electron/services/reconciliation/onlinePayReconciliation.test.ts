import Database from 'better-sqlite3';
import path from 'node:path';
import { startOnlinePaySandbox, type OnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import { createOnlinePayClient } from '../../../../../electron/services/gateway/onlinepay/onlinePayClient';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { JOURNAL_FILE_NAME, openJournal, type Journal } from '../../../../../electron/services/journal/journal';
import { reconciliationCsv } from '../../../../../electron/services/reconciliation/reconciliationCsv';
import { reconcileGateways, reconcileOnlinePayDays } from '../../../../../electron/services/reconciliation/reconciliationService';
import type { OnlinePayApi } from '../../../../../shared/gateway/onlinepay/onlinePayApi';
import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { makeTempDir } from '../../../../fixtures/tempDir';

const KEY = 'reconcile-onlinepay-key-0123456789';

describe('reconciliation of the journal with OnlinePay’s payments list', () => {
  let onlinePay: OnlinePaySandbox;
  let nihaoPay: Sandbox;
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  const today = new Date().toISOString().slice(0, 10);
  const client = (): OnlinePayApi => createOnlinePayClient({ baseUrl: onlinePay.url, privateKey: KEY });

  beforeAll(async () => {
    onlinePay = await startOnlinePaySandbox({ privateKey: KEY });
    nihaoPay = await startSandbox({ token: 'reconcile-token-0123456789abcdef', port: 0 });
  });
  afterAll(async () => {
    await onlinePay.close();
    await nihaoPay.close();
  });
  beforeEach(() => {
    onlinePay.reset();
    nihaoPay.reset();
    temp = makeTempDir();
    journal = openJournal(temp.dir);
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  /** A card sale as the checkout journals it: created, sent, then approved by a card on the hosted page. */
  async function cardSale(reference: string, amount: number, outcome: 'success' | 'failure' = 'success') {
    journal.insert({ reference, kind: 'sale', gateway: 'onlinepay', method: 'hostedqr', amount, currency: 'USD', environment: 'training', training: true });
    journal.update(reference, { state: 'sent' });
    const created = await client().createPayment({ product: 'Counter sale', amount, currency: 'USD', orderNumber: reference });
    onlinePay.payByCard(created.token, { pan: '4111111111111111', threeDS: outcome === 'success' ? 'success' : 'fail' });
    const paid = await client().getPayment(created.token);
    journal.update(reference, { state: paid.status === 'approved' ? 'success' : 'failure', transactionId: paid.token, ...(paid.id !== undefined ? { vendorTransactionId: String(paid.id) } : {}) });
    return paid;
  }

  it('finds every seeded disagreement with OnlinePay (missing either side, amount, currency) and none that is not there', async () => {
    const paid = [];
    for (let i = 0; i < 8; i += 1) paid.push(await cardSale(`OPSALE${i}`, 1000 + i * 100));
    expect(paid.every((p) => p.status === 'approved')).toBe(true);
    const clean = await reconcileOnlinePayDays(journal, client(), today, today, true);
    expect(clean).toMatchObject({ matched: 8, missingInJournal: [], missingAtGateway: [], mismatched: [] });
    // Every page is read: at 3 a page the list still holds all eight.
    expect((await client().listPayments({ dateFrom: today, dateTo: today, operationType: 'all', perPage: 3 })).length).toBe(8);

    const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME));
    db.prepare('DELETE FROM attempt_events WHERE reference = ?').run('OPSALE0');
    db.prepare('DELETE FROM attempts WHERE reference = ?').run('OPSALE0'); // 1: a paid card sale the journal lost
    db.prepare("UPDATE attempts SET state = 'failure' WHERE reference = ?").run('OPSALE1'); // 2: paid there, failed here
    db.prepare('UPDATE attempts SET amount = amount + 1 WHERE reference = ?').run('OPSALE2'); // 3: one cent off
    db.prepare("UPDATE attempts SET currency = 'EUR' WHERE reference = ?").run('OPSALE3'); // 4: another currency
    db.close();
    journal.insert({ reference: 'OPGHOST1', kind: 'sale', gateway: 'onlinepay', method: 'hostedqr', amount: 4200, currency: 'USD', environment: 'training', training: true });
    journal.update('OPGHOST1', { state: 'sent' });
    journal.update('OPGHOST1', { state: 'success', transactionId: 'tok_not_at_onlinepay' }); // 5: paid here, unknown there

    const report = await reconcileOnlinePayDays(journal, client(), today, today, true);
    expect(report.missingInJournal.map((r) => r.reference).sort()).toEqual(['OPSALE0', 'OPSALE1']);
    expect(report.missingInJournal.find((r) => r.reference === 'OPSALE1')).toMatchObject({ gateway: 'onlinepay', journalState: 'failure', status: 'success', transactionId: paid[1]!.token, paymentId: String(paid[1]!.id) });
    expect(report.missingAtGateway.map((r) => r.reference)).toEqual(['OPGHOST1']);
    expect(report.mismatched).toEqual([
      { gateway: 'onlinepay', reference: 'OPSALE2', field: 'amount', journal: '1201', theirs: '1200' },
      { gateway: 'onlinepay', reference: 'OPSALE3', field: 'currency', journal: 'EUR', theirs: 'USD' },
    ]);
    expect(report.matched).toBe(4);
    const found = report.missingInJournal.length + report.missingAtGateway.length + report.mismatched.length;
    console.log(`OnlinePay reconciliation: ${found}/5 seeded disagreements found, ${report.matched} matched`);
    expect(found).toBe(5);
  });

  it('reports a declined card sale as agreeing (no money moved on either side) and a status that differs as such', async () => {
    await cardSale('OPDECL1', 1551, 'failure');
    const declined = await reconcileOnlinePayDays(journal, client(), today, today, true);
    expect(declined).toMatchObject({ matched: 0, missingInJournal: [], missingAtGateway: [], mismatched: [] });
    // The journal says paid, OnlinePay says declined.
    const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME));
    db.prepare("UPDATE attempts SET state = 'success' WHERE reference = ?").run('OPDECL1');
    db.close();
    const report = await reconcileOnlinePayDays(journal, client(), today, today, true);
    expect(report.missingAtGateway).toEqual([expect.objectContaining({ gateway: 'onlinepay', reference: 'OPDECL1', state: 'success', gatewayStatus: 'failure' })]);
  });

  it('puts both gateways in one report, and says OnlinePay could not be read rather than call its sales missing', async () => {
    await cardSale('OPBOTH1', 2500);
    const nihao = createNihaoPayClient({ baseUrl: nihaoPay.url, token: nihaoPay.token });
    await nihao.scanQrCode({ amount: 777, currency: 'USD', vendor: 'wechatpay', reference: 'NHNOTJOURNALED', buyerIdentityCode: SAMPLE_PAYMENT_CODES.wechatpay, clientIp: '192.0.2.9' });
    const both = await reconcileGateways(journal, { nihaopay: { client: nihao, training: true }, onlinepay: { client: client(), training: true } }, today, today);
    expect(both.gateways).toEqual([{ gateway: 'nihaopay', read: true }, { gateway: 'onlinepay', read: true }]);
    expect(both.matched).toBe(1);
    expect(both.missingInJournal.map((r) => [r.gateway, r.reference])).toEqual([['nihaopay', 'NHNOTJOURNALED']]);
    const csv = reconciliationCsv(both).split('\r\n');
    expect(csv[0]).toBe('finding,gateway,reference,field,journal,gateway_value,transaction_id,currency,amount_minor_units');
    expect(csv[1]).toMatch(/^missing_in_journal,nihaopay,NHNOTJOURNALED,,,success,/);

    // Not configured: unread, and its paid sale is not reported missing at OnlinePay.
    const unconfigured = await reconcileGateways(journal, { nihaopay: { client: nihao, training: true }, onlinepay: { error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'production' } } } }, today, today);
    expect(unconfigured.gateways).toEqual([{ gateway: 'nihaopay', read: true }, { gateway: 'onlinepay', read: false, error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'production' } } }]);
    expect(unconfigured.missingAtGateway).toEqual([]);
    expect(reconciliationCsv(unconfigured)).toContain('gateway_not_read,onlinepay,,,,GATEWAY_NOT_CONFIGURED,');

    // The list fails (wrong key): unread too, with OnlinePay's error, never a figure.
    const failing = await reconcileGateways(
      journal,
      { nihaopay: { client: nihao, training: true }, onlinepay: { client: createOnlinePayClient({ baseUrl: onlinePay.url, privateKey: 'wrong-key-0123456789abcdef' }), training: true } },
      today,
      today,
    );
    expect(failing.gateways![1]).toMatchObject({ gateway: 'onlinepay', read: false, error: { code: expect.stringMatching(/^GATEWAY_/) } });
    expect(failing.missingAtGateway).toEqual([]);
    expect(failing.matched).toBe(0);
  });
});
