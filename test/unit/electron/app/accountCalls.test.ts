import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccountCalls, type AccountCallsContext } from '../../../../electron/app/accountCalls';
import { createManagerPin } from '../../../../electron/services/auth/managerPin';
import { createNihaoPayClient } from '../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { createOnlinePayClient } from '../../../../electron/services/gateway/onlinepay/onlinePayClient';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { createLogger } from '../../../../electron/services/log/logger';
import type { GatewayName } from '../../../../shared/gateway/paymentGateway';
import { makeTempDir } from '../../../fixtures/tempDir';

const PIN = '1357';

/** A gateway that answers each path with what the test says: hostile replies on purpose. */
async function scriptedGateway(answer: (path: string) => { status?: number; type?: string; body: string }) {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]!;
    requests.push(path);
    const reply = answer(path);
    response.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? 'application/json' });
    response.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const ACCOUNTS = JSON.stringify({ accounts: [{ balance: '100.00', currency: 'USD', pending_amount: '12.40', freeze_amount: '0.30' }, { balance: '1500', currency: 'JPY', pending_amount: '0', freeze_amount: '0' }] });
const HISTORY = JSON.stringify({ withdrawal: [{ id: 'w1', status: 'completed', amount: '100.00', currency: 'USD', fee: '0.30', fee_currency: 'USD', date: '20261201' }] });
const DETAIL = 'type,transaction_id,refund_id,reference,time,currency,amount\r\ncharge,t1,,R1,2026-11-30T10:00:00Z,USD,10.00\r\nrefund,t1,r1,R1,2026-11-30T11:00:00Z,USD,-2.50\r\n';
const balance = (currency: string, available: unknown = 1000, hold: unknown = 0) => JSON.stringify({ success: true, errors: [], wallet: { available, hold, currency } });

describe('the Account screen’s calls', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let clock: number;
  let gateways: Awaited<ReturnType<typeof scriptedGateway>>[];
  let logLines: string[];

  beforeEach(() => {
    temp = makeTempDir();
    journal = openJournal(temp.dir);
    clock = Date.parse('2026-12-03T12:00:00Z');
    gateways = [];
    logLines = [];
  });
  afterEach(async () => {
    for (const g of gateways) await g.close();
    journal.close();
    temp.cleanup();
  });

  async function calls(
    options: { nihaoPay?: (path: string) => { status?: number; type?: string; body: string }; onlinePay?: (path: string, currency?: string) => { status?: number; body: string }; enabled?: GatewayName[]; pin?: boolean } = {},
  ) {
    const managerPin = createManagerPin({ table: journal.pinState, now: () => clock });
    if (options.pin !== false && !managerPin.isSet()) expect(await managerPin.change(undefined, PIN)).toBeUndefined();
    let nihaoPay: AccountCallsContext['nihaoPay'] = () => undefined;
    let onlinePay: AccountCallsContext['onlinePay'] = () => undefined;
    if (options.nihaoPay) {
      const g = await scriptedGateway(options.nihaoPay);
      gateways.push(g);
      const client = createNihaoPayClient({ baseUrl: g.url, token: 'T0KEN' });
      nihaoPay = () => client;
    }
    let lastCurrency = '';
    if (options.onlinePay) {
      const answer = options.onlinePay;
      const g = await scriptedGateway((path) => answer(path, lastCurrency));
      gateways.push(g);
      const client = createOnlinePayClient({ baseUrl: g.url, privateKey: 'K3Y' });
      onlinePay = () => ({
        getBalance: (currency) => {
          lastCurrency = currency;
          return client.getBalance(currency);
        },
      });
    }
    return createAccountCalls({
      nihaoPay,
      onlinePay,
      nihaoPayProblem: () => 'missingToken',
      nihaoPayTraining: () => false,
      enabledGateways: () => options.enabled ?? ['nihaopay', 'onlinepay'],
      managerPin,
      journal,
      now: () => new Date(clock),
      log: createLogger((line) => logLines.push(line), () => []),
    });
  }
  const readings = (result: unknown) => (result as { ok: true; value: Record<string, unknown> }).value;

  it('reads each enabled gateway’s balances in exact minor units, with the time each was read', async () => {
    const account = await calls({ nihaoPay: () => ({ body: ACCOUNTS }), onlinePay: (_p, c) => ({ body: balance(c!, c === 'EUR' ? '10020' : 1000, 250) }) });
    const result = await account.getAccountBalances({ pin: PIN });
    expect(result).toEqual({
      ok: true,
      value: {
        nihaopay: {
          ok: true,
          value: [
            { currency: 'USD', balance: 10_000, pendingAmount: 1240, freezeAmount: 30 },
            { currency: 'JPY', balance: 1500, pendingAmount: 0, freezeAmount: 0 },
          ],
          readAt: '2026-12-03T12:00:00.000Z',
          nextReadAt: '2026-12-03T12:01:00.000Z',
        },
        onlinepay: {
          ok: true,
          value: [
            { currency: 'CNY', available: 1000, hold: 250 },
            { currency: 'EUR', available: 10_020, hold: 250 },
            { currency: 'USD', available: 1000, hold: 250 },
            { currency: 'JPY', available: 1000, hold: 250 },
          ],
          readAt: '2026-12-03T12:00:00.000Z',
          nextReadAt: '2026-12-03T12:01:00.000Z',
        },
      },
    });
    expect(journal.auditLog(5).map((row) => [row.action, row.outcome, row.detail]).sort()).toEqual([
      ['account.read', 'ok', 'balances nihaopay'],
      ['account.read', 'ok', 'balances onlinepay'],
    ]);
  });

  it('asks only the gateways the store uses', async () => {
    const account = await calls({ nihaoPay: () => ({ body: ACCOUNTS }), onlinePay: (_p, c) => ({ body: balance(c!) }), enabled: ['onlinepay'] });
    const value = readings(await account.getAccountBalances({ pin: PIN }));
    expect(Object.keys(value)).toEqual(['onlinepay']);
    expect(gateways[0]!.requests).toEqual([]);
  });

  it('needs the manager PIN: a wrong one is refused, audited, and asks no gateway', async () => {
    const account = await calls({ nihaoPay: () => ({ body: ACCOUNTS }) });
    for (const args of [{}, { pin: '0000' }]) {
      const result = await account.getAccountBalances(args);
      expect(result.ok).toBe(false);
    }
    expect((await account.getWithdrawals({ pin: '9999', from: '2026-12-01', to: '2026-12-03' })).ok).toBe(false);
    expect((await account.getWithdrawalDetail({ pin: '9999', withdrawalId: 'w1' })).ok).toBe(false);
    expect(gateways[0]!.requests).toEqual([]);
    const audit = journal.auditLog(10).filter((row) => row.action === 'account.read');
    expect(audit.map((row) => [row.outcome, row.detail])).toEqual([
      ['refused', 'PIN_WRONG'],
      ['refused', 'PIN_WRONG'],
      ['refused', 'PIN_WRONG'],
      ['refused', 'PIN_REQUIRED'],
    ]);
  });

  it('keeps the minimum interval: a refresh too soon shows the earlier reading, said so, and asks nothing', async () => {
    let usd = '100.00';
    const account = await calls({ nihaoPay: () => ({ body: ACCOUNTS.replace('"100.00"', JSON.stringify(usd)) }), enabled: ['nihaopay'] });
    const first = readings(await account.getAccountBalances({ pin: PIN }))['nihaopay'];
    usd = '200.00';
    clock += 30_000;
    // Reopening the screen within the minute: the same reading, not "too soon".
    expect(readings(await account.getAccountBalances({ pin: PIN }))['nihaopay']).toEqual(first);
    const tooSoon = readings(await account.getAccountBalances({ pin: PIN, refresh: true }))['nihaopay'];
    expect(tooSoon).toEqual({ ...(first as object), tooSoon: true });
    expect(gateways[0]!.requests).toEqual(['/v1.2/accounts']);
    clock += 30_000;
    const second = readings(await account.getAccountBalances({ pin: PIN, refresh: true }))['nihaopay'] as { value: Array<{ balance: number }>; readAt: string };
    expect(second.value[0]!.balance).toBe(20_000);
    expect(second.readAt).toBe('2026-12-03T12:01:00.000Z');
    expect(gateways[0]!.requests).toEqual(['/v1.2/accounts', '/v1.2/accounts']);
  });

  it('two reads at once ask the gateway once', async () => {
    const account = await calls({ nihaoPay: () => ({ body: ACCOUNTS }), enabled: ['nihaopay'] });
    const [a, b] = await Promise.all([account.getAccountBalances({ pin: PIN, refresh: true }), account.getAccountBalances({ pin: PIN, refresh: true })]);
    expect(readings(a)['nihaopay']).toMatchObject({ ok: true });
    expect(readings(b)['nihaopay']).toMatchObject({ ok: true });
    expect(gateways[0]!.requests).toEqual(['/v1.2/accounts']);
  });

  it('a gateway that fails is "could not be read" with its error, beside one that answers', async () => {
    const account = await calls({
      nihaoPay: () => ({ status: 500, body: JSON.stringify({ code: 500, label: '99', message: 'System error' }) }),
      onlinePay: (_p, c) => ({ body: balance(c!) }),
    });
    const value = readings(await account.getAccountBalances({ pin: PIN }));
    expect(value['nihaopay']).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^GATEWAY_/) } });
    expect(value['nihaopay']).not.toHaveProperty('value');
    expect(value['onlinepay']).toMatchObject({ ok: true });
    expect(journal.auditLog(5).map((row) => row.detail)).toContainEqual(expect.stringMatching(/^balances nihaopay unreadable GATEWAY_/));
  });

  it('a gateway without its credentials is "could not be read", said why', async () => {
    const account = await calls({});
    const value = readings(await account.getAccountBalances({ pin: PIN }));
    expect(value['nihaopay']).toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'missingToken' } } });
    expect(value['onlinepay']).toMatchObject({ ok: false, error: { code: 'ONLINEPAY_NOT_CONFIGURED' } });
  });

  it('a gateway that says 429 is "could not be read" as rate-limited', async () => {
    const account = await calls({ nihaoPay: () => ({ status: 429, body: JSON.stringify({ code: 429, message: 'Too many requests' }) }), enabled: ['nihaopay'] });
    expect(readings(await account.getAccountBalances({ pin: PIN }))['nihaopay']).toMatchObject({ ok: false });
  });

  describe('hostile replies are never a figure', () => {
    for (const [name, body] of [
      ['a number where NihaoPay documents a string', ACCOUNTS.replace('"100.00"', '100')],
      ['more decimals than the currency has', ACCOUNTS.replace('"100.00"', '"100.005"')],
      ['an exponent', ACCOUNTS.replace('"100.00"', '"1e5"')],
      ['HTML with 200', '<html>ok</html>'],
      ['no accounts key', '{}'],
    ] as const) {
      it(`NihaoPay balances: ${name}`, async () => {
        const account = await calls({ nihaoPay: () => ({ body }), enabled: ['nihaopay'] });
        expect(readings(await account.getAccountBalances({ pin: PIN }))['nihaopay']).toMatchObject({ ok: false, error: { code: 'GATEWAY_BAD_REPLY' } });
      });
    }

    it('NihaoPay: an empty account list is an empty list, not an error', async () => {
      const account = await calls({ nihaoPay: () => ({ body: '{"accounts":[]}' }), enabled: ['nihaopay'] });
      expect(readings(await account.getAccountBalances({ pin: PIN }))['nihaopay']).toMatchObject({ ok: true, value: [] });
    });

    for (const [name, value] of [
      ['a negative number', -5],
      ['a decimal', 10.5],
      ['a decimal string', '10.50'],
      ['null', null],
    ] as const) {
      it(`OnlinePay balance: ${name}`, async () => {
        const account = await calls({ onlinePay: (_p, c) => ({ body: balance(c!, c === 'USD' ? value : 1000) }), enabled: ['onlinepay'] });
        expect(readings(await account.getAccountBalances({ pin: PIN }))['onlinepay']).toMatchObject({ ok: false, error: { code: 'GATEWAY_BAD_REPLY' } });
      });
    }

    it('OnlinePay balance about another currency is not believed', async () => {
      const account = await calls({ onlinePay: () => ({ body: balance('CNY') }), enabled: ['onlinepay'] });
      expect(readings(await account.getAccountBalances({ pin: PIN }))['onlinepay']).toMatchObject({ ok: false, error: { code: 'GATEWAY_BAD_REPLY' } });
    });

    it('withdrawals: a number amount, and an empty or absent list', async () => {
      let body = HISTORY.replace('"100.00"', '100');
      const account = await calls({ nihaoPay: () => ({ body }), enabled: ['nihaopay'] });
      expect(readings(await account.getWithdrawals({ pin: PIN, from: '2026-12-01', to: '2026-12-03' }))).toMatchObject({ ok: false, error: { code: 'GATEWAY_BAD_REPLY' } });
      body = '{"withdrawal":[]}';
      expect(readings(await account.getWithdrawals({ pin: PIN, from: '2026-11-01', to: '2026-11-30' }))).toMatchObject({ ok: true, value: [] });
      body = '{"withdrawal":null}';
      expect(readings(await account.getWithdrawals({ pin: PIN, from: '2026-10-01', to: '2026-10-30' }))).toMatchObject({ ok: true, value: [] });
    });

    it('withdrawals: status, amount and fee in minor units, the date as YYYY-MM-DD', async () => {
      const account = await calls({ nihaoPay: () => ({ body: HISTORY }), enabled: ['nihaopay'] });
      expect(readings(await account.getWithdrawals({ pin: PIN, from: '2026-12-01', to: '2026-12-03' }))).toMatchObject({
        ok: true,
        value: [{ id: 'w1', status: 'completed', amount: 10_000, currency: 'USD', fee: 30, feeCurrency: 'USD', date: '2026-12-01' }],
      });
      expect(gateways[0]!.requests).toEqual(['/v1.2/withdrawal/history/']);
    });

    it('withdrawals: a range backwards or over a year is refused before any gateway is asked', async () => {
      const account = await calls({ nihaoPay: () => ({ body: HISTORY }), enabled: ['nihaopay'] });
      expect(await account.getWithdrawals({ pin: PIN, from: '2026-12-03', to: '2026-12-01' })).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID' } });
      expect(await account.getWithdrawals({ pin: PIN, from: '2024-01-01', to: '2026-12-01' })).toMatchObject({ ok: false, error: { code: 'SETTINGS_INVALID' } });
      expect(gateways[0]!.requests).toEqual([]);
    });

    it('withdrawals and detail are NihaoPay’s: refused in a store without it', async () => {
      const account = await calls({ enabled: ['onlinepay'] });
      expect(await account.getWithdrawals({ pin: PIN, from: '2026-12-01', to: '2026-12-03' })).toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_ENABLED' } });
      expect(await account.getWithdrawalDetail({ pin: PIN, withdrawalId: 'w1' })).toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_ENABLED' } });
    });

    const detailOf = async (csv: string) => {
      const account = await calls({ nihaoPay: () => ({ type: 'text/csv', body: csv }), enabled: ['nihaopay'] });
      return readings(await account.getWithdrawalDetail({ pin: PIN, withdrawalId: 'w1' }));
    };

    it('detail: the payments and refunds it paid out, signed, in minor units', async () => {
      expect(await detailOf(DETAIL)).toMatchObject({
        ok: true,
        value: [
          { kind: 'charge', transactionId: 't1', refundId: '', reference: 'R1', currency: 'USD', amount: 1000 },
          { kind: 'refund', transactionId: 't1', refundId: 'r1', reference: 'R1', currency: 'USD', amount: -250 },
        ],
      });
    });

    it('detail: a BOM is dropped and the figures are the same', async () => {
      expect(await detailOf('\uFEFF' + DETAIL)).toMatchObject({ ok: true, value: [{ amount: 1000 }, { amount: -250 }] });
    });

    it('detail: an empty file or a header alone is an empty list', async () => {
      expect(await detailOf('')).toMatchObject({ ok: true, value: [] });
      expect(await detailOf(DETAIL.split('\r\n')[0]! + '\r\n')).toMatchObject({ ok: true, value: [] });
    });

    for (const [name, csv] of [
      ['an unknown column', DETAIL.replace('amount\r\n', 'amount,fee\r\n').replace(/,10\.00\r\n/, ',10.00,0.30\r\n').replace(/,-2\.50\r\n/, ',-2.50,0\r\n')],
      ['a missing column', 'type,transaction_id,currency,amount\r\ncharge,t1,USD,10.00\r\n'],
      ['an amount with too many decimals', DETAIL.replace('10.00', '10.005')],
      ['a refund with a positive amount', DETAIL.replace('-2.50', '2.50')],
      ['an unknown type', DETAIL.replace('charge,', 'fee,')],
      ['an unknown currency', DETAIL.replace(',USD,10.00', ',XXX,10.00')],
      ['rows of different widths', DETAIL + 'charge,t2\r\n'],
    ] as const) {
      it(`detail: ${name} is "could not be read"`, async () => {
        expect(await detailOf(csv)).toMatchObject({ ok: false, error: { code: 'GATEWAY_BAD_REPLY' } });
      });
    }
  });

  describe('the settlement check', () => {
    // w1 (dated 2026-12-01) paid out t1 and its refund r1, and t9, which this till never took.
    const SETTLE_HISTORY = JSON.stringify({ withdrawal: [{ id: 'w0', status: 'completed', amount: '1.00', currency: 'USD', fee: '0.30', fee_currency: 'USD', date: '20261120' }, { id: 'w1', status: 'completed', amount: '10.00', currency: 'USD', fee: '0.30', fee_currency: 'USD', date: '20261201' }] });
    const W1 = 'type,transaction_id,refund_id,reference,time,currency,amount\r\ncharge,t1,,R1,2026-11-30T10:00:00Z,USD,10.00\r\nrefund,t1,r1,R1,2026-11-30T11:00:00Z,USD,-2.50\r\ncharge,t9,,R9,2026-11-30T12:00:00Z,USD,3.00\r\ncharge,t2,,R2,2026-11-30T13:00:00Z,USD,4.01\r\n';
    const W0 = 'type,transaction_id,refund_id,reference,time,currency,amount\r\ncharge,t0,,R0,2026-11-19T10:00:00Z,USD,1.30\r\n';
    const BILLING = 'time,type,transaction_id,refund_id,reference,vendor,currency,amount\r\n2026-11-30T10:00:00Z,charge,t1,,R1,alipay,USD,10.00\r\n2026-11-30T11:00:00Z,refund,t1,r1,R1,alipay,USD,-2.50\r\n2026-12-02T09:00:00Z,charge,t4,,R4,alipay,USD,5.00\r\n';
    const W1_ONLY = JSON.stringify({ withdrawal: [JSON.parse(SETTLE_HISTORY).withdrawal[1]] });
    // The days' check asks for withdrawals from its first day: the client refuses one dated before it, so w0 is not sent.
    const nihaoPay = (billing = BILLING, history = W1_ONLY) => (path: string) =>
      path.startsWith('/v1.2/withdrawal/history') ? { body: history } : path.endsWith('/w1') ? { type: 'text/csv', body: W1 } : path.endsWith('/w0') ? { type: 'text/csv', body: W0 } : path.startsWith('/v1.2/billing') ? { type: 'text/csv', body: billing } : { status: 404, body: '{}' };
    /** A successful NihaoPay sale or refund in the journal, at the gateway's time. */
    function paid(reference: string, transactionId: string, amount: number, gatewayTime: string, refundOf?: { transactionId: string; reference: string }) {
      journal.insert({ reference, kind: refundOf ? 'refund' : 'sale', gateway: 'nihaopay', method: refundOf ? 'refund' : 'scanqrcode', amount, currency: 'USD', environment: 'production', training: false, ...(refundOf ? { parentTransactionId: refundOf.transactionId, parentReference: refundOf.reference } : {}) });
      journal.update(reference, { state: 'sent' });
      journal.update(reference, { state: 'success', transactionId, ...(refundOf ? {} : { gatewayTime }) });
    }
    const findings = (result: unknown) => {
      const reading = readings(result) as unknown as { ok: boolean; value: { report: { findings: Array<{ finding: string; movement: { transactionId: string; refundId: string }; ageDays?: number; overdue?: boolean }>; discrepancies: number }; csv: string } };
      if (!reading.ok) console.log(JSON.stringify(reading), logLines.join("\n"));
      expect(reading).toMatchObject({ ok: true });
      return reading.value;
    };
    const keyed = (list: Array<{ finding: string; movement: { transactionId: string; refundId: string } }>) => list.map((f) => `${f.finding} ${f.movement.transactionId}${f.movement.refundId ? `/${f.movement.refundId}` : ''}`).sort();

    it('a withdrawal: what it paid out, what is not in the journal, an amount that differs, and an overdue sale it did not take', async () => {
      paid('R1', 't1', 1000, '2026-11-30T10:00:00Z');
      paid('R1r', 'r1', 250, '', { transactionId: 't1', reference: 'R1' });
      paid('R2', 't2', 400, '2026-11-30T13:00:00Z');
      paid('R3', 't3', 700, '2026-11-25T09:00:00Z'); // after w0, before w1: w1 should have taken it
      paid('R5', 't5', 100, '2026-11-18T09:00:00Z'); // before w0: not w1's business
      paid('R6', 't6', 100, '2026-12-01T09:00:00Z'); // after w1's cut-off: the next withdrawal's
      const account = await calls({ nihaoPay: nihaoPay(BILLING, SETTLE_HISTORY), enabled: ['nihaopay'] });
      const { report, csv } = findings(await account.checkWithdrawalSettlement({ pin: PIN, withdrawalId: 'w1' }));
      expect(keyed(report.findings)).toEqual(['amountDiffers t2', 'notInJournal t9', 'notPaidOut t3', 'paidOut t1', 'paidOut t1/r1']);
      expect(report.findings.find((f) => f.movement.transactionId === 't3')).toMatchObject({ ageDays: 8, overdue: true });
      expect(report.discrepancies).toBe(3);
      expect(csv.split('\r\n')[0]).toBe('finding,discrepancy,kind,transaction_id,refund_id,reference,time,currency,amount_minor_units,journal_amount_minor_units,withdrawal_id,age_days,journal_state,at_gateway');
      expect(csv).toContain('amountDiffers,yes,charge,t2,,R2,2026-11-30T13:00:00Z,USD,401,400,w1,,success,yes');
      expect(csv).toContain('paidOut,no,refund,t1,r1,R1,2026-11-30T11:00:00Z,USD,-250,-250,w1,,success,yes');
      expect(journal.auditLog(2)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'account.settlement', detail: 'settlement w1 5 movements 3 discrepancies' })]));
    });

    it('days through the billing file: paid out by a withdrawal, or waiting for the next one with its age', async () => {
      paid('R1', 't1', 1000, '2026-11-30T10:00:00Z');
      paid('R1r', 'r1', 250, '', { transactionId: 't1', reference: 'R1' });
      paid('R4', 't4', 500, '2026-12-02T09:00:00Z');
      const account = await calls({ nihaoPay: nihaoPay(), enabled: ['nihaopay'] });
      const { report } = findings(await account.checkSettlementDays({ pin: PIN, from: '2026-11-30', to: '2026-12-02' }));
      expect(keyed(report.findings)).toEqual(['notPaidOut t4', 'paidOut t1', 'paidOut t1/r1']);
      // t4 moved after w1: waiting, not wrong.
      expect(report.findings.find((f) => f.movement.transactionId === 't4')).toMatchObject({ ageDays: 1, overdue: false });
      expect(report.discrepancies).toBe(0);
    });

    for (const [name, billing] of [
      ['an unknown column', BILLING.replace('amount\r\n', 'amount,fee\r\n').replace(/\r\n(?=.)/g, ',0\r\n').replace(',0\r\n', '\r\n')],
      ['an amount that is not one', BILLING.replace('5.00', '5,00')],
      ['no vendor column', BILLING.replace(',vendor', '').replace(/,alipay/g, '')],
    ] as const) {
      it(`days: a billing file with ${name} is "could not be read", no figure`, async () => {
        const account = await calls({ nihaoPay: nihaoPay(billing), enabled: ['nihaopay'] });
        expect(readings(await account.checkSettlementDays({ pin: PIN, from: '2026-11-30', to: '2026-12-02' }))).toMatchObject({ ok: false, error: { code: 'GATEWAY_BAD_REPLY' } });
      });
    }

    it('days: a billing file with a BOM reads the same', async () => {
      paid('R1', 't1', 1000, '2026-11-30T10:00:00Z');
      const account = await calls({ nihaoPay: nihaoPay('\uFEFF' + BILLING), enabled: ['nihaopay'] });
      expect(keyed(findings(await account.checkSettlementDays({ pin: PIN, from: '2026-11-30', to: '2026-12-02' })).report.findings)).toContain('paidOut t1');
    });

    it('a withdrawal not in the last year’s history is "not found"; a wrong PIN asks nothing', async () => {
      const account = await calls({ nihaoPay: nihaoPay(), enabled: ['nihaopay'] });
      expect(readings(await account.checkWithdrawalSettlement({ pin: PIN, withdrawalId: 'nope' }))).toMatchObject({ ok: false, error: { code: 'GATEWAY_NOT_FOUND' } });
      expect(await account.checkWithdrawalSettlement({ pin: '0000', withdrawalId: 'w1' })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
    });
  });
});
