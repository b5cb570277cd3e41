import type { Page } from 'playwright-core';
import { ONLINEPAY_CURRENCIES } from '../../shared/gateway/onlinepay/onlinePayApi';
import type { Vendor } from '../../shared/payments/vendors';
import { chartSegments } from './fixtures/chartChecks';
import { MANAGER_PIN as PIN, managerSuite } from './fixtures/managerSuite';
import { screenshot, type PosHarness } from './fixtures/posHarness';
const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);
/** "12.34" / "-2.34" / "1500" as minor units, by the digits (the sandbox writes two decimals for USD). */
const minor = (text: string) => {
  const [whole = '', fraction = ''] = text.replace('-', '').split('.');
  const value = Number(whole + fraction.padEnd(2, '0'));
  return text.startsWith('-') ? -value : value;
};

/**
 * The Account screen against both training sandboxes: a day of sales and a refund at
 * NihaoPay, the day settled (the sandbox's clock moved on), a withdrawal made at the
 * sandbox, a new day's sale and refund, and a card sale at OnlinePay paid partly back to a
 * bank account (a payout). The screen's
 * balances, withdrawal list and detail equal the sandboxes' own figures to the minor unit.
 */
describe('the Account screen', () => {
  const suite = managerSuite();
  const { call } = suite;
  let pos: PosHarness;
  let page: Page;
  beforeEach(() => {
    pos = suite.pos;
    page = suite.page;
  });
  const sale = async (amount: number, vendor: Vendor) => (await suite.sale(amount, vendor)).transactionId;
  async function refund(transactionId: string, amount: number) {
    expect(await call('refund', { pin: PIN, transactionId, amount, currency: 'USD', reason: 'account test' })).toMatchObject({ ok: true, value: { state: 'success' } });
  }
  async function cardSale(amount: number): Promise<string> {
    expect(await call('startSale', { amount })).toMatchObject({ ok: true });
    expect(await call('startHostedPayment')).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(pos.app.snapshot().checkout.phase).toBe('showingQr'), { timeout: 5_000 });
    expect(await call('simulateQrPayment', { outcome: 'pay' })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(pos.app.snapshot().checkout.phase).toBe('approved'), { timeout: 10_000 });
    await call('newSale');
    return pos.app.journal.recent(1)[0]!.transactionId!;
  }
  /** A card sale's refund: an OnlinePay payout to the customer's bank account. */
  async function payout(transactionId: string, amount: number) {
    const bankPayout = { bankAccount: { accountHolder: 'Li Wei', accountNumber: '6222020200112233445', bankCode: 'ICBC' }, billing: { state: '11', city: '1000', countryCode: 'CN' } };
    expect(await call('refund', { pin: PIN, transactionId, amount, currency: 'USD', reason: 'account test', bankPayout })).toMatchObject({ ok: true, value: { state: 'success' } });
  }
  /** The NihaoPay sandbox's own answer, over HTTP as any client would read it. */
  async function sandboxGet(path: string): Promise<string> {
    const sandbox = pos.app.sandbox!;
    const response = await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${sandbox.token}` } });
    expect(response.status).toBe(200);
    return response.text();
  }
  const cell = (row: string, field: string) => page.locator(`${row} [data-field="${field}"]`);
  const minorOf = async (row: string, field: string) => Number(await cell(row, field).getAttribute('data-minor'));

  it('shows balances, withdrawals and a withdrawal’s detail equal to the sandboxes’ figures, behind the PIN, within the refresh limit', async () => {
    // Day 1 at the sandbox: two sales and a partial refund.
    const first = await sale(1234, 'alipay');
    const second = await sale(2500, 'wechatpay');
    await refund(first, 234);
    // The day ends at the sandbox: its money settles, and the trainer pays it out.
    suite.sandboxOffsetMs = DAY_MS;
    const withdrawal = pos.app.sandbox!.withdraw('USD');
    if (!withdrawal.ok) throw new Error('the sandbox made no withdrawal');
    expect(withdrawal.withdrawal).toMatchObject({ amount: 1234 + 2500 - 234 - 30, fee: 30, currency: 'USD' });
    // Day 2: a sale and a refund not settled yet, and a card sale at OnlinePay.
    const third = await sale(999, 'unionpay');
    await refund(third, 100);
    const card = await cardSale(2599);
    await payout(card, 599);

    // The sandboxes' own figures.
    const accounts = (JSON.parse(await sandboxGet('/v1.2/accounts')) as { accounts: Array<Record<string, string>> }).accounts;
    const usd = accounts.find((a) => a.currency === 'USD')!;
    expect([minor(usd.balance!), minor(usd.pending_amount!), minor(usd.freeze_amount!)]).toEqual([0, 999, 100]);
    const onlinePay = Object.fromEntries(ONLINEPAY_CURRENCIES.map((c) => [c, pos.app.onlinePaySandbox!.balance(c)]));
    expect(onlinePay['USD']).toEqual({ available: 2000, hold: 0 });

    // F7 opens the Account tab behind the PIN; a wrong PIN is refused and audited.
    await page.keyboard.press('F7');
    await page.getByRole('tab', { name: /Account/, selected: true }).waitFor();
    await page.getByLabel('Manager PIN').fill('1111');
    await page.getByRole('button', { name: 'Show the account' }).click();
    await page.getByText('Wrong PIN. 4 tries left before the keypad locks.').waitFor();
    expect(pos.app.journal.auditLog(1)[0]).toMatchObject({ action: 'account.read', outcome: 'refused', detail: 'PIN_WRONG' });
    await page.getByLabel('Manager PIN').fill(PIN);
    await page.getByRole('button', { name: 'Show the account' }).click();

    // NihaoPay's balances per currency, to the minor unit, formatted for people.
    const nihaoUsd = '[data-testid="nihaopay-balances"] tr[data-currency="USD"]';
    await page.locator(nihaoUsd).waitFor();
    for (const account of accounts) {
      const row = `[data-testid="nihaopay-balances"] tr[data-currency="${account.currency}"]`;
      expect([await minorOf(row, 'balance'), await minorOf(row, 'pending'), await minorOf(row, 'frozen')]).toEqual([minor(account.balance!), minor(account.pending_amount!), minor(account.freeze_amount!)].map((v) => (account.currency === 'JPY' ? v / 100 : v)));
    }
    await expect(cell(nihaoUsd, 'balance').textContent()).resolves.toBe('$0.00');
    await expect(cell(nihaoUsd, 'pending').textContent()).resolves.toBe('$9.99');
    await expect(cell(nihaoUsd, 'frozen').textContent()).resolves.toBe('$1.00');
    // OnlinePay's balance in every currency it takes.
    for (const currency of ONLINEPAY_CURRENCIES) {
      const row = `[data-testid="onlinepay-balances"] tr[data-currency="${currency}"]`;
      expect([await minorOf(row, 'available'), await minorOf(row, 'held')]).toEqual([onlinePay[currency]!.available, onlinePay[currency]!.hold]);
    }
    await expect(cell('[data-testid="onlinepay-balances"] tr[data-currency="USD"]', 'available').textContent()).resolves.toBe('$20.00');
    await expect(page.locator('[data-testid="nihaopay-balances"] [data-testid="read-at"]').getAttribute('data-read-at')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(pos.app.journal.auditLog(5).map((row) => row.detail)).toEqual(expect.arrayContaining(['balances nihaopay', 'balances onlinepay']));

    // The withdrawal, dated by the sandbox's day: chosen by date range.
    await page.getByLabel('To').fill(isoDay(Date.now() + DAY_MS));
    await page.getByRole('button', { name: 'Show withdrawals' }).click();
    const history = (JSON.parse(await sandboxGet(`/v1.2/withdrawal/history/?start_date=${isoDay(Date.now() - 6 * DAY_MS).replace(/-/g, '')}&end_date=${isoDay(Date.now() + DAY_MS).replace(/-/g, '')}`)) as { withdrawal: Array<Record<string, string>> }).withdrawal;
    expect(history).toHaveLength(1);
    const w = history[0]!;
    const wRow = `tr[data-withdrawal-id="${w.id}"]`;
    await page.locator(wRow).waitFor();
    expect([await minorOf(wRow, 'amount'), await minorOf(wRow, 'fee')]).toEqual([minor(w.amount!), minor(w.fee!)]);
    await expect(cell(wRow, 'status').getAttribute('data-status')).resolves.toBe(w.status);
    await expect(cell(wRow, 'status').textContent()).resolves.toBe('Processing');
    await expect(cell(wRow, 'amount').textContent()).resolves.toBe('$34.70');
    await expect(cell(wRow, 'fee').textContent()).resolves.toBe('$0.30');
    await expect(page.locator('tr[data-withdrawal-id]').count()).resolves.toBe(1);

    // The pictures: each bar is the table's figure. Balances per currency (NihaoPay's and OnlinePay's USD side by side)…
    const balanceBars = await chartSegments(page.getByTestId('balance-chart-USD'));
    const usdNihao = '[data-testid="nihaopay-balances"] tr[data-currency="USD"]';
    const usdOnline = '[data-testid="onlinepay-balances"] tr[data-currency="USD"]';
    expect(Object.fromEntries(balanceBars.map((b) => [b.bar, b.minor]))).toEqual({
      'nihaopay-balance': await minorOf(usdNihao, 'balance'),
      'nihaopay-pending': await minorOf(usdNihao, 'pending'),
      'nihaopay-frozen': await minorOf(usdNihao, 'frozen'),
      'onlinepay-available': await minorOf(usdOnline, 'available'),
      'onlinepay-held': await minorOf(usdOnline, 'held'),
    });
    expect(new Set(balanceBars.map((b) => b.series))).toEqual(new Set(['nihaopay', 'onlinepay']));
    // … and the withdrawals of the range a bar a day: the withdrawal on its day (paid out, then the fee), nothing on the others.
    const withdrawalBars = await chartSegments(page.getByTestId('withdrawal-chart-USD'));
    const wDay = `${w.date!.slice(0, 4)}-${w.date!.slice(4, 6)}-${w.date!.slice(6, 8)}`;
    expect(withdrawalBars).toEqual([
      { bar: wDay, series: 'amount', minor: await minorOf(wRow, 'amount') },
      { bar: wDay, series: 'fee', minor: await minorOf(wRow, 'fee') },
    ]);
    await expect(page.getByTestId('withdrawal-chart-USD').locator('g[data-bar]').count()).resolves.toBe(8);
    await screenshot(page, 'account-charts-1366');

    // Its detail: the payments and refunds it paid out, as the sandbox's CSV has them.
    await page.getByRole('button', { name: `Detail of withdrawal ${w.id}` }).click();
    const detail = '[data-testid="withdrawal-detail"]';
    await page.locator(`${detail} tbody tr`).first().waitFor();
    const csv = (await sandboxGet(`/v1.2/withdrawal/detail/${w.id}`)).trim().split(/\r?\n/).slice(1).map((line) => line.split(','));
    const shown = await page.locator(`${detail} tbody tr`).evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-kind'), r.getAttribute('data-transaction-id'), r.getAttribute('data-refund-id'), Number(r.querySelector('[data-field="amount"]')!.getAttribute('data-minor'))]),
    );
    expect(shown).toEqual(csv.map((row) => [row[0], row[1], row[2], minor(row[6]!)]));
    // (Sorted here: the three moved within the same second, so the file's order among them is the sandbox's.)
    expect(shown.map((row) => [row[0], row[1], row[3]]).sort()).toEqual([
      ['charge', first, 1234],
      ['charge', second, 2500],
      ['refund', first, -234],
    ].sort());
    // What it paid out is the withdrawal plus its fee.
    expect(Number(await page.locator(`${detail} tfoot [data-field="net"]`).getAttribute('data-minor'))).toBe(minor(w.amount!) + minor(w.fee!));

    // A refresh within the minute does not ask the gateway again, and says when it may.
    const accountReads = () => pos.app.sandbox!.requests.filter((r) => r.path === '/v1.2/accounts').length;
    const readsBefore = accountReads();
    await page.getByRole('button', { name: 'Refresh balances' }).click();
    await page.locator('[data-testid="nihaopay-balances"] [data-testid="too-soon"]').waitFor();
    expect(accountReads()).toBe(readsBefore);

    // Screenshots at the two counter sizes, in English and Chinese, with nothing cut off sideways.
    const noSidewaysOverflow = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await screenshot(page, 'account-en-1366');
    await noSidewaysOverflow();
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'account-en-1024');
    await noSidewaysOverflow();
    await page.keyboard.press('F2');
    await page.getByRole('button', { name: '刷新余额' }).waitFor();
    await expect(cell(wRow, 'status').textContent()).resolves.toBe('处理中');
    await screenshot(page, 'account-zh-1024');
    await noSidewaysOverflow();
    await page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(page, 'account-zh-1366');
    await noSidewaysOverflow();
  });

  it('a gateway that cannot be read says so with the reason, and shows no figure', async () => {
    pos.app.sandbox!.setFault({ action: { kind: 'error', label: '99' }, times: 'always', pathPrefix: '/v1.2/accounts' });
    await page.keyboard.press('F7');
    await page.getByLabel('Manager PIN').fill(PIN);
    await page.getByRole('button', { name: 'Show the account' }).click();
    const unreadable = page.getByTestId('nihaopay-unreadable');
    await unreadable.waitFor();
    await expect(unreadable.textContent()).resolves.toMatch(/^NihaoPay: the figures could not be read\. \S/);
    await expect(page.locator('[data-testid="nihaopay-balances"] [data-field]').count()).resolves.toBe(0);
    // OnlinePay, read beside it, still shows its figures.
    await page.locator('[data-testid="onlinepay-balances"] tr[data-currency="USD"] [data-field="available"]').waitFor();
    await screenshot(page, 'account-en-unreadable');
  });
});
