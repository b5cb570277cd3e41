import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { enterAmount as enterAmountOn, scannerBurst as scannerBurstOn } from './fixtures/cashierActions';
import { SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';

/**
 * The foundation's promise, end to end: the built cashier UI in Chromium, the browser
 * host's WebSocket, the checkout service, the SQLite journal, and the built-in sandbox
 * reached over real HTTP by the production NihaoPay client.
 */
describe('scan-to-pay sale in Chromium', () => {
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
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await pos.close();
  });

  const scanRequests = () => pos.app.sandbox!.requests.filter((r) => r.path === '/v1.2/transactions/scanqrcode');

  const enterAmount = (text: string) => enterAmountOn(page, text);
  // The burst's spacing is dispatched inside the page: key events sent one by one over
  // CDP can arrive 100 ms apart on a loaded machine, which no scanner does.
  const scannerBurst = (code: string) => scannerBurstOn(page, code);

  /** The same burst through Chromium's input pipeline, as a USB keyboard-wedge scanner types. */
  async function realKeyboardBurst(code: string) {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.type(code, { delay: 5 });
    await page.keyboard.press('Enter');
  }

  it('takes 12.34 from an Alipay code typed by a keyboard-wedge scanner', async () => {
    await screenshot(page, 'en-1-amount-entry');
    await enterAmount('12.34');
    await page.getByRole('heading', { name: 'Scan the customer’s payment code' }).waitFor();
    await screenshot(page, 'en-2-waiting-for-scan');
    await realKeyboardBurst(SAMPLE_PAYMENT_CODES.alipay);
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
    await screenshot(page, 'en-3-approved');

    const requests = scanRequests();
    expect(requests).toHaveLength(1);
    const [request] = requests;
    const journaled = pos.app.journal.recent(10);
    expect(journaled).toHaveLength(1);
    expect(request!.body).toMatchObject({
      amount: '1234',
      currency: 'USD',
      vendor: 'alipay',
      reference: journaled[0]!.reference,
      buyer_identity_code: SAMPLE_PAYMENT_CODES.alipay,
    });
    expect(request!.body.client_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(request!.headers.authorization).toBe(`Bearer ${pos.app.sandbox!.token}`);
    expect(request!.headers['content-type']).toContain('application/x-www-form-urlencoded');

    expect(journaled[0]).toMatchObject({ state: 'success', amount: 1234, currency: 'USD', vendor: 'alipay', training: true });
    const receipt = page.getByTestId('receipt');
    await expect(receipt.locator('[data-field="transaction-id"] dd').textContent()).resolves.toBe(journaled[0]!.transactionId);
    await expect(receipt.locator('[data-field="reference"] dd').textContent()).resolves.toBe(journaled[0]!.reference);
    // Amount and wallet in large type above the details, as on the entry screen.
    await expect(page.getByTestId('approved-amount').locator('[data-field="amount"]').textContent()).resolves.toBe('$12.34');
    await expect(page.getByTestId('approved-amount').locator('[data-field="vendor"]').textContent()).resolves.toBe('Alipay');
    await expect(page.getByTestId('training-banner').isVisible()).resolves.toBe(true);

    await page.keyboard.press('Enter'); // New sale
    await page.getByLabel('Amount (USD)').waitFor();
  });

  it('says to enter the amount first when a wallet code is scanned with no sale open, keeping nothing', async () => {
    await page.getByLabel('Amount (USD)').waitFor();
    await scannerBurst(SAMPLE_PAYMENT_CODES.wechatpay);
    await page.locator('#amount-error').getByText('That was a payment code, but no sale is open. Enter the amount first').waitFor();
    // The code's digits that reached the amount field were taken back out; nothing was journaled or sent.
    await expect(page.getByLabel('Amount (USD)').inputValue()).resolves.toBe('');
    expect(scanRequests()).toHaveLength(0);
    expect(pos.app.journal.recent(5)).toEqual([]);
    await screenshot(page, 'en-scan-before-amount');
    // Then the sale goes as usual: amount, Enter, the same code.
    await enterAmount('8.00');
    await scannerBurst(SAMPLE_PAYMENT_CODES.wechatpay);
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
    expect(scanRequests()).toHaveLength(1);
  });

  it('takes the same sale through the emulated HID scanner, byte-exact reports and all', async () => {
    await enterAmount('12.34');
    await page.getByRole('button', { name: 'Scan Alipay sample' }).click();
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
    const requests = scanRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toMatchObject({ amount: '1234', currency: 'USD', vendor: 'alipay', buyer_identity_code: SAMPLE_PAYMENT_CODES.alipay });
    // The gateway got the whole code; windows see it masked like the journal's (last four digits).
    expect(pos.app.snapshot().lastScan).toMatchObject({ data: `${'*'.repeat(SAMPLE_PAYMENT_CODES.alipay.length - 4)}${SAMPLE_PAYMENT_CODES.alipay.slice(-4)}`, source: 'simulated' });
    expect(pos.app.journal.recent(5).map((a) => a.state)).toEqual(['success']);
  });

  it('refuses a code of unknown shape and sends nothing', async () => {
    await enterAmount('12.34');
    await scannerBurst('4006381333931'); // an EAN-13 product barcode
    await page.getByTestId('scan-error').filter({ hasText: 'not an Alipay, WeChat Pay or UnionPay payment code' }).waitFor();
    await scannerBurst('28846363988210420a');
    await page.getByTestId('scan-error').filter({ hasText: 'That is not a payment code' }).waitFor();
    expect(scanRequests()).toHaveLength(0);
    expect(pos.app.journal.recent(5)).toHaveLength(0);
    // The sale is still waiting: the right code goes through.
    await scannerBurst(SAMPLE_PAYMENT_CODES.wechatpay);
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
    expect(scanRequests()).toHaveLength(1);
    expect(scanRequests()[0]!.body.vendor).toBe('wechatpay');
  });

  it('shows a decline in cashier words and lets the cashier try another code', async () => {
    await enterAmount('12.51'); // sandbox: insufficient funds (402/11)
    await scannerBurst(SAMPLE_PAYMENT_CODES.unionpay);
    await page.getByRole('heading', { name: 'Payment not completed' }).waitFor();
    await expect(page.getByTestId('decline-reason').textContent()).resolves.toContain('does not have enough funds');
    await screenshot(page, 'en-4-declined');
    expect(pos.app.journal.recent(5)[0]).toMatchObject({ state: 'failure', errorLabel: '11' });
    await page.keyboard.press('Enter'); // Try another code
    await page.getByRole('heading', { name: 'Scan the customer’s payment code' }).waitFor();
    await expect(page.getByTestId('amount-due').textContent()).resolves.toBe('$12.51');
  });

  it('keeps looking a pending payment up until it is final', async () => {
    await enterAmount('12.61'); // sandbox: pending, then success after look-ups
    await scannerBurst(SAMPLE_PAYMENT_CODES.alipay);
    await page.getByRole('heading', { name: 'Confirming the payment…' }).waitFor();
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor({ timeout: 20_000 });
    const lookups = pos.app.sandbox!.requests.filter((r) => r.path.startsWith('/v1.2/transactions/merchant/'));
    expect(lookups.length).toBeGreaterThanOrEqual(2);
    expect(scanRequests()).toHaveLength(1); // looked up, never sent again
  });

  it.each([
    ['abc', 'That is not an amount'],
    ['0', 'must be more than zero'],
    ['-5', 'must be more than zero'],
    ['12.345', 'Too many digits'],
    ['5000.01', 'over this terminal’s limit of $5,000.00'],
  ])('refuses the amount %j with a clear message', async (text, message) => {
    await enterAmount(text);
    await expect(page.locator('#amount-error').textContent()).resolves.toContain(message);
    expect(pos.app.snapshot().checkout.phase).toBe('idle');
    expect(pos.app.journal.recent(5)).toHaveLength(0);
  });

  it('works in Simplified Chinese', async () => {
    await page.getByRole('button', { name: /Language/ }).click();
    await page.getByLabel('金额（USD）').waitFor();
    await screenshot(page, 'zh-1-amount-entry');
    await page.getByLabel('金额（USD）').fill('12.34');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '请扫描顾客的付款码' }).waitFor();
    await screenshot(page, 'zh-2-waiting-for-scan');
    await scannerBurst(SAMPLE_PAYMENT_CODES.alipay);
    await page.getByRole('heading', { name: '付款成功' }).waitFor();
    await screenshot(page, 'zh-3-approved');
    await page.keyboard.press('Enter');
    await page.getByLabel('金额（USD）').fill('8.52'); // sandbox: buyer not found (402/71)
    await page.keyboard.press('Enter');
    await scannerBurst(SAMPLE_PAYMENT_CODES.wechatpay);
    await page.getByRole('heading', { name: '付款未完成' }).waitFor();
    await expect(page.getByTestId('decline-reason').textContent()).resolves.toContain('钱包无法识别此付款码');
    await screenshot(page, 'zh-4-declined');
    expect(pos.app.snapshot().settings.language).toBe('zh-CN');
  });

  it('mirrors the sale on the customer display', async () => {
    const display = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await display.goto(`${pos.host.url}display`);
    await display.getByText('Welcome').waitFor();
    await enterAmount('12.34');
    await display.getByTestId('display-amount').getByText('$12.34').waitFor();
    await screenshot(display, 'display-1-amount');
    await scannerBurst(SAMPLE_PAYMENT_CODES.alipay);
    await display.getByText('Paid — thank you!').waitFor();
    await screenshot(display, 'display-2-paid');
    await display.close();
  });
});
