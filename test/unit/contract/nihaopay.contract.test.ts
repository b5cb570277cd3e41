import { inspect } from 'node:util';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/nihaopay/sandboxServer';
import { gatewayErrorFromReply } from '../../../electron/services/gateway/nihaopay/nihaopayGatewayError';
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
} from '../../../electron/services/gateway/nihaopay/nihaopayClient';
import { applyIpnToJournal } from '../../../electron/services/ipn/applyIpnToJournal';
import { startIpnReceiver, type IpnReceiver } from '../../../electron/services/ipn/ipnReceiver';
import { signIpn } from '../../../electron/services/ipn/ipnSignature';
import { openJournal, type Journal } from '../../../electron/services/journal/journal';
import type { NihaoPayApi } from '../../../shared/gateway/nihaopay/nihaopayApi';
import { NIHAOPAY_BASE_URLS, type ScanQrCodeRequest } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import { SAMPLE_PAYMENT_CODES } from '../../../shared/payments/vendors';
import { makeTempDir } from '../../fixtures/tempDir';

/**
 * The NihaoPay contract: the client against a gateway, over real HTTP, for every
 * endpoint and every documented error a store can meet. It always runs against the
 * built-in sandbox. With NIHAOPAY_TEST_TOKEN set it runs again against NihaoPay's
 * Testing environment (NIHAOPAY_TEST_URL overrides https://apitest.nihaopay.com).
 *
 * A case either holds for any NihaoPay (the document promises it) or needs a gateway
 * the test controls: outcomes chosen by amount, a QR code "paid" on demand, injected
 * faults, a movable clock. Those run against the sandbox only; against the Testing
 * environment they are reported as skipped, with that reason in their names.
 */

interface Target {
  name: string;
  /** True for the sandbox: deterministic outcomes, faults, QR control, its own clock. */
  controlled: boolean;
  /** Per-test time allowed; the Testing environment is across the Internet. */
  timeoutMs: number;
  start(): Promise<Running>;
}

interface Running {
  baseUrl: string;
  token: string;
  sandbox?: Sandbox;
  /** The gateway's clock, in ms (the sandbox's may run ahead of the machine's). */
  now(): number;
  /** Moves the sandbox's clock forward (sandbox only). */
  advance?(ms: number): void;
  close(): Promise<void>;
}

const SANDBOX_TOKEN = 'contract-sandbox-token-1f2e3d4c5b6a';
/** Short timers, so QR codes pay, fail and expire within a test, and IPNs retry at once. */
const QR_PAID_AFTER_MS = 80;
const QR_EXPIRES_AFTER_MS = 80;

const sandboxTarget: Target = {
  name: 'built-in sandbox',
  controlled: true,
  timeoutMs: 15_000,
  async start() {
    let offset = 0;
    const sandbox = await startSandbox({
      token: SANDBOX_TOKEN,
      now: () => new Date(Date.now() + offset),
      shownQrPaidAfterMs: QR_PAID_AFTER_MS,
      shownQrExpiresAfterMs: QR_EXPIRES_AFTER_MS,
      ipnRetryDelaysMs: [0, 20, 40],
      ipnAttemptTimeoutMs: 1_000,
    });
    return {
      baseUrl: sandbox.url,
      token: SANDBOX_TOKEN,
      sandbox,
      now: () => Date.now() + offset,
      advance: (ms) => {
        offset += ms;
      },
      close: () => sandbox.close(),
    };
  },
};

const TEST_TOKEN = process.env['NIHAOPAY_TEST_TOKEN'];
const testingTarget: Target = {
  name: 'NihaoPay Testing environment',
  controlled: false,
  timeoutMs: 60_000,
  async start() {
    return { baseUrl: process.env['NIHAOPAY_TEST_URL'] ?? NIHAOPAY_BASE_URLS.testing, token: TEST_TOKEN ?? '', now: () => Date.now(), close: async () => undefined };
  },
};

let serial = 0;
/** Unique across runs too: the Testing environment remembers every reference. */
const reference = (prefix = 'CT'): string => `${prefix}${Date.now().toString(36).toUpperCase()}${(++serial).toString(36).toUpperCase()}`;

/** The call's GatewayError; fails the test if the call succeeds, throws anything else, or leaks the token. */
async function failure(call: Promise<unknown>, token: string): Promise<GatewayError> {
  let value: unknown;
  try {
    value = await call;
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect(inspect(err, { depth: 5 })).not.toContain(token);
    return err as GatewayError;
  }
  throw new Error(`expected a GatewayError, got ${JSON.stringify(value)}`);
}

function yyyymmdd(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replace(/-/g, '');
}

function defineContract(target: Target): void {
  let running: Running;
  let client: NihaoPayApi;
  /** Cases that need the sandbox's control; reported as skipped against a real gateway. */
  const controlledIt = target.controlled ? it : it.skip;
  /** Days are the sandbox's: its clock may have been moved forward by earlier cases. */
  const today = (): string => yyyymmdd(running.now());
  /** Moves the sandbox's clock to the next noon (UTC), so a case cannot straddle midnight. */
  const toNextNoon = (): void => {
    const now = running.now();
    const noon = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1, 12);
    running.advance?.(noon - now);
  };
  const needsControl = (name: string): string => (target.controlled ? name : `${name} [needs a controlled gateway: sandbox only]`);
  const clientWith = (options: Partial<NihaoPayClientOptions> = {}): NihaoPayApi =>
    createNihaoPayClient({ baseUrl: running.baseUrl, token: running.token, ...options });
  const sandbox = (): Sandbox => {
    if (!running.sandbox) throw new Error('sandbox only');
    return running.sandbox;
  };
  const ipnUrl = (): string => (target.controlled ? `${running.baseUrl}/nowhere/ipn` : 'https://example.com/counterpay/ipn');
  const scan = (overrides: Partial<ScanQrCodeRequest> = {}): ScanQrCodeRequest => ({
    amount: 1234,
    currency: 'USD',
    vendor: 'alipay',
    reference: reference(),
    buyerIdentityCode: SAMPLE_PAYMENT_CODES.alipay,
    clientIp: '192.0.2.10',
    ...overrides,
  });
  /** A paid transaction to refund: a shown QR "paid" by the sandbox's control. */
  async function paidTransaction(amount = 1000, currency: 'USD' | 'JPY' = 'USD'): Promise<string> {
    const shown = await client.showQrCode({ amount, currency, vendor: 'wechatpay', reference: reference('PAID'), ipnUrl: ipnUrl() });
    expect(sandbox().payShownQr(shown.id).status).toBe(200);
    return shown.id;
  }

  beforeAll(async () => {
    running = await target.start();
    client = clientWith();
  });
  afterAll(async () => {
    await running?.close();
  });

  describe('requests are checked before anything is sent', () => {
    it.each([
      ['scanqrcode with a zero amount', (c: NihaoPayApi) => c.scanQrCode(scan({ amount: 0 }))],
      ['scanqrcode in EUR (in store: USD or JPY)', (c: NihaoPayApi) => c.scanQrCode(scan({ currency: 'EUR' as never }))],
      ['scanqrcode with a 31-character reference', (c: NihaoPayApi) => c.scanQrCode(scan({ reference: 'R'.repeat(31) }))],
      ['showqrcode with an unknown vendor', (c: NihaoPayApi) => c.showQrCode({ amount: 1, currency: 'USD', vendor: 'paypal' as never, reference: reference(), ipnUrl: ipnUrl() })],
      ['qrcode with alipay (unionpay and wechatpay only)', (c: NihaoPayApi) => c.createQrCode({ amount: 1, currency: 'USD', vendor: 'alipay' as never, reference: reference(), ipnUrl: ipnUrl() })],
      ['qrcode with both amount and rmb_amount', (c: NihaoPayApi) => c.createQrCode({ amount: 1, rmbAmount: 7, currency: 'USD', vendor: 'wechatpay', reference: reference(), ipnUrl: ipnUrl() } as never)],
      ['qrcode with neither amount nor rmb_amount', (c: NihaoPayApi) => c.createQrCode({ currency: 'USD', vendor: 'wechatpay', reference: reference(), ipnUrl: ipnUrl() } as never)],
      ['showqrcode with a timeout of 1441 minutes', (c: NihaoPayApi) => c.showQrCode({ amount: 1, currency: 'USD', vendor: 'alipay', reference: reference(), ipnUrl: ipnUrl(), timeoutMinutes: 1441 })],
      ['merchantqrcode in HKD', (c: NihaoPayApi) => c.createMerchantQrCode({ tradeCurrency: 'HKD' as never, sellerName: 'S', storeName: 'S', storeNo: '1' })],
      ['staticqrcode with unionpay', (c: NihaoPayApi) => c.payStaticQrCode({ amount: 1, vendor: 'unionpay' as never, qrcode: 'https://example.com/q' })],
      ['a refund with a fractional amount', (c: NihaoPayApi) => c.refundTransaction('20240101000000000001', { amount: 1.5, currency: 'USD' })],
      ['a refund in a currency NihaoPay does not settle', (c: NihaoPayApi) => c.refundTransaction('20240101000000000001', { amount: 1, currency: 'CNY' })],
      ['a list of 101 transactions', (c: NihaoPayApi) => c.listTransactions({ limit: 101 })],
      ['a list starting after a local time', (c: NihaoPayApi) => c.listTransactions({ startingAfter: '2024-01-01T08:00:00+08:00' })],
      ['an exchange rate for CAD', (c: NihaoPayApi) => c.getExchangeRates({ rateDate: '20240101', currency: 'CAD' as never })],
      ['a download ending before it starts', (c: NihaoPayApi) => c.downloadTransactions({ startDate: '20240110', endDate: '20240101' })],
      ['a lookup whose reference would change the path', (c: NihaoPayApi) => c.getTransactionByReference('../accounts')],
    ])('refuses %s as invalid_request, sending nothing', async (_name, call) => {
      const before = running.sandbox?.requests.length ?? 0;
      const error = await failure(call(client), running.token);
      expect(error).toBeInstanceOf(GatewayInvalidRequestError);
      expect(error.httpStatus).toBeUndefined();
      expect(error.message).toMatch(/^Not sent to NihaoPay/);
      if (running.sandbox) expect(running.sandbox.requests.length).toBe(before);
    });
  });

  describe('authentication', () => {
    it('reports a wrong token as 401/301 authentication, without echoing it', async () => {
      const wrong = createNihaoPayClient({ baseUrl: running.baseUrl, token: 'contract-wrong-token-000000' });
      const error = await failure(wrong.getAccounts(), 'contract-wrong-token-000000');
      expect(error).toBeInstanceOf(GatewayAuthenticationError);
      expect(error).toMatchObject({ kind: 'authentication', httpStatus: 401, label: '301' });
      expect(error.cashierMessage('en')).toMatch(/token was refused/);
    });
  });

  describe('scanqrcode and the lookups', () => {
    controlledIt(needsControl('approves an ordinary amount; both lookups find it'), async () => {
      const request = scan();
      const paid = await client.scanQrCode(request);
      expect(paid).toMatchObject({ status: 'success', amount: 1234, currency: 'USD', reference: request.reference });
      expect(paid.vendorTransactionId).toMatch(/^\d{28}$/);
      await expect(client.getTransactionByReference(request.reference)).resolves.toMatchObject({ id: paid.id, status: 'success', vendor: 'alipay' });
      await expect(client.getTransaction(paid.id)).resolves.toMatchObject({ reference: request.reference, status: 'success' });
    });

    controlledIt(needsControl('takes yen as whole yen'), async () => {
      await expect(client.scanQrCode(scan({ amount: 500, currency: 'JPY' }))).resolves.toMatchObject({ amount: 500, currency: 'JPY', status: 'success' });
    });

    controlledIt.each([
      [1051, '11', /enough funds/],
      [1052, '71', /does not recognise this code/],
      [1053, '72', /over the wallet’s limit/],
    ])(needsControl('declines %i with 402/%s, in words a cashier can act on'), async (amount, label, words) => {
      const error = await failure(client.scanQrCode(scan({ amount })), running.token);
      expect(error).toBeInstanceOf(GatewayDeclinedError);
      expect(error).toMatchObject({ kind: 'declined', httpStatus: 402, label });
      expect(error.cashierMessage('en')).toMatch(words);
      expect(error.cashierMessage('zh-CN')).not.toBe(error.cashierMessage('en'));
    });

    controlledIt(needsControl('returns pending, which lookups by the same reference see become success'), async () => {
      const request = scan({ amount: 1061 });
      expect((await client.scanQrCode(request)).status).toBe('pending');
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) seen.push((await client.getTransactionByReference(request.reference)).status);
      expect(seen).toEqual(['pending', 'pending', 'success']);
    });

    controlledIt(needsControl('reports 500/96 as indeterminate; the lookup (never a resend) finds it paid'), async () => {
      const request = scan({ amount: 1096 });
      const error = await failure(client.scanQrCode(request), running.token);
      expect(error).toBeInstanceOf(GatewayIndeterminateError);
      expect(error).toMatchObject({ httpStatus: 500, label: '96' });
      await expect(client.getTransactionByReference(request.reference)).resolves.toMatchObject({ status: 'success', amount: 1096 });
      expect(sandbox().requests.filter((r) => r.path.endsWith('/scanqrcode') && r.body['reference'] === request.reference)).toHaveLength(1);
    });

    controlledIt(needsControl('reports 500/98 as indeterminate; the lookup finds nothing (61)'), async () => {
      const request = scan({ amount: 1098 });
      expect(await failure(client.scanQrCode(request), running.token)).toMatchObject({ kind: 'indeterminate', label: '98' });
      expect(await failure(client.getTransactionByReference(request.reference), running.token)).toMatchObject({ kind: 'not_found', label: '61' });
    });

    it('reports a missing required field as 500/92 naming it', async () => {
      const error = await failure(client.scanQrCode(scan({ buyerIdentityCode: '' })), running.token);
      expect(error).toBeInstanceOf(GatewayInvalidRequestError);
      expect(error).toMatchObject({ httpStatus: 500, label: '92', gatewayMessage: 'The buyer_identity_code field is required.' });
    });

    controlledIt(needsControl('reports a field that breaks its rule as 400/90'), async () => {
      const error = await failure(client.scanQrCode(scan({ clientIp: 'not-an-ip' })), running.token);
      expect(error).toMatchObject({ kind: 'invalid_request', httpStatus: 400, label: '90', gatewayMessage: 'The field not valid.' });
    });

    it('reports an unknown reference and an unknown id as 402/61 not_found', async () => {
      const byReference = await failure(client.getTransactionByReference(reference('NOSUCH')), running.token);
      expect(byReference).toBeInstanceOf(GatewayNotFoundError);
      expect(byReference).toMatchObject({ httpStatus: 402, label: '61' });
      expect(await failure(client.getTransaction('10000000000000000001'), running.token)).toMatchObject({ kind: 'not_found', label: '61' });
    });
  });

  describe('shown QR codes: showqrcode, qrcode, merchantqrcode, staticqrcode', () => {
    it('shows a QR code whose transaction is pending until paid', async () => {
      const ref = reference('SQ');
      const shown = await client.showQrCode({ amount: 1234, currency: 'USD', vendor: 'alipay', reference: ref, ipnUrl: ipnUrl(), timeoutMinutes: 5, note: 'till 2' });
      expect(shown).toMatchObject({ amount: 1234, currency: 'USD', reference: ref, timeoutMinutes: 5 });
      expect(shown.codeUrl.length).toBeGreaterThan(10);
      await expect(client.getTransactionByReference(ref)).resolves.toMatchObject({ id: shown.id, status: 'pending' });
    });

    it('refuses a reference used before with 400/31, whatever the endpoint', async () => {
      const ref = reference('DUP');
      await client.showQrCode({ amount: 100, currency: 'USD', vendor: 'alipay', reference: ref, ipnUrl: ipnUrl() });
      const error = await failure(client.showQrCode({ amount: 100, currency: 'USD', vendor: 'alipay', reference: ref, ipnUrl: ipnUrl() }), running.token);
      expect(error).toBeInstanceOf(GatewayDuplicateReferenceError);
      expect(error).toMatchObject({ httpStatus: 400, label: '31' });
      const again = await failure(client.createQrCode({ amount: 100, currency: 'USD', vendor: 'wechatpay', reference: ref, ipnUrl: ipnUrl() }), running.token);
      expect(again).toMatchObject({ kind: 'duplicate_reference', label: '31' });
    });

    it('creates a payment QR code priced in the settlement currency', async () => {
      const ref = reference('QC');
      await expect(client.createQrCode({ amount: 2000, currency: 'USD', vendor: 'unionpay', reference: ref, ipnUrl: ipnUrl() })).resolves.toMatchObject({
        amount: 2000,
        currency: 'USD',
        reference: ref,
      });
    });

    it('creates a payment QR code priced in RMB, settled in the merchant currency', async () => {
      const shown = await client.createQrCode({ rmbAmount: 10000, currency: 'USD', vendor: 'wechatpay', reference: reference('RMB'), ipnUrl: ipnUrl() });
      expect(shown.currency).toBe('USD');
      // ¥100.00 is some USD 14: the reply's amount is the settlement amount, not the fen.
      expect(shown.amount).toBeGreaterThan(1000);
      expect(shown.amount).toBeLessThan(2000);
      if (shown.rmbAmount !== undefined) expect(shown.rmbAmount).toBe(10000);
    });

    it('creates a static QR code for the store, and a payment through it', async () => {
      const code = await client.createMerchantQrCode({ tradeCurrency: 'USD', sellerName: 'Counterpay', storeName: 'LA Branch', storeNo: 'B001', ipnUrl: ipnUrl() });
      expect(code).toMatchObject({ storeNo: 'B001', sellerName: 'Counterpay', storeName: 'LA Branch' });
      expect(code.qrcode).toMatch(/^https?:\/\//);
      const payment = await client.payStaticQrCode({ amount: 300, vendor: 'wechatpay', qrcode: code.qrcode, reference: reference('ST'), description: 'static QrCode' });
      expect(payment.redirectUrl).toMatch(/^https?:\/\//);
    });

    controlledIt(needsControl('pays a code whose amount ends in 81 after a moment, and posts a signed IPN'), async () => {
      const ref = reference('P81');
      const shown = await client.showQrCode({ amount: 1281, currency: 'USD', vendor: 'alipay', reference: ref, ipnUrl: ipnUrl() });
      expect((await client.getTransaction(shown.id)).status).toBe('pending');
      await new Promise((resolve) => setTimeout(resolve, QR_PAID_AFTER_MS + 40));
      await expect(client.getTransaction(shown.id)).resolves.toMatchObject({ status: 'success' });
      const delivery = sandbox().ipnDeliveries.find((d) => d.reference === ref);
      expect(delivery).toMatchObject({ status: 'success', transactionId: shown.id });
      expect(delivery?.fields['verify_sign']).toBe(signIpn(delivery!.fields, running.token));
    });

    controlledIt(needsControl('fails a code whose amount ends in 82'), async () => {
      const shown = await client.showQrCode({ amount: 1282, currency: 'USD', vendor: 'alipay', reference: reference('F82'), ipnUrl: ipnUrl() });
      running.advance?.(QR_PAID_AFTER_MS + 1);
      await expect(client.getTransaction(shown.id)).resolves.toMatchObject({ status: 'failure' });
    });

    controlledIt(needsControl('expires a code ending in 83: lookups say closed, and paying it is 500/83'), async () => {
      const shown = await client.showQrCode({ amount: 1283, currency: 'JPY', vendor: 'unionpay', reference: reference('X83'), ipnUrl: ipnUrl() });
      running.advance?.(QR_EXPIRES_AFTER_MS + 1);
      await expect(client.getTransaction(shown.id)).resolves.toMatchObject({ status: 'closed' });
      const reply = sandbox().payShownQr(shown.id);
      expect(reply).toMatchObject({ status: 500, body: { code: 500, label: '83', message: 'QRcode has expired' } });
      const error = gatewayErrorFromReply(reply.status, reply.body);
      expect(error).toBeInstanceOf(GatewayDeclinedError);
      expect(error.cashierMessage('en')).toBe('The QR code has expired.');
    });

    controlledIt(needsControl('keeps any other code pending until the control endpoint pays it, or until its timeout'), async () => {
      const ref = reference('W');
      const shown = await client.showQrCode({ amount: 1200, currency: 'USD', vendor: 'alipay', reference: ref, ipnUrl: ipnUrl(), timeoutMinutes: 1 });
      running.advance?.(30_000);
      expect((await client.getTransactionByReference(ref)).status).toBe('pending');
      const response = await fetch(`${running.baseUrl}/__sandbox/qr/${ref}/pay`, { method: 'POST', headers: { authorization: `Bearer ${running.token}` } });
      expect(response.status).toBe(200);
      await expect(client.getTransaction(shown.id)).resolves.toMatchObject({ status: 'success' });

      const late = await client.showQrCode({ amount: 1200, currency: 'USD', vendor: 'alipay', reference: reference('W'), ipnUrl: ipnUrl(), timeoutMinutes: 1 });
      running.advance?.(60_000);
      await expect(client.getTransaction(late.id)).resolves.toMatchObject({ status: 'closed' });
    });
  });

  describe('refunds and the refund query', () => {
    it('refuses to refund an unsuccessful (still pending) transaction: 402/63', async () => {
      const shown = await client.showQrCode({ amount: 1200, currency: 'USD', vendor: 'alipay', reference: reference('R63'), ipnUrl: ipnUrl() });
      const error = await failure(client.refundTransaction(shown.id, { amount: 100, currency: 'USD' }), running.token);
      expect(error).toMatchObject({ kind: 'invalid_request', httpStatus: 402, label: '63' });
      expect(error.cashierMessage('en')).toMatch(/cannot be refunded/);
    });

    it('refuses to refund a transaction that does not exist: 402/61', async () => {
      expect(await failure(client.refundTransaction('10000000000000000002', { amount: 100, currency: 'USD' }), running.token)).toMatchObject({ kind: 'not_found', label: '61' });
    });

    it('shows a transaction never refunded with nothing refunded', async () => {
      const shown = await client.showQrCode({ amount: 1200, currency: 'USD', vendor: 'alipay', reference: reference('RQ'), ipnUrl: ipnUrl() });
      await expect(client.getRefunds(shown.id)).resolves.toMatchObject({ transaction: { id: shown.id }, refundedAmount: 0, refunds: [] });
    });

    controlledIt(needsControl('refunds in parts up to the balance, then 66; the query lists each refund'), async () => {
      const id = await paidTransaction(1000);
      const first = await client.refundTransaction(id, { amount: 300, currency: 'USD', reason: 'one item returned' });
      expect(first).toMatchObject({ status: 'success', transactionId: id, refunded: true });
      const second = await client.refundTransaction(id, { amount: 700, currency: 'USD' });
      expect(second.id).not.toBe(first.id);
      const full = await failure(client.refundTransaction(id, { amount: 1, currency: 'USD' }), running.token);
      expect(full).toMatchObject({ httpStatus: 409, label: '66' });
      expect(full.cashierMessage('en')).toMatch(/already been refunded in full/);
      const query = await client.getRefunds(id);
      expect(query.refundedAmount).toBe(1000);
      expect(query.refunds.map((r) => [r.id, r.amount, r.status])).toEqual([
        [second.id, 700, 'success'],
        [first.id, 300, 'success'],
      ]);
    });

    controlledIt(needsControl('refunds the whole amount at once, in yen'), async () => {
      const id = await paidTransaction(5000, 'JPY');
      await expect(client.refundTransaction(id, { amount: 5000, currency: 'JPY' })).resolves.toMatchObject({ status: 'success' });
      expect(await failure(client.refundTransaction(id, { amount: 5000, currency: 'JPY' }), running.token)).toMatchObject({ label: '66' });
    });

    controlledIt(needsControl('refuses more than the remaining balance: 402/67'), async () => {
      const id = await paidTransaction(1000);
      await client.refundTransaction(id, { amount: 600, currency: 'USD' });
      const error = await failure(client.refundTransaction(id, { amount: 401, currency: 'USD' }), running.token);
      expect(error).toMatchObject({ httpStatus: 402, label: '67' });
      await expect(client.refundTransaction(id, { amount: 400, currency: 'USD' })).resolves.toMatchObject({ status: 'success' });
    });

    controlledIt(needsControl("refuses a currency other than the payment's: 409/64"), async () => {
      const id = await paidTransaction(1000);
      const error = await failure(client.refundTransaction(id, { amount: 100, currency: 'JPY' }), running.token);
      expect(error).toMatchObject({ kind: 'invalid_request', httpStatus: 409, label: '64' });
    });

    controlledIt(needsControl('refunds a declined scan: 402/63'), async () => {
      const request = scan({ amount: 1051 });
      await failure(client.scanQrCode(request), running.token);
      const declined = await client.getTransactionByReference(request.reference);
      expect(await failure(client.refundTransaction(declined.id, { amount: 1051, currency: 'USD' }), running.token)).toMatchObject({ label: '63' });
    });

    controlledIt(needsControl('refunds by rmb_amount a code priced in RMB'), async () => {
      const shown = await client.createQrCode({ rmbAmount: 10000, currency: 'USD', vendor: 'wechatpay', reference: reference('RR'), ipnUrl: ipnUrl() });
      sandbox().payShownQr(shown.id);
      await expect(client.refundTransaction(shown.id, { rmbAmount: 10000, currency: 'USD' })).resolves.toMatchObject({ status: 'success' });
      await expect(client.getRefunds(shown.id)).resolves.toMatchObject({ refundedAmount: shown.amount });
    });
  });

  describe('list, exchange rates, accounts, withdrawals', () => {
    it('lists transactions newest first, at most `limit`', async () => {
      const listed = await client.listTransactions({ limit: 2 });
      expect(listed.length).toBeLessThanOrEqual(2);
      for (const [index, transaction] of listed.entries()) {
        const next = listed[index + 1];
        if (next && !Number.isNaN(Date.parse(transaction.time)) && !Number.isNaN(Date.parse(next.time))) {
          expect(Date.parse(transaction.time)).toBeGreaterThanOrEqual(Date.parse(next.time));
        }
      }
    });

    controlledIt(needsControl('lists within starting_after and ending_before'), async () => {
      sandbox().reset();
      const times: string[] = [];
      for (let i = 0; i < 4; i++) {
        running.advance?.(2_000);
        await client.showQrCode({ amount: 1200 + i, currency: 'USD', vendor: 'alipay', reference: reference('L'), ipnUrl: ipnUrl() });
        times.push((await client.listTransactions({ limit: 1 }))[0]!.time);
      }
      const between = await client.listTransactions({ startingAfter: times[0], endingBefore: times[3], limit: 10 });
      expect(between.map((t) => t.amount)).toEqual([1202, 1201]);
      expect((await client.listTransactions({ limit: 3 })).map((t) => t.amount)).toEqual([1203, 1202, 1201]);
      const query = sandbox().requests.at(-1)?.query;
      expect(query).toBe('limit=3');
    });

    it("gives each vendor's rate for a past date as a decimal string", async () => {
      const rateDate = yyyymmdd(Date.now() - 7 * 86_400_000);
      const rates = await client.getExchangeRates({ rateDate, currency: 'USD' });
      for (const rate of rates) {
        expect(rate).toMatchObject({ rateDate, currency: 'USD' });
        expect(rate.rate).toMatch(/^\d+(\.\d+)?$/);
      }
      const one = await client.getExchangeRates({ rateDate, currency: 'JPY', vendor: 'alipay' });
      expect(one.every((rate) => rate.vendor === 'alipay' && rate.currency === 'JPY')).toBe(true);
    });

    it('reports a rate not yet published as 404/93', async () => {
      const error = await failure(client.getExchangeRates({ rateDate: '20991231', currency: 'USD' }), running.token);
      expect(error).toMatchObject({ kind: 'not_found', httpStatus: 404, label: '93' });
    });

    it('gives the account balances in minor units', async () => {
      const accounts = await client.getAccounts();
      for (const account of accounts) {
        for (const amount of [account.balance, account.pendingAmount, account.freezeAmount]) expect(Number.isSafeInteger(amount)).toBe(true);
      }
    });

    controlledIt(needsControl('keeps accounts, withdrawals and their detail consistent with the books'), async () => {
      sandbox().reset();
      toNextNoon();
      const id = await paidTransaction(1000);
      await client.refundTransaction(id, { amount: 250, currency: 'USD' });
      expect((await client.getAccounts()).find((a) => a.currency === 'USD')).toEqual({ currency: 'USD', balance: 0, pendingAmount: 1000, freezeAmount: 250 });
      running.advance?.(86_400_000);
      expect((await client.getAccounts()).find((a) => a.currency === 'USD')).toEqual({ currency: 'USD', balance: 750, pendingAmount: 0, freezeAmount: 0 });
      const withdrawal = sandbox().withdraw('USD');
      expect(withdrawal).toMatchObject({ ok: true, withdrawal: { amount: 720, fee: 30 } });
      expect((await client.getAccounts()).find((a) => a.currency === 'USD')?.balance).toBe(0);
      const day = today();
      const history = await client.getWithdrawals({ startDate: day, endDate: day });
      expect(history).toEqual([{ id: expect.any(String), status: 'processing', amount: 720, currency: 'USD', fee: 30, feeCurrency: 'USD', date: day }]);
      running.advance?.(86_400_000);
      expect((await client.getWithdrawals({ startDate: day, endDate: today() }))[0]?.status).toBe('completed');
      const detail = await client.getWithdrawalDetail(history[0]!.id);
      expect(detail.rows.map((row) => [row[0], row[1], row.at(-1)])).toEqual([
        ['charge', id, '10.00'],
        ['refund', id, '-2.50'],
      ]);
      expect(await failure(client.getWithdrawalDetail('10000000000000000003'), running.token)).toMatchObject({ kind: 'not_found' });
    });

    it('gives the withdrawal history of a range in minor units', async () => {
      const withdrawals = await client.getWithdrawals({ startDate: yyyymmdd(Date.now() - 30 * 86_400_000), endDate: yyyymmdd(Date.now()) });
      for (const w of withdrawals) expect(Number.isSafeInteger(w.amount) && Number.isSafeInteger(w.fee)).toBe(true);
    });
  });

  describe('CSV downloads', () => {
    it('downloads transactions over 25 days in three windows of at most 10, under one header', async () => {
      const end = Date.now();
      const range = { startDate: yyyymmdd(end - 24 * 86_400_000), endDate: yyyymmdd(end) };
      const download = await client.downloadTransactions(range);
      expect(download.windows).toHaveLength(3);
      expect(download.windows[0]?.startDate).toBe(range.startDate);
      expect(download.windows.at(-1)?.endDate).toBe(range.endDate);
      for (const row of download.rows) expect(row).toHaveLength(download.header.length);
      if (running.sandbox) {
        const sent = running.sandbox.requests.filter((r) => r.path === '/v1.2/download/transactions/').slice(-3);
        expect(sent.map((r) => r.query)).toEqual(download.windows.map((w) => `start_date=${w.startDate}&end_date=${w.endDate}`));
      }
    });

    it('downloads the billing file of a range', async () => {
      const end = Date.now();
      const download = await client.downloadBilling({ startDate: yyyymmdd(end - 3 * 86_400_000), endDate: yyyymmdd(end) });
      expect(download.windows).toHaveLength(1);
      for (const row of download.rows) expect(row).toHaveLength(download.header.length);
    });

    controlledIt(needsControl('puts every transaction of the range in the download, and only money that moved in the billing file'), async () => {
      sandbox().reset();
      toNextNoon();
      const paid = await client.scanQrCode(scan({ amount: 1234, note: 'a, "quoted" note' }));
      await failure(client.scanQrCode(scan({ amount: 1051 })), running.token);
      await client.refundTransaction(paid.id, { amount: 234, currency: 'USD' });
      const range = { startDate: yyyymmdd(running.now() - 15 * 86_400_000), endDate: today() };
      const download = await client.downloadTransactions(range);
      expect(download.windows).toHaveLength(2);
      expect(download.rows.map((row) => row[6])).toEqual(['success', 'failure']);
      expect(download.text.split('\r\n')[0]).toBe(download.header.join(','));
      expect(download.rows.find((row) => row[0] === paid.id)?.at(-1)).toBe('a, "quoted" note');
      const billing = await client.downloadBilling(range);
      expect(billing.rows.map((row) => [row[1], row.at(-1)])).toEqual([
        ['charge', '12.34'],
        ['refund', '-2.34'],
      ]);
    });
    controlledIt(needsControl('fails the whole download when windows disagree on the header, or a window fails'), async () => {
      const range = { startDate: '20240101', endDate: '20240125' };
      const before = sandbox().requests.length;
      // The first window answers with another file: the windows cannot be joined into one report.
      sandbox().setFault({ action: { kind: 'reply', status: 200, body: 'id,amount\r\n1,2.00\r\n', contentType: 'text/csv' }, pathPrefix: '/v1.2/download/transactions/' });
      const mixed = await failure(client.downloadTransactions(range), running.token);
      expect(mixed).toMatchObject({ kind: 'bad_reply', message: /windows cannot be joined: window 2 has the header/ });
      expect(sandbox().requests.length - before).toBe(3);
      // A window that fails stops the download there: indeterminate, and no half report.
      sandbox().setFault({ action: { kind: 'error', label: '99' }, pathPrefix: '/v1.2/billing/' });
      const beforeBilling = sandbox().requests.length;
      expect(await failure(client.downloadBilling(range), running.token)).toMatchObject({ kind: 'indeterminate', label: '99' });
      expect(sandbox().requests.length - beforeBilling).toBe(1);
    });
  });

  describe('transport bounds and hostile replies', () => {
    let journal: Journal;
    let cleanup: () => void;
    beforeEach(() => {
      const temp = makeTempDir('counterpay-contract-');
      cleanup = temp.cleanup;
      journal = openJournal(temp.dir);
    });
    afterEach(() => {
      journal.close();
      cleanup();
    });

    /** What the checkout does with a reply: only a believed success is journaled as paid. */
    async function chargeAndJournal(api: NihaoPayApi, request: ScanQrCodeRequest): Promise<{ error?: GatewayError; ms: number }> {
      journal.insert({ reference: request.reference, kind: 'sale', method: 'scanqrcode', amount: request.amount, currency: request.currency, vendor: request.vendor, environment: 'training', training: true });
      journal.update(request.reference, { state: 'sent' });
      const started = Date.now();
      try {
        const transaction = await api.scanQrCode(request);
        journal.update(request.reference, { state: transaction.status === 'success' ? 'success' : 'pending', transactionId: transaction.id });
        return { ms: Date.now() - started };
      } catch (error) {
        const ms = Date.now() - started;
        expect(error).toBeInstanceOf(GatewayError);
        journal.update(request.reference, { state: 'unknown', errorLabel: (error as GatewayError).label });
        return { error: error as GatewayError, ms };
      }
    }

    controlledIt.each([
      ['invalid JSON', 'bad_reply', { action: { kind: 'invalidJson' } }, undefined],
      ['an HTML page with status 200', 'bad_reply', { action: { kind: 'htmlPage' } }, undefined],
      ['a 10 MB body', 'indeterminate', { action: { kind: 'hugeBody' } }, 'ERR_REPLY_TOO_LARGE'],
      ['a reply that never ends', 'indeterminate', { action: { kind: 'neverEnds' } }, 'ERR_DEADLINE'],
      ['an amount as a string', 'bad_reply', { action: { kind: 'mutateReply', set: { amount: '1234' } } }, undefined],
      ['a status outside the list', 'bad_reply', { action: { kind: 'mutateReply', set: { status: 'paid' } } }, undefined],
      ['a null id', 'bad_reply', { action: { kind: 'mutateReply', set: { id: null } } }, undefined],
      ['a reference that is not ours', 'bad_reply', { action: { kind: 'mutateReply', set: { reference: 'SOMEONEELSE1' } } }, undefined],
      ['another amount', 'bad_reply', { action: { kind: 'mutateReply', set: { amount: 1 } } }, undefined],
      ['another currency', 'bad_reply', { action: { kind: 'mutateReply', set: { currency: 'JPY' } } }, undefined],
      ['a dropped connection after the commit', 'indeterminate', { action: { kind: 'dropAfterCommit' } }, 'ECONNRESET'],
      ['a dropped connection before the commit', 'indeterminate', { action: { kind: 'dropBeforeCommit' } }, 'ECONNRESET'],
      ['a redirect', 'bad_reply', { action: { kind: 'reply', status: 302, body: '' } }, undefined],
    ] as const)(needsControl('turns %s into a typed %s error within the deadline, and nothing is journaled as paid'), async (_name, kind, fault, transportCode) => {
      sandbox().setFault({ ...fault, pathPrefix: '/v1.2/transactions/scanqrcode' } as Parameters<Sandbox['setFault']>[0]);
      const request = scan();
      const { error, ms } = await chargeAndJournal(clientWith({ deadlineMs: 800 }), request);
      expect(error?.kind).toBe(kind);
      if (transportCode) expect(error?.transportCode).toBe(transportCode);
      expect(ms).toBeLessThan(2_000);
      expect(journal.get(request.reference)?.state).toBe('unknown');
      expect(inspect(error, { depth: 5 })).not.toContain(running.token);
    });

    controlledIt.each([
      ['96', 500],
      ['97', 500],
      ['98', 500],
      ['99', 503],
    ])(needsControl('reports 5xx label %s as indeterminate: look the reference up, never resend'), async (label, status) => {
      sandbox().setFault({ action: { kind: 'error', label, status }, pathPrefix: '/v1.2/transactions/scanqrcode' });
      const request = scan();
      const { error } = await chargeAndJournal(client, request);
      expect(error).toBeInstanceOf(GatewayIndeterminateError);
      expect(error).toMatchObject({ httpStatus: status, label });
      expect(error?.cashierMessage('en')).toMatch(/timed out|error|Do not charge/);
      // The fault replaced the processing: the lookup by the same reference finds nothing.
      expect(await failure(client.getTransactionByReference(request.reference), running.token)).toMatchObject({ label: '61' });
    });

    controlledIt(needsControl('reports 429/39 as rate_limited'), async () => {
      sandbox().setFault({ action: { kind: 'error', label: '39' } });
      const error = await failure(client.getAccounts(), running.token);
      expect(error).toBeInstanceOf(GatewayRateLimitedError);
      expect(error).toMatchObject({ httpStatus: 429, label: '39' });
    });

    controlledIt(needsControl('bounds every endpoint, not only the scan: hostile replies to reports and refunds are typed errors too'), async () => {
      const id = await paidTransaction(1000);
      sandbox().setFault({ action: { kind: 'htmlPage' }, times: 'always', method: 'GET' });
      try {
        expect(await failure(client.getAccounts(), running.token)).toBeInstanceOf(GatewayBadReplyError);
        expect(await failure(client.downloadTransactions({ startDate: '20240101', endDate: '20240105' }), running.token)).toMatchObject({ kind: 'bad_reply', message: /HTML/ });
        expect(await failure(client.getExchangeRates({ rateDate: '20240101', currency: 'USD' }), running.token)).toBeInstanceOf(GatewayBadReplyError);
        expect(await failure(client.getRefunds(id), running.token)).toBeInstanceOf(GatewayBadReplyError);
      } finally {
        sandbox().setFault(null);
      }
      sandbox().setFault({ action: { kind: 'hugeBody' }, pathPrefix: '/v1.2/billing/' });
      expect(await failure(client.downloadBilling({ startDate: '20240101', endDate: '20240105' }), running.token)).toMatchObject({ kind: 'indeterminate', transportCode: 'ERR_REPLY_TOO_LARGE' });
      sandbox().setFault({ action: { kind: 'mutateReply', set: { transaction_id: '99999999999999999999' } }, pathPrefix: `/v1.2/transactions/${id}/refund` });
      expect(await failure(client.refundTransaction(id, { amount: 100, currency: 'USD' }), running.token)).toMatchObject({ kind: 'bad_reply', message: /another transaction/ });
    });

    controlledIt(needsControl('turns a dropped connection during a refund into indeterminate; the refund query shows whether it went through'), async () => {
      const id = await paidTransaction(1000);
      sandbox().setFault({ action: { kind: 'dropAfterCommit' }, pathPrefix: `/v1.2/transactions/${id}/refund` });
      expect(await failure(client.refundTransaction(id, { amount: 400, currency: 'USD' }), running.token)).toMatchObject({ kind: 'indeterminate' });
      await expect(client.getRefunds(id)).resolves.toMatchObject({ refundedAmount: 400 });
    });
  });

  describe('IPN to the journal', () => {
    let journal: Journal;
    let cleanup: () => void;
    let receiver: IpnReceiver;
    beforeEach(async () => {
      const temp = makeTempDir('counterpay-contract-ipn-');
      cleanup = temp.cleanup;
      journal = openJournal(temp.dir);
      receiver = await startIpnReceiver({ enabled: true }, { token: running.token, onNotification: (transaction) => void applyIpnToJournal(journal, transaction) });
    });
    afterEach(async () => {
      await receiver.close();
      journal.close();
      cleanup();
    });

    controlledIt(needsControl('journals a QR sale paid by the customer, once, and never lets a late pending undo it'), async () => {
      const ref = reference('IPN');
      journal.insert({ reference: ref, kind: 'sale', method: 'showqrcode', amount: 1281, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
      journal.update(ref, { state: 'sent' });
      const shown = await client.showQrCode({ amount: 1281, currency: 'USD', vendor: 'alipay', reference: ref, ipnUrl: receiver.url });
      journal.update(ref, { state: 'pending', transactionId: shown.id });

      const deadline = Date.now() + 3_000;
      while (journal.get(ref)?.state !== 'success' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(journal.get(ref)).toMatchObject({ state: 'success', transactionId: shown.id, vendorTransactionId: expect.stringMatching(/^99\d{26}$/) });
      await sandbox().ipnIdle();
      const delivery = sandbox().ipnDeliveries.find((d) => d.reference === ref)!;
      expect(delivery).toMatchObject({ delivered: true, attempts: [{ httpStatus: 200 }] });

      const settled = journal.get(ref);
      // The same notification again (NihaoPay retries), and a late pending: neither changes anything.
      const again = await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(delivery.fields).toString() });
      expect(again.status).toBe(200);
      const pendingFields = { ...delivery.fields, status: 'pending' };
      delete (pendingFields as Record<string, string>)['verify_sign'];
      const late = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...pendingFields, verify_sign: signIpn(pendingFields, running.token) }).toString(),
      });
      expect(late.status).toBe(200);
      expect(journal.get(ref)).toEqual(settled);

      // A tampered copy is refused before it reaches the journal.
      const tampered = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...delivery.fields, amount: '1' }).toString(),
      });
      expect(tampered.status).toBe(400);
    });

    controlledIt(needsControl('retries an IPN the receiver did not take, and journals the failure of a code ending in 82'), async () => {
      const ref = reference('IPF');
      journal.insert({ reference: ref, kind: 'sale', method: 'showqrcode', amount: 1282, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
      journal.update(ref, { state: 'sent' });
      // The first try goes to a closed port; the sandbox retries on its schedule and gives up after the last.
      await client.showQrCode({ amount: 1282, currency: 'USD', vendor: 'alipay', reference: ref, ipnUrl: `${running.baseUrl}/nowhere` });
      running.advance?.(QR_PAID_AFTER_MS + 1);
      sandbox().settleDue();
      await sandbox().ipnIdle();
      const lost = sandbox().ipnDeliveries.find((d) => d.reference === ref)!;
      expect(lost).toMatchObject({ delivered: false, gaveUp: true });
      expect(lost.attempts.map((a) => a.httpStatus)).toEqual([404, 404, 404]);
      // Redelivered by hand to the receiver, it settles the sale as not charged.
      await fetch(receiver.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(lost.fields).toString() });
      expect(journal.get(ref)).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_DECLINED' });
    });
  });
}

describe(`NihaoPay contract — ${sandboxTarget.name}`, { timeout: sandboxTarget.timeoutMs }, () => {
  defineContract(sandboxTarget);
});

if (!TEST_TOKEN) {
  console.info('[contract] NihaoPay Testing environment skipped: set NIHAOPAY_TEST_TOKEN (and optionally NIHAOPAY_TEST_URL) to run the contract against it.');
}
describe.skipIf(!TEST_TOKEN)(
  `NihaoPay contract — ${testingTarget.name}${TEST_TOKEN ? '' : ' (skipped: NIHAOPAY_TEST_TOKEN is not set)'}`,
  { timeout: testingTarget.timeoutMs },
  () => {
    defineContract(testingTarget);
  },
);
