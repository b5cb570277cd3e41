import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { CallResult } from '../../shared/errors/posErrors';
import type { Language } from '../../shared/settings/settingsView';
import { SAMPLE_PAYMENT_CODES, type Vendor } from '../../shared/payments/vendors';
import { SCREENSHOT_DIR, launchChromium, startPos, type PosHarness } from './fixtures/posHarness';

const PIN = '8642';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1024, height: 768 },
] as const;

/**
 * The back office as a cashier meets it on a 1024×768 or 1366×768 till: the history list's
 * filters, IDs and refund states, the refund form (empty, focused, its button on screen,
 * the PIN kept after a refusal not about it), day reports before the first Z and on a
 * receipt roll, and the scanner test panel's masking — in English and Chinese, with
 * screenshots of each screen at both sizes (only the viewport: what is seen without scrolling).
 */
describe('back office screens at 1366×768 and 1024×768', () => {
  let browser: Browser;
  let pos: PosHarness;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    pos = await startPos();
    expect(await pos.app.call('setManagerPin', { newPin: PIN })).toMatchObject({ ok: true });
    page = await browser.newPage({ viewport: SIZES[1] });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await pos.close();
  });

  const call = async <T = AppSnapshot>(name: string, args: unknown = {}) => (await pos.app.call(name, args)) as CallResult<T>;

  async function sale(amount: number, vendor: Vendor = 'alipay') {
    expect(await call('startSale', { amount })).toMatchObject({ ok: true });
    await call('submitScan', { code: SAMPLE_PAYMENT_CODES[vendor], source: 'manual' });
    await pos.app.settled();
    const row = pos.app.journal.recent(1)[0]!;
    expect(row).toMatchObject({ kind: 'sale', state: 'success' });
    await call('newSale');
    await page.locator('.cashier[data-phase="idle"]').waitFor();
    return row;
  }
  const refund = async (transactionId: string, amount: number) =>
    expect(await call('refund', { transactionId, amount, currency: 'USD', reason: 'returned', pin: PIN })).toMatchObject({ ok: true, value: { state: 'success' } });

  /** The viewport only, at each size: what the cashier sees without scrolling. */
  async function shots(name: string, language: Language) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.waitForTimeout(50);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `bo16-${language}-${name}-${size.width}x${size.height}.png`) });
    }
    await page.setViewportSize(SIZES[1]);
  }

  /** No two boxes overlap, and each is inside the viewport's width. */
  async function expectNoOverlap(selector: string) {
    const boxes = await page.locator(selector).evaluateAll((elements) => elements.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    const width = page.viewportSize()!.width;
    boxes.forEach((a, i) => {
      expect(a.right, `${selector} #${i} inside the window`).toBeLessThanOrEqual(width);
      boxes.slice(i + 1).forEach((b, j) => {
        const overlap = a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
        expect(overlap, `${selector} #${i} and #${i + j + 1} overlap`).toBe(false);
      });
    });
  }

  it('history: filters apart at 1024 px, IDs readable, refund states named, search anywhere in an ID, From after To an error at the filter', async () => {
    const full = await sale(1000);
    const part = await sale(2500, 'wechatpay');
    const plain = await sale(333, 'unionpay');
    await refund(full.transactionId!, 1000);
    await refund(part.transactionId!, 500);
    const wechat = pos.app.journal.get(part.reference)!;

    for (const language of ['en', 'zh-CN'] as const) {
      await call('setLanguage', { language });
      await page.keyboard.press('F8');
      const list = page.getByTestId('history-list');
      await list.locator(`button[data-reference="${plain.reference}"]`).waitFor();
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await expectNoOverlap('.history-filters > label, .history-filters > .history-filter-actions');
        await expectNoOverlap('.history-filters input, .history-filters select, .history-filters button');
      }
      await page.setViewportSize(SIZES[1]);
      await shots('history', language);
      await page.keyboard.press('Escape');
      await page.locator('.cashier[data-phase="idle"]').waitFor();
    }
    await call('setLanguage', { language: 'en' });
    await page.keyboard.press('F8');
    const list = page.getByTestId('history-list');
    const rowOf = (reference: string) => list.locator(`button[data-reference="${reference}"]`);
    await rowOf(plain.reference).waitFor();

    // Refund states.
    await expect(rowOf(full.reference).locator('[data-field="state"]').textContent()).resolves.toBe('Refunded');
    await expect(rowOf(part.reference).locator('[data-field="state"]').textContent()).resolves.toBe('Partly refunded');
    await expect(rowOf(plain.reference).locator('[data-field="state"]').textContent()).resolves.toBe('Approved');
    const refundRows = list.locator('button.history-row.kind-refund');
    expect(await refundRows.count()).toBe(2);
    expect(await refundRows.locator('[data-field="state"]').allTextContents()).toEqual(['Refund', 'Refund']);

    // IDs: the whole value on hover (title), the end (where IDs differ) always on screen.
    const id = rowOf(plain.reference).locator('[data-field="transaction-id"]');
    await expect(id.getAttribute('title')).resolves.toBe(plain.transactionId);
    const tail = id.locator('.middle-ellipsis-tail');
    await expect(tail.textContent()).resolves.toBe(plain.transactionId!.slice(-6));
    const tailBox = (await tail.boundingBox())!;
    const idBox = (await id.boundingBox())!;
    expect(tailBox.x + tailBox.width).toBeLessThanOrEqual(idBox.x + idBox.width + 0.5);
    expect(tailBox.width).toBeGreaterThan(10);
    await expect(rowOf(plain.reference).locator('[data-field="reference"]').getAttribute('title')).resolves.toBe(plain.reference);

    // Search: the middle of a transaction ID, and the wallet's own transaction ID.
    const search = async (text: string) => {
      await page.getByLabel('Transaction ID, reference or wallet transaction ID').fill(text);
      await page.getByRole('button', { name: 'Search' }).click();
    };
    const middle = plain.transactionId!.slice(10); // neither its start nor (with the sale's other ids) shared
    await search(middle);
    await expect.poll(() => list.locator('button.history-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reference')))).toEqual([plain.reference]);
    expect(wechat.vendorTransactionId, 'the sandbox reports a wallet transaction id').toBeTruthy();
    // The sandbox's wallet id is "99" + the transaction id + "000000": its end is in no other id.
    await search(wechat.vendorTransactionId!.slice(-12));
    await expect.poll(() => list.locator('button.history-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reference')))).toEqual([part.reference]);
    // Anything but letters and digits is dropped before it is sent: "%" does not match everything.
    await search('%');
    await expect.poll(() => list.locator('button.history-row').count()).toBe(5);

    // From after To: an error at the From filter, and the list is not emptied.
    await page.getByLabel('Transaction ID, reference or wallet transaction ID').fill('');
    await page.getByLabel('From', { exact: true }).fill('2026-12-05');
    await page.getByLabel('To', { exact: true }).fill('2026-12-01');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('history-filter-error').getByText('The From date is after the To date.').waitFor();
    await expect(page.getByLabel('From', { exact: true }).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await list.locator('button.history-row').count()).toBe(5);
    await shots('history-date-error', 'en');

    // The detail shows the whole ID.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rowOf(full.reference).click();
    await expect(page.locator('[data-field="transaction-id"] dd').textContent()).resolves.toBe(full.transactionId);
    await expect(page.locator('.detail-fields [data-field="state"] dd').textContent()).resolves.toBe('Refunded');
    // Nothing left to refund: no Refund button.
    await page.getByTestId('nothing-left').waitFor();
    expect(await page.getByRole('button', { name: 'Refund', exact: true }).count()).toBe(0);
    await expect(page.locator('.refund-list [data-field="state"]').allTextContents()).resolves.toEqual(['Refund']);
    await shots('detail-refunded', 'en');

    // The receipt: the merchant's name once, amounts as the app writes money.
    for (const language of ['en', 'zh-CN'] as const) {
      await call('setLanguage', { language });
      await page.getByRole('button', { name: language === 'en' ? 'Receipt' : '小票', exact: true }).click();
      const receipt = page.locator('.receipt-preview [data-testid="receipt-paper"]');
      await receipt.waitFor();
      const text = (await receipt.textContent())!;
      expect(text.split('Counterpay Merchant').length - 1, `${language}: merchant once`).toBe(1);
      await expect(receipt.locator('[data-field="amount"] dd').textContent()).resolves.toBe(language === 'en' ? '$10.00' : 'US$10.00');
      await shots('receipt', language);
      await page.keyboard.press('Escape');
      await page.getByTestId('transaction-detail').waitFor();
      await shots('detail-refunded', language);
    }
  });

  it('refund form: empty and focused, its button on screen at 768 px, the PIN kept after a refusal not about the PIN, old outcomes cleared', async () => {
    const row = await sale(1234);
    for (const language of ['en', 'zh-CN'] as const) {
      await call('setLanguage', { language });
      await page.keyboard.press('F8');
      await page.locator(`button[data-reference="${row.reference}"]`).click();
      await page.getByTestId('transaction-detail').waitFor();
      await page.getByRole('button', { name: language === 'en' ? 'Refund' : '退款', exact: true }).click();
      const form = page.locator('form.refund-form');
      await form.waitFor();
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('refund-amount');
      await expect(form.locator('#refund-amount').inputValue()).resolves.toBe('');
      for (const size of SIZES) {
        await page.setViewportSize(size);
        const submit = form.locator('button[type="submit"]');
        const box = (await submit.boundingBox())!;
        expect(box.y + box.height, `${language} ${size.width}: submit on screen`).toBeLessThanOrEqual(size.height);
        expect(box.y).toBeGreaterThanOrEqual(0);
      }
      await shots('refund-form', language);
      await page.getByRole('button', { name: language === 'en' ? 'Cancel' : '取消', exact: true }).click();
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.locator('.cashier[data-phase="idle"]').waitFor();
    }
    await call('setLanguage', { language: 'en' });
    await page.keyboard.press('F8');
    await page.locator(`button[data-reference="${row.reference}"]`).click();
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    const form = page.locator('form.refund-form');
    const pin = form.getByLabel('Manager PIN');

    // Over the balance: refused with the amount written as money everywhere is, and the PIN stays.
    await form.getByLabel('Refund amount (USD)').fill('20.00');
    await form.getByLabel('Reason').fill('returned');
    await pin.fill(PIN);
    await form.getByRole('button', { name: 'Refund now' }).click();
    await page.getByTestId('refund-error').getByText('That is more than what is left to refund ($12.34). Nothing was sent.').waitFor();
    await expect(pin.inputValue()).resolves.toBe(PIN);
    await shots('refund-over-balance', 'en');

    // A wrong PIN: that one clears it.
    await form.getByLabel('Refund amount (USD)').fill('2.00');
    await pin.fill('1111');
    await form.getByRole('button', { name: 'Refund now' }).click();
    await page.getByTestId('refund-error').getByText(/Wrong PIN/).waitFor();
    await expect(pin.inputValue()).resolves.toBe('');

    // Done; then a new attempt starts without the old outcome on screen.
    await pin.fill(PIN);
    await form.getByRole('button', { name: 'Refund now' }).click();
    await page.getByTestId('refund-outcome').getByText('Refunded $2.00.').waitFor();
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    expect(await page.getByTestId('refund-outcome').count()).toBe(0);
    await expect(form.getByTestId('refund-error').textContent()).resolves.toBe(' ');
    // "Refund all" still fills in the balance.
    await form.getByRole('button', { name: 'Refund all' }).click();
    await expect(form.getByLabel('Refund amount (USD)').inputValue()).resolves.toBe('10.34');
  });

  it('reports: no Z yet is said as such, the first day starts at the first payment, and an 80 mm roll never breaks an amount', async () => {
    const first = await sale(123456);
    await sale(98765, 'wechatpay');
    const row = pos.app.journal.get(first.reference)!;
    await refund(first.transactionId!, 100001);

    for (const language of ['en', 'zh-CN'] as const) {
      await call('setLanguage', { language });
      await page.keyboard.press('F9');
      const report = page.locator('.report-preview [data-testid="day-report"]');
      await report.waitFor();
      // The period starts at the first journal row, as the page writes that time.
      const firstTime = await page.evaluate(
        ([iso, locale]) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso!)),
        [row.createdAt, language === 'en' ? 'en-US' : 'zh-CN'],
      );
      await report.getByText(firstTime, { exact: false }).first().waitFor();
      expect(await report.textContent()).not.toContain('1970');
      await shots('report-x', language);

      await page.getByRole('button', { name: language === 'en' ? 'Last Z report' : /Z/ }).first().click();
      await page.getByTestId('no-z-yet').waitFor();
      await expect(page.getByTestId('no-z-yet').textContent()).resolves.toBe(language === 'en' ? 'No Z report yet: the day has not been closed on this terminal.' : '还没有 Z 报表：本终端尚未日结过。');
      await expect(page.locator('.report-screen [role="alert"]').textContent()).resolves.toBe(' ');
      await shots('report-no-z', language);
      await page.keyboard.press('Escape');
    }
    await call('setLanguage', { language: 'en' });
    await page.keyboard.press('F9');
    await page.locator('.report-preview [data-testid="day-report"]').waitFor();

    // On screen (A4) at 1024 px: every figure on one line, and the gateway table's first header names its column.
    const preview = page.locator('.report-preview [data-testid="day-report"]');
    const lineCounts = await preview.locator('td.num').evaluateAll((cells) =>
      cells.map((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return { text: cell.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
      }),
    );
    expect(lineCounts.filter((c) => c.lines !== 1)).toEqual([]);
    await expect(preview.locator('[data-testid="report-gateways"] thead th').first().textContent()).resolves.toBe('Gateway · Method');
    await expect(preview.locator('[data-testid="report-lines"] thead th').first().textContent()).resolves.toBe('Wallet');

    // The roll as printed (the print root, laid out off screen at 80 mm).
    const roll = page.locator('.print-root [data-testid="day-report"].paper-80mm');
    await roll.waitFor({ state: 'attached' });
    const amounts = await roll.locator('.amount').evaluateAll((spans) =>
      spans.map((span) => ({ text: span.textContent, lines: span.getClientRects().length, height: span.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(span).lineHeight) || parseFloat(getComputedStyle(span).fontSize) * 1.4 })),
    );
    expect(amounts.length).toBeGreaterThan(6);
    expect(amounts.map((a) => a.text)).toContain('$1,234.56');
    for (const a of amounts) {
      expect(a.lines, `${a.text} on one line`).toBe(1);
      expect(a.height, `${a.text} one line high`).toBeLessThanOrEqual(a.lineHeight * 1.2);
    }
    // Each figure column's right edge is its header's (numbers and their headers align right).
    const columns = await roll.locator('[data-testid="report-totals"]').evaluate((table) => {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect().right);
      const cells = [...table.querySelectorAll('tbody tr[data-currency] td')].map((td) => td.getBoundingClientRect().right);
      const headerAlign = [...table.querySelectorAll('thead th')].map((th) => getComputedStyle(th).textAlign);
      return { headers, cells, headerAlign };
    });
    expect(columns.headers).toHaveLength(3);
    expect(columns.cells.slice(0, 3).map((right, i) => Math.abs(right - columns.headers[i]!))).toEqual([0, 0, 0]);
    expect(columns.headerAlign).toEqual(['right', 'right', 'right']);
    // Nothing wider than the paper.
    const overflow = await roll.evaluate((article) => article.scrollWidth - article.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 400, height: 768 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'bo16-en-report-80mm-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('scanner test panel: a wallet payment code is masked as the journal keeps it, and its labels are translated', async () => {
    const code = SAMPLE_PAYMENT_CODES.wechatpay;
    for (const language of ['en', 'zh-CN'] as const) {
      await call('setLanguage', { language });
      await page.keyboard.press('F10');
      const pinField = page.locator('input[type="password"]').first();
      await pinField.fill(PIN);
      await page.keyboard.press('Enter');
      const panel = page.getByTestId('scan-test');
      await panel.waitFor();
      // A wallet code arrives while the settings are open (a training scan: nothing is charged).
      await call('simulateScan', { code, mode: 'pos' });
      const data = panel.locator('[data-field="scan-data"]');
      await data.waitFor();
      await expect(data.textContent()).resolves.toBe('*'.repeat(code.length - 4) + code.slice(-4));
      expect(await panel.textContent()).not.toContain(code.slice(0, 8));
      await expect(panel.locator('[data-field="scan-source"]').textContent()).resolves.toBe(language === 'en' ? 'Simulated (training)' : '模拟（培训）');
      expect(await page.content()).not.toContain(`>${code}<`);
      await panel.scrollIntoViewIfNeeded();
      await shots('scanner-panel', language);
      // A receipt's barcode (a transaction ID) is shown as scanned.
      await call('simulateScan', { code: 'RECEIPT12345', mode: 'pos' });
      await expect.poll(() => data.textContent()).toBe('RECEIPT12345');
      await page.keyboard.press('Escape');
      await page.getByLabel(language === 'en' ? 'Amount (USD)' : '金额（USD）').waitFor();
    }
  });
});
