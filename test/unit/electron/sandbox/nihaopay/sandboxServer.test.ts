import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';

const TOKEN = 'sandbox-test-token-9f8e7d6c';
const NOW = new Date('2024-03-05T06:07:08.009Z');
const SCAN = '/v1.2/transactions/scanqrcode';

let sandbox: Sandbox;
let serial = 0;
const nextReference = (): string => `SBX${Date.now().toString(36).toUpperCase()}${++serial}`;

beforeAll(async () => {
  sandbox = await startSandbox({ token: TOKEN, now: () => NOW });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.reset();
});

function scanFields(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    amount: '1234',
    currency: 'USD',
    vendor: 'alipay',
    reference: nextReference(),
    buyer_identity_code: '288463639882104202',
    client_ip: '192.168.1.20',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

interface Reply {
  status: number;
  json: unknown;
  text: string;
}

async function call(method: string, path: string, init: { body?: BodyInit; contentType?: string; authorization?: string | null } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (init.authorization !== null) headers['authorization'] = init.authorization ?? `Bearer ${TOKEN}`;
  if (init.contentType) headers['content-type'] = init.contentType;
  const response = await fetch(sandbox.url + path, { method, headers, body: init.body ?? null });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

const postForm = (fields: Record<string, string>, authorization?: string | null): Promise<Reply> =>
  call('POST', SCAN, { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded', authorization });

describe('POST /v1.2/transactions/scanqrcode', () => {
  it("approves an ordinary amount and replies in the document's shape", async () => {
    const fields = scanFields({ note: 'till 1' });
    const reply = await postForm(fields);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      amount: 1234,
      id: '20240305060708000001',
      time: '2024-03-05T06:07:08Z',
      status: 'success',
      sys_reserve: '{"vendor_id":"9920240305060708000001000000"}',
      note: 'till 1',
      reference: fields['reference'],
      currency: 'USD',
    });
    expect(sandbox.transactions.byReference(fields['reference']!)).toMatchObject({ status: 'success', amount: 1234, vendor: 'alipay', clientIp: '192.168.1.20' });
  });

  it('numbers transactions with time and a counter, 20 digits', async () => {
    const first = (await postForm(scanFields())).json as { id: string };
    const second = (await postForm(scanFields())).json as { id: string };
    expect(first.id).toMatch(/^\d{20}$/);
    expect(BigInt(second.id) - BigInt(first.id)).toBe(1n);
  });

  it('accepts a JSON body, numbers included', async () => {
    const reference = nextReference();
    const body = JSON.stringify({ ...scanFields({ reference }), amount: 1234 });
    const reply = await call('POST', SCAN, { body, contentType: 'application/json' });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ status: 'success', amount: 1234, reference });
    expect(sandbox.requests[0]?.body).toMatchObject({ amount: '1234', reference });
  });

  it('accepts a multipart body built by fetch', async () => {
    const form = new FormData();
    const fields = scanFields();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const reply = await call('POST', SCAN, { body: form });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ status: 'success', reference: fields['reference'] });
    expect(sandbox.requests[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sandbox.requests[0]?.body).toEqual(fields);
  });

  it('accepts a hand-written multipart body, as curl -F would send', async () => {
    const fields = scanFields({ description: 'Tea "green"; large' });
    const boundary = '------------------------d74496d66958873e';
    const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
    const body = `${parts.join('')}--${boundary}--\r\n`;
    const reply = await call('POST', SCAN, { body, contentType: `multipart/form-data; boundary=${boundary}` });
    expect(reply.status).toBe(200);
    expect(sandbox.requests[0]?.body).toEqual(fields);
  });

  it.each(['currency', 'amount', 'vendor', 'reference', 'buyer_identity_code', 'client_ip'])(
    'answers 500/92 naming a missing %s',
    async (field) => {
      const reply = await postForm(scanFields({ [field]: undefined }));
      expect(reply.status).toBe(500);
      expect(reply.json).toEqual({ code: 500, label: '92', message: `The ${field} field is required.` });
      expect(sandbox.transactions.all()).toEqual([]);
    },
  );

  it('counts a blank field as missing', async () => {
    const reply = await postForm(scanFields({ client_ip: '  ' }));
    expect(reply.json).toMatchObject({ label: '92', message: 'The client_ip field is required.' });
  });

  it('names the first missing field in the document order when the body is empty', async () => {
    const reply = await call('POST', SCAN, { contentType: 'application/x-www-form-urlencoded' });
    expect(reply.json).toEqual({ code: 500, label: '92', message: 'The currency field is required.' });
  });

  it.each([
    ['amount', '12.34'],
    ['amount', '0'],
    ['amount', '-5'],
    ['amount', '0100'],
    ['amount', '99999999999999999'],
    ['currency', 'EUR'],
    ['currency', 'usd'],
    ['vendor', 'paypal'],
    ['reference', 'has-dash'],
    ['reference', 'A'.repeat(31)],
    ['buyer_identity_code', '28846363988210420x'],
    ['client_ip', '192.168.1.300'],
    ['note', 'n'.repeat(257)],
  ])('answers 400/90 to %s=%s', async (field, value) => {
    const reply = await postForm(scanFields({ [field]: value }));
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ code: 400, label: '90', message: 'The field not valid.' });
    expect(sandbox.transactions.all()).toEqual([]);
  });

  it('answers 400/90 to a JSON body that does not parse', async () => {
    const reply = await call('POST', SCAN, { body: '{"amount": 12', contentType: 'application/json' });
    expect(reply.json).toEqual({ code: 400, label: '90', message: 'The field not valid.' });
  });

  it('treats a non-integer JSON number as invalid, not as a rounded amount', async () => {
    const reply = await call('POST', SCAN, { body: JSON.stringify({ ...scanFields(), amount: 12.34 }), contentType: 'application/json' });
    expect(reply.json).toMatchObject({ label: '90' });
  });

  it('refuses a reference used before with 400/31 and leaves the first payment alone', async () => {
    const fields = scanFields();
    expect((await postForm(fields)).status).toBe(200);
    const again = await postForm({ ...fields, amount: '999' });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ code: 400, label: '31', message: 'Transaction reference number must be unique. Please re-submit.' });
    expect(sandbox.transactions.all()).toHaveLength(1);
    expect(sandbox.transactions.byReference(fields['reference']!)?.amount).toBe(1234);
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'Bearer not-the-token'],
    ['the right token under another scheme', `Basic ${TOKEN}`],
    ['the token with a suffix', `Bearer ${TOKEN}x`],
  ])('answers 401/301 to %s and records nothing', async (_name, authorization) => {
    const reply = await postForm(scanFields(), authorization);
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ code: 401, label: '301', message: 'Invalid merchant credentials provided' });
    expect(sandbox.transactions.all()).toEqual([]);
  });
});

describe('scan outcomes by amount', () => {
  it.each([
    ['1051', 402, '11', 'Customer has insufficient funds available.'],
    ['1052', 402, '71', 'Buyer not exist or buyer account info error'],
    ['1053', 402, '72', 'Transaction amount is exceed the limit'],
  ])('declines %s with %i/%s and keeps a failed transaction', async (amount, status, label, message) => {
    const fields = scanFields({ amount });
    const reply = await postForm(fields);
    expect(reply.status).toBe(status);
    expect(reply.json).toEqual({ code: status, label, message });
    const lookup = await call('GET', `/v1.2/transactions/merchant/${fields['reference']}`);
    expect(lookup.json).toMatchObject({ status: 'failure', amount: Number(amount) });
    expect(lookup.json).not.toHaveProperty('vendor_id');
  });

  it('answers 500/96 for amount ending 96 but books the payment as paid', async () => {
    const fields = scanFields({ amount: '2096' });
    const reply = await postForm(fields);
    expect(reply).toMatchObject({ status: 500, json: { code: 500, label: '96', message: 'Timeout' } });
    const lookup = await call('GET', `/v1.2/transactions/merchant/${fields['reference']}`);
    expect(lookup.json).toMatchObject({ status: 'success', amount: 2096 });
  });

  it('answers 500/98 for amount ending 98 and books nothing', async () => {
    const fields = scanFields({ amount: '2098' });
    expect((await postForm(fields)).json).toEqual({ code: 500, label: '98', message: 'Vendor error' });
    const lookup = await call('GET', `/v1.2/transactions/merchant/${fields['reference']}`);
    expect(lookup).toMatchObject({ status: 402, json: { code: 402, label: '61', message: 'Transaction not found.' } });
  });

  it('keeps amount ending 61 pending for two lookups, then success', async () => {
    const fields = scanFields({ amount: '1061' });
    const reply = await postForm(fields);
    expect(reply.json).toMatchObject({ status: 'pending', sys_reserve: '{}' });
    const id = (reply.json as { id: string }).id;
    const statuses: unknown[] = [];
    // Lookups by id and by reference move the same transaction along.
    for (const path of [`/v1.2/transactions/${id}`, `/v1.2/transactions/merchant/${fields['reference']}`, `/v1.2/transactions/${id}`, `/v1.2/transactions/${id}`]) {
      statuses.push(((await call('GET', path)).json as { status: string }).status);
    }
    expect(statuses).toEqual(['pending', 'pending', 'success', 'success']);
    expect(sandbox.transactions.byId(id)?.vendorTransactionId).toMatch(/^99\d{26}$/);
  });

  it('ends amount ending 62 in failure', async () => {
    const fields = scanFields({ amount: '1062' });
    await postForm(fields);
    const path = `/v1.2/transactions/merchant/${fields['reference']}`;
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(((await call('GET', path)).json as { status: string }).status);
    expect(statuses).toEqual(['pending', 'pending', 'failure']);
  });
});

describe('lookups', () => {
  it("answer in the document's lookup shape with vendor and vendor_id", async () => {
    const fields = scanFields({ vendor: 'wechatpay', buyer_identity_code: '134567890123456789' });
    const scan = (await postForm(fields)).json as { id: string };
    const byReference = await call('GET', `/v1.2/transactions/merchant/${fields['reference']}`);
    const expected = {
      id: scan.id,
      status: 'success',
      type: 'charge',
      amount: 1234,
      currency: 'USD',
      time: '2024-03-05T06:07:08Z',
      reference: fields['reference'],
      note: null,
      vendor: 'wechatpay',
      vendor_id: `99${scan.id}000000`,
    };
    expect(byReference).toMatchObject({ status: 200, json: expected });
    expect((await call('GET', `/v1.2/transactions/${scan.id}`)).json).toEqual(expected);
  });

  it('decode the path part', async () => {
    const fields = scanFields();
    await postForm(fields);
    const encoded = [...fields['reference']!].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    expect((await call('GET', `/v1.2/transactions/merchant/${encoded}`)).status).toBe(200);
  });

  it.each(['/v1.2/transactions/merchant/NOSUCHREF', '/v1.2/transactions/99999999999999999999', '/v1.2/transactions/%E0%A4%A'])(
    'answer 402/61 for %s',
    async (path) => {
      expect(await call('GET', path)).toMatchObject({ status: 402, json: { code: 402, label: '61', message: 'Transaction not found.' } });
    },
  );

  it('require the token', async () => {
    expect((await call('GET', '/v1.2/transactions/merchant/ANY', { authorization: 'Bearer nope' })).json).toMatchObject({ label: '301' });
  });
});

describe('other paths', () => {
  it('answer an unknown endpoint with 404 and no label', async () => {
    const reply = await call('GET', '/v1.2/refunds');
    expect(reply).toMatchObject({ status: 404, json: { code: 404 } });
    expect(reply.json).not.toHaveProperty('label');
  });

  it('answer a wrong method with 405', async () => {
    expect((await call('GET', SCAN)).status).toBe(405);
    expect((await call('POST', '/v1.2/transactions/merchant/REF')).status).toBe(405);
  });
});

describe('the request log', () => {
  it('records method, path, query, authorization, parsed fields and time', async () => {
    const fields = scanFields();
    await postForm(fields);
    await call('GET', '/v1.2/transactions/merchant/NOSUCH?x=1');
    expect(sandbox.requests).toEqual([
      {
        method: 'POST',
        path: SCAN,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: fields,
        time: NOW.toISOString(),
      },
      { method: 'GET', path: '/v1.2/transactions/merchant/NOSUCH', query: 'x=1', headers: { authorization: `Bearer ${TOKEN}` }, body: {}, time: NOW.toISOString() },
    ]);
  });

  it('records refused requests too', async () => {
    await postForm(scanFields(), 'Bearer wrong');
    expect(sandbox.requests).toHaveLength(1);
    expect(sandbox.requests[0]?.headers.authorization).toBe('Bearer wrong');
  });
});

describe('control endpoints', () => {
  it('require the token', async () => {
    for (const [method, path] of [['GET', '/__sandbox/requests'], ['POST', '/__sandbox/reset'], ['POST', '/__sandbox/fault']] as const) {
      const reply = await call(method, path, { authorization: 'Bearer guess', body: method === 'POST' ? 'null' : undefined });
      expect(reply).toMatchObject({ status: 401, json: { label: '301' } });
    }
  });

  it('list requests with the token cut to its last four characters, without control traffic', async () => {
    await postForm(scanFields());
    const reply = await call('GET', '/__sandbox/requests');
    expect(reply.status).toBe(200);
    expect(reply.text).not.toContain(TOKEN);
    const { requests } = reply.json as { requests: Array<{ path: string; headers: { authorization?: string } }> };
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe(SCAN);
    expect(requests[0]?.headers.authorization).toBe(`Bearer …${TOKEN.slice(-4)}`);
  });

  it('set a fault over HTTP that applies once', async () => {
    const set = await call('POST', '/__sandbox/fault', { body: JSON.stringify({ action: { kind: 'error', label: '39' } }), contentType: 'application/json' });
    expect(set.status).toBe(200);
    expect(await postForm(scanFields())).toMatchObject({ status: 429, json: { code: 429, label: '39', message: 'Too many transactions attempts by cardholder.' } });
    expect((await postForm(scanFields())).status).toBe(200);
  });

  it('refuse an invalid fault and clear one with null', async () => {
    const bad = await call('POST', '/__sandbox/fault', { body: JSON.stringify({ action: { kind: 'explode' } }), contentType: 'application/json' });
    expect(bad).toMatchObject({ status: 400, json: { label: '90' } });
    await call('POST', '/__sandbox/fault', { body: JSON.stringify({ action: { kind: 'htmlPage' }, times: 'always' }) });
    await call('POST', '/__sandbox/fault', { body: 'null' });
    expect((await postForm(scanFields())).status).toBe(200);
  });

  it('reset requests, transactions and the fault', async () => {
    await postForm(scanFields());
    sandbox.setFault({ action: { kind: 'htmlPage' }, times: 'always' });
    expect((await call('POST', '/__sandbox/reset')).status).toBe(200);
    expect(sandbox.requests).toEqual([]);
    expect(sandbox.transactions.all()).toEqual([]);
    expect((await postForm(scanFields())).status).toBe(200);
  });

  it('list transactions', async () => {
    const fields = scanFields();
    await postForm(fields);
    const reply = await call('GET', '/__sandbox/transactions');
    expect(reply.json).toMatchObject({ transactions: [{ reference: fields['reference'], status: 'success' }] });
  });
});

describe('faults on the wire', () => {
  it('mutate a reply after committing', async () => {
    sandbox.setFault({ action: { kind: 'mutateReply', set: { amount: '1234', reference: 'ELSEWHERE' } } });
    const fields = scanFields();
    const reply = await postForm(fields);
    expect(reply.json).toMatchObject({ amount: '1234', reference: 'ELSEWHERE', status: 'success' });
    expect(sandbox.transactions.byReference(fields['reference']!)?.status).toBe('success');
  });

  it('drop the connection after committing', async () => {
    sandbox.setFault({ action: { kind: 'dropAfterCommit' } });
    const fields = scanFields();
    await expect(postForm(fields)).rejects.toThrow();
    expect(sandbox.transactions.byReference(fields['reference']!)?.status).toBe('success');
  });

  it('drop the connection before committing', async () => {
    sandbox.setFault({ action: { kind: 'dropBeforeCommit' } });
    const fields = scanFields();
    await expect(postForm(fields)).rejects.toThrow();
    expect(sandbox.transactions.all()).toEqual([]);
  });

  it('send an HTML page with 200', async () => {
    sandbox.setFault({ action: { kind: 'htmlPage' } });
    const reply = await postForm(scanFields());
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/^<!doctype html>/);
  });

  it('send a body of the requested size', async () => {
    sandbox.setFault({ action: { kind: 'hugeBody', bytes: 300_000 } });
    const reply = await postForm(scanFields());
    expect(reply.text.length).toBe(300_000);
  });

  it('only apply to matching paths', async () => {
    sandbox.setFault({ action: { kind: 'error', label: '99' }, pathPrefix: '/v1.2/transactions/merchant/' });
    expect((await postForm(scanFields())).status).toBe(200);
    expect((await call('GET', '/v1.2/transactions/merchant/X')).json).toMatchObject({ code: 500, label: '99', message: 'System error' });
  });

  it('delay a reply', async () => {
    sandbox.setFault({ latencyMs: 300 });
    const started = Date.now();
    expect((await postForm(scanFields())).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('startSandbox', () => {
  it('refuses a non-loopback host and an empty token', async () => {
    await expect(startSandbox({ token: TOKEN, host: '0.0.0.0' as never })).rejects.toThrow(/loopback/);
    await expect(startSandbox({ token: '' })).rejects.toThrow(/token/);
  });

  it('shows the outcome on the first lookup with pendingLookups 0', async () => {
    const quick = await startSandbox({ token: TOKEN, pendingLookups: 0 });
    try {
      const reference = nextReference();
      const form = new URLSearchParams(scanFields({ amount: '1061', reference })).toString();
      const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' };
      await fetch(`${quick.url}${SCAN}`, { method: 'POST', headers, body: form });
      const lookup = await fetch(`${quick.url}/v1.2/transactions/merchant/${reference}`, { headers });
      expect(((await lookup.json()) as { status: string }).status).toBe('success');
    } finally {
      await quick.close();
    }
  });

  it('closes while a reply is still dripping', async () => {
    const other = await startSandbox({ token: TOKEN });
    other.setFault({ action: { kind: 'neverEnds' } });
    const response = await fetch(`${other.url}/v1.2/transactions/merchant/X`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(response.text()).rejects.toThrow();
  });
});
