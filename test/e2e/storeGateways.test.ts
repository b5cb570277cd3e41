import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enterAmount } from './fixtures/cashierActions';
import { payOnPhone, scanDisplay } from './fixtures/onlinePayPhone';
import { SCREENSHOT_DIR, launchChromium, launchChromiumBare, screenshot, startPos, type PosHarness } from './fixtures/posHarness';

/**
 * A store's gateways and currency, end to end in Chromium: a CNY store chosen at first run
 * takes an OnlinePay card sale with F4 through the sandbox's hosted page (paid on a phone,
 * 3-D Secure and all) and offers no NihaoPay method anywhere; a USD store keeps every method
 * and F4 starts the card sale there too. Screenshots at 1366×768 and 1024×768.
 */
describe('store gateways and currencies in Chromium', () => {
  let browser: Browser;
  let phoneBrowser: Browser;
  let pos: PosHarness;
  let cashier: Page;
  let display: Page;
  let phone: BrowserContext;
  const PIN = '2468';

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    phoneBrowser = await launchChromiumBare();
  });
  afterAll(async () => {
    await browser?.close();
    await phoneBrowser?.close();
  });
  afterEach(async () => {
    await phone?.close();
    await cashier?.close();
    await display?.close();
    await pos?.close();
  });

  async function open(firstRun: boolean, width = 1366) {
    pos = await startPos({}, { firstRun });
    cashier = await browser.newPage({ viewport: { width, height: 768 } });
    display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    phone = await phoneBrowser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await cashier.goto(pos.host.url);
    await display.goto(new URL('/display', pos.host.url).href);
    await display.getByTestId('display-screen').waitFor();
  }

  const both = async (page: Page, name: string) => {
    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      await screenshot(page, `${name}-${width}x768`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  };

  it('a CNY store chosen at first run takes a card sale with F4 and offers no NihaoPay method', async () => {
    await open(true);
    await cashier.getByRole('heading', { name: 'Welcome to Counterpay' }).waitFor();
    // CNY with NihaoPay alone is refused at the field: NihaoPay takes USD and JPY only.
    await cashier.getByLabel('New PIN').fill(PIN);
    await cashier.getByLabel('Confirm PIN').fill(PIN);
    await cashier.getByTestId('gateway-onlinepay').uncheck();
    await cashier.getByLabel('Currency').selectOption('CNY');
    await cashier.getByRole('button', { name: 'Save and start' }).click();
    await cashier.getByTestId('store-gateways-error').getByText(/None of the chosen gateways \(NihaoPay\) takes CNY/).waitFor();
    await cashier.getByTestId('store-gateways').scrollIntoViewIfNeeded();
    await both(cashier, 'gateways-setup-cny-refused');
    expect(pos.app.snapshot().settings).toMatchObject({ setupComplete: false, currency: 'USD' });
    // No gateway at all is refused too.
    await cashier.getByTestId('gateway-nihaopay').uncheck();
    await cashier.getByRole('button', { name: 'Save and start' }).click();
    await cashier.getByTestId('store-gateways-error').getByText('Choose at least one gateway for this store.').waitFor();
    // OnlinePay only, CNY: saved with the PIN set from the same form; the largest sale keeps its figure.
    await cashier.getByTestId('gateway-onlinepay').check();
    await expect(cashier.getByLabel('Largest sale (CNY)').inputValue()).resolves.toBe('5000.00');
    await cashier.getByRole('button', { name: 'Save and start' }).click();
    await cashier.getByLabel('Amount (CNY)').waitFor();
    expect(pos.app.snapshot().settings).toMatchObject({ setupComplete: true, hasManagerPin: true, currency: 'CNY', gateways: ['onlinepay'], methods: ['hostedqr'], maxAmount: 500_000 });

    await enterAmount(cashier, '88.50', 'Amount (CNY)');
    await cashier.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    await cashier.getByRole('heading', { name: 'How does the customer pay?' }).waitFor();
    const card = cashier.getByRole('button', { name: /^Card \(OnlinePay\): show the card payment page as a QR code on the customer display/ });
    await card.waitFor();
    // No NihaoPay method anywhere: no scan prompt or typed code, no wallet QR, no simulated scans.
    await expect(cashier.getByText('Scan the customer’s payment code').count()).resolves.toBe(0);
    await expect(cashier.getByLabel('Or type the payment code').count()).resolves.toBe(0);
    await expect(cashier.locator('[data-testid^="show-qr-"]:not([data-testid="show-qr-card"])').count()).resolves.toBe(0);
    await expect(cashier.getByText('Simulate a scan (training)').count()).resolves.toBe(0);
    await expect(cashier.getByTestId('amount-due').textContent()).resolves.toBe('CN¥88.50');
    await both(cashier, 'gateways-cny-awaiting');
    await cashier.keyboard.press('F2');
    await cashier.getByRole('heading', { name: '顾客如何付款？' }).waitFor();
    await expect(cashier.getByTestId('amount-due').textContent()).resolves.toBe('¥88.50');
    await both(cashier, 'gateways-cny-awaiting-zh');
    await cashier.keyboard.press('F2');
    await cashier.getByRole('heading', { name: 'How does the customer pay?' }).waitFor();
    // F3 and F5 (NihaoPay's keys) do nothing here.
    await cashier.keyboard.press('F3');
    await cashier.keyboard.press('F5');
    await cashier.waitForTimeout(300);
    expect(pos.app.journal.recent(5)).toEqual([]);
    expect(pos.app.sandbox!.requests.filter((r) => r.path.startsWith('/v1.2/transactions'))).toEqual([]);

    await cashier.keyboard.press('F4');
    await cashier.locator('.cashier[data-phase="showingQr"]').waitFor({ timeout: 5_000 });
    const state = pos.app.snapshot().checkout;
    if (state.phase !== 'showingQr') throw new Error('not showing');
    await display.getByText('Scan to pay by card').waitFor();
    expect(await scanDisplay(display, 'gateways-cny-display-card-qr')).toBe(state.qr.codeUrl);
    await expect(display.getByTestId('display-amount').textContent()).resolves.toBe('CN¥88.50');
    await expect(display.getByTestId('display-rmb').count()).resolves.toBe(0);
    await both(cashier, 'gateways-cny-showing-card-qr');

    await payOnPhone(phone, state.qr.codeUrl, 'success', 'gateways-cny');
    await cashier.locator('.cashier[data-phase="approved"]').waitFor({ timeout: 5_000 });
    await display.locator('[data-testid="display-outcome"][data-outcome="paid"]').waitFor();
    await both(cashier, 'gateways-cny-approved');
    expect(pos.app.journal.recent(1)[0]).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr', state: 'success', amount: 8850, currency: 'CNY' });
    expect(pos.app.onlinePaySandbox!.requests.filter((r) => r.path === '/api/v1/payments' && r.method === 'POST').map((r) => JSON.parse(String(r.body)) as unknown)).toEqual([
      expect.objectContaining({ amount: 8850, currency: 'CNY' }),
    ]);
    expect(pos.app.sandbox!.requests.filter((r) => r.path.startsWith('/v1.2/transactions'))).toEqual([]);
  });

  it('a USD store keeps every method, and F4 starts the card sale from the scan screen', async () => {
    await open(false);
    await cashier.getByLabel('Amount (USD)').waitFor();
    await enterAmount(cashier, '42.10');
    await cashier.getByTestId('show-qr-alipay').waitFor();
    await cashier.getByTestId('show-qr-card').waitFor();
    await cashier.getByText('Scan the customer’s payment code').waitFor();
    await cashier.getByText('Simulate a scan (training)').waitFor();
    await both(cashier, 'gateways-usd-awaiting');
    await cashier.keyboard.press('F4');
    await cashier.locator('.cashier[data-phase="showingQr"]').waitFor({ timeout: 5_000 });
    await cashier.getByText('Customer is paying by card').waitFor();
    await display.getByText('Scan to pay by card').waitFor();
    await both(cashier, 'gateways-usd-showing-card-qr');
    // Training: the customer pays by card on the sandbox's page (F5 on this screen).
    await cashier.keyboard.press('F5');
    await cashier.locator('.cashier[data-phase="approved"]').waitFor({ timeout: 10_000 });
    expect(pos.app.journal.recent(1)[0]).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr', state: 'success', amount: 4210, currency: 'USD' });
  });

  it('a JPY sale on the customer display reads JP¥, and its RMB equivalent CN¥ / 人民币 ¥, never two bare ¥', async () => {
    await open(false);
    expect(await pos.app.call('updateSettings', { change: { currency: 'JPY' } })).toMatchObject({ ok: true, value: { settings: { currency: 'JPY', maxAmount: 5_000 } } });
    await cashier.reload();
    await enterAmount(cashier, '1000', 'Amount (JPY)');
    await cashier.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    await expect(cashier.getByTestId('amount-due').textContent()).resolves.toBe('JP¥1,000');
    const rmb = display.getByTestId('display-rmb');
    await rmb.waitFor({ timeout: 10_000 });
    await expect(display.getByTestId('display-amount').textContent()).resolves.toBe('JP¥1,000');
    await expect(rmb.locator('[lang="en"]').textContent()).resolves.toMatch(/^≈ CN¥\d+\.\d{2}$/);
    await expect(rmb.locator('[lang="zh-CN"]').textContent()).resolves.toMatch(/^约合人民币 ¥\d+\.\d{2}$/);
    await screenshot(display, 'gateways-jpy-display-rmb');
  });

  it('Settings shows the gateways and currency behind the PIN', async () => {
    await open(false);
    await pos.app.call('setManagerPin', { newPin: PIN });
    await cashier.getByLabel('Amount (USD)').waitFor();
    await cashier.keyboard.press('F10');
    await cashier.getByLabel('Manager PIN').fill(PIN);
    await cashier.keyboard.press('Enter');
    await cashier.getByTestId('store-gateways').waitFor();
    await cashier.getByLabel('Currency').selectOption('JPY');
    await expect(cashier.getByLabel('Largest sale (JPY)').inputValue()).resolves.toBe('5000');
    await cashier.getByTestId('store-gateways').scrollIntoViewIfNeeded();
    await both(cashier, 'gateways-settings');
  });
});
