import { startOnlinePaySandbox, type OnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import { KEY, call, paymentBody } from './onlinePaySandboxHarness';

let sandbox: OnlinePaySandbox;

beforeAll(async () => {
  sandbox = await startOnlinePaySandbox({ privateKey: KEY });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.reset());

const createPayment = () => call(sandbox.url, 'POST', '/api/v1/payments', paymentBody());
const PAYMENTS = '/api/v1/payments';

describe('faults on the merchant API', () => {
  it('delays a reply and still processes it', async () => {
    sandbox.setFault({ latencyMs: 150, method: 'POST', pathPrefix: PAYMENTS });
    const started = Date.now();
    const reply = await createPayment();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(reply.status).toBe(200);
  });

  it('drops the connection before processing: nothing is booked', async () => {
    sandbox.setFault({ action: { kind: 'dropBeforeCommit' }, pathPrefix: PAYMENTS });
    await expect(createPayment()).rejects.toThrow();
    expect(sandbox.payments()).toHaveLength(0);
  });

  it('drops the connection after processing: the payment exists though the client never heard', async () => {
    sandbox.setFault({ action: { kind: 'dropAfterCommit' }, pathPrefix: PAYMENTS });
    await expect(createPayment()).rejects.toThrow();
    expect(sandbox.payments()).toHaveLength(1);
  });

  it('replies HTTP 500 with an api_error body', async () => {
    sandbox.setFault({ action: { kind: 'error' } });
    const reply = await createPayment();
    expect(reply.status).toBe(500);
    expect(reply.json).toEqual({ success: false, errors: [{ kind: 'api_error', code: 'internal_error', message: expect.any(String) }] });
    expect(sandbox.payments()).toHaveLength(0);
  });

  it('replies an HTML page with 200', async () => {
    sandbox.setFault({ action: { kind: 'htmlPage' } });
    const reply = await createPayment();
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/html');
    expect(reply.json).toBeUndefined();
  });

  it('replies broken JSON', async () => {
    sandbox.setFault({ action: { kind: 'invalidJson' } });
    const reply = await createPayment();
    expect(reply.status).toBe(200);
    expect(() => JSON.parse(reply.text)).toThrow();
  });

  it('replies a huge body without Content-Length', async () => {
    sandbox.setFault({ action: { kind: 'hugeBody', bytes: 3 * 1024 * 1024 } });
    const response = await fetch(`${sandbox.url}/api/v1/balance?currency=CNY`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(response.headers.get('content-length')).toBeNull();
    expect((await response.arrayBuffer()).byteLength).toBe(3 * 1024 * 1024);
  });

  it('mutates fields of the reply, nested ones too, after processing', async () => {
    sandbox.setFault({ action: { kind: 'mutateReply', set: { 'payment.status': 'approved', 'payment.amount': 1 } } });
    const reply = await createPayment();
    expect(reply.json.payment).toEqual({ amount: 1, currency: 'CNY', status: 'approved' });
    expect(sandbox.payment(reply.json.token)?.status).toBe('init');
  });

  it('applies only to matching requests, as many times as asked', async () => {
    sandbox.setFault({ action: { kind: 'error', status: 503 }, method: 'GET', pathPrefix: '/api/v1/balance', times: 2 });
    expect((await createPayment()).status).toBe(200);
    const balance = () => call(sandbox.url, 'GET', '/api/v1/balance?currency=CNY');
    expect((await balance()).status).toBe(503);
    expect((await balance()).status).toBe(503);
    expect((await balance()).status).toBe(200);
  });

  it('refuses an invalid fault', () => {
    expect(() => sandbox.setFault({ action: { kind: 'explode' } } as never)).toThrow();
  });
});

describe('HTTP control', () => {
  const control = (method: string, path: string, body?: unknown) => call(sandbox.url, method, `/__sandbox/${path}`, body);

  it('sets and clears a fault over HTTP, and refuses a bad one', async () => {
    expect((await control('POST', 'fault', { action: { kind: 'reply', status: 502, body: 'Bad gateway', contentType: 'text/plain' } })).status).toBe(200);
    const faulted = await createPayment();
    expect(faulted.status).toBe(502);
    expect(faulted.text).toBe('Bad gateway');
    await control('POST', 'fault', { action: { kind: 'htmlPage' }, times: 'always' });
    expect((await control('POST', 'fault', null)).json.fault).toBeNull();
    expect((await createPayment()).status).toBe(200);
    expect((await control('POST', 'fault', { action: { kind: 'nope' } })).status).toBe(400);
  });

  it('acts as the customer, seeds balances, lists payments and notifications', async () => {
    const card = await createPayment();
    const wallet = await createPayment();
    const declined = await createPayment();
    expect((await control('POST', 'balance', { currency: 'CNY', available: 5000 })).json.wallet).toEqual({ available: 5000, hold: 0, currency: 'CNY' });
    const paid = await control('POST', `payments/${card.json.token}/card`, { pan: '4111111111111111', threeDS: 'success' });
    expect(paid.json).toMatchObject({ ok: true, payment: { status: 'approved' } });
    const byWallet = await control('POST', `payments/${wallet.json.token}/wallet`, {});
    expect(byWallet.json.walletToken).toMatch(/^[0-9a-f]{32}$/);
    expect((await control('POST', `payments/${declined.json.token}/decline`)).json.payment.status).toBe('declined');
    expect((await control('POST', `payments/${declined.json.token}/decline`)).status).toBe(409);
    expect((await control('POST', 'payments/unknown/decline')).status).toBe(404);
    expect((await control('POST', `payments/${card.json.token}/card`, { pan: 42 })).status).toBe(400);
    expect(sandbox.balance('CNY').available).toBe(5000 + 1020 + 1020);
    expect((await control('GET', 'payments')).json.payments.map((p: { status: string }) => p.status)).toEqual(['approved', 'approved', 'declined']);
    expect((await control('GET', 'requests')).json.requests[0].authorization).toBe(`Bearer …${KEY.slice(-4)}`);
  });

  it('sets the callback URL, refusing anything but http(s)', async () => {
    expect((await control('POST', 'callback', { url: 'http://127.0.0.1:1/cb' })).json.callbackUrl).toBe('http://127.0.0.1:1/cb');
    expect((await control('POST', 'callback', { url: 'ftp://x' })).status).toBe(400);
    expect((await control('POST', 'callback', { url: null })).json.callbackUrl).toBeNull();
  });

  it('resets everything', async () => {
    await createPayment();
    await control('POST', 'reset');
    expect(sandbox.payments()).toHaveLength(0);
    expect(sandbox.requests).toHaveLength(0);
  });
});
