import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { SCREENSHOT_DIR, launchChromium, startPos, type PosHarness } from './fixtures/posHarness';
import { paymentRequest, registerFor, REGISTER_SETTINGS } from './fixtures/adyenRegister';

/** What the cashier sees of a register's sale, and the Settings fieldset, in Chromium at 1366×768. */
describe('register screens in Chromium', () => {
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
    pos = await startPos({}, { settings: { register: REGISTER_SETTINGS } });
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await pos.close();
  });

  it('shows "Sale from register" on the waiting screen, then the approved payment', async () => {
    const register = await registerFor(pos);
    const pending = register.plain.request(paymentRequest('POS-4711', 42.5) as never) as Promise<Record<string, any>>;
    const banner = page.getByTestId('register-sale');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('Sale from register REGISTER1 · POS-4711');
    await expect(banner.textContent()).resolves.toContain('$42.50');
    await page.getByRole('heading', { name: 'Scan the customer’s payment code' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'register-1-waiting.png') });
    await pos.app.call('simulateScan', { code: SAMPLE_PAYMENT_CODES.alipay, mode: 'pos' });
    expect((await pending).SaleToPOIResponse.PaymentResponse.Response.Result).toBe('Success');
    await page.getByRole('heading', { name: 'Payment approved' }).waitFor();
    await expect.poll(() => banner.count()).toBe(0);
  });

  it('has the Cash register fieldset in Settings, every control named, and exports the CA', async () => {
    // The endpoint's key is guarded like the gateway credentials: a PIN must be set.
    expect(await pos.app.call('setManagerPin', { newPin: '1357' })).toMatchObject({ ok: true });
    await page.keyboard.press('F10');
    await page.getByLabel('Manager PIN').fill('1357');
    await page.keyboard.press('Enter');
    const fieldset = page.getByTestId('register-settings');
    await fieldset.scrollIntoViewIfNeeded();
    for (const name of ['Take payments from a cash register', 'HTTPS port', 'Open to the store’s network (otherwise this computer only)', 'Accept unencrypted messages from this computer', 'Key identifier', 'Key version', 'Passphrase']) {
      await expect(page.getByLabel(name, { exact: true }).count()).resolves.toBe(1);
    }
    await expect(page.getByTestId('register-status').textContent()).resolves.toMatch(/Listening on 127\.0\.0\.1:\d+ \(POST \/nexo\/\)/);
    await page.getByLabel('Key identifier', { exact: true }).fill('StoreKey1');
    await page.getByLabel('Key version', { exact: true }).fill('2');
    await page.getByLabel('Passphrase', { exact: true }).fill('a secret passphrase');
    await page.getByRole('button', { name: 'Save cash register settings' }).click();
    await page.getByText('Saved.').waitFor();
    await expect(page.getByLabel('Passphrase', { exact: true }).inputValue()).resolves.toBe('');
    await page.getByText('A passphrase is stored. Type a new one to replace it.').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CA certificate' }).click()]);
    const file = await download.path();
    expect(fs.readFileSync(file!, 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
    await page.getByRole('region', { name: 'Cash register' }).screenshot({ path: path.join(SCREENSHOT_DIR, 'register-2-settings.png') });
    // The key — identifier, version, passphrase — never reaches the window; main has it.
    expect(JSON.stringify(pos.app.snapshot())).not.toContain('a secret passphrase');
    expect(JSON.stringify(pos.app.snapshot())).not.toContain('StoreKey1');
    await expect(page.getByLabel('Key identifier', { exact: true }).inputValue()).resolves.toBe('');
    await page.getByText('A key identifier is stored (it is not shown).', { exact: false }).waitFor();
    expect(JSON.parse(fs.readFileSync(path.join(pos.dataDir, 'settings.json'), 'utf8')).register).toMatchObject({ keyIdentifier: 'StoreKey1', keyVersion: 2 });
    expect(pos.app.journal.auditLog(5).find((entry) => entry.action === 'settings.register')?.detail).toBe('enabled, port, openToStoreNetwork, allowUnencryptedOnLoopback, keyIdentifier, keyVersion, passphrase set');
  });
});
