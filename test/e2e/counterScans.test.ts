import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { createNihaoPayClient } from '../../electron/services/gateway/nihaopay/nihaopayClient';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { scannerBurst } from './fixtures/cashierActions';
import { SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';

/**
 * Scans at the counter that are not this sale's payment: a receipt printed by another
 * terminal on the same merchant account (said so, looked up at NihaoPay by its transaction
 * id, nothing charged), in English and Chinese, at 1366×768 and 1024×768.
 */
describe('scans at the counter that are not a payment', () => {
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
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
  });
  afterEach(async () => {
    await page.close();
    await pos.close();
  });

  it('says a receipt is another terminal’s and looks its sale up at NihaoPay, charging nothing', async () => {
    // Another till on the same account takes a sale: NihaoPay has it, this journal does not.
    const sandbox = pos.app.sandbox!;
    const otherTill = createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token, deadlineMs: 3_000 });
    const theirs = await otherTill.scanQrCode({ amount: 4567, currency: 'USD', vendor: 'alipay', reference: 'OTHERTILL0001', buyerIdentityCode: SAMPLE_PAYMENT_CODES.alipay, clientIp: '192.0.2.9', description: 'till 2 sale' });
    const scansBefore = sandbox.requests.filter((r) => r.path.endsWith('/scanqrcode')).length;

    await scannerBurst(page, theirs.id);
    const notice = page.getByRole('dialog', { name: 'Receipt from another terminal' });
    await notice.getByText(`This terminal did not take sale ${theirs.id}`).waitFor();
    await screenshot(page, 'en-foreign-receipt');
    await notice.getByRole('button', { name: 'Look it up at NihaoPay' }).click();
    const found = notice.getByTestId('foreign-receipt-found');
    await found.getByText('Paid').waitFor();
    await expect(found.textContent()).resolves.toContain('$45.67');
    await expect(found.textContent()).resolves.toContain('OTHERTILL0001');
    await screenshot(page, 'en-foreign-receipt-found');
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'en-foreign-receipt-found-1024');
    expect(sandbox.requests.filter((r) => r.path.endsWith('/scanqrcode'))).toHaveLength(scansBefore); // nothing charged
    expect(sandbox.requests.some((r) => r.method === 'GET' && r.path === `/v1.2/transactions/${theirs.id}`)).toBe(true);
    expect(pos.app.journal.recent(5)).toEqual([]);

    // Esc closes it, back at the amount.
    await page.keyboard.press('Escape');
    await expect(notice.count()).resolves.toBe(0);

    // In Chinese.
    await page.keyboard.press('F2');
    await scannerBurst(page, theirs.id);
    const zh = page.getByRole('dialog', { name: '其他终端的小票' });
    await zh.getByRole('button', { name: '向 NihaoPay 查询' }).click();
    await zh.getByTestId('foreign-receipt-found').getByText('已付款').waitFor();
    await screenshot(page, 'zh-foreign-receipt-found-1024');
  });
});
