import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RECEIPT_PAPERS, type ReceiptPaper } from '../../shared/receipts/receiptModel';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { enterAmount, scannerBurst } from './fixtures/cashierActions';
import { ROOT, SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';

const RECEIPT_DIR = path.join(ROOT, 'test-results', 'receipts');

/**
 * Receipts as paper gets them: the receipt screen of the built UI printed to PDF by
 * Chromium (print CSS, @page sizes), rasterised with pdftoppm, its text read with
 * pdftotext, and its Code 128 decoded with zbarimg, for every paper and for a refund.
 */
describe('receipts printed to PDF in Chromium', () => {
  let browser: Browser;
  let pos: PosHarness;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    fs.mkdirSync(RECEIPT_DIR, { recursive: true });
    browser = await launchChromium();
    pos = await startPos();
    const changed = await pos.app.call('updateSettings', { change: { merchantName: 'Golden Dragon Trading', storeName: 'Market Street', terminalName: 'T7' } });
    expect(changed).toMatchObject({ ok: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
  });
  afterAll(async () => {
    await page?.close();
    await pos?.close();
    await browser?.close();
  });

  /** Prints the page as it is to PDF, then PNG (300 dpi), text, and the barcode's decoded value. */
  async function printed(name: string) {
    const pdf = path.join(RECEIPT_DIR, `${name}.pdf`);
    // The barcode is an image (a data: URL): on a loaded machine it may not be decoded yet when printing starts.
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.print-root img')].every((img) => img.complete && img.naturalWidth > 0));
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    execFileSync('pdftoppm', ['-r', '300', '-png', '-singlefile', pdf, path.join(RECEIPT_DIR, name)]);
    const png = path.join(RECEIPT_DIR, `${name}.png`);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const barcode = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); // zbarimg complains about D-Bus on stderr
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))!;
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    return { text, barcode, widthMm: (Number(size[1]) * 25.4) / 72, heightMm: (Number(size[2]) * 25.4) / 72, pages };
  }
  const WIDTH_MM: Record<ReceiptPaper, number> = { '80mm': 80, '58mm': 58, A4: 210 };
  const squash = (text: string) => text.replace(/\s+/g, ' ');

  it('prints a sale receipt on 80 mm, 58 mm and A4 with every field and a barcode that decodes to the transaction id', async () => {
    // The scan reply carries no RMB amount unless the gateway adds one (as IPNs do): this one does.
    pos.app.sandbox!.setFault({ action: { kind: 'mutateReply', set: { rmb_amount: 8541 } }, method: 'POST', pathPrefix: '/v1.2/transactions/scanqrcode' });
    await enterAmount(page, '12.34');
    await scannerBurst(page, SAMPLE_PAYMENT_CODES.alipay);
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
    const row = pos.app.journal.recent(1)[0]!;
    expect(row.rmbAmount).toBe(8541);
    await page.keyboard.press('F4'); // Receipt
    await page.getByTestId('receipt-preview').waitFor();

    for (const paper of RECEIPT_PAPERS) {
      await page.getByLabel('Paper').selectOption(paper);
      await page.locator(`.print-root [data-paper="${paper}"]`).waitFor({ state: 'attached' });
      await screenshot(page, `en-receipt-${paper}`);
      const { text, barcode, widthMm, heightMm, pages } = await printed(`sale-${paper}`);
      const flat = squash(text);
      expect(barcode, paper).toBe(row.transactionId);
      expect(pages, paper).toBe(1);
      expect(widthMm, paper).toBeCloseTo(WIDTH_MM[paper], 0);
      if (paper !== 'A4') expect(heightMm, `${paper} roll cut to its content`).toBeLessThan(200);
      for (const expected of [
        'Golden Dragon Trading',
        'Market Street',
        'T7',
        'SALE',
        'Alipay',
        '$12.34',
        'RMB amount',
        'CN¥85.41',
        row.transactionId!,
        row.reference,
        row.vendorTransactionId!,
        'TRAINING',
      ]) {
        expect(flat, `${paper}: ${expected}`).toContain(expected);
      }
      // Date and time as the receipt shows them (the page's locale, the machine's zone).
      const shown = await page.locator('.receipt-preview [data-field="time"] dd').textContent();
      expect(flat, `${paper}: time`).toContain(shown!);
      expect(text).not.toContain(SAMPLE_PAYMENT_CODES.alipay); // never the customer's payment code
      // The merchant once (the heading), and every amount as the app writes money, never "$12.34 USD".
      expect(flat.split('Golden Dragon Trading').length - 1, `${paper}: merchant once`).toBe(1);
      expect(flat, paper).not.toMatch(/\d (USD|CNY)\b/);
    }
  });

  it('prints a refund receipt whose barcode opens the sale it refunds', async () => {
    const sale = pos.app.journal.recent(1)[0]!;
    const refund = await pos.app.call('refund', { transactionId: sale.transactionId, amount: 234, currency: 'USD', reason: 'Damaged box' });
    expect(refund).toMatchObject({ ok: true, value: { state: 'success' } });
    const refundRow = pos.app.journal.refundsOf(sale.transactionId!)[0]!;
    await page.keyboard.press('Escape'); // back from the receipt to the approved screen
    await page.keyboard.press('Enter'); // new sale
    await page.keyboard.press('F8');
    await page.locator(`button[data-reference="${refundRow.reference}"]`).click();
    await page.getByRole('button', { name: 'Receipt' }).click();
    await page.getByLabel('Paper').selectOption('80mm');
    await page.locator('.print-root [data-paper="80mm"]').waitFor({ state: 'attached' });
    await screenshot(page, 'en-receipt-refund-80mm');
    const { text, barcode } = await printed('refund-80mm');
    expect(barcode).toBe(sale.transactionId);
    const flat = squash(text);
    for (const expected of ['REFUND', 'Refunded', '$2.34', refundRow.transactionId!, refundRow.reference, sale.transactionId!, 'Damaged box', 'Golden Dragon Trading', 'TRAINING']) {
      expect(flat, expected).toContain(expected);
    }
  });

  it('prints an OnlinePay card receipt with OnlinePay’s payment token and payment id, its barcode the token', async () => {
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Escape'); // receipt → detail → list → closed
    await page.getByLabel('Amount (USD)').waitFor();
    expect(await pos.app.call('startSale', { amount: 4321 })).toMatchObject({ ok: true });
    expect(await pos.app.call('startHostedPayment', {})).toMatchObject({ ok: true });
    // The page's QR shows once OnlinePay has created the payment; the till learns the outcome by a look-up.
    await expect.poll(async () => (await pos.app.call('simulateQrPayment', { outcome: 'pay' })).ok, { timeout: 10_000 }).toBe(true);
    await expect.poll(() => pos.app.journal.recent(1)[0]!.state, { timeout: 10_000 }).toBe('success');
    const card = pos.app.journal.recent(1)[0]!;
    expect(card).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr' });
    expect(card.vendorTransactionId).toMatch(/^\d+$/);
    await pos.app.call('newSale', {});
    await page.getByLabel('Amount (USD)').waitFor();
    await page.keyboard.press('F8');
    await page.locator(`button[data-reference="${card.reference}"]`).click();
    await page.getByRole('button', { name: 'Receipt' }).click();
    await page.getByLabel('Paper').selectOption('80mm');
    await page.locator('.print-root [data-paper="80mm"]').waitFor({ state: 'attached' });
    await screenshot(page, 'en-receipt-onlinepay-80mm');
    const { text, barcode, pages } = await printed('onlinepay-80mm');
    expect(barcode).toBe(card.transactionId);
    expect(pages).toBe(1);
    const flat = squash(text);
    for (const expected of ['SALE', 'Card (OnlinePay)', '$43.21', 'OnlinePay payment token', card.transactionId!, 'OnlinePay payment ID', card.vendorTransactionId!, card.reference, 'TRAINING']) {
      expect(flat, expected).toContain(expected);
    }
    // OnlinePay's ids under OnlinePay's names, not NihaoPay's.
    expect(flat).not.toContain('Transaction ID');
    expect(flat).not.toContain('Wallet transaction ID');
  });

  it('shows the receipt in Chinese', async () => {
    await page.getByRole('button', { name: /Language/ }).click();
    const sale = pos.app.journal.recent(5).find((r) => r.kind === 'sale')!;
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Escape'); // receipt → detail → list → closed
    await page.getByLabel('金额（USD）').waitFor();
    await page.keyboard.press('F8');
    await page.locator(`button[data-reference="${sale.reference}"]`).click();
    await page.getByRole('button', { name: '小票' }).click();
    await page.getByLabel('纸张').selectOption('80mm');
    await page.locator('.print-root [data-paper="80mm"]').waitFor({ state: 'attached' });
    await screenshot(page, 'zh-receipt-80mm');
    const { barcode } = await printed('sale-80mm-zh');
    expect(barcode).toBe(sale.transactionId);
  });
});
