import { startOnlinePaySandbox, type OnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import { KEY, call, nextOrderNumber, paymentBody } from './onlinePaySandboxHarness';

let sandbox: OnlinePaySandbox;
let clock = new Date('2024-05-11T10:00:00.000Z');

beforeAll(async () => {
  sandbox = await startOnlinePaySandbox({ privateKey: KEY, now: () => clock });
});
afterAll(() => sandbox.close());
afterEach(() => {
  sandbox.reset();
  clock = new Date('2024-05-11T10:00:00.000Z');
});

const api = (method: string, path: string, body?: unknown, authorization?: string | null) => call(sandbox.url, method, path, body, authorization);

describe('authentication', () => {
  it.each([
    ['a wrong key', 'Bearer not-the-key'],
    ['no header', null],
    ['another scheme', `Basic ${KEY}`],
  ])('answers 401 incorrect_private_key for %s', async (_name, authorization) => {
    const reply = await api('POST', '/api/v1/payments', paymentBody(), authorization);
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ success: false, errors: [{ kind: 'authentication_error', code: 'incorrect_private_key', message: expect.any(String) }] });
    expect(sandbox.payments()).toHaveLength(0);
  });

  it('guards every endpoint, the control included', async () => {
    for (const [method, path] of [['GET', '/api/v1/payments'], ['GET', '/api/v1/payments/x'], ['POST', '/api/v1/payouts'], ['GET', '/api/v1/balance?currency=CNY'], ['GET', '/__sandbox/payments']] as const) {
      expect((await api(method, path, undefined, null)).status).toBe(401);
    }
  });
});

describe('POST /api/v1/payments', () => {
  it("creates an init payment in the text's shape, with the amount as a string", async () => {
    const reply = await api('POST', '/api/v1/payments', paymentBody({ amount: 10020 }));
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      success: true,
      errors: [],
      token: expect.stringMatching(/^[0-9a-f]{32}$/),
      processingUrl: `${sandbox.url}/p/${reply.json.token}`,
      payment: { amount: '10020', currency: 'CNY', status: 'init' },
    });
  });

  it('accepts every currency of the text, JPY amounts in yen, and numbers sent as text', async () => {
    for (const currency of ['CNY', 'EUR', 'USD', 'JPY']) {
      const reply = await api('POST', '/api/v1/payments', paymentBody({ currency, amount: '500' }));
      expect(reply.json.payment).toEqual({ amount: '500', currency, status: 'init' });
    }
  });

  it.each([
    ['missing', undefined],
    ['zero', 0],
    ['negative', -100],
    ['a fraction', 10.5],
    ['a decimal string', '10.50'],
    ['not a number', 'ten'],
  ])('refuses an amount that is %s with incorrect_amount', async (_name, amount) => {
    const reply = await api('POST', '/api/v1/payments', paymentBody({ amount }));
    expect(reply.status).toBe(400);
    expect(reply.json.success).toBe(false);
    expect(reply.json.errors).toEqual([{ kind: 'invalid_request_error', code: 'incorrect_amount', message: expect.any(String) }]);
  });

  it.each([undefined, 'GBP', 'cny', 5])('refuses currency %s with incorrect_currency', async (currency) => {
    const reply = await api('POST', '/api/v1/payments', paymentBody({ currency }));
    expect(reply.status).toBe(400);
    expect(reply.json.errors[0]).toMatchObject({ kind: 'invalid_request_error', code: 'incorrect_currency' });
  });

  it.each([undefined, '', '   ', null, { a: 1 }])('refuses order number %s with incorrect_order_number', async (orderNumber) => {
    const reply = await api('POST', '/api/v1/payments', paymentBody({ orderNumber }));
    expect(reply.status).toBe(400);
    expect(reply.json.errors[0]).toMatchObject({ kind: 'invalid_request_error', code: 'incorrect_order_number' });
  });

  it('refuses a second payment with the same order number, and creates nothing', async () => {
    const body = paymentBody();
    expect((await api('POST', '/api/v1/payments', body)).status).toBe(200);
    const again = await api('POST', '/api/v1/payments', { ...body, amount: 999 });
    expect(again.status).toBe(422);
    expect(again.json).toMatchObject({ success: false, errors: [{ kind: 'invalid_request_error', code: 'order_number_already_exists' }] });
    expect(sandbox.payments()).toHaveLength(1);
  });

  it('refuses a missing product and a body that is not a JSON object', async () => {
    expect((await api('POST', '/api/v1/payments', paymentBody({ product: undefined }))).json.errors[0].code).toBe('incorrect_product');
    const broken = await api('POST', '/api/v1/payments', '{"amount": ');
    expect(broken.status).toBe(400);
    expect(broken.json.errors[0].code).toBe('incorrect_body');
  });
});

describe('GET /api/v1/payments/{token}', () => {
  it('shows the payment with the amount as a number and the order number as a string', async () => {
    sandbox.setCallbackUrl('http://127.0.0.1:9/notify');
    const created = await api('POST', '/api/v1/payments', paymentBody({ orderNumber: '42', redirectSuccessUrl: 'https://shop.test/ok', redirectFailUrl: 'https://shop.test/no' }));
    const reply = await api('GET', `/api/v1/payments/${created.json.token}`);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      success: true,
      errors: [],
      status: 200,
      payment: {
        id: 1,
        status: 'init',
        token: created.json.token,
        currency: 'CNY',
        product: 'Green tea',
        callback_url: 'http://127.0.0.1:9/notify',
        redirect_success_url: 'https://shop.test/ok',
        redirect_fail_url: 'https://shop.test/no',
        amount: 1020,
        created_at: '2024-05-11T10:00:00.000Z',
        updated_at: '2024-05-11T10:00:00.000Z',
        extra_return_param: 'till 1',
        operation_type: 'pay',
        order_number: '42',
      },
    });
  });

  it('follows the payment through its states', async () => {
    const { json } = await api('POST', '/api/v1/payments', paymentBody());
    clock = new Date('2024-05-11T10:05:00.000Z');
    sandbox.payByCard(json.token, { pan: '4111111111111111', threeDS: 'success' });
    const after = await api('GET', `/api/v1/payments/${json.token}`);
    expect(after.json.payment).toMatchObject({ status: 'approved', updated_at: '2024-05-11T10:05:00.000Z', created_at: '2024-05-11T10:00:00.000Z' });
  });

  it('answers 404 not_found for an unknown token', async () => {
    const reply = await api('GET', '/api/v1/payments/0123456789abcdef0123456789abcdef');
    expect(reply.status).toBe(404);
    expect(reply.json).toEqual({ success: false, errors: [{ kind: 'invalid_request_error', code: 'not_found', message: expect.any(String) }] });
  });
});

describe('GET /api/v1/payments (list)', () => {
  async function createMany(count: number, overrides: Record<string, unknown> = {}): Promise<string[]> {
    const tokens: string[] = [];
    for (let start = 0; start < count; start += 50) {
      const batch = await Promise.all(Array.from({ length: Math.min(50, count - start) }, () => api('POST', '/api/v1/payments', paymentBody(overrides))));
      tokens.push(...batch.map((reply) => reply.json.token as string));
    }
    return tokens;
  }

  it("pages through more than 500 payments, clamping per_page to 500, with the text's keys", async () => {
    const tokens = await createMany(1203);
    const seen: string[] = [];
    let page = 1;
    for (;;) {
      const reply = await api('GET', `/api/v1/payments?per_page=1000&page=${page}`);
      expect(reply.json).toMatchObject({ success: true, errors: [], status: 200, totalCount: 1203, curentPage: page, perPage: 500, totalPage: 3 });
      if (reply.json.payments.length === 0) break;
      seen.push(...reply.json.payments.map((p: { token: string }) => p.token));
      page += 1;
    }
    expect(page).toBe(4);
    expect(new Set(seen).size).toBe(1203);
    expect(new Set(seen)).toEqual(new Set(tokens));
  });

  it('defaults to page 1 of 20', async () => {
    await createMany(25);
    const reply = await api('GET', '/api/v1/payments');
    expect(reply.json).toMatchObject({ totalCount: 25, curentPage: 1, perPage: 20, totalPage: 2 });
    expect(reply.json.payments).toHaveLength(20);
    expect((await api('GET', '/api/v1/payments?page=2')).json.payments).toHaveLength(5);
  });

  it('shows digits-only order numbers as numbers, others as strings, and amounts as numbers', async () => {
    await api('POST', '/api/v1/payments', paymentBody({ orderNumber: '1001', amount: 10000 }));
    await api('POST', '/api/v1/payments', paymentBody({ orderNumber: 'A-7' }));
    await api('POST', '/api/v1/payments', paymentBody({ orderNumber: '0012' }));
    const { json } = await api('GET', '/api/v1/payments');
    expect(json.payments.map((p: { order_number: unknown }) => p.order_number)).toEqual([1001, 'A-7', '0012']);
    expect(json.payments[0]).toMatchObject({ amount: 10000, operation_type: 'pay', status: 'init' });
    expect(json.payments[0]).not.toHaveProperty('callback_url');
  });

  it('filters by UTC day (both ends included), operation type and order number', async () => {
    for (const day of ['2024-05-10', '2024-05-11', '2024-05-12', '2024-05-13']) {
      clock = new Date(`${day}T23:59:59.999Z`);
      await api('POST', '/api/v1/payments', paymentBody({ orderNumber: `D${day}` }));
    }
    sandbox.seedBalance('CNY', 10_000);
    await api('POST', '/api/v1/payouts', { amount: 500, currency: 'CNY', orderNumber: 'OUT-1', bankAccount: { accountHolder: 'Li Lei', accountNumber: '6222020200112233445', bankCode: 'ICBC' }, billing: { state: '11', countryCode: 'CHN', city: '1000' } });
    const range = await api('GET', '/api/v1/payments?date_from=2024-05-11&date_to=2024-05-12&operation_type=pays');
    expect(range.json.payments.map((p: { order_number: string }) => p.order_number)).toEqual(['D2024-05-11', 'D2024-05-12']);
    const payouts = await api('GET', '/api/v1/payments?operation_type=payouts');
    expect(payouts.json.payments).toEqual([expect.objectContaining({ operation_type: 'payout', order_number: 'OUT-1', amount: 500, status: 'approved' })]);
    expect((await api('GET', '/api/v1/payments?operation_type=all')).json.totalCount).toBe(5);
    expect((await api('GET', '/api/v1/payments?order_number=D2024-05-13')).json.payments).toHaveLength(1);
  });

  it('refuses a malformed date or operation type instead of listing the wrong payments', async () => {
    expect((await api('GET', '/api/v1/payments?date_from=11.05.2024')).json.errors[0].code).toBe('incorrect_date');
    expect((await api('GET', '/api/v1/payments?date_to=2024-02-30')).json.errors[0].code).toBe('incorrect_date');
    expect((await api('GET', '/api/v1/payments?operation_type=refunds')).json.errors[0].code).toBe('incorrect_operation_type');
  });

  it('finds nothing past the last page', async () => {
    await createMany(3);
    const reply = await api('GET', '/api/v1/payments?page=7');
    expect(reply.json).toMatchObject({ totalCount: 3, curentPage: 7, totalPage: 1, payments: [] });
  });
});

it('keeps order numbers unique across payments and payouts', async () => {
  const orderNumber = nextOrderNumber();
  sandbox.seedBalance('USD', 10_000);
  await api('POST', '/api/v1/payments', paymentBody({ orderNumber }));
  const { json } = await api('POST', '/api/v1/payouts', { amount: 200, currency: 'USD', orderNumber, bankAccount: { accountHolder: 'Li Lei', accountNumber: '6222020200112233445', bankCode: 'BOC' }, billing: { state: '11', countryCode: 'CN', city: '1000' } });
  expect(json.errors[0].code).toBe('order_number_already_exists');
  expect(sandbox.balance('USD').available).toBe(10_000);
});
