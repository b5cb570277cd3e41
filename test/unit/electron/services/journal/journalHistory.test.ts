import { historyRowLabel } from '../../../../../shared/history/historyTypes';
import { openJournal, type Journal } from '../../../../../electron/services/journal/journal';
import { receiptScanOf } from '../../../../../electron/app/receiptScan';
import { makeTempDir } from '../../../../fixtures/tempDir';

describe('journal history, refunds and day closes', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let clock: number;
  beforeEach(() => {
    temp = makeTempDir();
    clock = Date.parse('2026-11-22T09:00:00Z');
    journal = openJournal(temp.dir, () => new Date(clock));
    // 30 attempts a minute apart: sales S00..S29 (every 3rd declined), refunds of S03 and S06.
    for (let i = 0; i < 30; i++) {
      clock += 60_000;
      const reference = `S${String(i).padStart(2, '0')}`;
      journal.insert({ reference, kind: 'sale', method: 'scanqrcode', amount: 100 * (i + 1), currency: i < 25 ? 'USD' : 'JPY', vendor: ['alipay', 'wechatpay', 'unionpay'][i % 3]!, environment: 'training', training: true });
      journal.update(reference, { state: 'sent' });
      journal.update(reference, i % 3 === 2 ? { state: 'failure' } : { state: 'success', transactionId: `2026112209${String(i).padStart(10, '0')}` });
    }
    for (const [reference, parent, amount] of [['R1', 3, 150], ['R2', 6, 700]] as const) {
      clock += 60_000;
      journal.insert({ reference, kind: 'refund', method: 'refund', amount, currency: 'USD', vendor: 'alipay', environment: 'training', training: true, parentTransactionId: `2026112209${String(parent).padStart(10, '0')}`, parentReference: `S0${parent}`, reason: 'test' });
    }
    journal.update('R1', { state: 'sent' });
    journal.update('R1', { state: 'success', transactionId: 'REFUNDID1' });
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  it('pages newest first with a keyset cursor, without gaps or repeats', () => {
    const seen: string[] = [];
    let page = journal.history({ limit: 7 });
    seen.push(...page.rows.map((r) => r.reference));
    while (page.next) {
      page = journal.history({ limit: 7, after: page.next });
      seen.push(...page.rows.map((r) => r.reference));
    }
    expect(seen).toEqual(['R2', 'R1', ...Array.from({ length: 30 }, (_, i) => `S${String(29 - i).padStart(2, '0')}`)]);
  });

  it('filters by kind, vendor, status, currency, amount and time, and searches ids and references', () => {
    const refs = (query: Parameters<Journal['history']>[0]) => journal.history(query).rows.map((r) => r.reference);
    expect(refs({ kind: 'refund' })).toEqual(['R2', 'R1']);
    expect(refs({ status: 'unsettled' })).toEqual(['R2']);
    expect(refs({ vendor: 'unionpay', status: 'success' })).toEqual([]);
    expect(refs({ currency: 'JPY', status: 'failure' })).toEqual(['S29', 'S26']);
    expect(refs({ kind: 'sale', minAmount: 2700, maxAmount: 2900 })).toEqual(['S28', 'S27', 'S26']);
    expect(refs({ from: '2026-11-22T09:02:00.000Z', to: '2026-11-22T09:04:00.000Z' })).toEqual(['S02', 'S01']);
    expect(refs({ search: '20261122090000000003' })).toEqual(['R1', 'S03']); // the sale and its refund
    expect(refs({ search: 'REFUNDID1' })).toEqual(['R1']);
    expect(refs({ search: 'S1' })).toHaveLength(10);
  });

  it('finds the search text anywhere in an id, case-blind, and the wallet transaction id too', () => {
    const refs = (search: string) => journal.history({ search }).rows.map((r) => r.reference);
    clock += 60_000;
    journal.insert({ reference: 'W1', kind: 'sale', method: 'scanqrcode', amount: 100, currency: 'USD', vendor: 'wechatpay', environment: 'training', training: true });
    journal.update('W1', { state: 'sent' });
    journal.update('W1', { state: 'success', transactionId: '20261122090000000099', vendorTransactionId: '4200001234202611225551234567' });
    expect(refs('0000000003')).toEqual(['R1', 'S03']); // the middle of the sale's id, and the refund's parent id
    expect(refs('FUNDID')).toEqual(['R1']); // inside a refund id
    expect(refs('fundid1')).toEqual(['R1']); // case-blind
    expect(refs('5551234')).toEqual(['W1']); // the wallet's transaction id
    expect(refs('29')).toContain('S29');
    // Letters and digits only reach here (the call schema); even so, nothing in the text is a pattern.
    expect(refs('S_1')).toEqual([]);
    expect(refs('%')).toEqual([]);
  });

  it('says what each approved sale has had refunded, so the list can tell refunded from partly refunded', () => {
    journal.update('R2', { state: 'sent' });
    journal.update('R2', { state: 'success', transactionId: 'REFUNDID2' });
    const rows = new Map(journal.history({ limit: 200 }).rows.map((r) => [r.reference, r]));
    expect(rows.get('S03')).toMatchObject({ amount: 400, refunded: 150 });
    expect(rows.get('S06')).toMatchObject({ amount: 700, refunded: 700 });
    expect(rows.get('S00')!.refunded).toBeUndefined();
    expect(rows.get('R1')!.refunded).toBeUndefined();
    expect(historyRowLabel(rows.get('S03')!)).toBe('partlyRefunded');
    expect(historyRowLabel(rows.get('S06')!)).toBe('refunded');
    expect(historyRowLabel(rows.get('S00')!)).toBe('success');
    expect(historyRowLabel(rows.get('S02')!)).toBe('failure');
    expect(historyRowLabel(rows.get('R1')!)).toBe('refund');
  });

  it('counts only completed refunds as refunded', () => {
    // R2 (700 of S06) is still unsettled: S06 is not "refunded" yet.
    const s06 = journal.history({ search: 'S06' }).rows.find((r) => r.reference === 'S06')!;
    expect(s06.refunded).toBeUndefined();
    expect(historyRowLabel(s06)).toBe('success');
  });

  it('filters by gateway and method, and says which on every row', () => {
    clock += 60_000;
    journal.insert({ reference: 'OP1', kind: 'sale', gateway: 'onlinepay', method: 'hostedqr', amount: 4321, currency: 'USD', environment: 'training', training: true });
    journal.update('OP1', { state: 'sent' });
    journal.update('OP1', { state: 'success', transactionId: '9f3c2ab04e', vendorTransactionId: '981' });
    clock += 60_000;
    journal.insert({ reference: 'OPR1', kind: 'refund', gateway: 'onlinepay', method: 'payout', amount: 21, currency: 'USD', environment: 'training', training: true, parentTransactionId: '9f3c2ab04e', parentReference: 'OP1', reason: 'test' });
    const refs = (query: Parameters<Journal['history']>[0]) => journal.history(query).rows.map((r) => r.reference);
    expect(refs({ gateway: 'onlinepay' })).toEqual(['OPR1', 'OP1']);
    expect(refs({ gateway: 'onlinepay', method: 'hostedqr' })).toEqual(['OP1']);
    expect(refs({ method: 'payout' })).toEqual(['OPR1']);
    expect(refs({ gateway: 'nihaopay', method: 'hostedqr' })).toEqual([]);
    expect(refs({ gateway: 'nihaopay' })).toHaveLength(32);
    expect(refs({ method: 'refund' })).toEqual(['R2', 'R1']);
    expect(journal.history({ gateway: 'onlinepay', limit: 1 }).rows[0]).toMatchObject({ reference: 'OPR1', gateway: 'onlinepay', method: 'payout' });
    // OnlinePay's tokens are lower-case hex: found however the cashier types them; our references too.
    expect(refs({ search: '9F3C2A' })).toEqual(['OPR1', 'OP1']);
    expect(refs({ search: '9f3c2ab04e' })).toEqual(['OPR1', 'OP1']);
    expect(refs({ search: 'op1' })).toEqual(['OP1']);
  });

  it('lists a sale’s refunds and finds it by transaction id', () => {
    expect(journal.saleByTransactionId('20261122090000000006')?.reference).toBe('S06');
    expect(journal.saleByTransactionId('REFUNDID1')).toBeUndefined(); // a refund id is not a sale
    expect(journal.refundsOf('20261122090000000003').map((r) => [r.reference, r.state, r.parentReference, r.reason])).toEqual([['R1', 'success', 'S03', 'test']]);
  });

  it('keeps day closes in order', () => {
    expect(journal.lastDayClose()).toBeUndefined();
    const id = journal.recordDayClose({ fromAt: 'a', toAt: 'b', closedAt: 'b', report: '{}' });
    journal.recordDayClose({ fromAt: 'b', toAt: 'c', closedAt: 'c', report: '{}' });
    expect(journal.lastDayClose()).toMatchObject({ fromAt: 'b', toAt: 'c' });
    expect(journal.dayClose(id)).toMatchObject({ id, toAt: 'b' });
  });

  it('takes a scanned receipt barcode for its sale only while no sale is under way', () => {
    expect(receiptScanOf('20261122090000000006', 'idle', journal, 1)).toEqual({ transactionId: '20261122090000000006', reference: 'S06', at: 1 });
    expect(receiptScanOf('20261122090000000099', 'approved', journal, 1)).toEqual({ transactionId: '20261122090000000099', at: 1 }); // not this terminal's
    expect(receiptScanOf('20261122090000000006', 'awaitingScan', journal, 1)).toBeUndefined();
    expect(receiptScanOf('20261122090000000006', 'processing', journal, 1)).toBeUndefined();
    expect(receiptScanOf('288463639882104202', 'idle', journal, 1)).toBeUndefined(); // a wallet code
  });
});
