import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DayReportDocument } from '../../shared/bridge/backOfficeContract';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { CallResult } from '../../shared/errors/posErrors';
import { SAMPLE_PAYMENT_CODES, type Vendor } from '../../shared/payments/vendors';
import { ROOT, SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';
import { chartSegments } from './fixtures/chartChecks';

const PIN = '1357';
const REPORT_DIR = path.join(ROOT, 'test-results', 'reports');

type Totals = Record<string, { sales: number; refunds: number; salesCount: number; refundsCount: number }>;
const add = (totals: Totals, key: string, kind: 'sale' | 'refund', amount: number) => {
  const line = (totals[key] ??= { sales: 0, refunds: 0, salesCount: 0, refundsCount: 0 });
  if (kind === 'sale') {
    line.sales += amount;
    line.salesCount += 1;
  } else {
    line.refunds += amount;
    line.refundsCount += 1;
  }
};

/**
 * X and Z reports for a seeded day of real sales, declines and refunds (through the app's
 * calls, the sandbox over HTTP) in two currencies: every total equals what the journal
 * holds and what the sandbox booked, to the minor unit, on screen and in the CSV.
 */
describe('X and Z reports', () => {
  let browser: Browser;
  let pos: PosHarness;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    fs.mkdirSync(REPORT_DIR, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    pos = await startPos();
    expect(await pos.app.call('setManagerPin', { newPin: PIN })).toMatchObject({ ok: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await pos.close();
  });

  const call = async <T = AppSnapshot>(name: string, args: unknown = {}) => (await pos.app.call(name, args)) as CallResult<T>;

  async function sale(amount: number, vendor: Vendor): Promise<string | undefined> {
    expect(await call('startSale', { amount })).toMatchObject({ ok: true });
    await call('submitScan', { code: SAMPLE_PAYMENT_CODES[vendor], source: 'manual' });
    await pos.app.settled();
    const row = pos.app.journal.recent(1)[0]!;
    if (row.state === 'success' || row.state === 'failure') await call('newSale');
    return row.state === 'success' ? row.transactionId : undefined;
  }
  async function refund(transactionId: string, amount: number, currency: string) {
    expect(await call('refund', { pin: PIN, transactionId, amount, currency, reason: 'seeded' })).toMatchObject({ ok: true, value: { state: 'success' } });
  }

  /** A day at the counter: three wallets, approvals, declines, partial and full refunds, USD then JPY. */
  async function seedDay() {
    const a = (await sale(1234, 'alipay'))!;
    await sale(2500, 'wechatpay');
    const c = (await sale(999, 'unionpay'))!;
    await sale(1251, 'alipay'); // declined: counted as failed, never as money
    const e = (await sale(40_000, 'alipay'))!;
    await refund(a, 234, 'USD');
    await refund(c, 999, 'USD');
    await refund(e, 10_001, 'USD');
    expect(await call('updateSettings', { pin: PIN, change: { currency: 'JPY', maxAmount: 1_000_000 } })).toMatchObject({ ok: true });
    const y = (await sale(5000, 'wechatpay'))!;
    await sale(777, 'unionpay');
    await refund(y, 1200, 'JPY');
    expect(await call('updateSettings', { pin: PIN, change: { currency: 'USD' } })).toMatchObject({ ok: true });
  }

  /** What the journal says, summed here from its rows (not through totals()). */
  function journalTotals(since = ''): Totals {
    const totals: Totals = {};
    for (const row of pos.app.journal.recent(10_000)) {
      if (row.state === 'success' && row.createdAt >= since) add(totals, `${row.vendor}|${row.currency}`, row.kind, row.amount);
    }
    return totals;
  }
  /** What the sandbox booked: its successful transactions and their refunds. */
  function sandboxTotals(): Totals {
    const totals: Totals = {};
    for (const t of pos.app.sandbox!.transactions.all()) {
      if (t.status !== 'success') continue;
      add(totals, `${t.vendor}|${t.currency}`, 'sale', t.amount);
      for (const r of t.refunds ?? []) add(totals, `${t.vendor}|${t.currency}`, 'refund', r.amount);
    }
    return totals;
  }
  function reportTotals(doc: DayReportDocument): Totals {
    return Object.fromEntries(
      doc.report.lines.map((l) => [`${l.vendor}|${l.currency}`, { sales: l.salesAmount, refunds: l.refundsAmount, salesCount: l.salesCount, refundsCount: l.refundsCount }]),
    );
  }
  /** The CSV's vendor rows, amounts back in minor units (USD cents, JPY yen). */
  function csvTotals(csv: string): Totals {
    const [header, ...rows] = csv.trim().split('\r\n').map((line) => line.split(','));
    const col = (name: string) => header!.indexOf(name);
    const minor = (text: string, currency: string) => (currency === 'JPY' ? Number(text) : Math.round(Number(text.replace('.', ''))));
    return Object.fromEntries(
      rows
        .filter((r) => r[col('section')] === 'vendor')
        .map((r) => {
          const currency = r[col('currency')]!;
          return [
            `${r[col('vendor')]}|${currency}`,
            {
              sales: minor(r[col('sales_amount')]!, currency),
              refunds: minor(r[col('refunds_amount')]!, currency),
              salesCount: Number(r[col('sales_count')]),
              refundsCount: Number(r[col('refunds_count')]),
            },
          ];
        }),
    );
  }

  it('X and Z totals equal the journal’s and the sandbox’s to the minor unit; Z starts a new day', async () => {
    await seedDay();
    const expected = journalTotals();
    expect(sandboxTotals()).toEqual(expected);
    expect(expected).toEqual({
      'alipay|USD': { sales: 41_234, refunds: 10_235, salesCount: 2, refundsCount: 2 },
      'wechatpay|USD': { sales: 2500, refunds: 0, salesCount: 1, refundsCount: 0 },
      'unionpay|USD': { sales: 999, refunds: 999, salesCount: 1, refundsCount: 1 },
      'wechatpay|JPY': { sales: 5000, refunds: 1200, salesCount: 1, refundsCount: 1 },
      'unionpay|JPY': { sales: 777, refunds: 0, salesCount: 1, refundsCount: 0 },
    });

    // X report on screen: the totals table shows the same money.
    await page.keyboard.press('F9');
    const report = page.getByTestId('day-report').first();
    await report.waitFor();
    await page.locator('.report-preview [data-testid="report-totals"] tr[data-currency="USD"] [data-field="net"]').filter({ hasText: '$334.99' }).waitFor();
    await expect(page.locator('.report-preview [data-testid="report-totals"] tr[data-currency="JPY"] [data-field="net"]').textContent()).resolves.toBe('JP¥4,577');
    await expect(page.locator('.report-preview [data-testid="report-lines"] tr[data-vendor="alipay"][data-currency="USD"] [data-field="refunds"]').textContent()).resolves.toBe('2 · $102.35');
    await screenshot(page, 'en-report-x');

    // The picture of the day: every bar segment is its table cell, and the cells are the journal's approved sales per local hour and wallet.
    const fromJournal = new Map<string, number>();
    for (const row of pos.app.journal.recent(10_000)) {
      if (row.kind !== 'sale' || row.state !== 'success') continue;
      const hour = new Date(row.createdAt);
      hour.setMinutes(0, 0, 0);
      const key = `${row.currency} ${hour.toISOString()} ${row.vendor}`;
      fromJournal.set(key, (fromJournal.get(key) ?? 0) + row.amount);
    }
    const fromTables = new Map<string, number>();
    for (const currency of ['USD', 'JPY']) {
      const group = page.locator(`.report-preview [data-testid="hourly-sales"] .hourly-sales-group[data-currency="${currency}"]`);
      const cells = await group.locator('tbody tr[data-hour] td[data-vendor]').evaluateAll((tds) => tds.map((td) => ({ hour: td.parentElement!.getAttribute('data-hour')!, vendor: td.getAttribute('data-vendor')!, minor: Number(td.getAttribute('data-minor')) })));
      const bars = await chartSegments(group.getByTestId(`hourly-chart-${currency}-training`));
      expect(bars.length).toBeGreaterThan(0);
      for (const bar of bars) expect(cells.find((c) => c.hour === bar.bar && c.vendor === bar.series)?.minor).toBe(bar.minor);
      for (const cell of cells) if (cell.minor !== 0) fromTables.set(`${currency} ${cell.hour} ${cell.vendor}`, cell.minor);
      expect(bars.filter((b) => b.minor !== 0).length).toBe(cells.filter((c) => c.minor !== 0).length);
    }
    expect(fromTables).toEqual(fromJournal);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.locator('.report-preview [data-testid="hourly-sales"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'en-report-x-chart-1366');
    await page.setViewportSize({ width: 1280, height: 1000 });
    // A roll prints no chart (the print copy is on the receipt printer's paper, 80 mm here).
    await expect(page.locator('.print-root [data-testid="hourly-sales"]').count()).resolves.toBe(0);

    const x = (await call<DayReportDocument>('getDayReport', { kind: 'x' })) as { ok: true; value: DayReportDocument };
    expect(reportTotals(x.value)).toEqual(expected);
    expect(csvTotals(x.value.csv)).toEqual(expected);
    const usd = x.value.report.totals.find((l) => l.currency === 'USD')!;
    expect(usd).toMatchObject({ salesAmount: 44_733, refundsAmount: 11_234, netAmount: 33_499, failedCount: 1, training: true });

    // The CSV as the browser downloads it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const saved = path.join(REPORT_DIR, download.suggestedFilename());
    await download.saveAs(saved);
    expect(csvTotals(fs.readFileSync(saved, 'utf8'))).toEqual(expected);

    // The report printed on the receipt printer (80 mm).
    await page.pdf({ path: path.join(REPORT_DIR, 'x-report-80mm.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(execFileSync('pdftotext', ['-layout', path.join(REPORT_DIR, 'x-report-80mm.pdf'), '-'], { encoding: 'utf8' })).not.toContain('Sales per hour');
    // On A4 the chart and its table are printed too.
    expect(await call('updateSettings', { pin: PIN, change: { receiptPaper: 'A4' } })).toMatchObject({ ok: true });
    await page.locator('.print-root [data-testid="hourly-sales"] svg').first().waitFor({ state: 'attached' });
    await page.pdf({ path: path.join(REPORT_DIR, 'x-report-A4.pdf'), preferCSSPageSize: true, printBackground: true });
    const a4 = execFileSync('pdftotext', ['-layout', path.join(REPORT_DIR, 'x-report-A4.pdf'), '-'], { encoding: 'utf8' });
    expect(a4).toContain('Approved sales per hour by wallet (USD)');
    expect(a4).toContain('Approved sales per hour by wallet (JPY)');
    expect(await call('updateSettings', { pin: PIN, change: { receiptPaper: '80mm' } })).toMatchObject({ ok: true });

    // Z: a wrong PIN is refused and audited; the right one closes the day.
    await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
    await page.locator('#close-pin').fill('0000');
    await page.getByRole('button', { name: 'Close the day', exact: true }).click();
    await page.getByText('Wrong PIN. 4 tries left before the keypad locks.').waitFor();
    expect(pos.app.journal.auditLog(1)[0]).toMatchObject({ action: 'day.close', outcome: 'refused', detail: 'PIN_WRONG' });
    await page.locator('#close-pin').fill(PIN);
    await page.getByRole('button', { name: 'Close the day', exact: true }).click();
    await page.locator('.report-preview [data-testid="day-report"][data-kind="z"]').waitFor();
    await page.getByRole('heading', { name: 'Z report 1' }).first().waitFor();
    await screenshot(page, 'en-report-z');
    const z = (await call<DayReportDocument>('getDayReport', { kind: 'z' })) as { ok: true; value: DayReportDocument };
    expect(z.value.report.closeId).toBe(1);
    expect(reportTotals(z.value)).toEqual(expected);
    expect(csvTotals(z.value.csv)).toEqual(expected);
    expect(pos.app.journal.auditLog(1)[0]).toMatchObject({ action: 'day.close', outcome: 'ok' });

    // The next business day starts empty, and only its own sales count.
    const afterZ = (await call<DayReportDocument>('getDayReport', { kind: 'x' })) as { ok: true; value: DayReportDocument };
    expect(afterZ.value.report.lines).toEqual([]);
    expect(afterZ.value.report.fromAt).toBe(z.value.report.toAt);
    await sale(300, 'alipay');
    const nextDay = (await call<DayReportDocument>('getDayReport', { kind: 'x' })) as { ok: true; value: DayReportDocument };
    expect(reportTotals(nextDay.value)).toEqual(journalTotals(z.value.report.toAt));
    expect(reportTotals(nextDay.value)).toEqual({ 'alipay|USD': { sales: 300, refunds: 0, salesCount: 1, refundsCount: 0 } });
  });

  it('lists what needs attention and works in Chinese', async () => {
    await sale(1234, 'alipay');
    expect(await call('updateSettings', { pin: PIN, change: { pendingDeadlineSeconds: 10 } })).toMatchObject({ ok: true });
    // The gateway answers nothing clearly: the sale's outcome stays unknown past the deadline.
    pos.app.sandbox!.setFault({ action: { kind: 'error', label: '99' }, times: 'always', pathPrefix: '/v1.2/transactions' });
    expect(await call('startSale', { amount: 700 })).toMatchObject({ ok: true });
    await call('submitScan', { code: SAMPLE_PAYMENT_CODES.wechatpay, source: 'manual' });
    await page.getByRole('heading', { name: 'Payment outcome unknown' }).waitFor({ timeout: 30_000 });
    const x = (await call<DayReportDocument>('getDayReport', { kind: 'x' })) as { ok: true; value: DayReportDocument };
    expect(x.value.report.needsAttention.map((a) => [a.amount, a.kind, a.state])).toEqual([[700, 'sale', 'needs_attention']]);
    expect(x.value.report.totals[0]).toMatchObject({ salesAmount: 1234 }); // the unknown one is not money yet

    await page.getByRole('button', { name: /Language/ }).click();
    await page.keyboard.press('F9');
    await page.locator('.report-preview [data-testid="day-report"]').waitFor();
    await page.locator('.report-preview .report-attention').waitFor();
    await screenshot(page, 'zh-report-x');
  });
});
