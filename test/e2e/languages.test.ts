import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CATALOGUES } from '../../shared/i18n/catalogues';
import { en } from '../../shared/i18n/en';
import { LANGUAGES, type Language } from '../../shared/settings/languages';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { enterAmount, scannerBurst } from './fixtures/cashierActions';
import { launchChromium, startPos, type PosHarness } from './fixtures/posHarness';

/** Screenshots stay out of the repository: they are for looking at, not for keeping. */
const SHOTS = process.env.I18N_SHOTS_DIR ?? '/tmp/shots-i18n';

/** An untranslated key on screen reads like "section.key": any catalogue section, a dot, a name. */
const RAW_KEY = new RegExp(`\\b(?:${Object.keys(en).join('|')})\\.[A-Za-z_][\\w.]*`);

/**
 * The four cashier languages and the customer display in the customer's languages, in
 * Chromium: a JPY store whose display speaks Japanese beside Simplified Chinese takes a sale,
 * the display shows the yen amount and its RMB equivalent each unmistakably (円 / 元, 人民币 ¥),
 * the receipt prints in Japanese (read back with pdftotext), and every cashier screen in every
 * language shows no raw catalogue key.
 */
describe('languages', () => {
  let browser: Browser;
  let pos: PosHarness;
  let cashier: Page;
  let display: Page;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    pos = await startPos();
    const changed = await pos.app.call('updateSettings', {
      change: {
        currency: 'JPY',
        merchantName: '銀座茶房',
        storeName: '銀座本店',
        cashierLanguages: { en: true, 'zh-CN': true, ja: true, 'zh-TW': true },
        display: { primaryLanguage: 'ja', secondaryLanguage: 'zh-CN' },
      },
    });
    expect(changed).toMatchObject({ ok: true, value: { settings: { currency: 'JPY', cashierLanguages: ['en', 'zh-CN', 'ja', 'zh-TW'] } } });
    expect(await pos.app.call('setLanguage', { language: 'ja' })).toMatchObject({ ok: true });
    cashier = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await cashier.goto(pos.host.url);
    await display.goto(new URL('/display', pos.host.url).href);
    await display.getByTestId('display-screen').waitFor();
  });
  afterAll(async () => {
    await cashier?.close();
    await display?.close();
    await pos?.close();
    await browser?.close();
  });

  const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
  const noRawKey = async (page: Page, where: string) => {
    const text = await page.locator('body').innerText();
    expect(text.match(RAW_KEY)?.[0], where).toBeUndefined();
  };

  it('refuses a cashier language the store did not enable, and F2 goes round the enabled ones', async () => {
    await cashier.getByLabel('金額（JPY）').waitFor();
    await expect(cashier.locator('html').getAttribute('lang')).resolves.toBe('ja');
    const order: Language[] = [];
    for (let i = 0; i < 4; i += 1) {
      await cashier.keyboard.press('F2');
      await cashier.waitForFunction((last) => document.documentElement.lang !== last, order.at(-1) ?? 'ja');
      order.push((await cashier.locator('html').getAttribute('lang')) as Language);
    }
    expect(order).toEqual(['zh-TW', 'en', 'zh-CN', 'ja']);
    const only = await pos.app.call('updateSettings', { change: { cashierLanguages: { en: false, 'zh-CN': false, ja: true, 'zh-TW': true } } });
    expect(only).toMatchObject({ ok: true, value: { settings: { language: 'ja' } } });
    await expect(pos.app.call('setLanguage', { language: 'zh-CN' })).resolves.toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID' } });
    const none = { en: false, 'zh-CN': false, ja: false, 'zh-TW': false };
    await expect(pos.app.call('updateSettings', { change: { cashierLanguages: none } })).resolves.toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID', params: { field: 'cashierLanguages' } } });
    expect(await pos.app.call('updateSettings', { change: { cashierLanguages: { en: true, 'zh-CN': true, ja: true, 'zh-TW': true } } })).toMatchObject({ ok: true });
  });

  it('a JPY sale on a Japanese + Chinese display: 円 beside 元 and 人民币 ¥, then a Japanese receipt that pdftotext reads', async () => {
    await shot(display, 'display-idle-ja-zhCN-1920x1080');
    await expect(display.locator('.display-welcome [lang="ja"]').textContent()).resolves.toBe('いらっしゃいませ');
    // The gateway's reply carries the RMB amount for the receipt (as NihaoPay's IPNs do).
    pos.app.sandbox!.setFault({ action: { kind: 'mutateReply', set: { rmb_amount: 4811 } }, method: 'POST', pathPrefix: '/v1.2/transactions/scanqrcode' });
    await enterAmount(cashier, '1000', '金額（JPY）');
    await cashier.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    const rmb = display.getByTestId('display-rmb');
    await rmb.waitFor({ timeout: 10_000 });
    await expect(display.getByTestId('display-amount').textContent()).resolves.toBe('1,000円');
    const japanese = (await rmb.locator('[lang="ja"]').textContent())!;
    const chinese = (await rmb.locator('[lang="zh-CN"]').textContent())!;
    expect(japanese).toMatch(/^人民元換算 約 \d+\.\d{2}元$/);
    expect(chinese).toMatch(/^约合人民币 ¥\d+\.\d{2}$/);
    // Never a yen amount and a yuan amount that read alike: no "¥" in the Japanese line, no 円 beside the yuan.
    expect(japanese).not.toContain('¥');
    expect(chinese).not.toContain('円');
    await expect(display.locator('.display-rate [lang="ja"]').textContent()).resolves.toMatch(/^レート [\d.]+（\d{4}年\d{1,2}月\d{1,2}日）$/);
    await shot(display, 'display-sale-ja-zhCN-1920x1080');
    await shot(cashier, 'cashier-awaitingScan-ja-1366x768');
    await noRawKey(cashier, 'ja awaitingScan');

    await scannerBurst(cashier, SAMPLE_PAYMENT_CODES.alipay);
    await cashier.locator('.cashier[data-phase="approved"]').waitFor({ timeout: 10_000 });
    await display.locator('[data-testid="display-outcome"][data-outcome="paid"]').waitFor();
    await expect(display.locator('.display-outcome-message [lang="ja"]').textContent()).resolves.toBe('お支払いありがとうございました');
    await shot(display, 'display-result-paid-ja-zhCN-1920x1080');
    await shot(cashier, 'cashier-approved-ja-1366x768');
    await noRawKey(cashier, 'ja approved');
    const row = pos.app.journal.recent(1)[0]!;
    expect(row).toMatchObject({ amount: 1000, currency: 'JPY', rmbAmount: 4811 });

    await cashier.keyboard.press('F4'); // レシート
    await cashier.getByTestId('receipt-preview').waitFor();
    await cashier.getByLabel('用紙').selectOption('80mm');
    await cashier.locator('.print-root [data-paper="80mm"]').waitFor({ state: 'attached' });
    await expect(cashier.locator('.print-root [data-testid="receipt-paper"]').getAttribute('lang')).resolves.toBe('ja');
    await shot(cashier, 'cashier-receipt-ja-1366x768');
    await cashier.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.print-root img')].every((img) => img.complete && img.naturalWidth > 0));
    const pdf = path.join(SHOTS, 'receipt-ja-80mm.pdf');
    await cashier.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, path.join(SHOTS, 'receipt-ja-80mm')]);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const expected of ['銀座茶房', '銀座本店', 'お買上げ', '支払い方法', 'Alipay', '金額', '1,000円', '人民元の金額', '48.11元', '取引番号', row.transactionId!, '参照番号', row.reference, 'ありがとうございました']) {
      expect(text, expected).toContain(expected);
    }
    // JPY has no decimals anywhere, and a yen amount is never written with a bare ¥.
    expect(text).not.toMatch(/1,000\.00|¥1,000/);
    await cashier.keyboard.press('Escape');
    await cashier.keyboard.press('Enter'); // 次のお会計
    await cashier.getByLabel('金額（JPY）').waitFor();
  });

  it.each(LANGUAGES)('every cashier screen in %s shows its own words and no raw key', async (language) => {
    expect(await pos.app.call('setLanguage', { language })).toMatchObject({ ok: true });
    await cashier.goto(pos.host.url);
    await cashier.waitForFunction((lng) => document.documentElement.lang === lng, language);
    const amountLabel = { en: 'Amount (JPY)', 'zh-CN': '金额（JPY）', ja: '金額（JPY）', 'zh-TW': '金額（JPY）' }[language];
    await cashier.getByLabel(amountLabel).waitFor();
    await shot(cashier, `cashier-idle-${language}-1366x768`);
    await noRawKey(cashier, `${language} idle`);
    for (const [key, name] of [['F8', 'history'], ['F9', 'reports'], ['F7', 'account'], ['F10', 'settings']] as const) {
      await cashier.goto(pos.host.url);
      await cashier.getByLabel(amountLabel).waitFor();
      await cashier.keyboard.press(key);
      await cashier.waitForTimeout(700);
      await shot(cashier, `cashier-${name}-${language}-1366x768`, name === 'settings');
      await noRawKey(cashier, `${language} ${name}`);
      if (name === 'settings') {
        // The two language settings, each named in the window's language with the languages named in themselves.
        await cashier.getByTestId('cashier-languages').screenshot({ path: path.join(SHOTS, `cashier-settings-languages-${language}.png`) });
        await cashier.locator('fieldset:has(#display-primary-language)').screenshot({ path: path.join(SHOTS, `cashier-settings-display-${language}.png`) });
      }
      // Nothing runs off the side of the counter's screen.
      const overflow = await cashier.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${language} ${name} horizontal overflow`).toBeLessThanOrEqual(0);
    }
  });

  it('the show-QR screen on a Japanese + Chinese display names the wallet and counts down in both', async () => {
    expect(await pos.app.call('updateSettings', { change: { display: { primaryLanguage: 'ja', secondaryLanguage: 'zh-CN' } } })).toMatchObject({ ok: true });
    expect(await pos.app.call('setLanguage', { language: 'ja' })).toMatchObject({ ok: true });
    await cashier.goto(pos.host.url);
    await enterAmount(cashier, '1500', '金額（JPY）');
    await cashier.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    await cashier.keyboard.press('F3');
    await display.getByTestId('display-qr').waitFor({ timeout: 10_000 });
    await expect(display.locator('.display-prompt [lang="ja"]').textContent()).resolves.toBe('Alipayで読み取ってお支払いください');
    await expect(display.locator('.display-prompt [lang="zh-CN"]').textContent()).resolves.toBe('请使用支付宝扫码付款');
    await expect(display.getByTestId('display-amount').textContent()).resolves.toBe('1,500円');
    await shot(display, 'display-showQr-ja-zhCN-1920x1080');
    await shot(cashier, 'cashier-showingQr-ja-1366x768');
    await noRawKey(cashier, 'ja showingQr');
    await cashier.keyboard.press('Escape'); // 待機をやめる
    await display.locator('[data-testid="display-screen"][data-kind="idle"]').waitFor({ timeout: 10_000 });
  });

  it.each([
    ['en', 'zh-CN'],
    ['zh-TW', 'en'],
    ['ja', 'none'],
  ] as const)('the display in %s + %s, on every state it can show here', async (primary, secondary) => {
    expect(await pos.app.call('updateSettings', { change: { display: { primaryLanguage: primary, secondaryLanguage: secondary } } })).toMatchObject({ ok: true });
    const tag = `${primary}-${secondary}`;
    await display.waitForFunction((lng) => document.documentElement.lang === lng, primary);
    await shot(display, `display-idle-${tag}-1920x1080`);
    await cashier.goto(pos.host.url);
    await cashier.locator('.cashier[data-phase="idle"]').waitFor();
    const field = cashier.locator('input[inputmode="numeric"], input[inputmode="decimal"]').first();
    await field.fill('2500');
    await cashier.keyboard.press('Enter');
    await display.getByTestId('display-rmb').waitFor({ timeout: 10_000 });
    const langs = await display.locator('.display-rmb [lang]').evaluateAll((els) => els.map((el) => el.getAttribute('lang')));
    expect(langs).toEqual(secondary === 'none' ? [primary] : [primary, secondary]);
    await shot(display, `display-sale-${tag}-1920x1080`);
    await cashier.keyboard.press('Escape');
    await display.locator('[data-testid="display-screen"][data-kind="idle"]').waitFor();
  });
  it.each(LANGUAGES)('the counter’s outcomes in %s: declined and approved, on the cashier and on the display, then the sale’s detail and refund form', async (language) => {
    // The display speaks the cashier's language first, beside English (or Simplified Chinese for an English cashier).
    const second: Language = language === 'en' ? 'zh-CN' : 'en';
    expect(await pos.app.call('updateSettings', { change: { display: { primaryLanguage: language, secondaryLanguage: second } } })).toMatchObject({ ok: true });
    expect(await pos.app.call('setLanguage', { language })).toMatchObject({ ok: true });
    pos.app.sandbox!.setFault(null);
    await cashier.goto(pos.host.url);
    await cashier.waitForFunction((lng) => document.documentElement.lang === lng, language);
    const amountLabel = { en: 'Amount (JPY)', 'zh-CN': '金额（JPY）', ja: '金額（JPY）', 'zh-TW': '金額（JPY）' }[language];
    const tag = `${language}-${second}`;

    // A decline (the sandbox declines amounts ending in 51).
    await enterAmount(cashier, '1251', amountLabel);
    await cashier.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    await shot(cashier, `cashier-awaitingScan-${language}-1366x768`);
    await noRawKey(cashier, `${language} awaitingScan`);
    await scannerBurst(cashier, SAMPLE_PAYMENT_CODES.wechatpay);
    await cashier.locator('.cashier[data-phase="declined"]').waitFor({ timeout: 10_000 });
    await display.locator('[data-testid="display-screen"][data-kind="result"]').waitFor({ timeout: 10_000 });
    await expect(display.getByTestId('display-screen').getAttribute('lang')).resolves.toBe(language);
    await shot(cashier, `cashier-declined-${language}-1366x768`);
    await shot(display, `display-result-failed-${tag}-1920x1080`);
    await noRawKey(cashier, `${language} declined`);
    await noRawKey(display, `${language} display failed`);
    await cashier.keyboard.press('Escape');
    await cashier.getByLabel(amountLabel).waitFor();

    // An approval.
    await enterAmount(cashier, '1200', amountLabel);
    await cashier.locator('.cashier[data-phase="awaitingScan"]').waitFor();
    await scannerBurst(cashier, SAMPLE_PAYMENT_CODES.alipay);
    await cashier.locator('.cashier[data-phase="approved"]').waitFor({ timeout: 10_000 });
    await display.locator('[data-testid="display-screen"][data-kind="result"]').waitFor({ timeout: 10_000 });
    await shot(cashier, `cashier-approved-${language}-1366x768`);
    await shot(display, `display-result-paid-${tag}-1920x1080`);
    await noRawKey(cashier, `${language} approved`);
    await noRawKey(display, `${language} display paid`);
    const row = pos.app.journal.recent(1)[0]!;
    expect(row).toMatchObject({ state: 'success', amount: 1200 });

    // The sale in history, its detail and the refund form (the manager's screens in this language).
    await cashier.keyboard.press('Enter');
    await cashier.getByLabel(amountLabel).waitFor();
    await cashier.keyboard.press('F8');
    await cashier.locator(`button[data-reference="${row.reference}"]`).click();
    await cashier.getByTestId('transaction-detail').waitFor();
    await cashier.getByTestId('transaction-detail').getByRole('button', { name: CATALOGUES[language].history.detail.refund, exact: true }).click();
    await cashier.locator('form.refund-form').waitFor();
    await shot(cashier, `cashier-refundForm-${language}-1366x768`);
    await noRawKey(cashier, `${language} refund form`);
    const overflow = await cashier.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${language} refund form horizontal overflow`).toBeLessThanOrEqual(0);
  });
});
