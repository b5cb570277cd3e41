import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { SCREENSHOT_DIR, launchChromium, startPos, type PosHarness } from './fixtures/posHarness';

const run = promisify(execFile);

/**
 * The customer display's screens in Chromium, driven through the app's own calls against
 * the built-in sandbox: every state at a 1920×1080 monitor and a 1024×768 tablet, with a
 * screenshot of each (test-results/screenshots/display-<state>-<size>.png), the shown QR
 * decoded back from the screenshot, and no screen scrolling or cut off.
 */
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1024, height: 768 },
] as const;

describe('customer display screens', () => {
  let browser: Browser;
  let pos: PosHarness;
  const pages: Array<{ page: Page; size: (typeof SIZES)[number] }> = [];

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    pos = await startPos();
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: size });
      await page.goto(new URL('/display', pos.host.url).href);
      pages.push({ page, size });
    }
  });
  afterAll(async () => {
    for (const { page } of pages) await page.close();
    await browser?.close();
    await pos?.close();
  });

  const call = async (name: string, args: unknown) => {
    const result = await pos.app.call(name, args);
    if (!result.ok) throw new Error(`${name} refused: ${JSON.stringify(result.error)}`);
    return result;
  };
  const screenOf = (page: Page, kind: string) => page.locator(`[data-testid="display-screen"][data-kind="${kind}"]`);
  const fileFor = (state: string, size: (typeof SIZES)[number]) => path.join(SCREENSHOT_DIR, `display-${state}-${size.width}x${size.height}.png`);

  /** Nothing scrolls, nothing sticks out of the window, nothing is cut off inside it. */
  async function expectFits(page: Page) {
    const problems = await page.evaluate(() => {
      const found: string[] = [];
      const root = document.documentElement;
      if (root.scrollWidth > innerWidth || root.scrollHeight > innerHeight) found.push(`page scrolls: ${root.scrollWidth}×${root.scrollHeight}`);
      for (const element of document.querySelectorAll<HTMLElement>('[data-testid="display-screen"], [data-testid="display-screen"] *')) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        const name = `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}`;
        if (rect.left < -1 || rect.top < -1 || rect.right > innerWidth + 1 || rect.bottom > innerHeight + 1) {
          found.push(`${name} outside the window: ${Math.round(rect.left)},${Math.round(rect.top)} → ${Math.round(rect.right)},${Math.round(rect.bottom)}`);
        }
        // An element whose content is bigger than its box has text or a code cut off.
        if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) {
          if (getComputedStyle(element).overflow !== 'visible') found.push(`${name} clips its content`);
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  }

  /** Waits for `kind` on both pages, checks the layout, and takes both screenshots. */
  async function shoot(state: string, kind: string) {
    for (const { page, size } of pages) {
      await screenOf(page, kind).waitFor();
      // Fonts (Noto CJK is large) and the QR's measured size settle before the picture.
      await page.evaluate(() => document.fonts.ready);
      await page.waitForTimeout(150);
      await expectFits(page);
      // The display offers nothing to press or type into.
      await expect(page.locator('button, input, select, textarea, a[href]').count()).resolves.toBe(0);
      await page.screenshot({ path: fileFor(state, size) });
    }
  }

  const zbar = async (file: string) => (await run('zbarimg', ['--raw', '-q', file])).stdout.trim();

  it('idle: the store name and a welcome in both languages', async () => {
    await call('updateSettings', { change: { storeName: 'Golden Gate Tea House' } });
    for (const { page } of pages) await page.getByText('Golden Gate Tea House').waitFor();
    await shoot('idle', 'idle');
    const { page } = pages[0]!;
    await page.getByText('Welcome', { exact: true }).waitFor();
    await page.getByText('欢迎光临', { exact: true }).waitFor();
    await expect(page.getByTestId('display-training').isVisible()).resolves.toBe(true);
  });

  it('idle with the store QR: the static code, large, and what to scan it with', async () => {
    await call('updateSettings', { change: { display: { sellerName: 'Golden Gate Tea', storeNumber: '0042' } } });
    await call('createStoreQr', {});
    await call('updateSettings', { change: { display: { storeQrEnabled: true } } });
    for (const { page } of pages) await page.getByTestId('display-store-qr').waitFor();
    await shoot('idle-storeQr', 'idle');
    const record = pos.app.snapshot().settings.display.storeQr;
    expect(record?.qrcode).toBeTruthy();
    for (const size of SIZES) await expect(zbar(fileFor('idle-storeQr', size))).resolves.toBe(record!.qrcode);
    await pages[1]!.page.getByText('Scan to pay with Alipay, WeChat Pay or UnionPay').waitFor();
  });

  it('sale awaiting a code: the total, its RMB equivalent with rate and date, and the prompt', async () => {
    await call('startSale', { amount: 1234 });
    // The day's rate arrives from the sandbox a moment after the sale starts.
    for (const { page } of pages) await page.getByTestId('display-rmb').waitFor();
    await shoot('sale-awaiting', 'sale');
    const { page } = pages[1]!;
    await expect(page.getByTestId('display-amount').textContent()).resolves.toBe('$12.34');
    // 12.34 × 6.921791 (the sandbox's Alipay rate) = 85.41 RMB.
    await expect(page.getByTestId('display-rmb').textContent()).resolves.toContain('≈ CN¥85.41');
    await expect(page.locator('.display-rate').textContent()).resolves.toMatch(/rate 6\.921791 of \d{4}-\d{2}-\d{2}/);
    await page.getByText('Please show your payment code to the cashier').waitFor();
    await page.getByText('请向收银员出示付款码').waitFor();
  });

  it('sale processing: the gateway is slow to answer the scan', async () => {
    pos.app.sandbox!.setFault({ latencyMs: 4_000, times: 1, pathPrefix: '/v1.2/transactions/scanqrcode' });
    const scanned = call('submitScan', { code: SAMPLE_PAYMENT_CODES.wechatpay, source: 'manual' });
    for (const { page } of pages) await page.locator('[data-testid="display-screen"] [data-stage="processing"]').waitFor();
    await shoot('sale-processing', 'sale');
    await scanned;
    for (const { page } of pages) await page.locator('[data-testid="display-outcome"][data-outcome="paid"]').waitFor({ timeout: 15_000 });
    await shoot('paid-scan', 'result');
  });

  let showQrPage: Page | undefined;
  afterAll(async () => showQrPage?.close());

  it('show-QR: a large code that decodes to the sandbox code_url, whole-pixel modules, a countdown that runs', async () => {
    // A fake-clock page alongside, to see the code run out without waiting five minutes.
    showQrPage = await browser.newPage({ viewport: SIZES[1] });
    await showQrPage.clock.install();
    await showQrPage.goto(new URL('/display', pos.host.url).href);
    await screenOf(showQrPage, 'result').waitFor();

    await call('startSale', { amount: 1200 }); // the sandbox keeps 12.00 pending until paid
    await call('startShowQr', { vendor: 'alipay' });
    for (const { page } of pages) await page.getByTestId('display-qr').waitFor();
    await shoot('showQr', 'showQr');

    const checkout = pos.app.snapshot().checkout;
    expect(checkout.phase).toBe('showingQr');
    const codeUrl = checkout.phase === 'showingQr' ? checkout.qr.codeUrl : '';
    expect(codeUrl).toMatch(/^\S+$/);
    for (const { size } of pages) await expect(zbar(fileFor('showQr', size))).resolves.toBe(codeUrl);

    for (const { page, size } of pages) {
      const qr = page.getByTestId('display-qr');
      const { width, height, modules } = await qr.evaluate((img: HTMLImageElement) => ({
        width: img.getBoundingClientRect().width,
        height: img.getBoundingClientRect().height,
        modules: Number(img.dataset['modules']),
      }));
      expect(width).toBe(height);
      expect(modules).toBeGreaterThan(20);
      expect(Number.isInteger(width / modules), `${width} px for ${modules} modules`).toBe(true);
      expect(width).toBeGreaterThanOrEqual(size.width >= 1920 ? 800 : 420);
      await page.getByText('Alipay', { exact: true }).first().waitFor();
      await page.getByText('支付宝', { exact: true }).first().waitFor();
      await expect(page.getByTestId('display-amount').textContent()).resolves.toBe('$12.00');
      await expect(page.getByTestId('display-rmb').textContent()).resolves.toContain('≈ CN¥83.06');
    }

    const countdown = pages[1]!.page.getByTestId('display-countdown');
    const seconds = async () => {
      const [m, s] = (await countdown.textContent())!.split(':').map(Number);
      return m! * 60 + s!;
    };
    const first = await seconds();
    expect(first).toBeGreaterThan(4 * 60);
    expect(first).toBeLessThanOrEqual(5 * 60);
    await pages[1]!.page.waitForTimeout(2_100);
    const later = await seconds();
    expect(later).toBeLessThan(first);
    expect(first - later).toBeLessThanOrEqual(3);

    // At zero the code disappears at once, before main says anything.
    await showQrPage.getByTestId('display-qr').waitFor();
    await showQrPage.clock.fastForward('05:01');
    await showQrPage.getByTestId('display-qr-expired').waitFor();
    await expect(showQrPage.getByTestId('display-qr').count()).resolves.toBe(0);
    await expect(showQrPage.getByTestId('display-countdown').textContent()).resolves.toBe('0:00');
    // Read from the expired block itself (the faked clock also holds animation frames, so a visibility wait can stall).
    await expect.poll(() => showQrPage!.getByTestId('display-qr-expired').textContent()).toContain('Code expired');
    await expect(showQrPage.getByTestId('display-qr-expired').textContent()).resolves.toContain('二维码已过期');
    await showQrPage.screenshot({ path: fileFor('showQr-countdownEnded', SIZES[1]) });
    expect(pos.app.snapshot().checkout.phase).toBe('showingQr');
  });

  it('paid: the sandbox takes the shown code and the display says thank you within 2 s', async () => {
    const checkout = pos.app.snapshot().checkout;
    const id = checkout.phase === 'showingQr' ? checkout.qr.transactionId : '';
    const sandbox = pos.app.sandbox!;
    const response = await fetch(`${sandbox.url}/__sandbox/qr/${id}/pay`, { method: 'POST', headers: { authorization: `Bearer ${sandbox.token}` } });
    expect(response.status).toBe(200);
    const paidAt = Date.now();
    for (const { page } of pages) await page.locator('[data-testid="display-outcome"][data-outcome="paid"]').waitFor({ timeout: 2_000 });
    expect(Date.now() - paidAt).toBeLessThan(2_000);
    await shoot('paid', 'result');
    const { page } = pages[0]!;
    await page.getByText('Paid — thank you!').waitFor();
    await page.getByText('支付成功，谢谢！').waitFor();
    await expect(page.getByTestId('display-amount').textContent()).resolves.toBe('$12.00');
  });

  it('failed: the customer’s payment did not go through', async () => {
    await call('startSale', { amount: 1282 }); // sandbox: the shown code's payment fails 5 s on
    await call('startShowQr', { vendor: 'wechatpay' });
    for (const { page } of pages) await page.getByTestId('display-qr').waitFor();
    await pages[1]!.page.getByText('微信支付', { exact: true }).first().waitFor();
    for (const { page } of pages) await page.locator('[data-testid="display-outcome"][data-outcome="failed"]').waitFor({ timeout: 15_000 });
    await shoot('failed', 'result');
    await pages[0]!.page.getByText('Payment not completed').waitFor();
  });

  it('expired: the code ran out at the gateway', async () => {
    await call('startSale', { amount: 1283 }); // sandbox: the code expires 10 s on
    await call('startShowQr', { vendor: 'unionpay' });
    for (const { page } of pages) await page.getByTestId('display-qr').waitFor();
    await pages[1]!.page.getByText('银联云闪付', { exact: true }).first().waitFor();
    await shoot('showQr-unionpay', 'showQr');
    for (const { page } of pages) await page.locator('[data-testid="display-outcome"][data-outcome="expired"]').waitFor({ timeout: 25_000 });
    await shoot('expired', 'result');
    await pages[0]!.page.getByText('This code has expired — please ask the cashier').waitFor();
  }, 40_000);
});
