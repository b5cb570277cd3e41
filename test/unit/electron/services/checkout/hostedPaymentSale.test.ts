import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckoutState } from '../../../../../shared/checkout/checkoutState';
import { createCheckoutService, type CheckoutService } from '../../../../../electron/services/checkout/checkoutService';
import type { ShowQrConfig, ShowQrTiming } from '../../../../../electron/services/checkout/showQrSale';
import { recoverUnfinishedAttempts } from '../../../../../electron/services/checkout/paymentRecovery';
import { createOnlinePayClient } from '../../../../../electron/services/gateway/onlinepay/onlinePayClient';
import { createOnlinePayPort } from '../../../../../electron/services/gateway/onlinepay/onlinePayPort';
import { openJournal, type AttemptRow, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { startOnlinePaySandbox, type OnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import type { NihaoPayApi } from '../../../../../shared/gateway/nihaopay/nihaopayApi';
import type { OnlinePayApi } from '../../../../../shared/gateway/onlinepay/onlinePayApi';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * The OnlinePay card sale through the checkout: the hosted payment page's address shown as
 * a QR, against the real OnlinePay sandbox over HTTP and a real journal on disk. The
 * customer's phone is the sandbox's control (card + 3-D Secure, wallet, cancel).
 */

const FAST: ShowQrTiming = { showingLookupMs: 25, showingLookupWithIpnMs: 25, backgroundLookupMs: 25, graceAfterExpiryMs: 60_000, hostedGraceAfterExpiryMs: 60_000 };
const GOOD_CARD = '4111111111111111';
const BANK_DECLINES = '4000000000000002';
const noNihaoPay = () => {
  throw new Error('a hosted payment never reaches NihaoPay');
};

describe('OnlinePay hosted-payment sale', () => {
  let sandbox: OnlinePaySandbox;
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let checkout: CheckoutService;
  let states: CheckoutState[];
  let paidAfterAll: AttemptRow[];
  let ourOffset: number;
  let hosted: NonNullable<ShowQrConfig['hosted']>;
  let clientOverride: ((real: OnlinePayApi) => OnlinePayApi) | undefined;
  let client: OnlinePayApi;

  beforeAll(async () => {
    sandbox = await startOnlinePaySandbox({ privateKey: 'hosted-sale-test-key-0123456789', port: 0 });
  });
  afterAll(() => sandbox.close());

  function open(timing: Partial<ShowQrTiming> = {}): CheckoutService {
    client = createOnlinePayClient({ baseUrl: sandbox.url, privateKey: sandbox.privateKey, deadlineMs: 2_000 });
    return createCheckoutService({
      gateway: noNihaoPay as unknown as () => NihaoPayApi,
      journal,
      config: () => ({ currency: 'USD', maxAmount: 500_000, terminalName: 'T1', environment: 'training', training: true, pendingDeadlineMs: 5_000 }),
      clientIp: () => '192.0.2.10',
      randomBytes: (n) => crypto.randomBytes(n),
      random: () => 0,
      now: () => new Date(Date.now() + ourOffset),
      sleep: (ms) => sleep(ms),
      onChange: (state) => states.push(state),
      log: createLogger(() => undefined, () => []),
      notFoundChecks: 1,
      notFoundSettleMs: 0,
      showQr: {
        gateway: noNihaoPay as unknown as () => NihaoPayApi,
        onlinePay: () => (clientOverride ? clientOverride(client) : client),
        config: () => ({ ipnUrl: undefined, ipnReceiving: false, timeoutMinutes: 5, hosted }),
        onPaidAfterAll: (row) => paidAfterAll.push(row),
        timing: { ...FAST, ...timing },
      },
    });
  }

  beforeEach(() => {
    sandbox.reset();
    temp = makeTempDir();
    ourOffset = 0;
    journal = openJournal(temp.dir, () => new Date(Date.now() + ourOffset));
    states = [];
    paidAfterAll = [];
    hosted = { environment: 'training', timeoutMinutes: 10, locale: 'zh' };
    clientOverride = undefined;
    checkout = open();
  });
  afterEach(async () => {
    checkout.close();
    await checkout.idle();
    journal.close();
    temp.cleanup();
  });

  const until = (check: () => void, timeout = 3_000) => vi.waitFor(check, { timeout, interval: 5 });
  const phase = () => checkout.state().phase;
  const creates = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payments');

  async function showPage(amount: number): Promise<{ reference: string; token: string; url: string }> {
    expect(checkout.startSale(amount)).toMatchObject({ ok: true });
    const started = checkout.startHostedPayment();
    expect(started).toMatchObject({ ok: true, value: { phase: 'processing', attempt: { amount, gateway: 'onlinepay', method: 'hostedqr' } } });
    await until(() => expect(phase()).toBe('showingQr'));
    const state = checkout.state();
    if (state.phase !== 'showingQr') throw new Error('not showing');
    return { reference: state.attempt.reference, token: state.qr.transactionId, url: state.qr.codeUrl };
  }

  it('journals before sending, shows the payment page, and approves once the customer pays by card through 3-D Secure', async () => {
    const { reference, token, url } = await showPage(1250);
    const [create] = creates();
    const body = JSON.parse(create!.body) as Record<string, unknown>;
    // Our reference is OnlinePay's order number; the page speaks the display's language.
    expect(body).toMatchObject({ amount: 1250, currency: 'USD', orderNumber: reference, locale: 'zh' });
    expect(url).toBe(`${sandbox.url}/p/${token}`);
    expect(journal.get(reference)).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr', state: 'pending', transactionId: token, environment: 'training' });
    expect(journal.get(reference)?.vendor).toBeUndefined();

    expect(sandbox.payByCard(token, { pan: GOOD_CARD, threeDS: 'success' })).toMatchObject({ ok: true });
    await until(() => expect(phase()).toBe('approved'));
    expect(checkout.state()).toMatchObject({ phase: 'approved', receipt: { amount: 1250, currency: 'USD', gateway: 'onlinepay', method: 'hostedqr', transactionId: token, reference } });
    expect(journal.get(reference)).toMatchObject({ state: 'success' });
    expect(creates()).toHaveLength(1);
  });

  it('declines when 3-D Secure fails, whatever the card, and when the bank refuses the card', async () => {
    const first = await showPage(1300);
    sandbox.payByCard(first.token, { pan: GOOD_CARD, threeDS: 'fail' });
    await until(() => expect(phase()).toBe('declined'));
    expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'GATEWAY_DECLINED' } });
    expect(journal.get(first.reference)?.state).toBe('failure');

    // Try again: the same amount, a new reference and a new payment.
    expect(checkout.retryScan()).toMatchObject({ ok: true, value: { phase: 'awaitingScan', sale: { amount: 1300 } } });
    const second = checkout.startHostedPayment();
    expect(second.ok).toBe(true);
    await until(() => expect(phase()).toBe('showingQr'));
    const state = checkout.state();
    if (state.phase !== 'showingQr') throw new Error('not showing');
    expect(state.attempt.reference).not.toBe(first.reference);
    sandbox.payByCard(state.qr.transactionId, { pan: BANK_DECLINES, threeDS: 'success' });
    await until(() => expect(phase()).toBe('declined'));
    expect(creates()).toHaveLength(2);
  });

  it('after a dropped reply to the create call, finds the payment by its order number instead of creating another', async () => {
    sandbox.setFault({ action: { kind: 'dropAfterCommit' }, method: 'POST', pathPrefix: '/api/v1/payments' });
    expect(checkout.startSale(1400)).toMatchObject({ ok: true });
    const started = checkout.startHostedPayment();
    const reference = started.ok && 'attempt' in started.value ? started.value.attempt.reference : '';
    // The page was never shown: nobody can pay it, so the cashier may start again.
    await until(() => expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'SHOW_QR_NOT_SHOWN' } }), 5_000);
    expect(creates()).toHaveLength(1);
    const lookups = sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/payments' && (r.query ?? '').includes(`order_number=${reference}`));
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    const row = journal.get(reference)!;
    expect(row.state).toBe('pending');
    expect(row.transactionId).toBe(sandbox.payments()[0]!.token);
  });

  it('after order_number_already_exists, looks the order up and never sends it again', async () => {
    // The sandbox says the order exists although it has none: our look-up then finds nothing, so nothing was charged.
    sandbox.setFault({ action: { kind: 'error', status: 422, errorKind: 'invalid_request_error', code: 'order_number_already_exists' }, method: 'POST', pathPrefix: '/api/v1/payments' });
    expect(checkout.startSale(1500)).toMatchObject({ ok: true });
    checkout.startHostedPayment();
    await until(() => expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'SHOW_QR_NOT_SHOWN' } }), 5_000);
    expect(creates()).toHaveLength(1);
    const reference = (checkout.state() as Extract<CheckoutState, { phase: 'declined' }>).attempt.reference;
    expect(journal.get(reference)).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_NOT_FOUND' });
  });

  it('a reply about another amount is not believed: the payment is looked up by its order number', async () => {
    sandbox.setFault({ action: { kind: 'mutateReply', set: { 'payment.amount': '1' } }, method: 'POST', pathPrefix: '/api/v1/payments' });
    expect(checkout.startSale(1600)).toMatchObject({ ok: true });
    checkout.startHostedPayment();
    await until(() => expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'SHOW_QR_NOT_SHOWN' } }), 5_000);
    const reference = (checkout.state() as Extract<CheckoutState, { phase: 'declined' }>).attempt.reference;
    // It exists at the gateway (for the right amount), unseen: watched in the background, never shown.
    expect(journal.get(reference)).toMatchObject({ state: 'pending', amount: 1600 });
    expect(creates()).toHaveLength(1);
  });

  it('hides the code when its time is up, keeps watching, and announces a payment made after all', async () => {
    hosted = { ...hosted, timeoutMinutes: 1 };
    const { reference, token } = await showPage(1700);
    ourOffset = 61_000;
    await until(() => expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'HOSTED_PAYMENT_EXPIRED' } }));
    expect(journal.get(reference)?.state).toBe('pending');
    expect(checkout.watchedShowQr()).toContain(reference);
    // The customer finishes on their phone after all.
    sandbox.payByCard(token, { pan: GOOD_CARD, threeDS: 'success' });
    await until(() => expect(paidAfterAll.map((row) => row.reference)).toEqual([reference]));
    expect(journal.get(reference)?.state).toBe('success');
  });

  it('stop waiting leaves the payment watched; the OnlinePay wallet pays it and it is announced', async () => {
    const { reference, token } = await showPage(1800);
    expect(checkout.stopWaitingForQr()).toMatchObject({ ok: true, value: { phase: 'idle' } });
    expect(sandbox.payByWallet(token)).toMatchObject({ ok: true });
    await until(() => expect(paidAfterAll.map((row) => row.reference)).toEqual([reference]));
  });

  it('refuses before journaling anything when OnlinePay is not configured', () => {
    clientOverride = () => undefined as unknown as OnlinePayApi;
    checkout.close();
    checkout = createCheckoutService({
      gateway: noNihaoPay as unknown as () => NihaoPayApi,
      journal,
      config: () => ({ currency: 'USD', maxAmount: 500_000, terminalName: 'T1', environment: 'training', training: true, pendingDeadlineMs: 5_000 }),
      clientIp: () => '192.0.2.10',
      randomBytes: (n) => crypto.randomBytes(n),
      random: () => 0,
      now: () => new Date(),
      sleep: (ms) => sleep(ms),
      onChange: () => undefined,
      log: createLogger(() => undefined, () => []),
      showQr: { gateway: noNihaoPay as unknown as () => NihaoPayApi, onlinePay: () => undefined, config: () => ({ ipnUrl: undefined, ipnReceiving: false, timeoutMinutes: 5, hosted }), onPaidAfterAll: () => undefined },
    });
    checkout.startSale(1900);
    expect(checkout.startHostedPayment()).toMatchObject({ ok: false, error: { code: 'ONLINEPAY_NOT_CONFIGURED' } });
    expect(journal.recent(5)).toEqual([]);
    expect(creates()).toHaveLength(0);
  });

  it('start-up recovery settles an OnlinePay sale left open by its order number', async () => {
    const { reference, token } = await showPage(2000);
    checkout.close();
    await checkout.idle();
    sandbox.payByCard(token, { pan: GOOD_CARD, threeDS: 'success' });
    const results = await recoverUnfinishedAttempts({
      journal,
      gateway: noNihaoPay as unknown as NihaoPayApi,
      ports: (name) => (name === 'onlinepay' ? createOnlinePayPort(client) : undefined),
      now: () => new Date(),
      log: createLogger(() => undefined, () => []),
      notFoundSettleMs: 0,
    });
    expect(results).toMatchObject([{ reference, result: 'paid' }]);
    expect(journal.get(reference)).toMatchObject({ state: 'success', transactionId: token });
    checkout = open();
  });
});
