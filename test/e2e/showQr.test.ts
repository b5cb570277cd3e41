import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AppSnapshot } from '../../shared/bridge/contract';
import { enterAmount } from './fixtures/cashierActions';
import { SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';

/**
 * Show-QR sales end to end: the cashier window and the customer display in Chromium, the
 * code drawn on the display decoded from a screenshot, paid, failed, expired and given
 * up on at the built-in sandbox, which the app only learns about by looking the
 * transaction up (or from its IPN). Also the store QR poster, printed to PDF.
 */
const decode = (png: string): string =>
  // zbarimg complains about D-Bus on stderr.
  execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

describe('show-QR sales in Chromium', () => {
  let browser: Browser;
  let pos: PosHarness;
  let cashier: Page;
  let display: Page;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    pos = await startPos();
    cashier = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await cashier.goto(pos.host.url);
    await display.goto(new URL('/display', pos.host.url).href);
    await cashier.getByLabel('Amount (USD)').waitFor();
    await display.getByTestId('display-screen').waitFor();
  });
  afterEach(async () => {
    await cashier.close();
    await display.close();
    await pos.close();
  });

  const snapshot = (): AppSnapshot => pos.app.snapshot();
  const shown = () => {
    const checkout = snapshot().checkout;
    if (checkout.phase !== 'showingQr') throw new Error(`expected showingQr, the checkout is ${checkout.phase}`);
    return checkout;
  };
  const showQrRequests = () => pos.app.sandbox!.requests.filter((r) => r.path === '/v1.2/transactions/showqrcode');

  /** Amount, then F3: the default wallet's code on the display. */
  async function startShowQr(amount: string) {
    await enterAmount(cashier, amount);
    await cashier.getByTestId('show-qr-alipay').waitFor();
    if (amount === '7.77') await screenshot(cashier, 'showqr-cashier-choice');
    await cashier.keyboard.press('F3');
    await cashier.getByText('Customer is scanning the QR code').waitFor();
    await display.locator('[data-testid="display-screen"][data-kind="showQr"]').waitFor();
    await display.evaluate(() => document.querySelector<HTMLImageElement>('[data-testid="display-qr"]')!.decode());
  }

  it('paid: the code on the display decodes to the sandbox code_url, and both screens show paid within 2 s of the payment', async () => {
    await startShowQr('23.45');
    const { qr, attempt } = shown();
    expect(showQrRequests()).toHaveLength(1);
    expect(showQrRequests()[0]!.body).toMatchObject({ amount: '2345', currency: 'USD', vendor: 'alipay', reference: attempt.reference });

    const png = path.join(SCREENSHOT_DIR, 'showqr-display-1920x1080.png');
    await display.screenshot({ path: png });
    expect(decode(png)).toBe(qr.codeUrl);
    expect(qr.codeUrl).toBe(pos.app.sandbox!.transactions.all().find((t) => t.reference === attempt.reference)?.shownQr?.codeUrl);
    await screenshot(cashier, 'showqr-cashier-waiting');
    await cashier.keyboard.press('F2');
    await cashier.getByText('顾客正在扫描二维码').waitFor();
    await screenshot(cashier, 'showqr-cashier-waiting-zh');
    await cashier.keyboard.press('F2');
    await cashier.getByText('Customer is scanning the QR code').waitFor();

    // The customer pays with their phone: the sandbox marks the code paid.
    const paidAt = Date.now();
    expect(pos.app.sandbox!.payShownQr(attempt.reference).status).toBe(200);
    await display.locator('[data-testid="display-screen"][data-kind="result"]').waitFor({ timeout: 2_000 });
    await cashier.locator('.cashier[data-phase="approved"]').waitFor({ timeout: 2_000 });
    const both = Date.now() - paidAt;
    expect(both).toBeLessThan(2_000);
    await expect(display.getByTestId('display-outcome').getAttribute('data-outcome')).resolves.toBe('paid');
    expect(pos.app.journal.get(attempt.reference)).toMatchObject({ state: 'success', method: 'showqrcode', transactionId: qr.transactionId });

    // The receipt follows, with the gateway's transaction id.
    await cashier.keyboard.press('F4');
    const receipt = cashier.getByTestId('receipt-preview').getByTestId('receipt-paper');
    await receipt.waitFor();
    await expect(receipt.textContent()).resolves.toContain(qr.transactionId);
    await screenshot(cashier, 'showqr-cashier-receipt');
    expect(showQrRequests()).toHaveLength(1);
  });

  it('expired: the code leaves the display, the cashier is told, nothing is charged', async () => {
    // 12.83: the sandbox lets the code expire after 10 s and then calls it closed.
    await startShowQr('12.83');
    const { attempt } = shown();
    await display.locator('[data-testid="display-screen"][data-kind="result"]').waitFor({ timeout: 20_000 });
    await expect(display.getByTestId('display-outcome').getAttribute('data-outcome')).resolves.toBe('expired');
    await cashier.locator('.cashier[data-phase="declined"]').waitFor();
    await expect(cashier.getByRole('alert').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/expired/i)]));
    expect(pos.app.journal.get(attempt.reference)).toMatchObject({ state: 'failure', errorCode: 'SHOW_QR_EXPIRED' });
    await screenshot(cashier, 'showqr-cashier-expired');
    // Enter: "Show the code again" shows a new code for the same amount, under a new reference.
    await cashier.getByRole('button', { name: /Show the code again/ }).waitFor();
    await cashier.keyboard.press('Enter');
    await cashier.locator('.cashier[data-phase="showingQr"]').waitFor();
    const again = snapshot().checkout;
    expect(again).toMatchObject({ phase: 'showingQr', attempt: { amount: 1283, vendor: attempt.vendor } });
    if (again.phase === 'showingQr') expect(again.attempt.reference).not.toBe(attempt.reference);
  });

  it('stop waiting: the display goes idle, the code stays watched, and a late payment is alerted with a refund offered', async () => {
    await startShowQr('31.20');
    const { attempt } = shown();
    await cashier.keyboard.press('Escape');
    await cashier.locator('.cashier[data-phase="idle"]').waitFor();
    await display.locator('[data-testid="display-screen"][data-kind="idle"]').waitFor();
    expect(pos.app.journal.get(attempt.reference)?.state).toBe('pending');

    // The customer pays after all, while the cashier has moved on to another sale.
    await enterAmount(cashier, '5.00');
    await cashier.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    expect(pos.app.sandbox!.payShownQr(attempt.reference).status).toBe(200);
    await cashier.getByTestId('paid-after-all-banner').waitFor({ timeout: 15_000 });
    expect(pos.app.journal.get(attempt.reference)?.state).toBe('success');
    // The sale in progress is untouched.
    expect(snapshot().checkout).toMatchObject({ phase: 'awaitingScan', sale: { amount: 500 } });
    await screenshot(cashier, 'showqr-cashier-paid-after-all-banner');

    await cashier.keyboard.press('Escape');
    const notice = cashier.getByTestId('paid-after-all');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain(attempt.reference);
    await screenshot(cashier, 'showqr-cashier-paid-after-all');
    await notice.getByRole('button', { name: 'Refund it' }).click();
    await cashier.getByText('31.20').first().waitFor();
    await cashier.locator('form.refund-form').waitFor();
    await screenshot(cashier, 'showqr-cashier-refund-offer');
    expect(showQrRequests()).toHaveLength(1);
  });

  it('failed: a payment that fails on the phone shows as not completed, and the cashier can try again', async () => {
    await startShowQr('12.82');
    const { attempt } = shown();
    await display.locator('[data-testid="display-screen"][data-kind="result"]').waitFor({ timeout: 10_000 });
    await expect(display.getByTestId('display-outcome').getAttribute('data-outcome')).resolves.toBe('failed');
    await cashier.locator('.cashier[data-phase="declined"]').waitFor();
    expect(pos.app.journal.get(attempt.reference)?.state).toBe('failure');
  });

  it('training: the cashier simulates the customer paying, and the store QR poster prints with a code that decodes', async () => {
    await startShowQr('7.77');
    await screenshot(cashier, 'showqr-cashier-training');
    await cashier.keyboard.press('F5');
    await cashier.locator('.cashier[data-phase="approved"]').waitFor({ timeout: 5_000 });

    // The store QR: settings, then made at the sandbox (merchantqrcode), then the poster.
    await cashier.keyboard.press('Enter');
    const changed = await pos.app.call('updateSettings', { change: { storeName: 'Market Street', display: { sellerName: 'Golden Dragon', storeNumber: 'MS-01', storeQrEnabled: true } } });
    expect(changed).toMatchObject({ ok: true });
    await cashier.keyboard.press('F10');
    await cashier.getByTestId('create-store-qr').click();
    await cashier.getByTestId('poster-a4').waitFor();
    await cashier.getByTestId('store-qr-status').scrollIntoViewIfNeeded();
    await screenshot(cashier, 'showqr-settings-store-qr');
    const record = snapshot().settings.display.storeQr!;
    expect(record).toMatchObject({ storeName: 'Market Street', sellerName: 'Golden Dragon', storeNo: 'MS-01', environment: 'training' });
    await display.locator('[data-testid="display-screen"][data-kind="idle"] [data-testid="display-store-qr"], [data-testid="display-screen"][data-kind="idle"] img').first().waitFor();

    // In a browser the poster button opens the browser's own print dialog (window.print).
    // That dialog is the boundary: record the call instead of letting a real print job race
    // page.pdf below ("Page is already being printed").
    await cashier.evaluate(() => {
      const w = window as unknown as { printCalls: number; print: () => void };
      w.printCalls = 0;
      w.print = () => { w.printCalls += 1; };
    });
    for (const [index, paper] of (['A4', 'Letter'] as const).entries()) {
      await cashier.getByTestId(`poster-${paper.toLowerCase()}`).click();
      await cashier.getByTestId('store-qr-poster').waitFor({ state: 'attached' });
      await cashier.waitForFunction((n) => (window as unknown as { printCalls: number }).printCalls === n, index + 1);
      const pdf = path.join(SCREENSHOT_DIR, `store-qr-poster-${paper}.pdf`);
      await cashier.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(1);
      const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
      expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual(paper === 'A4' ? [595, 842] : [612, 792]);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain('Market Street');
      expect(text).toContain('Scan to pay');
      expect(text).toContain('扫码付款');
      expect(text).toContain('TRAINING');
      const base = path.join(SCREENSHOT_DIR, `store-qr-poster-${paper}`);
      execFileSync('pdftoppm', ['-r', '100', '-png', '-singlefile', pdf, base]);
      expect(decode(`${base}.png`)).toBe(record.qrcode);
    }
  });
});
