import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';
import { maskPaymentCode } from '../../shared/payments/paymentCodeMask';

describe('first-run setup and settings behind the manager PIN', () => {
  let browser: Browser;
  let pos: PosHarness;
  let page: Page;
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  afterEach(async () => {
    await page?.close();
    await pos?.close();
  });

  it('opens a fresh install on the setup screen, in training, and can go straight to the counter', async () => {
    pos = await startPos({}, { firstRun: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(pos.host.url);
    await page.getByRole('heading', { name: 'Welcome to Counterpay' }).waitFor();
    await expect(page.getByTestId('training-banner').isVisible()).resolves.toBe(true);
    await screenshot(page, 'en-5-first-run-setup');
    await page.getByRole('button', { name: 'Start in training mode' }).click();
    await page.getByLabel('Amount (USD)').waitFor();
    expect(pos.app.snapshot().settings).toMatchObject({ setupComplete: true, training: true, hasManagerPin: false });
  });

  it('keeps a PIN typed at first run whichever button ends it, and shows an invalid one at its field', async () => {
    pos = await startPos({}, { firstRun: true });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(pos.host.url);
    await page.getByRole('heading', { name: 'Welcome to Counterpay' }).waitFor();
    // Too short, then letters: the error is under the field, the setup stays open, nothing is set.
    for (const typed of ['12', '12ab']) {
      await page.getByLabel('New PIN').fill(typed);
      await page.getByLabel('Confirm PIN').fill(typed);
      await page.getByRole('button', { name: 'Start in training mode' }).click();
      await page.getByTestId('setup-pin-error').getByText('A PIN is 4 to 12 digits.').waitFor();
      await expect(page.getByLabel('New PIN').evaluate((field) => field === document.activeElement)).resolves.toBe(true);
    }
    await screenshot(page, 'en-5b-setup-pin-invalid');
    await page.getByLabel('New PIN').fill('2468');
    await page.getByLabel('Confirm PIN').fill('2469');
    await page.getByRole('button', { name: 'Start in training mode' }).click();
    await page.getByTestId('setup-pin-error').getByText('The two PINs are not the same.').waitFor();
    expect(pos.app.snapshot().settings).toMatchObject({ setupComplete: false, hasManagerPin: false });

    await page.getByLabel('Confirm PIN').fill('2468');
    await page.getByRole('button', { name: 'Start in training mode' }).click();
    await page.getByLabel('Amount (USD)').waitFor();
    expect(pos.app.snapshot().settings).toMatchObject({ setupComplete: true, training: true, hasManagerPin: true });
    await expect(pos.app.call('checkManagerPin', { pin: '2468' })).resolves.toMatchObject({ ok: true });
  });

  it('saves the merchant details and a manager PIN from setup, then guards settings with the PIN', async () => {
    pos = await startPos({}, { firstRun: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Store name').fill('Golden Dragon Market');
    await page.getByLabel('Terminal name').fill('Front 2');
    await page.getByLabel('New PIN').fill('246810');
    await page.getByLabel('Confirm PIN').fill('246810');
    await page.getByRole('button', { name: 'Save and start' }).click();
    await page.getByLabel('Amount (USD)').waitFor();
    await page.getByText('Golden Dragon Market · Terminal Front 2').waitFor();
    expect(pos.app.snapshot().settings.hasManagerPin).toBe(true);
    // The hash is kept with the journal, where a broken settings file cannot take it.
    const settingsFile = fs.readFileSync(`${pos.dataDir}/settings.json`, 'utf8');
    expect(settingsFile).not.toContain('scrypt$');
    expect(settingsFile).not.toContain('246810');
    expect(JSON.stringify(pos.app.snapshot())).not.toContain('scrypt$');

    await page.keyboard.press('F10');
    await page.getByLabel('Manager PIN').fill('1111');
    await page.keyboard.press('Enter');
    await page.getByText('Wrong PIN. 4 tries left before the keypad locks.').waitFor();
    expect(pos.app.journal.auditLog(5)[0]).toMatchObject({ action: 'manager.unlock', outcome: 'refused', detail: 'PIN_WRONG' });

    await page.getByLabel('Manager PIN').fill('246810');
    await page.keyboard.press('Enter');
    await page.getByLabel('Store name').waitFor();
    await page.getByLabel('Store name').fill('Golden Dragon Market East');
    await page.getByLabel('Largest sale (USD)').fill('250.00');
    await screenshot(page, 'en-6-settings');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    expect(pos.app.snapshot().settings).toMatchObject({ storeName: 'Golden Dragon Market East', maxAmount: 25_000 });
    expect(pos.app.journal.auditLog(1)[0]).toMatchObject({ action: 'settings.update', outcome: 'ok' });

    // Change the PIN: a wrong current one says how many tries are left; then the new one works and the old one does not.
    const change = page.getByTestId('pin-change');
    await change.getByLabel('Current PIN').fill('9999');
    await change.getByLabel('New PIN').fill('135790');
    await change.getByLabel('Confirm PIN').fill('135790');
    await change.getByRole('button', { name: 'Change PIN' }).click();
    await change.getByTestId('change-current-pin-error').getByText('Wrong PIN. 4 tries left before the keypad locks.').waitFor();
    await change.getByLabel('Current PIN').scrollIntoViewIfNeeded();
    await screenshot(page, 'en-6b-change-pin-wrong');
    await change.getByLabel('Current PIN').fill('246810');
    await change.getByRole('button', { name: 'Change PIN' }).click();
    await change.getByText('PIN saved.').waitFor();
    await expect(pos.app.call('checkManagerPin', { pin: '246810' })).resolves.toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    await expect(pos.app.call('checkManagerPin', { pin: '135790' })).resolves.toMatchObject({ ok: true });
    // The screen goes on with the new PIN: a further save is accepted.
    await page.getByLabel('Store name').fill('Golden Dragon Market West');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => pos.app.snapshot().settings.storeName).toBe('Golden Dragon Market West');
    await page.keyboard.press('Escape');
    await page.getByLabel('Amount (USD)').fill('300');
    await page.keyboard.press('Enter');
    await page.locator('#amount-error').getByText('over this terminal’s limit of $250.00').waitFor();
  });

  it('stores an OnlinePay private key and environment from Settings, behind the PIN, and never shows the key', async () => {
    pos = await startPos();
    expect(await pos.app.call('setManagerPin', { newPin: '1357' })).toMatchObject({ ok: true });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
    await page.keyboard.press('F10');
    await page.getByLabel('Manager PIN').fill('1357');
    await page.keyboard.press('Enter');
    const fieldset = page.getByTestId('onlinepay-settings');
    await fieldset.getByLabel('OnlinePay environment').selectOption('sandbox');
    await fieldset.getByLabel('OnlinePay merchant private key').fill('op-private-key-e2e-0123456789');
    await fieldset.getByLabel('Card QR code shown for (minutes, 1–60)').fill('7');
    await fieldset.scrollIntoViewIfNeeded();
    await screenshot(page, 'en-6c-settings-onlinepay');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => pos.app.snapshot().settings.onlinePay).toMatchObject({ environment: 'sandbox', environmentChoice: 'sandbox', hasPrivateKey: true, paymentMinutes: 7, training: false });
    await fieldset.getByText('A private key is stored. Type a new one to replace it.').waitFor();
    await expect(fieldset.getByLabel('OnlinePay merchant private key').inputValue()).resolves.toBe('');
    expect(JSON.stringify(pos.app.snapshot())).not.toContain('op-private-key-e2e');
    expect(fs.readFileSync(`${pos.dataDir}/settings.json`, 'utf8')).not.toContain('op-private-key-e2e');
    expect(pos.app.journal.auditLog(5).map((entry) => entry.action)).toContain('settings.onlinePayKey');
  });

  it('marks a field that fails where it is and brings it into view, at 1024×768', async () => {
    pos = await startPos();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
    await page.keyboard.press('F10');
    const minutes = page.getByLabel('Payment QR lifetime (minutes)').or(page.locator('#onlinepay-minutes'));
    await minutes.first().fill('999');
    await page.getByLabel('Largest sale (USD)').fill('lots');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const largest = page.locator('#max-amount');
    // The first failing field is marked, holds the cursor and is on screen; the message names it too.
    await expect.poll(() => largest.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('max-amount');
    const box = await largest.boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(768);
    await page.getByText('Largest sale (USD)', { exact: false }).first().waitFor();
    await screenshot(page, 'en-settings-field-error-1024');
    // Fixed, the mark goes; the next failing field is marked in its turn.
    await largest.fill('1000.00');
    await expect.poll(() => largest.getAttribute('aria-invalid')).toBe(null);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('onlinepay-minutes');
    await expect.poll(() => page.locator('#onlinepay-minutes').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the last scan with its symbology in the scanner test panel, without charging it', async () => {
    pos = await startPos();
    page = await browser.newPage({ viewport: { width: 1280, height: 1200 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
    await pos.app.call('simulateScan', { code: SAMPLE_PAYMENT_CODES.unionpay, mode: 'pos' });
    await page.keyboard.press('F10');
    // A wallet's payment code shows masked, as the journal keeps it: only its last four digits.
    await page.getByTestId('scan-test').getByText(maskPaymentCode(SAMPLE_PAYMENT_CODES.unionpay)).waitFor();
    expect(await page.getByTestId('scan-test').textContent()).not.toContain(SAMPLE_PAYMENT_CODES.unionpay);
    await screenshot(page, 'en-7-scanner-test-panel');
    expect(pos.app.sandbox!.requests).toHaveLength(0);
    expect(pos.app.journal.recent(5)).toHaveLength(0);
  });
});

describe('reconciliation from the settings screen', () => {
  it('reconciles today with the gateway and offers the findings as CSV', async () => {
    const browser = await launchChromium();
    const pos = await startPos();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    try {
      await pos.app.call('startSale', { amount: 1234 });
      await pos.app.call('submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' });
      await pos.app.settled();
      await page.goto(pos.host.url);
      await page.getByRole('button', { name: /Settings/ }).click();
      await page.getByTestId('reconciliation').getByRole('button', { name: 'Reconcile' }).click();
      await page.getByText('The journal and the gateway agree.').waitFor();
      await page.getByText('Payments that agree: 1').waitFor();
      await page.getByTestId('reconciliation').scrollIntoViewIfNeeded();
      await screenshot(page, 'en-8-reconciliation');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
      const csv = fs.readFileSync(await download.path(), 'utf8');
      expect(csv.split('\r\n')[0]).toBe('finding,gateway,reference,field,journal,gateway_value,transaction_id,currency,amount_minor_units');
    } finally {
      await page.close();
      await pos.close();
      await browser.close();
    }
  });
});
