import crypto from 'node:crypto';
import { recoverUnfinishedAttempts } from '../../../../../electron/services/checkout/paymentRecovery';
import { createOnlinePayClient } from '../../../../../electron/services/gateway/onlinepay/onlinePayClient';
import { openJournal, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { createPayoutService, type PayoutService } from '../../../../../electron/services/refunds/payoutService';
import { startOnlinePaySandbox, type OnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import type { BankPayout } from '../../../../../shared/refunds/payoutDestination';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * Refunds of OnlinePay sales, paid out, against the real OnlinePay sandbox over HTTP and a
 * real journal on disk: wallet when the sale has one, bank otherwise, the merchant's balance
 * read first, every payout journaled under its own order number before it leaves, and an
 * unknown outcome settled by listing payouts by that number — never by paying out again.
 */
const GOOD_CARD = '4111111111111111';
const BANK: BankPayout = {
  bankAccount: { accountHolder: 'Li Wei', accountNumber: '6222020200112233445', bankCode: 'ICBC' },
  billing: { state: '11', city: '1000', countryCode: 'CN' },
};

describe('payout service (refunds of OnlinePay sales)', () => {
  let sandbox: OnlinePaySandbox;
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let payouts: PayoutService;
  const log = createLogger(() => undefined, () => []);
  const client = () => createOnlinePayClient({ baseUrl: sandbox.url, privateKey: sandbox.privateKey, deadlineMs: 2_000 });
  let environment: string;

  beforeAll(async () => {
    sandbox = await startOnlinePaySandbox({ privateKey: 'payout-test-key-0123456789abc', port: 0 });
  });
  afterAll(() => sandbox.close());

  const start = (notFoundSettleMs = 60_000) => {
    payouts = createPayoutService({
      journal,
      client,
      config: () => ({ terminalName: 'T1', environment, training: true }),
      randomBytes: (n) => crypto.randomBytes(n),
      now: () => new Date(),
      sleep: async () => undefined,
      log,
      lookupDelaysMs: [0, 0, 0],
      notFoundSettleMs,
    });
  };
  beforeEach(() => {
    sandbox.reset();
    temp = makeTempDir();
    journal = openJournal(temp.dir);
    environment = 'training';
    start();
  });
  afterEach(async () => {
    await payouts.idle();
    journal.close();
    temp.cleanup();
  });

  const payoutRequests = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payouts');
  const sandboxPayouts = () => sandbox.payments().filter((p) => p.operationType === 'payout');

  /** A real OnlinePay sale: created at the sandbox, paid on its page, journaled as the checkout journals it. */
  async function sale(amount: number, by: 'card' | 'wallet', currency: 'USD' | 'CNY' | 'JPY' = 'USD'): Promise<{ reference: string; token: string }> {
    const reference = `S${crypto.randomBytes(6).toString('hex')}`;
    journal.insert({ reference, kind: 'sale', gateway: 'onlinepay', method: 'hostedqr', amount, currency, environment: 'training', training: true });
    journal.update(reference, { state: 'sent' });
    const created = await client().createPayment({ product: 'Counter sale', amount, currency, orderNumber: reference });
    const paid = by === 'card' ? sandbox.payByCard(created.token, { pan: GOOD_CARD, threeDS: 'success' }) : sandbox.payByWallet(created.token);
    expect(paid).toMatchObject({ ok: true });
    journal.update(reference, { state: 'success', transactionId: created.token });
    if (by === 'wallet') {
      const walletToken = sandbox.payment(created.token)?.walletToken;
      expect(walletToken).toBeTruthy();
      journal.keepWalletToken(reference, walletToken!);
    }
    return { reference, token: created.token };
  }

  it('pays a wallet sale back to the payer’s wallet, under its own journaled order number', async () => {
    const { token, reference: saleReference } = await sale(2500, 'wallet');
    const before = sandbox.balance('USD').available;
    const result = await payouts.refund({ transactionId: token, amount: 1000, currency: 'USD', reason: 'returned' });
    expect(result).toMatchObject({ ok: true, value: { state: 'success', balance: { refunded: 1000, remaining: 1500 } } });
    if (!result.ok) return;
    const row = journal.get(result.value.reference)!;
    expect(row).toMatchObject({ kind: 'refund', gateway: 'onlinepay', method: 'payout', amount: 1000, currency: 'USD', parentTransactionId: token, parentReference: saleReference, state: 'success' });
    const [request] = payoutRequests();
    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(body).toEqual({ walletToken: sandbox.payment(token)!.walletToken, amount: 1000, currency: 'USD', orderNumber: row.reference });
    expect(row.transactionId).toBe(sandboxPayouts()[0]!.token);
    expect(sandbox.balance('USD').available).toBe(before - 1000);
  });

  it('asks for a bank account when the sale has no wallet, then pays out to it', async () => {
    const { token } = await sale(3000, 'card');
    const refused = await payouts.refund({ transactionId: token, amount: 3000, currency: 'USD', reason: 'returned' });
    expect(refused).toEqual({ ok: false, error: { code: 'PAYOUT_BANK_ACCOUNT_REQUIRED' } });
    expect(payoutRequests()).toHaveLength(0);
    expect(journal.refundsOf(token)).toHaveLength(0);

    const result = await payouts.refund({ transactionId: token, amount: 3000, currency: 'USD', reason: 'returned', bankPayout: BANK });
    expect(result).toMatchObject({ ok: true, value: { state: 'success', balance: { remaining: 0 } } });
    const body = JSON.parse(payoutRequests()[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ bankAccount: BANK.bankAccount, billing: { state: '11', city: '1000', countryCode: 'CN' }, amount: 3000 });
    expect(body).not.toHaveProperty('walletToken');
  });

  it('refuses a city of another province, or a bank outside the dictionary, at its field, sending nothing', async () => {
    const { token } = await sale(3000, 'card');
    const wrongCity = await payouts.refund({ transactionId: token, amount: 100, currency: 'USD', reason: 'x', bankPayout: { ...BANK, billing: { ...BANK.billing, city: '1340' } } });
    expect(wrongCity).toEqual({ ok: false, error: { code: 'PAYOUT_DESTINATION_INVALID', params: { field: 'city' } } });
    const shortNumber = await payouts.refund({ transactionId: token, amount: 100, currency: 'USD', reason: 'x', bankPayout: { ...BANK, bankAccount: { ...BANK.bankAccount, accountNumber: '1234' } } });
    expect(shortNumber).toEqual({ ok: false, error: { code: 'PAYOUT_DESTINATION_INVALID', params: { field: 'accountNumber' } } });
    expect(sandbox.requests.filter((r) => r.path.startsWith('/api/v1/payouts') || r.path.startsWith('/api/v1/balance'))).toHaveLength(0);
  });

  it('reads the balance first and refuses a payout larger than it, with nothing sent or journaled', async () => {
    const { token } = await sale(5000, 'wallet');
    // The sale credited 50.00; the merchant paid most of it out elsewhere.
    sandbox.seedBalance('USD', 1200);
    const result = await payouts.refund({ transactionId: token, amount: 2000, currency: 'USD', reason: 'returned' });
    expect(result).toEqual({ ok: false, error: { code: 'PAYOUT_OVER_AVAILABLE_BALANCE', params: { available: '12.00', currency: 'USD' } } });
    expect(sandbox.requests.filter((r) => r.path === '/api/v1/balance')).toHaveLength(1);
    expect(payoutRequests()).toHaveLength(0);
    expect(journal.refundsOf(token)).toHaveLength(0);
    // What the balance allows still goes.
    expect(await payouts.refund({ transactionId: token, amount: 1200, currency: 'USD', reason: 'returned' })).toMatchObject({ ok: true, value: { state: 'success' } });
  });

  it('refuses what the sale’s balance does not allow before any request, like a NihaoPay refund', async () => {
    const { token } = await sale(1000, 'wallet');
    expect(await payouts.refund({ transactionId: token, amount: 1001, currency: 'USD', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'REFUND_OVER_BALANCE' } });
    expect(await payouts.refund({ transactionId: token, amount: 100, currency: 'EUR', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'REFUND_CURRENCY_MISMATCH' } });
    environment = 'sandbox';
    expect(await payouts.refund({ transactionId: token, amount: 100, currency: 'USD', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'REFUND_WRONG_ENVIRONMENT' } });
    expect(sandbox.requests.filter((r) => r.path !== '/api/v1/payments')).toHaveLength(0);
  });

  it('after a dropped reply, finds the payout by its order number and never pays out twice', async () => {
    const { token } = await sale(4000, 'wallet');
    const before = sandbox.balance('USD').available;
    sandbox.setFault({ action: { kind: 'dropAfterCommit' }, method: 'POST', pathPrefix: '/api/v1/payouts' });
    const result = await payouts.refund({ transactionId: token, amount: 1500, currency: 'USD', reason: 'returned' });
    expect(result).toMatchObject({ ok: true, value: { state: 'success' } });
    expect(payoutRequests()).toHaveLength(1);
    expect(sandboxPayouts()).toHaveLength(1);
    expect(sandbox.balance('USD').available).toBe(before - 1500);
    const lookups = sandbox.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/payments');
    expect(lookups.length).toBeGreaterThan(0);
    if (result.ok) expect(lookups[0]!.query).toContain(`order_number=${result.value.reference}`);
  });

  it('a payout refused by OnlinePay (its minimum) ends failed with nothing paid out', async () => {
    const { token } = await sale(4000, 'wallet');
    const result = await payouts.refund({ transactionId: token, amount: 50, currency: 'USD', reason: 'x' });
    expect(result).toMatchObject({ ok: true, value: { state: 'failure', error: { gateway: { label: 'amount_less_than_minimum' } }, balance: { remaining: 4000 } } });
    expect(sandboxPayouts()).toHaveLength(0);
  });

  it('a pending payout blocks a second refund of the sale until the recheck finds it approved', async () => {
    const { token } = await sale(5000, 'wallet');
    // …61 stays pending at the sandbox until its control settles it.
    const first = await payouts.refund({ transactionId: token, amount: 1061, currency: 'USD', reason: 'returned' });
    expect(first).toMatchObject({ ok: true, value: { state: 'needs_attention' } });
    if (!first.ok) return;
    const row = journal.get(first.value.reference)!;
    expect(row.transactionId).toBe(sandboxPayouts()[0]!.token);
    expect(await payouts.refund({ transactionId: token, amount: 100, currency: 'USD', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'REFUND_IN_PROGRESS' } });

    sandbox.settlePayout(row.transactionId!, 'approved');
    const recovered = await recoverUnfinishedAttempts({ journal, gateway: undefined, payouts: client, now: () => new Date(), log, notFoundSettleMs: 60_000 });
    expect(recovered).toMatchObject([{ reference: row.reference, result: 'paid' }]);
    expect(journal.get(row.reference)?.state).toBe('success');
    expect(payoutRequests()).toHaveLength(1);
  });

  it('recovery settles a payout journaled but unanswered by listing, and one never received as not paid out', async () => {
    const { token, reference } = await sale(5000, 'wallet');
    // As a crash right after "sent" leaves it: the payout reached OnlinePay, the reply did not reach the journal.
    const sentRef = `R${crypto.randomBytes(6).toString('hex')}`;
    journal.insert({ reference: sentRef, kind: 'refund', gateway: 'onlinepay', method: 'payout', amount: 700, currency: 'USD', environment: 'training', training: true, parentTransactionId: token, parentReference: reference });
    journal.update(sentRef, { state: 'sent' });
    await client().createPayout({ walletToken: sandbox.payment(token)!.walletToken!, amount: 700, currency: 'USD', orderNumber: sentRef });
    // And one marked sent that never left.
    const lostRef = `R${crypto.randomBytes(6).toString('hex')}`;
    journal.insert({ reference: lostRef, kind: 'refund', gateway: 'onlinepay', method: 'payout', amount: 300, currency: 'USD', environment: 'training', training: true, parentTransactionId: token, parentReference: reference });
    journal.update(lostRef, { state: 'sent' });

    const results = await recoverUnfinishedAttempts({ journal, gateway: undefined, payouts: client, now: () => new Date(), log, notFoundSettleMs: 0 });
    expect(Object.fromEntries(results.map((r) => [r.reference, r.result]))).toEqual({ [sentRef]: 'paid', [lostRef]: 'notCharged' });
    expect(journal.get(sentRef)).toMatchObject({ state: 'success', transactionId: sandboxPayouts()[0]!.token });
    expect(journal.get(lostRef)).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_NOT_FOUND' });
    expect(payoutRequests()).toHaveLength(1);
  });

  it('recovery keeps an OnlinePay payout for later when OnlinePay is not configured now', async () => {
    const { token, reference } = await sale(5000, 'wallet');
    const ref = `R${crypto.randomBytes(6).toString('hex')}`;
    journal.insert({ reference: ref, kind: 'refund', gateway: 'onlinepay', method: 'payout', amount: 700, currency: 'USD', environment: 'training', training: true, parentTransactionId: token, parentReference: reference });
    journal.update(ref, { state: 'sent' });
    const results = await recoverUnfinishedAttempts({ journal, gateway: undefined, payouts: () => undefined, now: () => new Date(), log, notFoundSettleMs: 0 });
    expect(results).toMatchObject([{ reference: ref, result: 'unresolved' }]);
    expect(journal.get(ref)?.state).toBe('needs_attention');
  });
});
