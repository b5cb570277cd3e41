import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { enterAmount, scannerBurst } from './fixtures/cashierActions';
import { SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';

const PIN = '2468';

/**
 * Refunds end to end: the built cashier UI in Chromium, the browser host, the refund
 * service and journal, and the built-in sandbox over HTTP. Partial refunds up to the
 * balance, the next one refused before anything is sent, a wrong PIN refused and audited,
 * and a refund started by scanning the receipt's barcode.
 */
describe('refunds in Chromium', () => {
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
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await pos.close();
  });

  const refundPosts = () => pos.app.sandbox!.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/refund'));

  async function sale(amount: string): Promise<{ reference: string; transactionId: string }> {
    await enterAmount(page, amount);
    await scannerBurst(page, SAMPLE_PAYMENT_CODES.alipay);
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
    const row = pos.app.journal.recent(1)[0]!;
    expect(row).toMatchObject({ kind: 'sale', state: 'success' });
    await page.keyboard.press('Enter'); // New sale
    await page.getByLabel('Amount (USD)').waitFor();
    return { reference: row.reference, transactionId: row.transactionId! };
  }

  async function refund(amount: string | 'all', reason: string, pin: string) {
    const form = page.locator('form.refund-form');
    if (!(await form.isVisible())) await page.getByRole('button', { name: 'Refund', exact: true }).click();
    if (amount === 'all') await form.getByRole('button', { name: 'Refund all' }).click();
    else await form.getByLabel('Refund amount (USD)').fill(amount);
    await form.getByLabel('Reason').fill(reason);
    await form.getByLabel('Manager PIN').fill(pin);
    await form.getByRole('button', { name: 'Refund now' }).click();
  }

  it('refunds in parts up to the balance, refuses the third before sending, and audits a wrong PIN', async () => {
    const { reference, transactionId } = await sale('12.34');

    await page.keyboard.press('F8'); // History
    await page.locator(`[data-reference="${reference}"]`).waitFor();
    await screenshot(page, 'en-history-list');
    await page.locator(`button[data-reference="${reference}"]`).click();
    await page.getByTestId('transaction-detail').waitFor();
    await expect(page.locator('[data-field="transaction-id"] dd').textContent()).resolves.toBe(transactionId);
    await page.getByTestId('gateway-refunds').getByText('NihaoPay says $0.00 refunded in all.').waitFor();
    await screenshot(page, 'en-detail');

    // A wrong PIN: refused, audited, nothing sent.
    await refund('5.00', 'one item returned', '1111');
    await page.getByTestId('refund-error').getByText('Wrong PIN. 4 tries left before the keypad locks.').waitFor();
    await screenshot(page, 'en-refund-wrong-pin');
    expect(refundPosts()).toHaveLength(0);
    expect(pos.app.journal.auditLog(5)[0]).toMatchObject({ action: 'refund', outcome: 'refused', detail: `PIN_WRONG ${transactionId} 500 USD` });

    // First partial refund.
    await refund('5.00', 'one item returned', PIN);
    await page.getByTestId('refund-outcome').getByText('Refunded $5.00.').waitFor();
    await page.getByTestId('refund-balance').getByText('$7.34 of $12.34 left to refund').waitFor();
    await page.getByTestId('gateway-refunds').getByText('NihaoPay says $5.00 refunded in all.').waitFor();
    await screenshot(page, 'en-refund-done');

    // Second partial refund: the rest of the balance.
    await refund('all', 'rest returned', PIN);
    await page.getByTestId('refund-outcome').getByText('Refunded $7.34.').waitFor();
    await page.getByTestId('refund-balance').getByText('$0.00 of $12.34 left to refund').waitFor();
    await page.getByTestId('gateway-refunds').getByText('NihaoPay says $12.34 refunded in all.').waitFor();
    expect(refundPosts().map((r) => r.body.amount)).toEqual(['500', '734']);

    // Nothing left: no Refund button, the balance says why.
    await page.getByTestId('nothing-left').getByText('Refunded in full: nothing is left to refund.').waitFor();
    expect(await page.getByRole('button', { name: 'Refund', exact: true }).count()).toBe(0);
    await screenshot(page, 'en-refund-nothing-left');
    // A third asked of main all the same: refused by the local balance check, nothing sent.
    expect(await pos.app.call('refund', { transactionId, amount: 100, currency: 'USD', reason: 'one more', pin: PIN })).toMatchObject({ ok: false, error: { code: 'REFUND_FULLY_REFUNDED' } });
    expect(refundPosts()).toHaveLength(2);

    // The journal, the sandbox and the audit log agree.
    const refunds = pos.app.journal.refundsOf(transactionId);
    expect(refunds.map((r) => [r.amount, r.state, r.reason])).toEqual([
      [500, 'success', 'one item returned'],
      [734, 'success', 'rest returned'],
    ]);
    const atGateway = pos.app.sandbox!.transactions.byId(transactionId)!.refunds!;
    expect(atGateway.map((r) => [r.id, r.amount])).toEqual(refunds.map((r) => [r.transactionId, r.amount]));
    const audit = pos.app.journal.auditLog(10).filter((a) => a.action === 'refund');
    expect(audit.map((a) => a.outcome)).toEqual(['refused', 'ok', 'ok', 'refused']);
    expect(audit[0]!.detail).toBe(`REFUND_FULLY_REFUNDED ${transactionId} 100 USD`);
    expect(JSON.stringify(audit)).not.toContain(PIN);

    // History lists the refunds too, filtered by type.
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.getByLabel('Type').selectOption('refund');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator(`button[data-reference="${refunds[0]!.reference}"]`).waitFor();
    // The refund rows were in the unfiltered list too: wait for the filtered one to replace it.
    await expect.poll(() => page.locator('button.history-row').count()).toBe(2);
  });

  it('opens the refund screen when the receipt’s barcode is scanned at the counter', async () => {
    const first = await sale('20.00');
    await sale('8.00'); // another sale in between: the scan must open the right one

    // The receipt's Code 128 holds the transaction id; a keyboard-wedge scanner types it.
    await scannerBurst(page, first.transactionId);
    await page.getByTestId('transaction-detail').waitFor();
    await expect(page.locator('[data-field="transaction-id"] dd').textContent()).resolves.toBe(first.transactionId);
    await page.locator('form.refund-form').waitFor();
    await screenshot(page, 'en-refund-from-receipt-scan');
    expect(pos.app.sandbox!.requests.filter((r) => r.path.endsWith('/scanqrcode'))).toHaveLength(2); // a receipt scan charges nothing

    await refund('all', 'customer changed their mind', PIN);
    await page.getByTestId('refund-outcome').getByText('Refunded $20.00.').waitFor();
    expect(refundPosts()).toHaveLength(1);
    expect(refundPosts()[0]!.path).toBe(`/v1.2/transactions/${first.transactionId}/refund`);

    // The same through the emulated HID scanner (training's simulate scan): main opens it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByLabel('Amount (USD)').waitFor();
    await pos.app.call('simulateScan', { code: first.transactionId, mode: 'pos' });
    await page.getByTestId('transaction-detail').waitFor();
    await expect(page.locator('[data-field="transaction-id"] dd').textContent()).resolves.toBe(first.transactionId);
  });

  it('works in Simplified Chinese', async () => {
    const { reference } = await sale('12.34');
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByLabel('金额（USD）').waitFor();
    await page.keyboard.press('F8');
    await page.locator(`button[data-reference="${reference}"]`).waitFor();
    await screenshot(page, 'zh-history-list');
    await page.locator(`button[data-reference="${reference}"]`).click();
    await page.getByRole('button', { name: '退款', exact: true }).click();
    const form = page.locator('form.refund-form');
    await form.getByLabel('退款金额（USD）').fill('2.00');
    await form.getByLabel('退款原因').fill('退货');
    await form.getByLabel('经理密码').fill(PIN);
    await form.getByRole('button', { name: '立即退款' }).click();
    await page.getByTestId('refund-outcome').getByText(/已退款 US\$2\.00。/).waitFor();
    await screenshot(page, 'zh-detail-refunded');
  });
});
