import { request as httpRequest } from 'node:http';
import { startIpnReceiver, startIpnReceiverIfEnabled, type IpnReceiver } from '../../../../../electron/services/ipn/ipnReceiver';
import { createHash } from 'node:crypto';
import { ipnSigningString, signIpn } from '../../../../../electron/services/ipn/ipnSignature';
import type { GatewayTransaction } from '../../../../../shared/gateway/nihaopay/nihaopayTypes';

const TOKEN = 'merchant-token-receiver-0a1b2c3d';

const FIELDS = {
  id: '20240305060708000001',
  amount: '1234',
  currency: 'USD',
  rmb_amount: '8541',
  reference: 'CPQR1',
  sys_reserve: '{"vendor_id":"9920240305060708000001000000"}',
  status: 'success',
  time: '2024-03-05T06:07:08Z',
  note: 'null',
};

let receiver: IpnReceiver;
let received: GatewayTransaction[];
let failNext = false;

beforeAll(async () => {
  receiver = await startIpnReceiver(
    { enabled: true, maxBodyBytes: 2048 },
    {
      token: TOKEN,
      onNotification: async (transaction) => {
        if (failNext) {
          failNext = false;
          throw new Error('journal is busy');
        }
        received.push(transaction);
      },
    },
  );
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  received = [];
});

const signedForm = (fields: Record<string, string> = FIELDS): string => new URLSearchParams({ ...fields, verify_sign: signIpn(fields, TOKEN) }).toString();

async function post(body: string, contentType = 'application/x-www-form-urlencoded', url = receiver.url, method = 'POST'): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method, headers: { 'content-type': contentType }, body: method === 'GET' ? null : body });
  return { status: response.status, text: await response.text() };
}

describe('the IPN receiver', () => {
  it('takes a failed payment’s IPN with an empty sys_reserve, signed as `sys_reserve=` (Java, OpenCart) or left out (PHP, .NET)', async () => {
    const failed = { ...FIELDS, status: 'failure', sys_reserve: '' };
    const javaStyle = new URLSearchParams({ ...failed, verify_sign: createHash('md5').update(ipnSigningString(failed, TOKEN, 'signedEmpty')).digest('hex') }).toString();
    expect(await post(javaStyle)).toEqual({ status: 200, text: 'ok' });
    expect(await post(signedForm(failed))).toEqual({ status: 200, text: 'ok' });
    expect(received.map((t) => t.status)).toEqual(['failure', 'failure']);
  });

  it('takes a signed IPN whose reference has dashes (a store QR, a plugin), for the app to record as not its own', async () => {
    expect(await post(signedForm({ ...FIELDS, reference: '20170427-137-0011' }))).toEqual({ status: 200, text: 'ok' });
    expect(received.map((t) => t.reference)).toEqual(['20170427-137-0011']);
  });

  it('listens on loopback by default and hands a verified notification to the callback', async () => {
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/nihaopay\/ipn$/);
    expect(await post(signedForm())).toEqual({ status: 200, text: 'ok' });
    expect(received).toEqual([
      {
        id: FIELDS.id,
        status: 'success',
        amount: 1234,
        currency: 'USD',
        reference: 'CPQR1',
        time: FIELDS.time,
        note: null,
        rmbAmount: 8541,
        vendorTransactionId: '9920240305060708000001000000',
      },
    ]);
  });

  it('accepts a post without a note, and a JSON post', async () => {
    const { note: _note, ...withoutNote } = FIELDS;
    expect((await post(signedForm(withoutNote))).status).toBe(200);
    const json = JSON.stringify({ ...FIELDS, amount: 1234, note: null, verify_sign: signIpn(FIELDS, TOKEN) });
    expect((await post(json, 'application/json')).status).toBe(200);
    expect(received).toHaveLength(2);
  });

  it.each(Object.keys(FIELDS))('refuses with 400 a post whose %s was changed after signing', async (key) => {
    const form = new URLSearchParams(signedForm());
    form.set(key, key === 'note' ? 'give me a refund' : `${form.get(key)}1`);
    expect(await post(form.toString())).toEqual({ status: 400, text: 'invalid signature' });
    expect(received).toEqual([]);
  });

  it('refuses with 400 a post signed with another token, or not signed', async () => {
    const other = new URLSearchParams({ ...FIELDS, verify_sign: signIpn(FIELDS, 'not-the-token') }).toString();
    expect((await post(other)).status).toBe(400);
    expect((await post(new URLSearchParams(FIELDS).toString())).status).toBe(400);
    expect(received).toEqual([]);
  });

  it('refuses a signed post that is not a transaction', async () => {
    expect(await post(signedForm({ ...FIELDS, amount: '12.34' }))).toEqual({ status: 400, text: 'invalid notification' });
    expect(received).toEqual([]);
  });

  it('refuses a repeated field, an unreadable JSON body and an unknown content type', async () => {
    expect((await post(`${signedForm()}&amount=1`)).status).toBe(400);
    expect((await post('{"id":', 'application/json')).status).toBe(400);
    expect((await post(JSON.stringify({ ...FIELDS, extra: { nested: true } }), 'application/json')).status).toBe(400);
    expect((await post(signedForm(), 'text/plain')).status).toBe(400);
    expect(received).toEqual([]);
  });

  it('refuses a body over the cap with 413, declared or streamed', async () => {
    const big = `${signedForm()}&padding=${'x'.repeat(4096)}`;
    expect((await post(big)).status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(receiver.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      for (let i = 0; i < 8; i++) request.write('x'.repeat(1024));
      request.end();
    });
    expect(streamed).toBe(413);
    expect(received).toEqual([]);
  });

  it('answers 404 elsewhere and 405 to other methods', async () => {
    expect((await post(signedForm(), undefined, receiver.url.replace('/nihaopay/ipn', '/other'))).status).toBe(404);
    expect((await post('', undefined, receiver.url, 'GET')).status).toBe(405);
  });

  it('answers 500 when the callback fails, so that NihaoPay sends it again', async () => {
    failNext = true;
    expect(await post(signedForm())).toEqual({ status: 500, text: 'try again' });
    expect(await post(signedForm())).toEqual({ status: 200, text: 'ok' });
    expect(received).toHaveLength(1);
  });

  it('never echoes the token', async () => {
    const replies = [await post(signedForm()), await post('garbage')];
    for (const reply of replies) expect(reply.text).not.toContain(TOKEN);
  });
});

describe('startIpnReceiverIfEnabled', () => {
  it('starts nothing by default', async () => {
    await expect(startIpnReceiverIfEnabled({}, { token: TOKEN, onNotification: () => undefined })).resolves.toBeUndefined();
  });

  it('starts a receiver when enabled', async () => {
    const started = await startIpnReceiverIfEnabled({ enabled: true, path: '/ipn' }, { token: TOKEN, onNotification: () => undefined });
    try {
      expect(started?.url).toMatch(/\/ipn$/);
    } finally {
      await started?.close();
    }
  });

  it('refuses to start without a token', async () => {
    await expect(startIpnReceiver({}, { token: '', onNotification: () => undefined })).rejects.toThrow(/token/);
  });
});
