import { startOnlinePaySandbox, type OnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import { KEY, call, nextOrderNumber, paymentBody, startCallbackReceiver, type CallbackReceiver } from './onlinePaySandboxHarness';

let sandbox: OnlinePaySandbox;
let receiver: CallbackReceiver;
const NOW = new Date('2016-06-09T03:46:45.123Z');

beforeAll(async () => {
  receiver = await startCallbackReceiver();
  sandbox = await startOnlinePaySandbox({ privateKey: KEY, now: () => NOW, callbackUrl: receiver.url });
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});
afterEach(() => {
  sandbox.reset();
  sandbox.setCallbackUrl(receiver.url);
  receiver.bodies.length = 0;
});

const api = (method: string, path: string, body?: unknown) => call(sandbox.url, method, path, body);
const bank = { accountHolder: 'John Snow', accountNumber: '11111111111111111', bankCode: 'BOC' };
const billing = { state: '11', countryCode: 'CHN', city: '1000' };
const bankPayout = (overrides: Record<string, unknown> = {}) => ({ amount: 1000, currency: 'CNY', orderNumber: nextOrderNumber(), bankAccount: bank, billing, ...overrides });

describe('GET /api/v1/balance', () => {
  it('starts at zero and shows what the control seeded', async () => {
    expect((await api('GET', '/api/v1/balance?currency=CNY')).json).toEqual({ success: true, errors: [], wallet: { available: 0, hold: 0, currency: 'CNY' } });
    sandbox.seedBalance('JPY', 5000);
    expect((await api('GET', '/api/v1/balance?currency=JPY')).json.wallet).toEqual({ available: 5000, hold: 0, currency: 'JPY' });
  });

  it('takes starting balances as an option, and keeps them across reset', async () => {
    const other = await startOnlinePaySandbox({ privateKey: KEY, balances: { EUR: 777 } });
    try {
      other.reset();
      expect((await call(other.url, 'GET', '/api/v1/balance?currency=EUR')).json.wallet.available).toBe(777);
    } finally {
      await other.close();
    }
  });

  it('is credited by an approved payment only', async () => {
    const approved = await api('POST', '/api/v1/payments', paymentBody({ amount: 1234 }));
    const declined = await api('POST', '/api/v1/payments', paymentBody({ amount: 5000 }));
    sandbox.payByCard(approved.json.token, { pan: '5555555555554444', threeDS: 'success' });
    sandbox.payByCard(declined.json.token, { pan: '4000000000000002', threeDS: 'success' });
    expect((await api('GET', '/api/v1/balance?currency=CNY')).json.wallet).toEqual({ available: 1234, hold: 0, currency: 'CNY' });
  });

  it.each(['', 'currency=GBP', 'currency=cny'])('refuses "%s" with incorrect_currency', async (query) => {
    const reply = await api('GET', `/api/v1/balance?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.json.errors[0]).toMatchObject({ kind: 'invalid_request_error', code: 'incorrect_currency' });
  });
});

describe('POST /api/v1/payouts', () => {
  it('pays out to a bank account, debits the balance and is listed as a payout', async () => {
    sandbox.seedBalance('CNY', 5000);
    const body = bankPayout({ amount: 1000 });
    const reply = await api('POST', '/api/v1/payouts', body);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ success: true, errors: [], payout: { token: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'approved', timestamp: '2016-06-09T03:46:45Z' } });
    expect(sandbox.balance('CNY')).toEqual({ available: 4000, hold: 0 });
    const got = await api('GET', `/api/v1/payments/${reply.json.payout.token}`);
    expect(got.json.payment).toMatchObject({ operation_type: 'payout', status: 'approved', amount: 1000, order_number: body.orderNumber });
    await sandbox.notificationsIdle();
    expect(receiver.bodies).toEqual([{ token: reply.json.payout.token, type: 'payout', status: 'approved', extraReturnParam: null, orderNumber: body.orderNumber }]);
  });

  it('refuses more than the available balance, and debits nothing', async () => {
    sandbox.seedBalance('USD', 999);
    const reply = await api('POST', '/api/v1/payouts', bankPayout({ currency: 'USD', amount: 1000 }));
    expect(reply.status).toBe(422);
    expect(reply.json).toMatchObject({ success: false, errors: [{ kind: 'processing_error', code: 'amount_less_than_balance' }] });
    expect(sandbox.balance('USD').available).toBe(999);
    expect(sandbox.payments()).toHaveLength(0);
  });

  it('refuses less than the minimum of 100 minor units (¥100 for JPY)', async () => {
    sandbox.seedBalance('JPY', 10_000);
    const reply = await api('POST', '/api/v1/payouts', bankPayout({ currency: 'JPY', amount: 99 }));
    expect(reply.json.errors[0]).toMatchObject({ kind: 'processing_error', code: 'amount_less_than_minimum' });
    expect((await api('POST', '/api/v1/payouts', bankPayout({ currency: 'JPY', amount: 100 }))).json.payout.status).toBe('approved');
    expect(sandbox.balance('JPY').available).toBe(9_900);
  });

  it.each([
    ['no bank account', { bankAccount: undefined }],
    ['an unknown bank code', { bankAccount: { ...bank, bankCode: 'HSBC' } }],
    ['letters in the account number', { bankAccount: { ...bank, accountNumber: '1111-ABCD-2222' } }],
    ['no account holder', { bankAccount: { ...bank, accountHolder: ' ' } }],
  ])('refuses %s with incorrect_bank_card_info', async (_name, overrides) => {
    sandbox.seedBalance('CNY', 10_000);
    const reply = await api('POST', '/api/v1/payouts', bankPayout(overrides));
    expect(reply.status).toBe(400);
    expect(reply.json.errors[0]).toMatchObject({ kind: 'invalid_request_error', code: 'incorrect_bank_card_info' });
  });

  it.each([
    ['no billing', { billing: undefined }],
    ['an unknown state', { billing: { ...billing, state: '99' } }],
    ['a city name for a code', { billing: { ...billing, city: 'Beijing' } }],
    ['a bad country code', { billing: { ...billing, countryCode: 'China' } }],
    ['a phone over 20 characters', { billing: { ...billing, phone: '+86 138 0013 8000 0000 0' } }],
  ])('refuses %s with incorrect_address_info', async (_name, overrides) => {
    sandbox.seedBalance('CNY', 10_000);
    const reply = await api('POST', '/api/v1/payouts', bankPayout(overrides));
    expect(reply.json.errors[0]).toMatchObject({ kind: 'invalid_request_error', code: 'incorrect_address_info' });
  });

  it('refuses amount, currency and order number faults like payments do', async () => {
    expect((await api('POST', '/api/v1/payouts', bankPayout({ amount: 1.5 }))).json.errors[0].code).toBe('incorrect_amount');
    expect((await api('POST', '/api/v1/payouts', bankPayout({ currency: 'RUB' }))).json.errors[0].code).toBe('incorrect_currency');
    expect((await api('POST', '/api/v1/payouts', bankPayout({ orderNumber: '' }))).json.errors[0].code).toBe('incorrect_order_number');
  });

  it('answers a retried payout with order_number_already_exists, not insufficient funds', async () => {
    sandbox.seedBalance('CNY', 1000);
    const body = bankPayout({ amount: 1000 });
    expect((await api('POST', '/api/v1/payouts', body)).status).toBe(200);
    const retry = await api('POST', '/api/v1/payouts', body);
    expect(retry.json.errors[0].code).toBe('order_number_already_exists');
    expect(sandbox.balance('CNY').available).toBe(0);
  });

  it('pays out to a wallet a customer paid from, and refuses an unknown wallet token', async () => {
    const payment = await api('POST', '/api/v1/payments', paymentBody({ amount: 3000 }));
    const paid = sandbox.payByWallet(payment.json.token);
    expect(paid.ok).toBe(true);
    const walletToken = paid.ok ? paid.walletToken : undefined;
    const reply = await api('POST', '/api/v1/payouts', { amount: 1000, currency: 'CNY', orderNumber: nextOrderNumber(), walletToken });
    expect(reply.json.payout.status).toBe('approved');
    expect(sandbox.balance('CNY').available).toBe(2000);
    const unknown = await api('POST', '/api/v1/payouts', { amount: 1000, currency: 'CNY', orderNumber: nextOrderNumber(), walletToken: 'no-such-wallet' });
    expect(unknown.status).toBe(422);
    expect(unknown.json.errors[0]).toMatchObject({ kind: 'processing_error', code: 'incorrect_wallet_token' });
  });

  it('declines a payout ending in 51 without debiting, and holds one ending in 61 until settled', async () => {
    sandbox.seedBalance('EUR', 10_000);
    const declined = await api('POST', '/api/v1/payouts', bankPayout({ currency: 'EUR', amount: 151 }));
    expect(declined.json.payout.status).toBe('declined');
    expect(sandbox.balance('EUR')).toEqual({ available: 10_000, hold: 0 });

    const pending = await api('POST', '/api/v1/payouts', bankPayout({ currency: 'EUR', amount: 1061 }));
    expect(pending.json.payout.status).toBe('pending');
    expect((await api('GET', '/api/v1/balance?currency=EUR')).json.wallet).toEqual({ available: 8939, hold: 1061, currency: 'EUR' });
    const settled = await call(sandbox.url, 'POST', `/__sandbox/payouts/${pending.json.payout.token}/decline`);
    expect(settled.json.payout.status).toBe('declined');
    expect(sandbox.balance('EUR')).toEqual({ available: 10_000, hold: 0 });

    const second = await api('POST', '/api/v1/payouts', bankPayout({ currency: 'EUR', amount: 261 }));
    sandbox.settlePayout(second.json.payout.token, 'approved');
    expect(sandbox.balance('EUR')).toEqual({ available: 9739, hold: 0 });
    expect(sandbox.settlePayout(second.json.payout.token, 'declined').status).toBe(409);
    await sandbox.notificationsIdle();
    expect(receiver.bodies.map((b) => b.status)).toEqual(['declined', 'pending', 'declined', 'pending', 'approved']);
  });
});
