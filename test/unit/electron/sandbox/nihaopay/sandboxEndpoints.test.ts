import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import { verifyIpn } from '../../../../../electron/services/ipn/ipnSignature';

/**
 * The sandbox's endpoints beyond scanqrcode, over raw HTTP: the document's request rules
 * (92 names the first missing field in each table's order, 90 for a broken rule), the
 * bodies NihaoPay's demo clients send, and the control endpoints. What the client sees
 * of them is in test/unit/contract.
 */

const TOKEN = 'sandbox-endpoints-token-5e6f7a8b';
let clock = Date.parse('2024-03-05T06:07:08Z');
let sandbox: Sandbox;
let serial = 0;
const reference = (): string => `EP${++serial}X${Date.now().toString(36).toUpperCase()}`;

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, now: () => new Date(clock), shownQrPaidAfterMs: 1_000, shownQrExpiresAfterMs: 2_000, ipnRetryDelaysMs: [0, 30, 60] });
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  clock = Date.parse('2024-03-05T06:07:08Z');
});
afterEach(() => {
  sandbox.reset();
});

interface Reply {
  status: number;
  json: unknown;
  text: string;
  contentType: string;
}

async function call(method: string, path: string, body?: Record<string, string> | string, contentType = 'application/x-www-form-urlencoded'): Promise<Reply> {
  const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
  let payload: BodyInit | null = null;
  if (body !== undefined) {
    headers['content-type'] = contentType;
    payload = typeof body === 'string' ? body : new URLSearchParams(body).toString();
  }
  const response = await fetch(sandbox.url + path, { method, headers, body: payload });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text, contentType: response.headers.get('content-type') ?? '' };
}

const required = (field: string) => ({ code: 500, label: '92', message: `The ${field} field is required.` });
const INVALID = { code: 400, label: '90', message: 'The field not valid.' };

function without(fields: Record<string, string>, name: string): Record<string, string> {
  const copy = { ...fields };
  delete copy[name];
  return copy;
}

const showFields = (overrides: Record<string, string> = {}): Record<string, string> => ({
  amount: '1234',
  currency: 'USD',
  reference: reference(),
  vendor: 'alipay',
  ipn_url: 'http://127.0.0.1:9/ipn',
  ...overrides,
});

describe('POST /v1.2/transactions/showqrcode', () => {
  it.each(['amount', 'currency', 'reference', 'vendor', 'ipn_url'])('answers 500/92 naming a missing %s', async (field) => {
    expect((await call('POST', '/v1.2/transactions/showqrcode', without(showFields(), field))).json).toEqual(required(field));
  });

  it.each([
    ['amount', '12.34'],
    ['currency', 'EUR'],
    ['vendor', 'paypal'],
    ['reference', 'has-dash'],
    ['ipn_url', 'ftp://example.com/ipn'],
    ['timeout', '0'],
    ['timeout', '1441'],
    ['note', 'n'.repeat(257)],
  ])('answers 400/90 to %s=%s', async (field, value) => {
    expect(await call('POST', '/v1.2/transactions/showqrcode', showFields({ [field]: value }))).toMatchObject({ status: 400, json: INVALID });
  });

  it("answers in the document's QRcode shape, and books a pending transaction", async () => {
    const fields = showFields({ timeout: '15' });
    const reply = await call('POST', '/v1.2/transactions/showqrcode', fields);
    expect(reply.status).toBe(200);
    const id = (reply.json as { id: string }).id;
    expect(reply.json).toEqual({
      code_url: `https://sandbox.counterpay.invalid/qr/alipay/${id}`,
      id,
      timeout: 15,
      currency: 'USD',
      amount: 1234,
      reference: fields['reference'],
      time: '2024-03-05T06:07:08Z',
    });
    expect(sandbox.transactions.byId(id)).toMatchObject({ status: 'pending', method: 'showqrcode', ipnUrl: 'http://127.0.0.1:9/ipn' });
  });

  it('accepts JSON and multipart bodies, as the demo clients send them', async () => {
    const json = { ...showFields(), amount: 1234 };
    expect((await call('POST', '/v1.2/transactions/showqrcode', JSON.stringify(json), 'application/json')).status).toBe(200);
    const form = new FormData();
    for (const [name, value] of Object.entries(showFields())) form.append(name, value);
    const response = await fetch(`${sandbox.url}/v1.2/transactions/showqrcode`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form });
    expect(response.status).toBe(200);
  });

  it('answers 500/96 for an amount ending 96 yet books the code, and 500/98 books nothing', async () => {
    const timedOut = showFields({ amount: '1296' });
    expect((await call('POST', '/v1.2/transactions/showqrcode', timedOut)).json).toMatchObject({ label: '96' });
    expect(sandbox.transactions.byReference(timedOut['reference']!)?.status).toBe('pending');
    const failed = showFields({ amount: '1298' });
    expect((await call('POST', '/v1.2/transactions/showqrcode', failed)).json).toMatchObject({ label: '98' });
    expect(sandbox.transactions.byReference(failed['reference']!)).toBeUndefined();
  });

  it('settles by the clock: an amount ending 81 is paid once its delay has passed', async () => {
    const fields = showFields({ amount: '1281' });
    const id = ((await call('POST', '/v1.2/transactions/showqrcode', fields)).json as { id: string }).id;
    clock += 999;
    expect((await call('GET', `/v1.2/transactions/${id}`)).json).toMatchObject({ status: 'pending' });
    clock += 1;
    expect((await call('GET', `/v1.2/transactions/${id}`)).json).toMatchObject({ status: 'success', vendor_id: `99${id}000000` });
  });
});

describe('POST /v1.2/transactions/qrcode', () => {
  const qrFields = (overrides: Record<string, string> = {}) => ({ currency: 'USD', amount: '1234', vendor: 'wechatpay', reference: reference(), ipn_url: 'http://127.0.0.1:9/ipn', ...overrides });

  it('names currency first, then asks for amount when neither amount nor rmb_amount is given', async () => {
    expect((await call('POST', '/v1.2/transactions/qrcode', without(qrFields(), 'currency'))).json).toEqual(required('currency'));
    expect((await call('POST', '/v1.2/transactions/qrcode', without(qrFields(), 'amount'))).json).toEqual(required('amount'));
    expect((await call('POST', '/v1.2/transactions/qrcode', without(qrFields(), 'vendor'))).json).toEqual(required('vendor'));
  });

  it('refuses amount and rmb_amount together, alipay, and an unknown currency with 400/90', async () => {
    expect((await call('POST', '/v1.2/transactions/qrcode', qrFields({ rmb_amount: '100' }))).json).toEqual(INVALID);
    expect((await call('POST', '/v1.2/transactions/qrcode', qrFields({ vendor: 'alipay' }))).json).toEqual(INVALID);
    expect((await call('POST', '/v1.2/transactions/qrcode', qrFields({ currency: 'CNY' }))).json).toEqual(INVALID);
  });

  it('accepts any settlement currency, and prices in RMB with rmb_amount', async () => {
    expect((await call('POST', '/v1.2/transactions/qrcode', qrFields({ currency: 'EUR' }))).json).toMatchObject({ currency: 'EUR', amount: 1234 });
    const rmb = await call('POST', '/v1.2/transactions/qrcode', without(qrFields({ rmb_amount: '10000' }), 'amount'));
    expect(rmb.json).toMatchObject({ currency: 'USD', amount: 1445, rmb_amount: 10000 });
  });

  it('refuses an RMB price worth less than one cent', async () => {
    expect((await call('POST', '/v1.2/transactions/qrcode', without(qrFields({ rmb_amount: '1' }), 'amount'))).json).toEqual(INVALID);
  });
});

describe('merchantqrcode and staticqrcode', () => {
  const merchantFields = { trade_currency: 'JPY', seller_name: 'NihaoPay', store_name: 'LA Branch', store_no: 'B001', ipn_url: 'http://127.0.0.1:9/ipn' };

  it.each(['trade_currency', 'seller_name', 'store_name', 'store_no'])('merchantqrcode names a missing %s', async (field) => {
    expect((await call('POST', '/v1.2/merchantqrcode', without(merchantFields, field))).json).toEqual(required(field));
  });

  it('merchantqrcode takes vendor=alipay only, and answers in the document shape', async () => {
    expect((await call('POST', '/v1.2/merchantqrcode', { ...merchantFields, vendor: 'wechatpay' })).json).toEqual(INVALID);
    const reply = await call('POST', '/v1.2/merchantqrcode', { ...merchantFields, vendor: 'alipay' });
    expect(reply.json).toEqual({
      seller_name: 'NihaoPay',
      store_name: 'LA Branch',
      store_no: 'B001',
      qrcode_img_url: expect.stringMatching(/^https:\/\/sandbox\.counterpay\.invalid\/merqrcode\/[0-9a-f]{32}$/),
      qrcode: expect.stringMatching(/^https:\/\/sandbox\.counterpay\.invalid\/topayment\/[0-9a-f]{32}$/),
    });
  });

  it("staticqrcode books a pending payment in the code's currency, to the code's ipn_url", async () => {
    const { qrcode } = (await call('POST', '/v1.2/merchantqrcode', merchantFields)).json as { qrcode: string };
    const ref = reference();
    const reply = await call('POST', '/v1.2/transactions/staticqrcode', { amount: '500', vendor: 'alipay', qrcode, reference: ref, callback_url: 'https://example.com/done' });
    expect(reply.json).toEqual({ redirect_url: expect.stringMatching(/^https:\/\/sandbox\.counterpay\.invalid\/wallet\/alipay\?txnId=\d{20}$/) });
    expect(sandbox.transactions.byReference(ref)).toMatchObject({ status: 'pending', currency: 'JPY', amount: 500, method: 'staticqrcode', ipnUrl: 'http://127.0.0.1:9/ipn' });
  });

  it('staticqrcode refuses a code it never issued, unionpay, and names a missing qrcode', async () => {
    expect((await call('POST', '/v1.2/transactions/staticqrcode', { amount: '500', vendor: 'alipay', qrcode: 'https://example.com/x' })).json).toEqual(INVALID);
    const { qrcode } = (await call('POST', '/v1.2/merchantqrcode', merchantFields)).json as { qrcode: string };
    expect((await call('POST', '/v1.2/transactions/staticqrcode', { amount: '500', vendor: 'unionpay', qrcode })).json).toEqual(INVALID);
    expect((await call('POST', '/v1.2/transactions/staticqrcode', { amount: '500', vendor: 'alipay' })).json).toEqual(required('qrcode'));
  });

  it('staticqrcode makes up a reference when none is given', async () => {
    const { qrcode } = (await call('POST', '/v1.2/merchantqrcode', merchantFields)).json as { qrcode: string };
    await call('POST', '/v1.2/transactions/staticqrcode', { amount: '500', vendor: 'wechatpay', qrcode });
    expect(sandbox.transactions.all().find((t) => t.method === 'staticqrcode')?.reference).toMatch(/^S\d{20}$/);
  });
});

describe('POST /v1.2/transactions/{id}/refund', () => {
  async function paid(amount = '1000'): Promise<string> {
    const reply = await call('POST', '/v1.2/transactions/scanqrcode', {
      amount,
      currency: 'USD',
      vendor: 'alipay',
      reference: reference(),
      buyer_identity_code: '288463639882104202',
      client_ip: '192.0.2.1',
    });
    return (reply.json as { id: string }).id;
  }

  it('checks the fields first: 92 currency, 92 amount, 90 both, 90 a bad amount', async () => {
    const id = await paid();
    expect((await call('POST', `/v1.2/transactions/${id}/refund`, { amount: '100' })).json).toEqual(required('currency'));
    expect((await call('POST', `/v1.2/transactions/${id}/refund`, { currency: 'USD' })).json).toEqual(required('amount'));
    expect((await call('POST', `/v1.2/transactions/${id}/refund`, { currency: 'USD', amount: '1', rmb_amount: '7' })).json).toEqual(INVALID);
    expect((await call('POST', `/v1.2/transactions/${id}/refund`, { currency: 'USD', amount: '1.5' })).json).toEqual(INVALID);
    // Field errors come before "not found".
    expect((await call('POST', '/v1.2/transactions/10000000000000000000/refund', { currency: 'USD' })).json).toEqual(required('amount'));
  });

  it('answers 402/61, 402/63, 409/64, 402/67 and 409/66 in that order of checks', async () => {
    expect((await call('POST', '/v1.2/transactions/10000000000000000000/refund', { currency: 'USD', amount: '1' })).json).toMatchObject({ code: 402, label: '61' });
    const declined = await call('POST', '/v1.2/transactions/scanqrcode', { amount: '1051', currency: 'USD', vendor: 'alipay', reference: 'DECLINED1', buyer_identity_code: '288463639882104202', client_ip: '192.0.2.1' });
    expect(declined.status).toBe(402);
    const declinedId = sandbox.transactions.byReference('DECLINED1')!.id;
    expect((await call('POST', `/v1.2/transactions/${declinedId}/refund`, { currency: 'JPY', amount: '99999' })).json).toMatchObject({ code: 402, label: '63' });
    const id = await paid('1000');
    expect((await call('POST', `/v1.2/transactions/${id}/refund`, { currency: 'JPY', amount: '99999' })).json).toMatchObject({ code: 409, label: '64' });
    expect((await call('POST', `/v1.2/transactions/${id}/refund`, { currency: 'USD', amount: '1001' })).json).toMatchObject({ code: 402, label: '67' });
    expect((await call('POST', `/v1.2/transactions/${id}/refund`, { currency: 'USD', amount: '1000', reason: 'wrong size' })).json).toEqual({
      id: expect.stringMatching(/^\d{20}$/),
      status: 'success',
      refunded: true,
      transaction_id: id,
    });
    expect((await call('POST', `/v1.2/transactions/${id}/refund`, { currency: 'USD', amount: '1' })).json).toMatchObject({ code: 409, label: '66' });
    expect(sandbox.transactions.byId(id)?.refunds).toEqual([expect.objectContaining({ amount: 1000, reason: 'wrong size' })]);
  });

  it('answers the refund query at its path with the trailing slash, and 404 without it, as NihaoPay does', async () => {
    const id = await paid('1000');
    await call('POST', `/v1.2/transactions/${id}/refund`, { currency: 'USD', amount: '100' });
    const withSlash = await call('GET', `/v1.2/transactions/refunds/${id}/`);
    expect(withSlash.json).toMatchObject({ id, amount: 1000, refunded_amount: 100, refunds: [{ refunded_amount: 100, status: 'success' }] });
    expect(await call('GET', `/v1.2/transactions/refunds/${id}`)).toMatchObject({ status: 404, json: { code: 404 } });
    expect((await call('GET', '/v1.2/transactions/refunds/10000000000000000000/')).json).toMatchObject({ label: '61' });
  });

  it('is POST only', async () => {
    expect((await call('GET', '/v1.2/transactions/123/refund')).status).toBe(405);
  });
});

describe('GET endpoints with query parameters', () => {
  it('list: validates limit and times, answers newest first', async () => {
    expect((await call('GET', '/v1.2/transactions/?limit=0')).json).toEqual(INVALID);
    expect((await call('GET', '/v1.2/transactions/?limit=101')).json).toEqual(INVALID);
    expect((await call('GET', '/v1.2/transactions/?starting_after=2024-03-05')).json).toEqual(INVALID);
    expect((await call('GET', '/v1.2/transactions')).json).toEqual({ transactions: [] });
    for (const amount of ['1201', '1202']) {
      clock += 1000;
      await call('POST', '/v1.2/transactions/showqrcode', showFields({ amount }));
    }
    const listed = (await call('GET', '/v1.2/transactions/?limit=1')).json as { transactions: Array<{ amount: number; type: string }> };
    expect(listed.transactions).toEqual([expect.objectContaining({ amount: 1202, type: 'charge', status: 'pending' })]);
  });

  it('exchangerate: 92 for a missing parameter, 90 for a bad one, 93 for a future date, lower-case currency as in the document', async () => {
    expect((await call('GET', '/v1.2/exchangerate/?currency=USD')).json).toEqual(required('rate_date'));
    expect((await call('GET', '/v1.2/exchangerate/?rate_date=20240301')).json).toEqual(required('currency'));
    expect((await call('GET', '/v1.2/exchangerate/?rate_date=20240231&currency=USD')).json).toEqual(INVALID);
    expect((await call('GET', '/v1.2/exchangerate/?rate_date=20240301&currency=CAD')).json).toEqual(INVALID);
    expect((await call('GET', '/v1.2/exchangerate/?rate_date=20240301&currency=USD&vendor=paypal')).json).toEqual(INVALID);
    // 06:07 UTC on the 5th is already the 5th in China; the 6th is not published yet.
    expect((await call('GET', '/v1.2/exchangerate/?rate_date=20240306&currency=USD')).json).toMatchObject({ code: 404, label: '93', message: 'The Exchange rate not found.' });
    expect((await call('GET', '/v1.2/exchangerate?rate_date=20240305&currency=USD&vendor=unionpay')).json).toEqual({
      rates: [{ rate_date: '20240305', currency: 'usd', vendor: 'unionpay', rate: '6.948700' }],
    });
  });

  it.each(['/v1.2/download/transactions/', '/v1.2/billing/'])('%s: 92, 90, at most 10 days, a CSV reply', async (path) => {
    expect((await call('GET', `${path}?end_date=20240305`)).json).toEqual(required('start_date'));
    expect((await call('GET', `${path}?start_date=20240301`)).json).toEqual(required('end_date'));
    expect((await call('GET', `${path}?start_date=20240305&end_date=20240301`)).json).toEqual(INVALID);
    expect((await call('GET', `${path}?start_date=20240301&end_date=20240311`)).json).toEqual(INVALID);
    const ok = await call('GET', `${path}?start_date=20240301&end_date=20240310`);
    expect(ok.status).toBe(200);
    expect(ok.contentType).toMatch(/^text\/csv/);
    expect(ok.text).toMatch(/^[a-z_,]+\r\n$/);
  });

  it('accounts and withdrawal history answer with the trailing slash or without', async () => {
    const accounts = await call('GET', '/v1.2/accounts');
    expect(accounts.json).toEqual({
      accounts: [
        { balance: '0.00', currency: 'USD', pending_amount: '0.00', freeze_amount: '0.00' },
        { balance: '0', currency: 'JPY', pending_amount: '0', freeze_amount: '0' },
      ],
    });
    expect((await call('GET', '/v1.2/accounts/')).json).toEqual(accounts.json);
    expect((await call('GET', '/v1.2/withdrawal/history/?start_date=20240301&end_date=20240305')).json).toEqual({ withdrawal: [] });
    expect((await call('GET', '/v1.2/withdrawal/history?start_date=20240301')).json).toEqual(required('end_date'));
    expect((await call('GET', '/v1.2/withdrawal/detail/10000000000000000000')).json).toMatchObject({ label: '61' });
  });
});

describe('control endpoints for shown QR codes and withdrawals', () => {
  async function shown(amount = '1200'): Promise<{ id: string; reference: string }> {
    const fields = showFields({ amount });
    const reply = await call('POST', '/v1.2/transactions/showqrcode', fields);
    return { id: (reply.json as { id: string }).id, reference: fields['reference']! };
  }

  it('pays by id or reference; a second pay is 409; paying a scan is 409; an unknown code is 61', async () => {
    const one = await shown();
    const paid = await call('POST', `/__sandbox/qr/${one.reference}/pay`);
    expect(paid).toMatchObject({ status: 200, json: { transaction: { id: one.id, status: 'success' } } });
    expect((await call('POST', `/__sandbox/qr/${one.id}/pay`)).status).toBe(409);
    const two = await shown();
    expect((await call('POST', `/__sandbox/qr/${two.id}/fail`)).json).toMatchObject({ transaction: { status: 'failure' } });
    expect((await call('POST', '/__sandbox/qr/NOSUCH/pay')).json).toMatchObject({ label: '61' });
    const scan = await call('POST', '/v1.2/transactions/scanqrcode', { amount: '1000', currency: 'USD', vendor: 'alipay', reference: reference(), buyer_identity_code: '288463639882104202', client_ip: '192.0.2.1' });
    expect((await call('POST', `/__sandbox/qr/${(scan.json as { id: string }).id}/pay`)).status).toBe(409);
  });

  it('answers 500/83 to paying an expired code', async () => {
    const code = await shown('1283');
    clock += 2_000;
    expect(await call('POST', `/__sandbox/qr/${code.id}/pay`)).toMatchObject({ status: 500, json: { code: 500, label: '83', message: 'QRcode has expired' } });
    expect(sandbox.transactions.byId(code.id)?.status).toBe('closed');
  });

  it('requires the token', async () => {
    const code = await shown();
    const response = await fetch(`${sandbox.url}/__sandbox/qr/${code.id}/pay`, { method: 'POST', headers: { authorization: 'Bearer guess' } });
    expect(response.status).toBe(401);
    expect(sandbox.transactions.byId(code.id)?.status).toBe('pending');
  });

  it('withdraws the settled balance: 86 with none, 87 when it does not cover the fee', async () => {
    expect((await call('POST', '/__sandbox/withdrawals', '{"currency":"USD"}', 'application/json')).json).toMatchObject({ code: 402, label: '86' });
    expect((await call('POST', '/__sandbox/withdrawals', '{"currency":"EUR"}', 'application/json')).status).toBe(400);
    const tiny = await shown('20');
    await call('POST', `/__sandbox/qr/${tiny.id}/pay`);
    clock += 86_400_000;
    expect((await call('POST', '/__sandbox/withdrawals', '{"currency":"USD"}', 'application/json')).json).toMatchObject({ code: 402, label: '87' });
    const big = await shown('5000');
    await call('POST', `/__sandbox/qr/${big.id}/pay`);
    clock += 86_400_000;
    const withdrawal = await call('POST', '/__sandbox/withdrawals', '{"currency":"USD"}', 'application/json');
    expect(withdrawal.json).toEqual({ withdrawal: { id: expect.stringMatching(/^\d{20}$/), status: 'processing', amount: '49.90', currency: 'USD', fee: '0.30', fee_currency: 'USD', date: '20240307' } });
  });
});

describe('IPNs to ipn_url', () => {
  let receiver: Server;
  let receiverUrl: string;
  let answers: number[];
  let posts: Array<Record<string, string>>;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        posts.push(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
        response.writeHead(answers.shift() ?? 200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/ipn`;
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(() => {
    answers = [];
    posts = [];
  });

  it('posts a signed IPN when a code is paid, form-encoded with the document fields', async () => {
    const fields = showFields({ ipn_url: receiverUrl, note: 'till 4' });
    const id = ((await call('POST', '/v1.2/transactions/showqrcode', fields)).json as { id: string }).id;
    await call('POST', `/__sandbox/qr/${id}/pay`);
    await sandbox.ipnIdle();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toEqual({
      id,
      amount: '1234',
      currency: 'USD',
      rmb_amount: '8541',
      reference: fields['reference'],
      sys_reserve: `{"vendor_id":"99${id}000000"}`,
      status: 'success',
      time: '2024-03-05T06:07:08Z',
      note: 'till 4',
      verify_sign: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(verifyIpn(posts[0]!, TOKEN)).toBe(true);
  });

  it('retries on its schedule until the receiver takes it', async () => {
    answers = [500, 503];
    const id = ((await call('POST', '/v1.2/transactions/showqrcode', showFields({ ipn_url: receiverUrl }))).json as { id: string }).id;
    await call('POST', `/__sandbox/qr/${id}/fail`);
    await sandbox.ipnIdle();
    expect(posts.map((p) => p['status'])).toEqual(['failure', 'failure', 'failure']);
    expect(posts[0]?.['note']).toBe('null');
    expect(sandbox.ipnDeliveries).toEqual([expect.objectContaining({ delivered: true, gaveUp: false, attempts: [{ at: expect.any(String), httpStatus: 500 }, { at: expect.any(String), httpStatus: 503 }, { at: expect.any(String), httpStatus: 200 }] })]);
  });

  it('gives up after the last try', async () => {
    answers = [500, 500, 500, 500];
    const id = ((await call('POST', '/v1.2/transactions/showqrcode', showFields({ ipn_url: receiverUrl }))).json as { id: string }).id;
    await call('POST', `/__sandbox/qr/${id}/pay`);
    await sandbox.ipnIdle();
    expect(posts).toHaveLength(3);
    expect(sandbox.ipnDeliveries[0]).toMatchObject({ delivered: false, gaveUp: true });
  });

  it('posts nothing for a code that expires unpaid, nor for a scan', async () => {
    await call('POST', '/v1.2/transactions/showqrcode', showFields({ ipn_url: receiverUrl, amount: '1283' }));
    clock += 3_000;
    sandbox.settleDue();
    await sandbox.ipnIdle();
    expect(posts).toEqual([]);
  });

  it('lists deliveries on the control endpoint', async () => {
    const id = ((await call('POST', '/v1.2/transactions/showqrcode', showFields({ ipn_url: receiverUrl }))).json as { id: string }).id;
    await call('POST', `/__sandbox/qr/${id}/pay`);
    await sandbox.ipnIdle();
    expect((await call('GET', '/__sandbox/ipns')).json).toMatchObject({ deliveries: [{ transactionId: id, delivered: true }] });
  });
});

describe('IPNs without any request (the clock alone)', () => {
  it('pays a code ending 81 and posts its IPN when its delay passes in real time', async () => {
    const posts: string[] = [];
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        posts.push(request.url ?? '');
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const live = await startSandbox({ token: TOKEN, shownQrPaidAfterMs: 30 });
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/live`;
      const response = await fetch(`${live.url}/v1.2/transactions/showqrcode`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(showFields({ amount: '1281', ipn_url: url })).toString(),
      });
      const { id } = (await response.json()) as { id: string };
      const deadline = Date.now() + 2_000;
      while (posts.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(posts).toEqual(['/live']);
      expect(live.transactions.byId(id)?.status).toBe('success');
    } finally {
      await live.close();
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
