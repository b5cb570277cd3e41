import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { JOURNAL_FILE_NAME } from '../../electron/services/journal/journal';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { MANAGER_PIN as PIN, managerSuite } from './fixtures/managerSuite';
import { screenshot, type PosHarness } from './fixtures/posHarness';

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The settlement check against the training sandbox (issue 17). Yesterday at the sandbox:
 * three sales and a refund through the till, and K = 4 discrepancies seeded as they happen
 * in a shop — a payment taken at NihaoPay by another client, a refund made there by
 * another client, a till record whose amount differs from the gateway's, and a sale the
 * till holds as paid that NihaoPay never paid out. Today: the trainer's withdrawal, then one
 * more sale (waiting for the next withdrawal, not a discrepancy). The check of the
 * withdrawal and the check of the days (through the billing file) each find the 4, and no
 * others; the CSV says the same.
 */
describe('the settlement check', () => {
  const suite = managerSuite();
  const { call, sale } = suite;
  let pos: PosHarness;
  let page: Page;
  beforeEach(() => {
    // Yesterday at the sandbox, until the test moves its clock to today.
    suite.sandboxOffsetMs = -DAY_MS;
    pos = suite.pos;
    page = suite.page;
  });

  /** Another client of the same NihaoPay account, over HTTP as the document writes it. */
  async function sandboxPost(urlPath: string, fields: Record<string, string>): Promise<Record<string, unknown>> {
    const sandbox = pos.app.sandbox!;
    const response = await fetch(`${sandbox.url}${urlPath}`, { method: 'POST', headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  }

  type Row = { finding: string; discrepancy: boolean; transactionId: string; refundId: string };
  async function findingsOnScreen(): Promise<Row[]> {
    await page.locator('[data-testid="settlement"]').waitFor();
    return page.locator('[data-testid="settlement"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => ({ finding: row.getAttribute('data-finding')!, discrepancy: row.getAttribute('data-discrepancy') === 'true', transactionId: row.getAttribute('data-transaction-id')!, refundId: row.getAttribute('data-refund-id')! })),
    );
  }
  const keyOf = (r: { finding: string; transactionId: string; refundId: string }) => `${r.finding} ${r.transactionId}${r.refundId ? `/${r.refundId}` : ''}`;

  it('finds every seeded discrepancy (K/K) and no others, for the withdrawal and for the days, on screen and in the CSV', async () => {
    // Yesterday, through the till.
    const a = await sale(1234, 'alipay');
    const b = await sale(2500, 'wechatpay');
    const c = await sale(800, 'unionpay');
    expect(await call('refund', { pin: PIN, transactionId: a.transactionId, amount: 234, currency: 'USD', reason: 'settlement test' })).toMatchObject({ ok: true, value: { state: 'success' } });
    const aRefund = pos.app.journal.refundsOf(a.transactionId)[0]!.transactionId!;

    // Seed 1: a payment another client took at NihaoPay (the same account), unknown to this till.
    const other = await sandboxPost('/v1.2/transactions/scanqrcode', { amount: '777', currency: 'USD', vendor: 'alipay', reference: 'OTHERTILL0001', buyer_identity_code: SAMPLE_PAYMENT_CODES.alipay, client_ip: '192.0.2.10' });
    expect(other.status).toBe('success');
    // Seed 2: a refund another client made at NihaoPay of one of this till's sales.
    const otherRefund = await sandboxPost(`/v1.2/transactions/${b.transactionId}/refund`, { amount: '500', currency: 'USD', reason: 'refunded elsewhere' });
    expect(otherRefund.status).toBe('success');
    // Seed 3: this till's record of sale c says another amount than the gateway took.
    const db = new Database(path.join(pos.dataDir, JOURNAL_FILE_NAME));
    expect(db.prepare('UPDATE attempts SET amount = 880 WHERE reference = ?').run(c.reference).changes).toBe(1);
    db.close();
    // Seed 4: a sale the till holds as paid yesterday that NihaoPay never paid out.
    const yesterday = new Date(Date.now() - DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
    pos.app.journal.insert({ reference: 'LOSTSALE0001', kind: 'sale', gateway: 'nihaopay', method: 'scanqrcode', amount: 4321, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
    pos.app.journal.update('LOSTSALE0001', { state: 'sent' });
    pos.app.journal.update('LOSTSALE0001', { state: 'success', transactionId: '20990101000000999999', gatewayTime: yesterday });

    // Today: the day settled, the trainer pays it out; then one more sale, waiting for the next withdrawal.
    suite.sandboxOffsetMs = 0;
    const withdrawal = pos.app.sandbox!.withdraw('USD');
    if (!withdrawal.ok) throw new Error('the sandbox made no withdrawal');
    const w = withdrawal.withdrawal;
    expect(w.amount + w.fee).toBe(1234 + 2500 + 800 - 234 + 777 - 500);
    const d = await sale(999, 'alipay');

    const expected = [
      `paidOut ${a.transactionId}`,
      `paidOut ${a.transactionId}/${aRefund}`,
      `paidOut ${b.transactionId}`,
      `notInJournal ${String(other.id)}`,
      `notInJournal ${b.transactionId}/${String(otherRefund.id)}`,
      `amountDiffers ${c.transactionId}`,
      'notPaidOut 20990101000000999999',
    ].sort();
    const seeded = new Set([`notInJournal ${String(other.id)}`, `notInJournal ${b.transactionId}/${String(otherRefund.id)}`, `amountDiffers ${c.transactionId}`, 'notPaidOut 20990101000000999999']);

    // The withdrawal's check, from its detail.
    // Back at a new sale on screen (the last sale was made through calls), then F7.
    await page.getByLabel('Amount (USD)').waitFor();
    await page.keyboard.press('F7');
    await page.getByRole('tab', { name: /Account/, selected: true }).waitFor();
    await page.getByLabel('Manager PIN').fill(PIN);
    await page.getByRole('button', { name: 'Show the account' }).click();
    await page.getByRole('button', { name: `Detail of withdrawal ${w.id}` }).click();
    await page.getByRole('button', { name: `Check withdrawal ${w.id} against the journal` }).click();
    const byWithdrawal = await findingsOnScreen();
    expect(byWithdrawal.map(keyOf).sort()).toEqual(expected);
    const found = byWithdrawal.filter((r) => r.discrepancy).map(keyOf);
    expect(found.filter((k) => seeded.has(k)).length).toBe(seeded.size); // K/K
    expect(found.length).toBe(seeded.size); // and no others
    await expect(page.locator('[data-testid="settlement"]').getAttribute('data-discrepancies')).resolves.toBe('4');
    await page.getByText('4 discrepancies to look into.').waitFor();
    // The amount that differs shows both sides, as money.
    const cRow = page.locator(`[data-testid="settlement"] tr[data-finding="amountDiffers"][data-transaction-id="${c.transactionId}"]`);
    await expect(cRow.locator('[data-field="amount"]').textContent()).resolves.toBe('$8.00');
    await expect(cRow.locator('[data-field="journal-amount"]').textContent()).resolves.toBe('$8.80');
    await expect(page.locator('[data-testid="settlement"] tr[data-finding="notPaidOut"] [data-field="age"]').textContent()).resolves.toBe('1 day');
    await screenshot(page, 'account-settlement-withdrawal-1366');

    // The same findings in the CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export the settlement check (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`settlement-${w.id}.csv`);
    const lines = fs.readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^finding,discrepancy,kind,transaction_id,refund_id,/);
    expect(lines.length - 1).toBe(expected.length);
    expect(lines.filter((l) => l.split(',')[1] === 'yes').length).toBe(4);

    // The days' check (yesterday and today, through the billing file): the same, and today's sale waiting.
    await page.getByLabel('From').fill(isoDay(Date.now() - DAY_MS));
    await page.getByLabel('To').fill(isoDay(Date.now()));
    await page.getByRole('button', { name: 'Check these days against the journal' }).click();
    await page.getByRole('heading', { name: new RegExp(`Settlement check: ${isoDay(Date.now() - DAY_MS)} to`) }).waitFor();
    const byDays = await findingsOnScreen();
    expect(byDays.map(keyOf).sort()).toEqual([...expected, `notPaidOut ${d.transactionId}`].sort());
    expect(byDays.filter((r) => r.discrepancy).map(keyOf).sort()).toEqual([...seeded].sort());
    expect(byDays.find((r) => r.transactionId === d.transactionId)).toMatchObject({ discrepancy: false });
    await page.getByText('Not paid out yet', { exact: true }).waitFor();
    await screenshot(page, 'account-settlement-days-1366');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'account-settlement-days-1024');
    expect(pos.app.journal.auditLog(10).filter((row) => row.action === 'account.settlement').length).toBe(2);
    // The same findings read in Japanese, as a Japanese merchant checks them.
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(await call('updateSettings', { pin: PIN, change: { cashierLanguages: { en: true, 'zh-CN': true, ja: true, 'zh-TW': false } } })).toMatchObject({ ok: true });
    expect(await call('setLanguage', { language: 'ja' })).toMatchObject({ ok: true });
    await page.getByText('確認が必要な差異が 4 件あります。').waitFor();
    await page.getByText('入金済みだが取引記録にない').first().waitFor();
    // The heading follows the language too (it is the scope, not the words of the moment it was asked).
    await page.getByRole('heading', { name: `入金照合: ${isoDay(Date.now() - DAY_MS)}～${isoDay(Date.now())}` }).waitFor();
    await screenshot(page, 'account-settlement-days-ja-1366');
  });
});
