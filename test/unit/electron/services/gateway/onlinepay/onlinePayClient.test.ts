import { createServer } from 'node:net';
import { inspect } from 'node:util';
import {
  createOnlinePayClient,
  GatewayAuthenticationError,
  GatewayBadReplyError,
  GatewayDeclinedError,
  GatewayDuplicateReferenceError,
  GatewayError,
  GatewayIndeterminateError,
  GatewayInvalidRequestError,
  GatewayRateLimitedError,
  MAX_LIST_PAGES,
  type OnlinePayClientOptions,
} from '../../../../../../electron/services/gateway/onlinepay/onlinePayClient';
import type { CreatePaymentRequest, OnlinePayApi } from '../../../../../../shared/gateway/onlinepay/onlinePayApi';
import { en } from '../../../../../../shared/i18n/en';
import { zhCN } from '../../../../../../shared/i18n/zhCN';
import { reply, startFakeOnlinePay, type FakeOnlinePay } from './fakeOnlinePayServer';

const KEY = 'op-private-key-9f8e7d6c5b4a3210';
const TOKEN = 'tok_5f2a9c81';

let fake: FakeOnlinePay;
let client: OnlinePayApi;

function clientFor(options: Partial<OnlinePayClientOptions> = {}): OnlinePayApi {
  return createOnlinePayClient({ baseUrl: fake.url, privateKey: KEY, ...options });
}

function paymentRequest(overrides: Partial<CreatePaymentRequest> = {}): CreatePaymentRequest {
  return { product: 'Counterpay sale', amount: 10020, currency: 'CNY', orderNumber: 'CP2612030906001ABC', ...overrides };
}

/** The text's create reply, with the fake's own origin as the payment page's. */
function createReply(overrides: Record<string, unknown> = {}, payment: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    success: true,
    errors: [],
    token: TOKEN,
    processingUrl: `${fake.url}/p/${TOKEN}`,
    payment: { amount: '10020', currency: 'CNY', status: 'init', ...payment },
    ...overrides,
  };
}

/** The text's get reply (status "accepted"). */
function getReply(payment: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    success: true,
    errors: [],
    status: 200,
    payment: {
      id: 2599,
      status: 'accepted',
      token: TOKEN,
      currency: 'CNY',
      product: 'Counterpay sale',
      callback_url: 'https://example.com/cb',
      redirect_success_url: 'success redirection url',
      redirect_fail_url: 'fail redirection url',
      amount: 10020,
      created_at: '2016-06-27T14:13:00.273Z',
      updated_at: '2016-06-27T14:15:44.715Z',
      extra_return_param: 'till 1',
      operation_type: 'pay',
      order_number: 'CP2612030906001ABC',
      ...payment,
    },
  };
}

/** A list row as the text's example has it (status "sent", order_number a number). */
function listRow(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: n,
    status: 'sent',
    token: `tok${n}`,
    currency: 'CNY',
    product: 'Your Product',
    redirect_success_url: 'https://your-site.com/success',
    redirect_fail_url: 'https://your-site.com/fail',
    amount: 10000,
    created_at: '2016-06-27T14:13:00.273Z',
    updated_at: '2016-06-27T14:15:44.715Z',
    extra_return_param: 'your order id or other info',
    operation_type: 'pay',
    order_number: n,
    ...overrides,
  };
}

function listPage(page: number, totalPage: number, payments: unknown[], perPage = 500): Record<string, unknown> {
  return { success: true, errors: [], status: 200, totalCount: payments.length, curentPage: page, perPage, totalPage, payments };
}

/** The call's GatewayError; fails the test if the call succeeds or throws anything else. */
async function failure(call: Promise<unknown>): Promise<GatewayError> {
  let value: unknown;
  try {
    value = await call;
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    // Whatever failed, the private key must not ride along in the error.
    expect(inspect(err, { depth: 5 })).not.toContain(KEY);
    expect(JSON.stringify((err as GatewayError).toPosError())).not.toContain(KEY);
    return err as GatewayError;
  }
  throw new Error(`expected a GatewayError, got ${JSON.stringify(value)}`);
}

beforeAll(async () => {
  fake = await startFakeOnlinePay();
  client = clientFor();
});
afterAll(async () => {
  await fake.close();
});
afterEach(() => {
  fake.requests.length = 0;
});

describe('createPayment', () => {
  it('sends one JSON request with the bearer key and reads the text’s reply (amount as "10020")', async () => {
    fake.handle((_req, res) => reply(res, 200, createReply()));
    const created = await client.createPayment(paymentRequest({ locale: 'zh', extraReturnParam: 'till 1', redirectSuccessUrl: 'https://shop.example/ok' }));
    expect(created).toEqual({ token: TOKEN, processingUrl: `${fake.url}/p/${TOKEN}`, amount: 10020, currency: 'CNY', status: 'init', statusText: 'init' });
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/api/v1/payments');
    expect(sent?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent?.headers['content-type']).toBe('application/json');
    expect(sent?.body).toEqual({
      product: 'Counterpay sale',
      amount: 10020,
      currency: 'CNY',
      orderNumber: 'CP2612030906001ABC',
      extraReturnParam: 'till 1',
      locale: 'zh',
      redirectSuccessUrl: 'https://shop.example/ok',
    });
  });

  it('accepts the /p?token= form of the payment page and ignores unknown fields', async () => {
    fake.handle((_req, res) => reply(res, 200, createReply({ processingUrl: `${fake.url}/p?token=${TOKEN}`, extra: { nested: true } })));
    await expect(client.createPayment(paymentRequest())).resolves.toMatchObject({ token: TOKEN, status: 'init' });
  });

  it.each([
    ['another host', () => `https://evil.example/p/${TOKEN}`],
    ['another scheme', () => `${fake.url.replace('http:', 'https:')}/p/${TOKEN}`],
    ['another port', () => `http://127.0.0.1:1/p/${TOKEN}`],
    ['another payment’s page', () => `${fake.url}/p/someoneelse`],
    ['credentials in the URL', () => fake.url.replace('http://', 'http://u:p@') + `/p/${TOKEN}`],
    ['not a URL', () => 'not a url'],
  ])('refuses a processingUrl on %s as bad_reply', async (_name, url) => {
    fake.handle((_req, res) => reply(res, 200, createReply({ processingUrl: url() })));
    const error = await failure(client.createPayment(paymentRequest()));
    expect(error).toBeInstanceOf(GatewayBadReplyError);
    expect(error.message).toMatch(/processingUrl/);
  });

  it.each([
    ['another amount', {}, { amount: '10021' }, /amount 10021 where 10020 was asked/],
    ['another currency', {}, { currency: 'USD' }, /currency "USD" where "CNY" was asked/],
    ['a decimal amount', {}, { amount: '100.20' }, /amount/],
    ['a signed amount', {}, { amount: '+10020' }, /amount/],
    ['an exponent amount', {}, { amount: '1.002e4' }, /amount/],
    ['a fractional number', {}, { amount: 10020.5 }, /amount/],
    ['a negative number', {}, { amount: -10020 }, /amount/],
    ['an unsafe number', {}, { amount: 2 ** 53 }, /amount/],
    ['no token', { token: undefined }, {}, /token/],
    ['a token with a slash', { token: '../admin' }, {}, /token/],
    ['no payment', { payment: undefined }, {}, /payment/],
  ])('refuses a create reply with %s as bad_reply', async (_name, top, payment, problem) => {
    fake.handle((_req, res) => reply(res, 200, createReply(top, payment)));
    const error = await failure(client.createPayment(paymentRequest()));
    expect(error).toMatchObject({ kind: 'bad_reply', httpStatus: 200 });
    expect(error.message).toMatch(problem);
  });

  it.each([
    ['a zero amount', { amount: 0 }],
    ['a fractional amount', { amount: 100.5 }],
    ['an unknown currency', { currency: 'GBP' as never }],
    ['an order number with a dash', { orderNumber: 'CP-1' }],
    ['an order number over 30 characters', { orderNumber: 'A'.repeat(31) }],
    ['an empty product', { product: '' }],
    ['the ISO locale ja (the text spells it jp)', { locale: 'ja' as never }],
    ['a javascript: redirect', { redirectFailUrl: 'javascript:alert(1)' }],
  ])('refuses %s without sending anything', async (_name, change) => {
    const error = await failure(client.createPayment(paymentRequest(change)));
    expect(error).toBeInstanceOf(GatewayInvalidRequestError);
    expect(error.message).toMatch(/^Not sent to OnlinePay/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('replies that report failure', () => {
  it('reads success:false in a 200 with string errors as the code they name', async () => {
    fake.handle((_req, res) => reply(res, 200, { success: false, errors: ['Order number already exists'] }));
    const error = await failure(client.createPayment(paymentRequest()));
    expect(error).toBeInstanceOf(GatewayDuplicateReferenceError);
    expect(error).toMatchObject({ httpStatus: 200, label: 'order_number_already_exists', gatewayMessage: 'Order number already exists' });
    expect(error.cashierMessage('en')).toBe(en.gatewayLabels.order_number_already_exists);
    expect(error.cashierMessage('zh-CN')).toBe(zhCN.gatewayLabels.order_number_already_exists);
  });

  it('reads success:false in a 200 with object errors', async () => {
    fake.handle((_req, res) =>
      reply(res, 200, { success: false, errors: [{ kind: 'processing_error', code: 'incorrect_bank_card_info', message: 'Card refused', extra: 1 }] }),
    );
    const error = await failure(client.createPayment(paymentRequest()));
    expect(error).toBeInstanceOf(GatewayDeclinedError);
    expect(error).toMatchObject({ label: 'incorrect_bank_card_info', gatewayMessage: 'Card refused' });
    expect(error.toPosError()).toEqual({ code: 'GATEWAY_DECLINED', gateway: { httpStatus: 200, label: 'incorrect_bank_card_info', message: 'Card refused' } });
  });

  it('reads an invalid_request_error code as invalid_request and an unknown code on a money request as indeterminate', async () => {
    fake.handle((_req, res) => reply(res, 400, { success: false, errors: [{ kind: 'invalid_request_error', code: 'incorrect_amount', message: 'bad amount' }] }));
    expect(await failure(client.createPayment(paymentRequest()))).toMatchObject({ kind: 'invalid_request', httpStatus: 400, label: 'incorrect_amount' });
    fake.handle((_req, res) => reply(res, 400, { success: false, errors: [{ kind: 'invalid_request_error', code: 'brand_new_code' }] }));
    expect(await failure(client.createPayment(paymentRequest()))).toMatchObject({ kind: 'indeterminate', label: 'brand_new_code' });
  });

  it('lets the most cautious of several errors decide', async () => {
    fake.handle((_req, res) => reply(res, 200, { success: false, errors: ['incorrect_amount', { kind: 'api_error', message: 'db down' }] }));
    expect(await failure(client.createPayment(paymentRequest()))).toMatchObject({ kind: 'indeterminate' });
  });

  it('reads an authentication error as authentication', async () => {
    fake.handle((_req, res) => reply(res, 401, { success: false, errors: [{ kind: 'authentication_error', code: 'incorrect_private_key', message: 'bad key' }] }));
    const error = await failure(client.getBalance('CNY'));
    expect(error).toBeInstanceOf(GatewayAuthenticationError);
    expect(error.cashierMessage('en')).toBe(en.gatewayLabels.incorrect_private_key);
  });

  it('reads a 2xx without a success flag as bad_reply', async () => {
    fake.handle((_req, res) => reply(res, 200, { token: TOKEN, processingUrl: `${fake.url}/p/${TOKEN}`, payment: { amount: 10020, currency: 'CNY', status: 'approved' } }));
    expect(await failure(client.createPayment(paymentRequest()))).toMatchObject({ kind: 'bad_reply', httpStatus: 200 });
  });

  it('keeps the key out of an error whose reply echoes it', async () => {
    fake.handle((_req, res) => reply(res, 200, { success: false, errors: [`Bearer ${KEY} is not known`] }));
    const error = await failure(client.getBalance('CNY'));
    expect(error.gatewayMessage).toBe('Bearer [redacted] is not known');
    expect(error.raw).toContain('[redacted]');
  });
});

describe('hostile replies', () => {
  it('reads an HTML page with status 200 as bad_reply', async () => {
    fake.handle((_req, res) => reply(res, 200, '<html><body>Welcome</body></html>', 'text/html'));
    const error = await failure(client.createPayment(paymentRequest()));
    expect(error).toMatchObject({ kind: 'bad_reply', httpStatus: 200, raw: '<html><body>Welcome</body></html>' });
  });

  it('reads broken JSON as bad_reply', async () => {
    fake.handle((_req, res) => reply(res, 200, '{"success": true, "token": '));
    expect(await failure(client.getPayment(TOKEN))).toMatchObject({ kind: 'bad_reply', httpStatus: 200 });
  });

  it('stops reading a 10 MB body at the cap, as indeterminate', async () => {
    const huge = `{"success":true,"errors":[],"pad":"${'x'.repeat(10 * 1024 * 1024)}"}`;
    fake.handle((_req, res) => reply(res, 200, huge));
    const error = await failure(client.createPayment(paymentRequest()));
    expect(error).toMatchObject({ kind: 'indeterminate', transportCode: 'ERR_REPLY_TOO_LARGE' });
  });

  it('gives up on a reply that never ends at the deadline, as indeterminate', async () => {
    fake.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"success": true, ');
    });
    const started = Date.now();
    const error = await failure(clientFor({ deadlineMs: 400 }).createPayment(paymentRequest()));
    expect(error).toBeInstanceOf(GatewayIndeterminateError);
    expect(error.transportCode).toBe('ERR_DEADLINE');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reads a reset connection as indeterminate', async () => {
    fake.handle((_req, res) => res.socket?.destroy());
    const error = await failure(client.createPayment(paymentRequest()));
    expect(error).toMatchObject({ kind: 'indeterminate' });
    expect(error.transportCode).toMatch(/^E/);
  });

  it('reads a refused connection as indeterminate', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const error = await failure(createOnlinePayClient({ baseUrl: `http://127.0.0.1:${port}`, privateKey: KEY }).getBalance('CNY'));
    expect(error).toMatchObject({ kind: 'indeterminate', transportCode: 'ECONNREFUSED' });
    expect(error.message).toMatch(/^OnlinePay /);
  });

  it.each([500, 502, 503])('reads a %i HTML page as indeterminate', async (status) => {
    fake.handle((_req, res) => reply(res, status, '<html>Bad gateway</html>', 'text/html'));
    expect(await failure(client.createPayment(paymentRequest()))).toMatchObject({ kind: 'indeterminate', httpStatus: status });
  });

  it('reads a 500 carrying a "known" code as indeterminate all the same', async () => {
    fake.handle((_req, res) => reply(res, 500, { success: false, errors: [{ kind: 'invalid_request_error', code: 'incorrect_amount' }] }));
    expect(await failure(client.createPayment(paymentRequest()))).toMatchObject({ kind: 'indeterminate', label: 'incorrect_amount' });
  });

  it('reads a 429 as rate_limited', async () => {
    fake.handle((_req, res) => reply(res, 429, 'Too Many Requests', 'text/plain'));
    const error = await failure(client.createPayment(paymentRequest()));
    expect(error).toBeInstanceOf(GatewayRateLimitedError);
    expect(error.httpStatus).toBe(429);
  });

  it('does not follow a redirect to another host', async () => {
    const other = await startFakeOnlinePay();
    try {
      other.handle((_req, res) => reply(res, 200, createReply()));
      fake.handle((_req, res) => {
        res.writeHead(302, { Location: `${other.url}/api/v1/payments` });
        res.end();
      });
      const error = await failure(client.createPayment(paymentRequest()));
      expect(error).toMatchObject({ kind: 'bad_reply', httpStatus: 302 });
      expect(fake.requests).toHaveLength(1);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('reads a 401 that is not an OnlinePay reply as bad_reply, not as a verdict on the key', async () => {
    fake.handle((_req, res) => reply(res, 401, 'Unauthorized', 'text/plain'));
    expect(await failure(client.getBalance('CNY'))).toMatchObject({ kind: 'bad_reply', httpStatus: 401 });
  });
});

describe('getPayment', () => {
  it('reads the text’s get reply, with "accepted" as approved', async () => {
    fake.handle((_req, res) => reply(res, 200, getReply()));
    const payment = await client.getPayment(TOKEN, { orderNumber: 'CP2612030906001ABC', amount: 10020, currency: 'CNY' });
    expect(payment).toEqual({
      token: TOKEN,
      status: 'approved',
      statusText: 'accepted',
      amount: 10020,
      currency: 'CNY',
      orderNumber: 'CP2612030906001ABC',
      operationType: 'pay',
      id: 2599,
      product: 'Counterpay sale',
      extraReturnParam: 'till 1',
      createdAt: '2016-06-27T14:13:00.273Z',
      updatedAt: '2016-06-27T14:15:44.715Z',
    });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: `/api/v1/payments/${TOKEN}`, body: undefined });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it.each(['refunded', 'Approved', 'chargeback', 'processing'])('reads the unknown state %s as indeterminate, never approved or declined', async (state) => {
    fake.handle((_req, res) => reply(res, 200, getReply({ status: state })));
    await expect(client.getPayment(TOKEN)).resolves.toMatchObject({ status: 'indeterminate', statusText: state });
  });

  it.each([
    ['another token', { token: 'tok_other' }, {}, /token "tok_other" where/],
    ['another order number', { order_number: 'CP999' }, { orderNumber: 'CP2612030906001ABC' }, /orderNumber "CP999" where/],
    ['another amount', { amount: 1 }, { amount: 10020 }, /amount 1 where 10020/],
    ['another currency', { currency: 'EUR' }, { currency: 'CNY' as const }, /currency "EUR" where "CNY"/],
    ['no state', { status: undefined }, {}, /status/],
    ['a numeric state', { status: 2 }, {}, /status/],
    ['an unknown currency', { currency: 'GBP' }, {}, /currency/],
  ])('refuses a payment about %s as bad_reply', async (_name, payment, expected, problem) => {
    fake.handle((_req, res) => reply(res, 200, getReply(payment)));
    const error = await failure(client.getPayment(TOKEN, expected));
    expect(error).toMatchObject({ kind: 'bad_reply' });
    expect(error.message).toMatch(problem);
  });

  it('reads a 404 envelope as not_found', async () => {
    fake.handle((_req, res) => reply(res, 404, { success: false, errors: ['Payment not found'] }));
    expect(await failure(client.getPayment(TOKEN))).toMatchObject({ kind: 'not_found', httpStatus: 404 });
  });

  it('refuses a token that would change the path', async () => {
    expect(await failure(client.getPayment('../balance'))).toBeInstanceOf(GatewayInvalidRequestError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('listPayments', () => {
  it('reads the text’s list example (order_number 1, status "sent")', async () => {
    fake.handle((_req, res) => reply(res, 200, { ...listPage(1, 1, [listRow(1)]), totalCount: 10, perPage: 1 }));
    const payments = await client.listPayments({ dateFrom: '2016-05-11' });
    expect(payments).toEqual([
      expect.objectContaining({ token: 'tok1', status: 'pending', statusText: 'sent', amount: 10000, orderNumber: '1', operationType: 'pay' }),
    ]);
    const query = fake.requests[0]?.query;
    expect(fake.requests[0]?.path).toBe('/api/v1/payments');
    expect(Object.fromEntries(query ?? [])).toEqual({ date_from: '2016-05-11', page: '1', per_page: '500' });
  });

  it('follows every page up to totalPage', async () => {
    fake.handle((req, res) => {
      const page = Number(req.query.get('page'));
      reply(res, 200, listPage(page, 3, [listRow(page * 10 + 1), listRow(page * 10 + 2)], 2));
    });
    const payments = await client.listPayments({ perPage: 2, operationType: 'pays', dateFrom: '2026-12-01', dateTo: '2026-12-03' });
    expect(payments.map((p) => p.token)).toEqual(['tok11', 'tok12', 'tok21', 'tok22', 'tok31', 'tok32']);
    expect(fake.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    expect(fake.requests[1]?.query.get('operation_type')).toBe('pays');
    expect(fake.requests[1]?.query.get('per_page')).toBe('2');
  });

  it('keeps a payment pushed onto the next page once', async () => {
    fake.handle((req, res) => {
      const page = Number(req.query.get('page'));
      reply(res, 200, listPage(page, 2, page === 1 ? [listRow(1), listRow(2)] : [listRow(2), listRow(3)], 2));
    });
    expect((await client.listPayments({ perPage: 2 })).map((p) => p.token)).toEqual(['tok1', 'tok2', 'tok3']);
  });

  it('reads an empty list', async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, 0, [])));
    await expect(client.listPayments()).resolves.toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses a gateway that repeats the same page', async () => {
    fake.handle((_req, res) => reply(res, 200, { ...listPage(1, 5, [listRow(1)], 1), curentPage: undefined }));
    const error = await failure(client.listPayments({ perPage: 1 }));
    expect(error).toMatchObject({ kind: 'bad_reply' });
    expect(error.message).toMatch(/repeats/);
    expect(fake.requests).toHaveLength(2);
  });

  it('refuses a page that names another page number', async () => {
    let served = 0;
    fake.handle((_req, res) => reply(res, 200, listPage(1, 3, [listRow(++served)], 1)));
    const error = await failure(client.listPayments({ perPage: 1 }));
    expect(error.message).toMatch(/page 1 came back where page 2 was asked/);
  });

  it(`refuses to follow more than ${MAX_LIST_PAGES} pages`, async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, MAX_LIST_PAGES + 1, [listRow(1)])));
    expect((await failure(client.listPayments())).message).toMatch(/narrow the dates/);
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses an empty page before the last and a page larger than asked', async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, 3, [])));
    expect((await failure(client.listPayments())).message).toMatch(/page 1 of 3 is empty/);
    fake.handle((_req, res) => reply(res, 200, listPage(1, 1, [listRow(1), listRow(2)], 1)));
    expect((await failure(client.listPayments({ perPage: 1 }))).message).toMatch(/at most 1/);
  });

  it('refuses a whole page when one row is not believable', async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, 1, [listRow(1), listRow(2, { amount: '12.50' })])));
    expect((await failure(client.listPayments())).message).toMatch(/payments\[1\]/);
  });

  it.each([
    ['perPage over 500', { perPage: 501 }],
    ['a date that does not exist', { dateFrom: '2026-02-30' }],
    ['dates in the wrong order', { dateFrom: '2026-12-03', dateTo: '2026-12-01' }],
    ['an unknown operation type', { operationType: 'refunds' as never }],
  ])('refuses %s without sending', async (_name, query) => {
    expect(await failure(client.listPayments(query))).toBeInstanceOf(GatewayInvalidRequestError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('findPaymentByOrderNumber', () => {
  it('returns the payment whose order number is ours, compared as a string', async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, 1, [listRow(7, { order_number: 1001 }), listRow(8, { order_number: 100 })])));
    const found = await client.findPaymentByOrderNumber('100', 'pays', { amount: 10000, currency: 'CNY' });
    expect(found).toMatchObject({ token: 'tok8', orderNumber: '100', status: 'pending' });
    expect(fake.requests[0]?.query.get('order_number')).toBe('100');
    expect(fake.requests[0]?.query.get('operation_type')).toBe('pays');
  });

  it('returns undefined when no payment has our order number (the gateway’s filter is not trusted)', async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, 1, [listRow(1, { order_number: 'CPX1' }), listRow(2, { order_number: null })])));
    await expect(client.findPaymentByOrderNumber('CPX12', 'all')).resolves.toBeUndefined();
  });

  it('skips a payout when asked for payments', async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, 1, [listRow(1, { order_number: 'CPX1', operation_type: 'payout' })])));
    await expect(client.findPaymentByOrderNumber('CPX1', 'pays')).resolves.toBeUndefined();
  });

  it('refuses two different payments with our order number', async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, 1, [listRow(1, { order_number: 'CPX1' }), listRow(2, { order_number: 'CPX1', status: 'declined' })])));
    const error = await failure(client.findPaymentByOrderNumber('CPX1', 'all'));
    expect(error).toMatchObject({ kind: 'bad_reply' });
    expect(error.message).toMatch(/2 different payments carry order number CPX1/);
  });

  it('refuses the payment when its amount is not what we journaled', async () => {
    fake.handle((_req, res) => reply(res, 200, listPage(1, 1, [listRow(1, { order_number: 'CPX1', status: 'approved' })])));
    const error = await failure(client.findPaymentByOrderNumber('CPX1', 'pays', { amount: 999 }));
    expect(error).toMatchObject({ kind: 'bad_reply' });
    expect(error.message).toMatch(/amount 10000 where 999 was asked/);
  });

  it('refuses an order number that is not one of ours without sending', async () => {
    expect(await failure(client.findPaymentByOrderNumber('a b', 'all'))).toBeInstanceOf(GatewayInvalidRequestError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('createPayout', () => {
  const payoutReply = { success: true, errors: [], payout: { token: 'po_1', status: 'pending', timestamp: '2016-06-09T03:46:45Z' } };

  it('sends a wallet payout and reads the text’s reply', async () => {
    fake.handle((_req, res) => reply(res, 200, payoutReply));
    const payout = await client.createPayout({ amount: 1000, currency: 'EUR', orderNumber: '10001', walletToken: '478230471238470' });
    expect(payout).toEqual({ token: 'po_1', status: 'pending', statusText: 'pending', timestamp: '2016-06-09T03:46:45Z' });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/payouts', body: { amount: 1000, currency: 'EUR', orderNumber: '10001', walletToken: '478230471238470' } });
    expect(fake.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('sends a bank payout with its billing address', async () => {
    fake.handle((_req, res) => reply(res, 200, payoutReply));
    await client.createPayout({
      amount: 1000,
      currency: 'CNY',
      orderNumber: '10001',
      bankAccount: { accountHolder: 'John Snow', accountNumber: '11111111111111111', bankCode: 'BOC' },
      billing: { state: '11', countryCode: 'CHN', city: '1000' },
    });
    expect(fake.requests[0]?.body).toEqual({
      amount: 1000,
      currency: 'CNY',
      orderNumber: '10001',
      bankAccount: { accountHolder: 'John Snow', accountNumber: '11111111111111111', bankCode: 'BOC' },
      billing: { state: '11', countryCode: 'CHN', city: '1000' },
    });
  });

  it('reads insufficient balance as invalid_request with its message', async () => {
    fake.handle((_req, res) => reply(res, 200, { success: false, errors: [{ kind: 'processing_error', code: 'amount_less_than_balance' }] }));
    const error = await failure(client.createPayout({ amount: 1000, currency: 'CNY', orderNumber: '10001', walletToken: 'w1' }));
    expect(error).toMatchObject({ kind: 'invalid_request', label: 'amount_less_than_balance' });
    expect(error.cashierMessage('zh-CN')).toBe(zhCN.gatewayLabels.amount_less_than_balance);
  });

  it.each([
    ['both a wallet and a bank account', { walletToken: 'w1', bankAccount: { accountHolder: 'A', accountNumber: '123456', bankCode: 'BOC' }, billing: { state: '11', countryCode: 'CHN', city: '1000' } }],
    ['neither', {}],
    ['an unknown bank code', { bankAccount: { accountHolder: 'A', accountNumber: '123456', bankCode: 'XYZ' }, billing: { state: '11', countryCode: 'CHN', city: '1000' } }],
    ['a bank account without billing', { bankAccount: { accountHolder: 'A', accountNumber: '123456', bankCode: 'BOC' } }],
    ['a city that is not four digits', { bankAccount: { accountHolder: 'A', accountNumber: '123456', bankCode: 'BOC' }, billing: { state: '11', countryCode: 'CHN', city: 'Beijing' } }],
  ])('refuses a payout with %s without sending', async (_name, destination) => {
    const request = { amount: 1000, currency: 'CNY', orderNumber: '10001', ...destination } as never;
    expect(await failure(client.createPayout(request))).toBeInstanceOf(GatewayInvalidRequestError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('getBalance', () => {
  it('reads the wallet as integers, from numbers or digit strings', async () => {
    fake.handle((_req, res) => reply(res, 200, { success: true, errors: [], wallet: { available: '123456', hold: 0, currency: 'CNY' } }));
    await expect(client.getBalance('CNY')).resolves.toEqual({ available: 123456, hold: 0, currency: 'CNY' });
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/balance' });
    expect(fake.requests[0]?.query.get('currency')).toBe('CNY');
  });

  it('refuses a balance in another currency or with a decimal amount', async () => {
    fake.handle((_req, res) => reply(res, 200, { success: true, errors: [], wallet: { available: 0, hold: 0, currency: 'USD' } }));
    expect((await failure(client.getBalance('CNY'))).message).toMatch(/currency "USD" where "CNY"/);
    fake.handle((_req, res) => reply(res, 200, { success: true, errors: [], wallet: { available: 10.5, hold: 0, currency: 'CNY' } }));
    expect(await failure(client.getBalance('CNY'))).toMatchObject({ kind: 'bad_reply' });
  });

  it('refuses an unknown currency without sending', async () => {
    expect(await failure(client.getBalance('HKD' as never))).toBeInstanceOf(GatewayInvalidRequestError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('createOnlinePayClient options', () => {
  it.each([
    ['a deadline over 30 s', { deadlineMs: 30_001 }, RangeError],
    ['a zero deadline', { deadlineMs: 0 }, RangeError],
    ['a zero body cap', { maxBodyBytes: 0 }, RangeError],
    ['a zero connect timeout', { connectTimeoutMs: 0 }, RangeError],
    ['plain http to a remote host', { baseUrl: 'http://business.onlinepay.com' }, TypeError],
    ['a non-http URL', { baseUrl: 'ftp://business.onlinepay.com' }, TypeError],
    ['a URL with credentials', { baseUrl: 'https://user:pass@business.onlinepay.com' }, TypeError],
    ['a URL with a query', { baseUrl: 'https://business.onlinepay.com/?x=1' }, TypeError],
    ['a key with a line break', { privateKey: 'abc\r\nX-Evil: 1' }, TypeError],
    ['an empty key', { privateKey: '' }, TypeError],
  ])('refuses %s', (_name, change, type) => {
    expect(() => createOnlinePayClient({ baseUrl: 'https://business.onlinepay.com', privateKey: KEY, ...change })).toThrow(type);
  });

  it('never puts the key in its own complaints', () => {
    expect(() => createOnlinePayClient({ baseUrl: 'https://business.onlinepay.com', privateKey: 'secret value' })).toThrow(/^(?!.*secret value)/);
  });

  it('works with a base URL that ends in a slash', async () => {
    fake.handle((_req, res) => reply(res, 200, { success: true, errors: [], wallet: { available: 0, hold: 0, currency: 'JPY' } }));
    await expect(clientFor({ baseUrl: `${fake.url}/` }).getBalance('JPY')).resolves.toEqual({ available: 0, hold: 0, currency: 'JPY' });
    expect(fake.requests[0]?.path).toBe('/api/v1/balance');
  });
});
