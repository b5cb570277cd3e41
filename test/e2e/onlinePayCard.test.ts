import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createOnlinePayClient } from '../../electron/services/gateway/onlinepay/onlinePayClient';
import { SCREENSHOT_DIR, launchChromium, launchChromiumBare, screenshot, startPos, type PosHarness } from './fixtures/posHarness';
import { payOnPhone, scanDisplay } from './fixtures/onlinePayPhone';

/**
 * OnlinePay's hosted payment page as a customer meets it, in Chromium: the customer display
 * shows the page's address as a QR (decoded here from a screenshot with zbarimg), a phone
 * opens it, pays with a sandbox test card and passes (or fails) the emulated 3-D Secure
 * step; the app learns the outcome only by looking the payment up, and the client reads it.
 */
describe('OnlinePay card payment on the hosted page, in Chromium', () => {
  let browser: Browser;
  let phoneBrowser: Browser;
  let pos: PosHarness;
  let cashier: Page;
  let display: Page;
  let phone: BrowserContext;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    // The customer's phone: another browser, no cookies of the till.
    phoneBrowser = await launchChromiumBare();
  });
  afterAll(async () => {
    await browser?.close();
    await phoneBrowser?.close();
  });
  beforeEach(async () => {
    pos = await startPos();
    cashier = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await cashier.goto(pos.host.url);
    await display.goto(new URL('/display', pos.host.url).href);
    await cashier.getByLabel('Amount (USD)').waitFor();
    phone = await phoneBrowser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  });
  afterEach(async () => {
    await phone.close();
    await cashier.close();
    await display.close();
    await pos.close();
  });

  async function startCardSale(amount: string): Promise<{ token: string; url: string }> {
    await cashier.getByLabel('Amount (USD)').fill(amount);
    await cashier.keyboard.press('Enter');
    await cashier.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    expect(await pos.app.call('startHostedPayment', {})).toMatchObject({ ok: true });
    await cashier.locator('.cashier[data-phase="showingQr"]').waitFor({ timeout: 5_000 });
    const state = pos.app.snapshot().checkout;
    if (state.phase !== 'showingQr') throw new Error('not showing');
    return { token: state.qr.transactionId, url: state.qr.codeUrl };
  }

  it('the display shows the page as a QR; a test card through 3-D Secure pays it, and the till and the client read approved', async () => {
    const { token, url } = await startCardSale('25.99');
    await display.getByText('Scan to pay by card').waitFor();
    expect(await scanDisplay(display, 'onlinepay-display-card-qr')).toBe(url);
    await screenshot(cashier, 'onlinepay-cashier-showing-card-qr');

    await payOnPhone(phone, url, 'success', 'onlinepay-approved');
    await cashier.locator('.cashier[data-phase="approved"]').waitFor({ timeout: 5_000 });
    await display.locator('[data-testid="display-outcome"][data-outcome="paid"]').waitFor();
    const sandbox = pos.app.onlinePaySandbox!;
    const client = createOnlinePayClient({ baseUrl: sandbox.url, privateKey: sandbox.privateKey });
    await expect(client.getPayment(token)).resolves.toMatchObject({ status: 'approved', amount: 2599, currency: 'USD' });
    expect(pos.app.journal.recent(1)[0]).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr', state: 'success', transactionId: token });
  });

  it('failing 3-D Secure declines it, whatever the card: the till shows declined and the client reads declined', async () => {
    const { token, url } = await startCardSale('12.00');
    expect(await scanDisplay(display, 'onlinepay-display-card-qr-2')).toBe(url);
    const page = await payOnPhone(phone, url, 'fail', 'onlinepay-declined');
    await expect(page.locator('body').innerText()).resolves.toMatch(/declined|not completed|failed/i);
    await cashier.locator('.cashier[data-phase="declined"]').waitFor({ timeout: 5_000 });
    const sandbox = pos.app.onlinePaySandbox!;
    const client = createOnlinePayClient({ baseUrl: sandbox.url, privateKey: sandbox.privateKey });
    await expect(client.getPayment(token)).resolves.toMatchObject({ status: 'declined' });
    expect(pos.app.journal.recent(1)[0]).toMatchObject({ gateway: 'onlinepay', state: 'failure' });
  });
});
