import crypto from 'node:crypto';
import type { CheckoutState } from '../../../../../shared/checkout/checkoutState';
import type { PaymentGateway } from '../../../../../shared/gateway/nihaopay/nihaopayTypes';
import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { createCheckoutService, maskPaymentCode, type CheckoutService } from '../../../../../electron/services/checkout/checkoutService';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { openJournal, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * The checkout against the real sandbox over HTTP, with one thing faked: time. Look-up
 * pauses advance a virtual clock instead of waiting, so a 150 s deadline takes no time.
 */
describe('checkout service', () => {
  let sandbox: Sandbox;
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let checkout: CheckoutService;
  let clock: number;
  let states: CheckoutState[];
  let gatewayOverride: ((real: PaymentGateway) => PaymentGateway) | undefined;
  const alipay = SAMPLE_PAYMENT_CODES.alipay;

  beforeAll(async () => {
    sandbox = await startSandbox({ token: 'checkout-test-token-0123456789', port: 0, pendingLookups: 2 });
  });
  afterAll(() => sandbox.close());

  beforeEach(() => {
    sandbox.reset();
    temp = makeTempDir();
    clock = Date.parse('2026-11-22T10:00:00Z');
    states = [];
    gatewayOverride = undefined;
    journal = openJournal(temp.dir, () => new Date(clock));
    const client = createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token, deadlineMs: 5_000 });
    checkout = createCheckoutService({
      gateway: () => (gatewayOverride ? gatewayOverride(client) : client),
      journal,
      config: () => ({ currency: 'USD', maxAmount: 500_000, terminalName: 'T1', environment: 'training', training: true, pendingDeadlineMs: 150_000 }),
      clientIp: () => '192.0.2.10',
      randomBytes: (n) => crypto.randomBytes(n),
      random: () => 0.5,
      now: () => new Date(clock),
      sleep: async (ms) => {
        clock += ms;
      },
      onChange: (state) => states.push(state),
      log: createLogger(() => undefined, () => []),
    });
  });
  afterEach(() => {
    checkout.close();
    journal.close();
    temp.cleanup();
  });

  const scans = () => sandbox.requests.filter((r) => r.path === '/v1.2/transactions/scanqrcode');
  const lookups = () => sandbox.requests.filter((r) => r.path.startsWith('/v1.2/transactions/merchant/'));
  async function sell(amount: number, code = alipay) {
    expect(checkout.startSale(amount)).toMatchObject({ ok: true });
    const submitted = checkout.submitScan(code, 'hid');
    await checkout.idle();
    return submitted;
  }

  it('approves a sale, journaling it before the request and settling it after', async () => {
    let journaledAtSend: string | undefined;
    gatewayOverride = (real) => ({
      ...real,
      scanQrCode: (request) => {
        journaledAtSend = journal.get(request.reference)?.state;
        return real.scanQrCode(request);
      },
    });
    await sell(1234);
    expect(journaledAtSend).toBe('sent');
    const state = checkout.state();
    expect(state.phase).toBe('approved');
    if (state.phase !== 'approved') return;
    const row = journal.get(state.receipt.reference)!;
    expect(row).toMatchObject({ state: 'success', amount: 1234, currency: 'USD', vendor: 'alipay', transactionId: state.receipt.transactionId, buyerCodeMasked: maskPaymentCode(alipay) });
    expect(state.receipt.vendorTransactionId).toMatch(/^99\d+$/);
    expect(scans()).toHaveLength(1);
    expect(scans()[0]!.body).toMatchObject({ amount: '1234', currency: 'USD', vendor: 'alipay', reference: row.reference, client_ip: '192.0.2.10' });
    expect(states.map((s) => s.phase)).toEqual(['awaitingScan', 'processing', 'approved']);
  });

  it('sends nothing when the journal cannot be written', async () => {
    const failing: Journal = { ...journal, insert: () => { throw new Error('SQLITE_FULL: database or disk is full'); } };
    const service = createCheckoutService({
      gateway: () => createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token }),
      journal: failing,
      config: () => ({ currency: 'USD', maxAmount: 500_000, terminalName: 'T1', environment: 'training', training: true, pendingDeadlineMs: 1_000 }),
      clientIp: () => '192.0.2.10',
      randomBytes: (n) => crypto.randomBytes(n),
      random: () => 0.5,
      now: () => new Date(clock),
      sleep: async () => undefined,
      onChange: () => undefined,
      log: createLogger(() => undefined, () => []),
    });
    service.startSale(1234);
    expect(service.submitScan(alipay, 'hid')).toEqual({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE' } });
    await service.idle();
    expect(service.state()).toMatchObject({ phase: 'awaitingScan', refusal: { code: 'JOURNAL_UNAVAILABLE' } });
    expect(scans()).toHaveLength(0);
  });

  it('takes one code per sale: a second scan while the first is out is ignored', async () => {
    checkout.startSale(1234);
    expect(checkout.submitScan(alipay, 'hid')).toMatchObject({ ok: true });
    expect(checkout.submitScan(alipay, 'wedge')).toEqual({ ok: false, error: { code: 'NO_SALE_IN_PROGRESS' } });
    expect(checkout.startSale(999)).toEqual({ ok: false, error: { code: 'SALE_IN_PROGRESS' } });
    await checkout.idle();
    expect(scans()).toHaveLength(1);
    expect(journal.recent(10)).toHaveLength(1);
  });

  it('refuses a code of unknown shape without journaling or sending', async () => {
    checkout.startSale(1234);
    expect(checkout.submitScan('4006381333931', 'wedge')).toEqual({ ok: false, error: { code: 'CODE_UNKNOWN_SHAPE' } });
    expect(checkout.state()).toMatchObject({ phase: 'awaitingScan', refusal: { code: 'CODE_UNKNOWN_SHAPE' } });
    expect(journal.recent(10)).toHaveLength(0);
    expect(scans()).toHaveLength(0);
  });

  it('declines with the gateway label and allows another code for the same amount', async () => {
    await sell(1251);
    expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'GATEWAY_DECLINED', gateway: { label: '11' } } });
    expect(journal.recent(1)[0]).toMatchObject({ state: 'failure', errorLabel: '11' });
    expect(checkout.retryScan()).toMatchObject({ ok: true, value: { phase: 'awaitingScan', sale: { amount: 1251, currency: 'USD' } } });
  });

  it('looks a pending payment up until it is final, never sending it again', async () => {
    await sell(1261);
    expect(checkout.state().phase).toBe('approved');
    expect(lookups()).toHaveLength(3); // pending, pending, success
    expect(scans()).toHaveLength(1);
    expect(states.some((s) => s.phase === 'checking' && s.reason === 'pending')).toBe(true);
  });

  it.each([
    ['a gateway timeout (500/96) whose payment went through', 1296, null, 'approved'],
    ['a connection dropped after the gateway booked the payment', 1234, { action: { kind: 'dropAfterCommit' } }, 'approved'],
    ['a connection dropped before anything was booked', 1234, { action: { kind: 'dropBeforeCommit' } }, 'declined'],
    ['a 503 with label 99 and nothing booked', 1234, { action: { kind: 'error', label: '99', status: 503 } }, 'declined'],
  ] as const)('resolves %s by looking the reference up, never by sending again', async (_name, amount, fault, outcome) => {
    if (fault) sandbox.setFault({ ...fault, method: 'POST' });
    await sell(amount);
    expect(checkout.state().phase).toBe(outcome);
    if (outcome === 'declined') expect(checkout.state()).toMatchObject({ error: { code: 'GATEWAY_NOT_FOUND' } });
    expect(scans()).toHaveLength(1);
    expect(lookups().length).toBeGreaterThanOrEqual(1);
    expect(sandbox.transactions.all().filter((t) => t.status === 'success')).toHaveLength(outcome === 'approved' ? 1 : 0);
    expect(journal.recent(1)[0]!.state).toBe(outcome === 'approved' ? 'success' : 'failure');
  });

  it.each([
    ['a reply that is not JSON', { kind: 'invalidJson' }],
    ['an HTML page with status 200', { kind: 'htmlPage' }],
  ] as const)('treats %s as unknown, never as paid, and settles it by look-up', async (_name, action) => {
    sandbox.setFault({ action, method: 'POST' });
    await sell(1234);
    // Nothing was booked behind the broken reply: the reference is not found three times over ≥ 10 s.
    expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'GATEWAY_NOT_FOUND' } });
    expect(journal.recent(1)[0]).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_NOT_FOUND' });
    expect(lookups().length).toBeGreaterThanOrEqual(3);
    expect(scans()).toHaveLength(1);
  });

  it('does not believe a look-up whose amount differs from the sale', async () => {
    sandbox.setFault({ action: { kind: 'mutateReply', set: { amount: 1 } }, method: 'GET', times: 'always' });
    await sell(1296);
    // Every look-up disagrees, so the sale is never shown as paid: it needs attention at the deadline.
    expect(checkout.state().phase).toBe('needsAttention');
    expect(journal.recent(1)[0]!.state).toBe('needs_attention');
  });

  it('moves a payment that stays pending past the deadline to needs attention', async () => {
    const stubborn = await startSandbox({ token: 'checkout-test-token-0123456789', port: 0, pendingLookups: 10_000 });
    gatewayOverride = () => createNihaoPayClient({ baseUrl: stubborn.url, token: stubborn.token });
    await sell(1261);
    expect(checkout.state()).toMatchObject({ phase: 'needsAttention', error: { code: 'GATEWAY_INDETERMINATE' } });
    expect(journal.recent(1)[0]!.state).toBe('needs_attention');
    expect(clock - Date.parse('2026-11-22T10:00:00Z')).toBeGreaterThanOrEqual(150_000);
    expect(stubborn.requests.filter((r) => r.path === '/v1.2/transactions/scanqrcode')).toHaveLength(1);
    expect(checkout.newSale()).toMatchObject({ ok: true, value: { phase: 'idle' } });
    await stubborn.close();
  });

  it('checks the amount against the maximum in main too', () => {
    expect(checkout.startSale(500_001)).toEqual({ ok: false, error: { code: 'AMOUNT_OVER_MAXIMUM', params: { maximum: '5000.00', currency: 'USD' } } });
    expect(checkout.startSale(0)).toMatchObject({ ok: false, error: { code: 'AMOUNT_NOT_POSITIVE' } });
    expect(checkout.state().phase).toBe('idle');
  });
});
