import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { enterAmount } from './fixtures/cashierActions';
import { SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';

const PIN = '2468';
const GOOD_CARD = '4111111111111111';

/**
 * Refunds of OnlinePay sales in Chromium, against the built-in OnlinePay sandbox: a sale
 * paid from the customer's OnlinePay wallet goes back to that wallet (its token came in a
 * notification, which the receiver takes in training); a card sale goes back to the bank
 * account the manager fills in, chosen from the text's dictionaries; a payout larger than
 * the store's OnlinePay balance is refused before anything is sent.
 */
describe('OnlinePay refunds by payout, in Chromium', () => {
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
    pos = await startPos({}, { settings: { onlinePay: { notificationReceiverEnabled: true } } });
    expect(await pos.app.call('setManagerPin', { newPin: PIN })).toMatchObject({ ok: true });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await pos.close();
  });

  const sandbox = () => pos.app.onlinePaySandbox!;
  const payoutPosts = () => sandbox().requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payouts');

  /** An OnlinePay sale at the counter; the customer's phone is the sandbox's control. */
  async function sale(amount: string, by: 'card' | 'wallet'): Promise<{ reference: string; token: string }> {
    await enterAmount(page, amount);
    await page.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    expect(await pos.app.call('startHostedPayment', {})).toMatchObject({ ok: true });
    await page.locator('.cashier[data-phase="showingQr"]').waitFor({ timeout: 5_000 });
    const state = pos.app.snapshot().checkout;
    if (state.phase !== 'showingQr') throw new Error('not showing');
    const token = state.qr.transactionId;
    const paid = by === 'card' ? sandbox().payByCard(token, { pan: GOOD_CARD, threeDS: 'success' }) : sandbox().payByWallet(token);
    expect(paid).toMatchObject({ ok: true });
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor({ timeout: 5_000 });
    const row = pos.app.journal.recent(1)[0]!;
    expect(row).toMatchObject({ kind: 'sale', gateway: 'onlinepay', state: 'success', transactionId: token });
    await page.keyboard.press('Enter'); // New sale
    await page.getByLabel('Amount (USD)').waitFor();
    return { reference: row.reference, token };
  }

  async function openRefund(reference: string): Promise<ReturnType<Page['locator']>> {
    await page.keyboard.press('F8'); // History
    await page.locator(`button[data-reference="${reference}"]`).click();
    await page.getByTestId('transaction-detail').waitFor();
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    return page.locator('form.refund-form');
  }

  it('pays a wallet sale back to the customer’s OnlinePay wallet', async () => {
    const { reference, token } = await sale('30.00', 'wallet');
    // The wallet's token came only in OnlinePay's notification, confirmed by a look-up.
    await expect.poll(() => pos.app.journal.get(reference)?.walletToken).toBe(sandbox().payment(token)!.walletToken);
    const form = await openRefund(reference);
    await form.getByTestId('refund-to-wallet').getByText('The money goes back to the customer’s OnlinePay wallet').waitFor();
    expect(await form.getByTestId('bank-payout').count()).toBe(0);
    await form.getByLabel('Refund amount (USD)').fill('12.50');
    await form.getByLabel('Reason').fill('one item returned');
    await form.getByLabel('Manager PIN').fill(PIN);
    await screenshot(page, 'onlinepay-refund-wallet-form');
    await form.getByRole('button', { name: 'Pay back now' }).click();
    await page.getByTestId('refund-outcome').getByText('Refunded $12.50.').waitFor();
    await page.getByTestId('refund-balance').getByText('$17.50 of $30.00 left to refund').waitFor();
    await screenshot(page, 'onlinepay-refund-wallet-done');

    const [post] = payoutPosts();
    const refundRow = pos.app.journal.refundsOf(token)[0]!;
    expect(JSON.parse(post!.body)).toEqual({ walletToken: sandbox().payment(token)!.walletToken, amount: 1250, currency: 'USD', orderNumber: refundRow.reference });
    expect(refundRow).toMatchObject({ gateway: 'onlinepay', method: 'payout', state: 'success', amount: 1250 });
    // Nothing of the wallet reaches the window.
    expect(await page.content()).not.toContain(sandbox().payment(token)!.walletToken!);
  });

  it('pays a card sale back to the bank account filled in from the dictionaries, pointing at a wrong field first', async () => {
    const { reference, token } = await sale('40.00', 'card');
    const form = await openRefund(reference);
    const bank = form.getByTestId('bank-payout');
    await bank.waitFor();
    await form.getByRole('button', { name: 'Refund all' }).click();
    await form.getByLabel('Reason').fill('order cancelled');
    await form.getByLabel('Manager PIN').fill(PIN);
    // Sent with the account number missing: the form points at it, nothing leaves.
    await form.getByRole('button', { name: 'Pay back now' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('payout-accountHolder');
    expect(payoutPosts()).toHaveLength(0);

    await bank.getByLabel('Account holder’s name').fill('Li Wei');
    await bank.getByLabel('Account or card number').fill('6222 0202 0011 2233 445');
    await bank.getByLabel('Bank').selectOption({ label: 'Industrial and Commercial Bank of China (ICBC)' });
    // The city list follows the province.
    expect(await bank.getByLabel('City').isDisabled()).toBe(true);
    await bank.getByLabel('Province').selectOption({ label: 'Hebei Province' });
    await bank.getByLabel('City').selectOption({ label: 'Baoding City' });
    const cities = await bank.getByLabel('City').locator('option').allTextContents();
    expect(cities).toContain('Shijiazhuang City');
    expect(cities).not.toContain('Beijing City');
    await form.getByLabel('Manager PIN').fill(PIN);
    await screenshot(page, 'onlinepay-refund-bank-form');
    // The form is longer than a 768 px screen: wherever it is scrolled, Cancel and Pay back stay on screen.
    for (const language of ['en', 'zh-CN'] as const) {
      await pos.app.call('setLanguage', { language });
      for (const size of [{ width: 1366, height: 768 }, { width: 1024, height: 768 }]) {
        await page.setViewportSize(size);
        for (const field of ['#refund-amount', '#payout-accountHolder', '#payout-city']) {
          await form.locator(field).scrollIntoViewIfNeeded();
          const box = (await form.locator('button[type="submit"]').boundingBox())!;
          expect(box.y, `${language} ${size.width} ${field}`).toBeGreaterThanOrEqual(0);
          expect(box.y + box.height, `${language} ${size.width} ${field}`).toBeLessThanOrEqual(size.height);
        }
        await page.screenshot({ path: `${SCREENSHOT_DIR}/bo16-${language}-onlinepay-bank-form-${size.width}x${size.height}.png` });
      }
    }
    await pos.app.call('setLanguage', { language: 'en' });
    await page.setViewportSize({ width: 1366, height: 768 });
    await form.getByRole('button', { name: 'Pay back now' }).click();
    await page.getByTestId('refund-outcome').getByText('Refunded $40.00.').waitFor();
    await screenshot(page, 'onlinepay-refund-bank-done');

    expect(payoutPosts()).toHaveLength(1);
    expect(JSON.parse(payoutPosts()[0]!.body)).toMatchObject({
      amount: 4000,
      currency: 'USD',
      bankAccount: { accountHolder: 'Li Wei', accountNumber: '6222020200112233445', bankCode: 'ICBC' },
      billing: { state: '13', city: '1340', countryCode: 'CN' },
    });
    const audit = pos.app.journal.auditLog(5).find((entry) => entry.action === 'refund' && entry.outcome === 'ok')!;
    // The account by its last four digits only.
    expect(audit.detail).toContain('to bank ICBC ****3445');
    expect(audit.detail).not.toContain('6222020200112233445');
    expect(pos.app.journal.refundsOf(token)[0]).toMatchObject({ method: 'payout', state: 'success', amount: 4000 });
  });

  it('refuses a payout larger than the store’s OnlinePay balance, sending nothing', async () => {
    const { reference, token } = await sale('20.00', 'wallet');
    await expect.poll(() => pos.app.journal.get(reference)?.walletToken).toBeTruthy();
    sandbox().seedBalance('USD', 500);
    const form = await openRefund(reference);
    await form.getByRole('button', { name: 'Refund all' }).click();
    await form.getByLabel('Reason').fill('returned');
    await form.getByLabel('Manager PIN').fill(PIN);
    await form.getByRole('button', { name: 'Pay back now' }).click();
    await page.getByTestId('refund-error').getByText('The store’s OnlinePay balance ($5.00) is less than this refund, so it cannot be paid out now. Nothing was sent.').waitFor();
    await screenshot(page, 'onlinepay-refund-over-balance');
    expect(payoutPosts()).toHaveLength(0);
    expect(pos.app.journal.refundsOf(token)).toHaveLength(0);
    expect(pos.app.journal.auditLog(3)[0]).toMatchObject({ action: 'refund', outcome: 'refused', detail: `PAYOUT_OVER_AVAILABLE_BALANCE ${token} 2000 USD` });
  });
});
