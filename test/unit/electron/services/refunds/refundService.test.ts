import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { recoverUnfinishedAttempts } from '../../../../../electron/services/checkout/paymentRecovery';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { RATE_LIMITED_DELAY_MS } from '../../../../../electron/services/checkout/lookupSchedule';
import { JOURNAL_FILE_NAME, openJournal, type AttemptUpdate, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { createRefundService, type RefundService } from '../../../../../electron/services/refunds/refundService';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { makeTempDir } from '../../../../fixtures/tempDir';
import { startRewritingGateway } from '../../../../fixtures/rewritingGateway';

/**
 * Refunds against the built-in sandbox over HTTP, with the real journal and client: the
 * balance is checked before anything is sent, and an unknown outcome is settled by the
 * refund query, never by refunding again.
 */
describe('refund service', () => {
  let sandbox: Sandbox;
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let refunds: RefundService;
  const log = createLogger(() => undefined, () => []);
  const client = () => createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token, deadlineMs: 3_000 });

  beforeAll(async () => {
    sandbox = await startSandbox({ token: 'refund-test-token-0123456789', port: 0 });
  });
  afterAll(() => sandbox.close());
  let sleeps: number[];
  const start = (notFoundSettleMs = 0, over: { journal?: Journal; gateway?: typeof client } = {}) => {
    sleeps = [];
    refunds = createRefundService({
      journal: over.journal ?? journal,
      gateway: over.gateway ?? client,
      config: () => ({ terminalName: 'T1', environment: 'training', training: true }),
      randomBytes: (n) => crypto.randomBytes(n),
      now: () => new Date(),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      log,
      queryDelaysMs: [0, 0, 0],
      notFoundSettleMs,
    });
  };
  beforeEach(() => {
    sandbox.reset();
    sandbox.setFault(null);
    temp = makeTempDir();
    journal = openJournal(temp.dir);
    start();
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  /** A sale as the checkout leaves it: journaled, paid at the sandbox, settled. */
  async function paidSale(amount: number, reference = `S${crypto.randomBytes(6).toString('hex').toUpperCase()}`) {
    journal.insert({ reference, kind: 'sale', method: 'scanqrcode', amount, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
    journal.update(reference, { state: 'sent' });
    const paid = await client().scanQrCode({ amount, currency: 'USD', vendor: 'alipay', reference, buyerIdentityCode: SAMPLE_PAYMENT_CODES.alipay, clientIp: '192.0.2.1' });
    journal.update(reference, { state: 'success', transactionId: paid.id });
    return paid.id;
  }
  const refundPosts = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/refund'));
  const atGateway = (id: string) => sandbox.transactions.byId(id)?.refunds ?? [];

  it('refunds in parts up to the balance, and refuses the rest before sending anything', async () => {
    const id = await paidSale(1234);
    const first = await refunds.refund({ transactionId: id, amount: 500, currency: 'USD', reason: 'one item returned' });
    expect(first).toMatchObject({ ok: true, value: { state: 'success', balance: { original: 1234, refunded: 500, remaining: 734 } } });
    const second = await refunds.refund({ transactionId: id, amount: 734, currency: 'USD', reason: 'rest returned' });
    expect(second).toMatchObject({ ok: true, value: { state: 'success', balance: { refunded: 1234, remaining: 0 } } });
    expect(refundPosts()).toHaveLength(2);
    expect(refundPosts()[0]!.body).toMatchObject({ amount: '500', currency: 'USD', reason: 'one item returned' });

    const third = await refunds.refund({ transactionId: id, amount: 1, currency: 'USD', reason: 'one more' });
    expect(third).toEqual({ ok: false, error: { code: 'REFUND_FULLY_REFUNDED' } });
    expect(refundPosts()).toHaveLength(2);

    // The journal and the gateway agree on every refund, by id and amount.
    const journaled = journal.refundsOf(id);
    expect(journaled.map((r) => [r.state, r.amount, r.reason, r.parentTransactionId])).toEqual([
      ['success', 500, 'one item returned', id],
      ['success', 734, 'rest returned', id],
    ]);
    expect(journaled.map((r) => r.transactionId)).toEqual(atGateway(id).map((r) => r.id));
  });

  it('refuses more than the balance, another currency, an unknown sale and a declined sale locally', async () => {
    const id = await paidSale(1000);
    await refunds.refund({ transactionId: id, amount: 600, currency: 'USD', reason: 'part' });
    expect(await refunds.refund({ transactionId: id, amount: 401, currency: 'USD', reason: 'too much' })).toEqual({
      ok: false,
      error: { code: 'REFUND_OVER_BALANCE', params: { remaining: '4.00', currency: 'USD' } },
    });
    expect(await refunds.refund({ transactionId: id, amount: 100, currency: 'JPY', reason: 'yen' })).toEqual({ ok: false, error: { code: 'REFUND_CURRENCY_MISMATCH', params: { currency: 'USD' } } });
    expect(await refunds.refund({ transactionId: '20991231235959000001', amount: 100, currency: 'USD', reason: 'x' })).toEqual({ ok: false, error: { code: 'REFUND_UNKNOWN_TRANSACTION' } });
    journal.insert({ reference: 'DECLINED1', kind: 'sale', method: 'scanqrcode', amount: 1251, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
    journal.update('DECLINED1', { state: 'sent' });
    journal.update('DECLINED1', { state: 'failure', transactionId: '20260101000000000001' });
    expect(await refunds.refund({ transactionId: '20260101000000000001', amount: 100, currency: 'USD', reason: 'x' })).toEqual({ ok: false, error: { code: 'REFUND_NOT_REFUNDABLE' } });
    expect(refundPosts()).toHaveLength(1);
    expect(journal.refundsOf(id)).toHaveLength(1);
  });

  it('settles a refund whose reply was lost by the refund query: done once, journaled as done', async () => {
    const id = await paidSale(2000);
    sandbox.setFault({ action: { kind: 'dropAfterCommit' }, method: 'POST', pathPrefix: `/v1.2/transactions/${id}/refund` });
    const result = await refunds.refund({ transactionId: id, amount: 700, currency: 'USD', reason: 'lost reply' });
    expect(result).toMatchObject({ ok: true, value: { state: 'success', balance: { refunded: 700, remaining: 1300 } } });
    expect(refundPosts()).toHaveLength(1);
    expect(atGateway(id)).toHaveLength(1);
    expect(journal.refundsOf(id)[0]!.transactionId).toBe(atGateway(id)[0]!.id);
    expect(sandbox.requests.filter((r) => r.method === 'GET' && r.path === `/v1.2/transactions/refunds/${id}/`).length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['a dropped request', { kind: 'dropBeforeCommit' as const }],
    ['500/99 system error', { kind: 'error' as const, label: '99' }],
    ['a reply that is not JSON', { kind: 'invalidJson' as const }],
  ])('after %s that did nothing, the refund query finds nothing and the refund is failed, not resent', async (_name, action) => {
    const id = await paidSale(2000);
    sandbox.setFault({ action, method: 'POST', pathPrefix: `/v1.2/transactions/${id}/refund` });
    const result = await refunds.refund({ transactionId: id, amount: 700, currency: 'USD', reason: 'nothing happened' });
    expect(result).toMatchObject({ ok: true, value: { state: 'failure', error: { code: 'GATEWAY_NOT_FOUND' }, balance: { refunded: 0, remaining: 2000 } } });
    expect(refundPosts()).toHaveLength(1);
    expect(atGateway(id)).toHaveLength(0);
  });

  it('leaves a refund the query cannot yet explain for recovery instead of guessing', async () => {
    start(60_000);
    const id = await paidSale(2000);
    sandbox.setFault({ action: { kind: 'error', label: '96' }, method: 'POST', pathPrefix: `/v1.2/transactions/${id}/refund` });
    const result = await refunds.refund({ transactionId: id, amount: 700, currency: 'USD', reason: 'timeout' });
    expect(result).toMatchObject({ ok: true, value: { state: 'needs_attention', error: { code: 'GATEWAY_INDETERMINATE' }, balance: { inFlight: 700, remaining: 1300 } } });
    // Until it is settled, no further refund of this sale is sent.
    expect(await refunds.refund({ transactionId: id, amount: 100, currency: 'USD', reason: 'again' })).toEqual({ ok: false, error: { code: 'REFUND_IN_PROGRESS' } });
    expect(refundPosts()).toHaveLength(1);
  });

  it('takes the gateway at its word when it refuses (402/67): failed, nothing retried', async () => {
    const id = await paidSale(1000);
    // Refunded elsewhere (say in NihaoPay's TMS): the journal does not know, the gateway does.
    await client().refundTransaction(id, { amount: 900, currency: 'USD' });
    const result = await refunds.refund({ transactionId: id, amount: 500, currency: 'USD', reason: 'over' });
    expect(result).toMatchObject({ ok: true, value: { state: 'failure', error: { code: 'GATEWAY_INVALID_REQUEST', gateway: { label: '67' } } } });
    expect(journal.refundsOf(id)[0]).toMatchObject({ state: 'failure', errorLabel: '67' });
  });

  it('recovery settles refunds left unfinished by a crash through the refund query', async () => {
    const done = await paidSale(3000);
    const lost = await paidSale(3000);
    const notSent = await paidSale(3000);
    const leave = (reference: string, sale: string, state: 'created' | 'sent') => {
      journal.insert({ reference, kind: 'refund', method: 'refund', amount: 1200, currency: 'USD', vendor: 'alipay', environment: 'training', training: true, parentTransactionId: sale, reason: 'crash' });
      if (state === 'sent') journal.update(reference, { state: 'sent' });
    };
    leave('RDONE', done, 'sent');
    await client().refundTransaction(done, { amount: 1200, currency: 'USD' }); // the gateway did it; the reply never got journaled
    leave('RLOST', lost, 'sent');
    leave('RNOTSENT', notSent, 'created');
    const postsBefore = refundPosts().length;

    const results = await recoverUnfinishedAttempts({ journal, gateway: client(), now: () => new Date(Date.now() + 60_000), log, notFoundSettleMs: 10_000 });

    expect(Object.fromEntries(results.map((r) => [r.reference, r.result]))).toEqual({ RDONE: 'paid', RLOST: 'notCharged', RNOTSENT: 'notCharged' });
    expect(journal.get('RDONE')).toMatchObject({ state: 'success', transactionId: atGateway(done)[0]!.id });
    expect(journal.get('RLOST')).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_NOT_FOUND' });
    expect(journal.get('RNOTSENT')).toMatchObject({ state: 'failure', errorCode: 'PAYMENT_NOT_SENT' });
    expect(refundPosts()).toHaveLength(postsBefore); // recovery never refunds
  });

  /** The real journal, whose updates throw SQLITE_FULL while `failing` says so. */
  function journalFailingOn(failing: (change: AttemptUpdate) => boolean): Journal {
    return {
      ...journal,
      update: (reference, change) => {
        if (failing(change)) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        return journal.update(reference, change);
      },
    };
  }

  it('a "sent" mark that cannot be written refuses the refund like a failed insert: nothing is sent', async () => {
    const id = await paidSale(1000);
    start(0, { journal: journalFailingOn((change) => change.state === 'sent') });
    expect(await refunds.refund({ transactionId: id, amount: 500, currency: 'USD', reason: 'disk full' })).toEqual({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE' } });
    expect(refundPosts()).toHaveLength(0);
    expect(journal.refundsOf(id)).toMatchObject([{ state: 'failure', errorCode: 'PAYMENT_NOT_SENT' }]);
  });

  it('a journal write that fails after the refund went out: needs attention (never "failed"), blocks a second refund, and recovery finds it done', async () => {
    const id = await paidSale(2000);
    let diskFull = true;
    start(0, { journal: journalFailingOn((change) => diskFull && change.state === 'success') });
    const result = await refunds.refund({ transactionId: id, amount: 700, currency: 'USD', reason: 'disk fills' });
    expect(result).toMatchObject({ ok: true, value: { state: 'needs_attention', error: { code: 'JOURNAL_WRITE_FAILED' }, balance: { inFlight: 700, remaining: 1300 } } });
    expect(atGateway(id)).toHaveLength(1);
    expect(await refunds.refund({ transactionId: id, amount: 100, currency: 'USD', reason: 'again' })).toEqual({ ok: false, error: { code: 'REFUND_IN_PROGRESS' } });
    expect(refundPosts()).toHaveLength(1);

    diskFull = false;
    const results = await recoverUnfinishedAttempts({ journal, gateway: client(), now: () => new Date(Date.now() + 60_000), log, notFoundSettleMs: 10_000 });
    expect(results).toMatchObject([{ kind: 'refund', result: 'paid' }]);
    expect(journal.refundsOf(id)[0]).toMatchObject({ state: 'success', transactionId: atGateway(id)[0]!.id });
  });

  it.each([[JOURNAL_FILE_NAME], [`${JOURNAL_FILE_NAME}-wal`]])('refuses a refund once %s is deleted under the app, sending nothing', async (file) => {
    const id = await paidSale(1000);
    fs.rmSync(path.join(temp.dir, file));
    expect(await refunds.refund({ transactionId: id, amount: 500, currency: 'USD', reason: 'gone' })).toEqual({ ok: false, error: { code: 'JOURNAL_REPLACED' } });
    expect(refundPosts()).toHaveLength(0);
    expect(atGateway(id)).toHaveLength(0);
  });

  it.each([
    ['502 with label 81', 502, '81'],
    ['404 with a label the list does not have', 404, 'X4'],
    ['409 with a label the list does not have', 409, 'X9'],
  ] as const)('a %s after the gateway refunded is settled by the refund query as done, not as failed', async (_name, status, label) => {
    const id = await paidSale(2000);
    const rewriting = await startRewritingGateway(sandbox.url, (method, requestPath) =>
      method === 'POST' && requestPath === `/v1.2/transactions/${id}/refund` ? { status, body: { code: status, label, message: 'rewritten' } } : undefined,
    );
    try {
      start(0, { gateway: () => createNihaoPayClient({ baseUrl: rewriting.url, token: sandbox.token, deadlineMs: 3_000 }) });
      const result = await refunds.refund({ transactionId: id, amount: 700, currency: 'USD', reason: 'after commit' });
      expect(result).toMatchObject({ ok: true, value: { state: 'success', balance: { refunded: 700, remaining: 1300 } } });
      expect(journal.refundsOf(id)[0]!.transactionId).toBe(atGateway(id)[0]!.id);
      expect(refundPosts()).toHaveLength(1);
    } finally {
      await rewriting.close();
    }
  });

  it('after a 429 on the refund, the first refund query waits at least 15 s', async () => {
    const id = await paidSale(2000);
    sandbox.setFault({ action: { kind: 'error', label: '39' }, method: 'POST', pathPrefix: `/v1.2/transactions/${id}/refund` });
    const result = await refunds.refund({ transactionId: id, amount: 700, currency: 'USD', reason: 'rate limited' });
    expect(sleeps[0]).toBeGreaterThanOrEqual(RATE_LIMITED_DELAY_MS);
    expect(result).toMatchObject({ ok: true, value: { state: 'failure', error: { code: 'GATEWAY_NOT_FOUND' } } });
    expect(refundPosts()).toHaveLength(1);
  });
});
