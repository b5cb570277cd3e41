import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ipnFieldsFor, IpnSender } from '../../../../../electron/sandbox/nihaopay/sandboxIpnSender';
import type { SandboxTransaction } from '../../../../../electron/sandbox/nihaopay/sandboxLedger';
import { verifyIpn } from '../../../../../electron/services/ipn/ipnSignature';

const TOKEN = 'ipn-sender-token-0f1e2d3c';
const now = () => new Date('2024-03-05T06:07:08Z');

function transaction(ipnUrl: string | null, overrides: Partial<SandboxTransaction> = {}): SandboxTransaction {
  return {
    id: '20240305060708000001',
    reference: 'IPNREF1',
    amount: 1234,
    currency: 'USD',
    vendor: 'alipay',
    status: 'success',
    time: '2024-03-05T06:07:08Z',
    note: null,
    description: null,
    buyerIdentityCode: null,
    clientIp: null,
    vendorTransactionId: '9920240305060708000001000000',
    rmbAmount: 8541,
    ipnUrl,
    ...overrides,
  };
}

let server: Server;
let url: string;
let handler: (respond: (status: number) => void) => void;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handler((status) => response.writeHead(status).end()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ipn`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('ipnFieldsFor', () => {
  it('signs the document fields, posting a note never set as "null"', () => {
    const fields = ipnFieldsFor(transaction(url), TOKEN);
    expect(Object.keys(fields).sort()).toEqual(['amount', 'currency', 'id', 'note', 'reference', 'rmb_amount', 'status', 'sys_reserve', 'time', 'verify_sign']);
    expect(fields['note']).toBe('null');
    expect(verifyIpn(fields, TOKEN)).toBe(true);
    expect(verifyIpn(fields, 'another-token')).toBe(false);
  });
});

describe('IpnSender', () => {
  it('waits between tries as scheduled', async () => {
    handler = (respond) => respond(500);
    const sender = new IpnSender({ token: TOKEN, now, retryDelaysMs: [0, 120, 120] });
    const started = Date.now();
    sender.notify(transaction(url));
    await sender.idle();
    expect(Date.now() - started).toBeGreaterThanOrEqual(230);
    expect(sender.deliveries()[0]).toMatchObject({ delivered: false, gaveUp: true, attempts: [{ httpStatus: 500 }, { httpStatus: 500 }, { httpStatus: 500 }] });
  });

  it('stops a delivery waiting to retry when closed, at once', async () => {
    handler = (respond) => respond(500);
    const sender = new IpnSender({ token: TOKEN, now, retryDelaysMs: [0, 60_000] });
    sender.notify(transaction(url));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    sender.close();
    await sender.idle();
    expect(Date.now() - started).toBeLessThan(500);
    expect(sender.deliveries()[0]).toMatchObject({ delivered: false, gaveUp: false, attempts: [{ httpStatus: 500 }] });
    sender.notify(transaction(url));
    expect(sender.deliveries()).toHaveLength(1);
  });

  it('records a receiver that does not answer in time, and one that refuses connections', async () => {
    handler = () => undefined;
    const sender = new IpnSender({ token: TOKEN, now, retryDelaysMs: [0], attemptTimeoutMs: 100 });
    sender.notify(transaction(url));
    sender.notify(transaction('http://127.0.0.1:1/ipn', { id: '20240305060708000002' }));
    await sender.idle();
    const [slow, refused] = sender.deliveries();
    expect(slow?.attempts[0]?.error).toMatch(/no reply within 100 ms/);
    expect(refused?.attempts[0]?.error).toMatch(/ECONNREFUSED/);
    sender.close();
  });

  it('sends nothing for a transaction without an ipn_url', async () => {
    const sender = new IpnSender({ token: TOKEN, now, retryDelaysMs: [0] });
    sender.notify(transaction(null));
    await sender.idle();
    expect(sender.deliveries()).toEqual([]);
  });

  it('refuses an empty or negative schedule', () => {
    expect(() => new IpnSender({ token: TOKEN, now, retryDelaysMs: [] })).toThrow(RangeError);
    expect(() => new IpnSender({ token: TOKEN, now, retryDelaysMs: [0, -1] })).toThrow(RangeError);
  });
});
