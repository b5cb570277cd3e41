import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { startSandbox, type Sandbox } from '../../../../../../electron/sandbox/nihaopay/sandboxServer';
import {
  createNihaoPayClient,
  GatewayAuthenticationError,
  GatewayBadReplyError,
  GatewayDeclinedError,
  GatewayDuplicateReferenceError,
  GatewayError,
  GatewayIndeterminateError,
  GatewayInvalidRequestError,
  GatewayNotFoundError,
  GatewayRateLimitedError,
  type NihaoPayClientOptions,
} from '../../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import type { PaymentGateway, ScanQrCodeRequest } from '../../../../../../shared/gateway/nihaopay/nihaopayTypes';
import { SAMPLE_PAYMENT_CODES } from '../../../../../../shared/payments/vendors';

const TOKEN = 'merchant-token-5b6c7d8e9f0a1b2c';

let sandbox: Sandbox;
let client: PaymentGateway;
let serial = 0;
const nextReference = (): string => `CP${Date.now().toString(36).toUpperCase()}N${++serial}`;

function scanRequest(overrides: Partial<ScanQrCodeRequest> = {}): ScanQrCodeRequest {
  return {
    amount: 1234,
    currency: 'USD',
    vendor: 'alipay',
    reference: nextReference(),
    buyerIdentityCode: SAMPLE_PAYMENT_CODES.alipay,
    clientIp: '192.168.1.20',
    ...overrides,
  };
}

function clientFor(options: Partial<NihaoPayClientOptions> = {}): PaymentGateway {
  return createNihaoPayClient({ baseUrl: sandbox.url, token: TOKEN, ...options });
}

/** The call's GatewayError; fails the test if the call succeeds or throws anything else. */
async function failure(call: Promise<unknown>): Promise<GatewayError> {
  let value: unknown;
  try {
    value = await call;
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    // Whatever failed, the merchant token must not ride along in the error.
    expect(inspect(err, { depth: 5 })).not.toContain(TOKEN);
    return err as GatewayError;
  }
  throw new Error(`expected a GatewayError, got ${JSON.stringify(value)}`);
}

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN });
  client = clientFor();
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.reset();
});

describe('scanQrCode', () => {
  it('sends one form-encoded request and returns the validated transaction', async () => {
    const request = scanRequest({ description: 'Counterpay sale', note: 'till 1' });
    const transaction = await client.scanQrCode(request);

    expect(sandbox.requests).toHaveLength(1);
    const [sent] = sandbox.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.path).toBe('/v1.2/transactions/scanqrcode');
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent?.body).toEqual({
      amount: '1234',
      currency: 'USD',
      vendor: 'alipay',
      reference: request.reference,
      buyer_identity_code: SAMPLE_PAYMENT_CODES.alipay,
      client_ip: '192.168.1.20',
      description: 'Counterpay sale',
      note: 'till 1',
    });

    const booked = sandbox.transactions.byReference(request.reference);
    expect(transaction).toEqual({
      id: booked?.id,
      status: 'success',
      amount: 1234,
      currency: 'USD',
      reference: request.reference,
      time: booked?.time,
      vendorTransactionId: booked?.vendorTransactionId,
      note: 'till 1',
    });
    expect(transaction.id).toMatch(/^\d{20}$/);
  });

  it('leaves empty optional fields out of the form', async () => {
    await client.scanQrCode(scanRequest({ description: '', note: '' }));
    expect(Object.keys(sandbox.requests[0]?.body ?? {})).toEqual(['amount', 'currency', 'vendor', 'reference', 'buyer_identity_code', 'client_ip']);
  });

  it('takes JPY amounts as whole yen', async () => {
    const transaction = await client.scanQrCode(scanRequest({ amount: 500, currency: 'JPY', vendor: 'wechatpay', buyerIdentityCode: SAMPLE_PAYMENT_CODES.wechatpay }));
    expect(transaction).toMatchObject({ amount: 500, currency: 'JPY', status: 'success' });
  });

  it.each([
    [1051, '11', 'Customer has insufficient funds available.'],
    [1052, '71', 'Buyer not exist or buyer account info error'],
    [1053, '72', 'Transaction amount is exceed the limit'],
  ])('reports a decline for %i with label %s', async (amount, label, message) => {
    const error = await failure(client.scanQrCode(scanRequest({ amount })));
    expect(error).toBeInstanceOf(GatewayDeclinedError);
    expect(error).toMatchObject({ kind: 'declined', httpStatus: 402, label, gatewayMessage: message });
    expect(error.toPosError()).toEqual({ code: 'GATEWAY_DECLINED', gateway: { httpStatus: 402, label, message } });
  });

  it('returns a pending payment, which lookups by reference see turn into success', async () => {
    const request = scanRequest({ amount: 1061 });
    const first = await client.scanQrCode(request);
    expect(first.status).toBe('pending');
    expect(first.vendorTransactionId).toBeUndefined();

    const statuses: string[] = [];
    let last = first;
    while (last.status === 'pending' && statuses.length < 5) {
      last = await client.getTransactionByReference(request.reference);
      statuses.push(last.status);
    }
    expect(statuses).toEqual(['pending', 'pending', 'success']);
    expect(last).toMatchObject({ id: first.id, reference: request.reference, amount: 1061, vendor: 'alipay' });
    expect(last.vendorTransactionId).toBe(sandbox.transactions.byId(first.id)?.vendorTransactionId);
  });

  it('returns a failed transaction as a value for the caller to judge', async () => {
    const request = scanRequest({ amount: 1062 });
    await client.scanQrCode(request);
    await client.getTransactionByReference(request.reference);
    await client.getTransactionByReference(request.reference);
    await expect(client.getTransactionByReference(request.reference)).resolves.toMatchObject({ status: 'failure', reference: request.reference });
  });

  it('reports 500/96 as indeterminate, and a lookup finds the payment made', async () => {
    const request = scanRequest({ amount: 1096 });
    const error = await failure(client.scanQrCode(request));
    expect(error).toBeInstanceOf(GatewayIndeterminateError);
    expect(error).toMatchObject({ kind: 'indeterminate', httpStatus: 500, label: '96' });
    await expect(client.getTransactionByReference(request.reference)).resolves.toMatchObject({ status: 'success', amount: 1096 });
  });

  it('reports 500/98 as indeterminate, and a lookup finds nothing', async () => {
    const request = scanRequest({ amount: 1098 });
    expect(await failure(client.scanQrCode(request))).toMatchObject({ kind: 'indeterminate', label: '98' });
    const error = await failure(client.getTransactionByReference(request.reference));
    expect(error).toBeInstanceOf(GatewayNotFoundError);
    expect(error).toMatchObject({ kind: 'not_found', httpStatus: 402, label: '61' });
  });

  it('reports a wrong token as authentication without echoing it', async () => {
    const wrong = createNihaoPayClient({ baseUrl: sandbox.url, token: 'wrong-token-1234' });
    const error = await failure(wrong.scanQrCode(scanRequest()));
    expect(error).toBeInstanceOf(GatewayAuthenticationError);
    expect(error).toMatchObject({ kind: 'authentication', httpStatus: 401, label: '301' });
    expect(inspect(error)).not.toContain('wrong-token-1234');
    expect(error.toPosError().code).toBe('GATEWAY_AUTHENTICATION');
  });

  it('reports a reused reference as duplicate_reference', async () => {
    const request = scanRequest();
    await client.scanQrCode(request);
    const error = await failure(client.scanQrCode(request));
    expect(error).toBeInstanceOf(GatewayDuplicateReferenceError);
    expect(error).toMatchObject({ kind: 'duplicate_reference', httpStatus: 400, label: '31' });
  });

  it('lets the gateway name a missing field: invalid_request with label 92', async () => {
    const error = await failure(client.scanQrCode(scanRequest({ buyerIdentityCode: '' })));
    expect(error).toBeInstanceOf(GatewayInvalidRequestError);
    expect(error).toMatchObject({ kind: 'invalid_request', httpStatus: 500, label: '92', gatewayMessage: 'The buyer_identity_code field is required.' });
  });

  it.each([
    ['a zero amount', { amount: 0 }],
    ['a fractional amount', { amount: 12.34 }],
    ['an amount past the safe integers', { amount: 2 ** 53 }],
    ['a currency not taken in store', { currency: 'EUR' }],
    ['an unknown vendor', { vendor: 'paypal' }],
    ['a reference with a dash', { reference: 'CP-1234' }],
    ['a reference of 31 characters', { reference: 'R'.repeat(31) }],
  ])('refuses %s without sending anything', async (_name, change) => {
    const error = await failure(client.scanQrCode(scanRequest(change as Partial<ScanQrCodeRequest>)));
    expect(error).toBeInstanceOf(GatewayInvalidRequestError);
    expect(error.httpStatus).toBeUndefined();
    expect(error.message).toMatch(/^Not sent to NihaoPay/);
    expect(sandbox.requests).toEqual([]);
  });
});

describe('lookups', () => {
  it('find a transaction by reference and by id', async () => {
    const request = scanRequest({ vendor: 'unionpay', buyerIdentityCode: SAMPLE_PAYMENT_CODES.unionpay });
    const paid = await client.scanQrCode(request);
    const byReference = await client.getTransactionByReference(request.reference);
    const byId = await client.getTransaction(paid.id);
    expect(byReference).toEqual(byId);
    expect(byId).toMatchObject({ id: paid.id, status: 'success', vendor: 'unionpay', vendorTransactionId: paid.vendorTransactionId, note: null });
    expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1.2/transactions/scanqrcode',
      `GET /v1.2/transactions/merchant/${request.reference}`,
      `GET /v1.2/transactions/${paid.id}`,
    ]);
    expect(sandbox.requests[1]?.headers).toEqual({ authorization: `Bearer ${TOKEN}` });
  });

  it('report an unknown reference or id as not_found', async () => {
    expect(await failure(client.getTransactionByReference('NOSUCHREF1'))).toMatchObject({ kind: 'not_found', label: '61' });
    expect(await failure(client.getTransaction('12345678901234567890'))).toMatchObject({ kind: 'not_found', label: '61' });
  });

  it('refuse to put a malformed reference or id into a URL', async () => {
    expect(await failure(client.getTransactionByReference('../scanqrcode'))).toMatchObject({ kind: 'invalid_request' });
    expect(await failure(client.getTransaction('a/b'))).toMatchObject({ kind: 'invalid_request' });
    expect(sandbox.requests).toEqual([]);
  });
});

describe('hostile and broken replies', () => {
  it('turns invalid JSON into bad_reply', async () => {
    sandbox.setFault({ action: { kind: 'invalidJson' } });
    const error = await failure(client.scanQrCode(scanRequest()));
    expect(error).toBeInstanceOf(GatewayBadReplyError);
    expect(error).toMatchObject({ kind: 'bad_reply', httpStatus: 200 });
    expect(error.raw).toContain('"status": "succ');
    expect(error.toPosError().code).toBe('GATEWAY_BAD_REPLY');
  });

  it('turns an HTML page with status 200 into bad_reply', async () => {
    sandbox.setFault({ action: { kind: 'htmlPage' } });
    const error = await failure(client.scanQrCode(scanRequest()));
    expect(error).toMatchObject({ kind: 'bad_reply', httpStatus: 200 });
    expect(error.raw).toMatch(/^<!doctype html>/);
  });

  it('stops reading a 10 MB body at the 1 MiB cap, quickly', async () => {
    sandbox.setFault({ action: { kind: 'hugeBody' } });
    const started = Date.now();
    const error = await failure(client.scanQrCode(scanRequest()));
    expect(error).toBeInstanceOf(GatewayIndeterminateError);
    expect(error.transportCode).toBe('ERR_REPLY_TOO_LARGE');
    expect(error.message).toContain('1048576');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('honours a smaller maxBodyBytes', async () => {
    sandbox.setFault({ action: { kind: 'hugeBody', bytes: 5000 } });
    const error = await failure(clientFor({ maxBodyBytes: 4096 }).scanQrCode(scanRequest()));
    expect(error.transportCode).toBe('ERR_REPLY_TOO_LARGE');
  });

  it('gives up on a reply that never ends at the overall deadline, although bytes keep coming', async () => {
    sandbox.setFault({ action: { kind: 'neverEnds' } });
    const started = Date.now();
    const error = await failure(clientFor({ deadlineMs: 500 }).scanQrCode(scanRequest()));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: 'indeterminate', transportCode: 'ERR_DEADLINE' });
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2000);
  });

  it('reports a connection dropped after the commit as indeterminate; the lookup finds the payment', async () => {
    sandbox.setFault({ action: { kind: 'dropAfterCommit' } });
    const request = scanRequest();
    const error = await failure(client.scanQrCode(request));
    expect(error).toBeInstanceOf(GatewayIndeterminateError);
    expect(error.transportCode).toBe('ECONNRESET');
    const found = await client.getTransactionByReference(request.reference);
    expect(found).toMatchObject({ status: 'success', amount: 1234, reference: request.reference });
  });

  it('reports a slow reply past the deadline as indeterminate; the gateway still booked it', async () => {
    sandbox.setFault({ latencyMs: 600 });
    const request = scanRequest();
    const error = await failure(clientFor({ deadlineMs: 300 }).scanQrCode(request));
    expect(error).toMatchObject({ kind: 'indeterminate', transportCode: 'ERR_DEADLINE' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(client.getTransactionByReference(request.reference)).resolves.toMatchObject({ status: 'success' });
  });

  it('reports a 5xx error object as indeterminate and 429/39 as rate_limited', async () => {
    sandbox.setFault({ action: { kind: 'error', label: '99', status: 503 } });
    expect(await failure(client.scanQrCode(scanRequest()))).toMatchObject({ kind: 'indeterminate', httpStatus: 503, label: '99', gatewayMessage: 'System error' });
    sandbox.setFault({ action: { kind: 'error', label: '39' } });
    const limited = await failure(client.scanQrCode(scanRequest()));
    expect(limited).toBeInstanceOf(GatewayRateLimitedError);
    expect(limited).toMatchObject({ httpStatus: 429, label: '39' });
  });

  it.each([
    ['amount as a string', { amount: '1234' }],
    ['a status outside the list', { status: 'paid' }],
    ['a numeric id', { id: 20240305060708000001 }],
    ['a null reference', { reference: null }],
    ['a negative amount', { amount: -1234 }],
  ])('refuses a reply with %s as bad_reply, though the payment was booked', async (_name, set) => {
    sandbox.setFault({ action: { kind: 'mutateReply', set } });
    const request = scanRequest();
    const error = await failure(client.scanQrCode(request));
    expect(error).toBeInstanceOf(GatewayBadReplyError);
    expect(error.message).toMatch(/not a transaction object/);
    // Why bad_reply must never read as "declined": the money moved.
    expect(sandbox.transactions.byReference(request.reference)?.status).toBe('success');
  });

  it.each([
    ['another reference', { reference: 'SOMEONEELSE1' }, /reference "SOMEONEELSE1" where/],
    ['another amount', { amount: 1 }, /amount 1 where 1234 was asked/],
    ['another currency', { currency: 'JPY' }, /currency "JPY" where "USD" was asked/],
  ])('refuses a scan reply about %s', async (_name, set, problem) => {
    sandbox.setFault({ action: { kind: 'mutateReply', set } });
    const error = await failure(client.scanQrCode(scanRequest()));
    expect(error).toMatchObject({ kind: 'bad_reply', httpStatus: 200 });
    expect(error.message).toMatch(problem);
  });

  it('refuses a lookup reply about another reference or id', async () => {
    const request = scanRequest();
    const paid = await client.scanQrCode(request);
    sandbox.setFault({ action: { kind: 'mutateReply', set: { reference: 'SOMEONEELSE1' } }, times: 2 });
    expect(await failure(client.getTransactionByReference(request.reference))).toMatchObject({ kind: 'bad_reply' });
    sandbox.setFault({ action: { kind: 'mutateReply', set: { id: '11111111111111111111' } } });
    expect(await failure(client.getTransaction(paid.id))).toMatchObject({ kind: 'bad_reply' });
  });

  it('reads an error object sent with status 200 as the error it is', async () => {
    sandbox.setFault({ action: { kind: 'reply', status: 200, body: { code: 402, label: '11', message: 'Customer has insufficient funds available.' } } });
    expect(await failure(client.scanQrCode(scanRequest()))).toMatchObject({ kind: 'declined', label: '11', httpStatus: 200 });
  });

  it('does not follow a redirect', async () => {
    sandbox.setFault({ action: { kind: 'reply', status: 302, body: '', contentType: 'text/plain' } });
    expect(await failure(client.scanQrCode(scanRequest()))).toMatchObject({ kind: 'bad_reply', httpStatus: 302 });
    expect(sandbox.requests).toHaveLength(1);
  });

  it('reads a 401 page that is not JSON as refused credentials (the cashier is told to check the token), and a 200 error object without code by its label', async () => {
    sandbox.setFault({ action: { kind: 'reply', status: 401, body: 'Unauthorized', contentType: 'text/plain' } });
    expect(await failure(client.scanQrCode(scanRequest()))).toMatchObject({ kind: 'authentication', httpStatus: 401, raw: 'Unauthorized' });
    sandbox.setFault({ action: { kind: 'reply', status: 200, body: { label: '301', message: 'Invalid merchant credentials provided' } } });
    expect(await failure(client.getTransactionByReference('T1ABC'))).toMatchObject({ kind: 'authentication', httpStatus: 200, label: '301', statusFromLabel: true });
  });

  it('keeps the token out of an error whose reply echoes it', async () => {
    sandbox.setFault({ action: { kind: 'reply', status: 500, body: { code: 500, label: '99', message: `bad header Bearer ${TOKEN}` } } });
    const error = await failure(client.scanQrCode(scanRequest()));
    expect(error.gatewayMessage).toBe('bad header Bearer [redacted]');
    expect(error.raw).toContain('[redacted]');
  });

  it('reports a refused connection as indeterminate', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const error = await failure(createNihaoPayClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN }).scanQrCode(scanRequest()));
    expect(error).toMatchObject({ kind: 'indeterminate', transportCode: 'ECONNREFUSED' });
  });
});

describe('connect timeout', () => {
  // A listener in another process that never accepts: once its accept queue is full the
  // kernel drops further SYNs, so a new connection hangs in connect like an unreachable host.
  let child: ReturnType<typeof spawn> | undefined;
  const fillers: Socket[] = [];
  afterAll(() => {
    for (const socket of fillers) socket.destroy();
    child?.kill();
  });

  it('fails fast with ERR_CONNECT_TIMEOUT when the connection does not come up', async () => {
    const script = `const s = require('node:net').createServer();
      s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
        console.log(s.address().port);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      });`;
    child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve) => child?.stdout?.once('data', (data) => resolve(Number(String(data).trim()))));
    for (let i = 0; i < 4; i++) fillers.push(connect(port, '127.0.0.1').on('error', () => undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const started = Date.now();
    const slow = createNihaoPayClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN, connectTimeoutMs: 300, deadlineMs: 10_000 });
    const error = await failure(slow.getTransactionByReference('ANYREF1'));
    expect(error).toMatchObject({ kind: 'indeterminate', transportCode: 'ERR_CONNECT_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('createNihaoPayClient options', () => {
  it.each([
    ['a deadline over 30 s', { deadlineMs: 30_001 }, RangeError],
    ['a zero deadline', { deadlineMs: 0 }, RangeError],
    ['a zero body cap', { maxBodyBytes: 0 }, RangeError],
    ['a non-http URL', { baseUrl: 'ftp://example.com' }, TypeError],
    ['a URL with credentials', { baseUrl: 'https://user:pass@example.com' }, TypeError],
    ['a token with a line break', { token: 'abc\r\nX-Evil: 1' }, TypeError],
    ['an empty token', { token: '' }, TypeError],
  ])('refuses %s', (_name, change, type) => {
    expect(() => createNihaoPayClient({ baseUrl: 'https://api.nihaopay.com', token: TOKEN, ...change })).toThrow(type);
  });

  it('never puts the token in its own complaints', () => {
    expect(() => createNihaoPayClient({ baseUrl: 'https://api.nihaopay.com', token: 'secret value' })).toThrow(/^(?!.*secret value)/);
  });

  it('works with a base URL that ends in a slash', async () => {
    const slashed = createNihaoPayClient({ baseUrl: `${sandbox.url}/`, token: TOKEN });
    await expect(slashed.scanQrCode(scanRequest())).resolves.toMatchObject({ status: 'success' });
    expect(sandbox.requests[0]?.path).toBe('/v1.2/transactions/scanqrcode');
  });
});
