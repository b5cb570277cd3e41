import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckoutState } from '../../../../../shared/checkout/checkoutState';
import type { NihaoPayApi } from '../../../../../shared/gateway/nihaopay/nihaopayApi';
import type { PaymentGateway } from '../../../../../shared/gateway/nihaopay/nihaopayTypes';
import { createCheckoutService, type CheckoutService } from '../../../../../electron/services/checkout/checkoutService';
import type { ShowQrConfig, ShowQrTiming } from '../../../../../electron/services/checkout/showQrSale';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { JOURNAL_FILE_NAME, openJournal, type AttemptRow, type AttemptUpdate, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import type { SandboxFault } from '../../../../../electron/sandbox/nihaopay/sandboxFaults';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * The show-QR sale through the checkout, against the real sandbox over HTTP, with a real
 * journal on disk. Time is real but short: the sandbox pays (…81) or fails (…82) a code
 * 150 ms after it is made and lets …83 expire after 150 ms; the watch looks up every 25 ms.
 * Both clocks can be moved forward (offsets) to reach a code's expiry without waiting for it.
 */

type ShowQrGateway = PaymentGateway & Pick<NihaoPayApi, 'showQrCode'>;

/** Nothing listens there: the sandbox's IPN posts fail at once (connection refused) and are not retried. */
const UNREACHABLE_IPN_URL = 'http://127.0.0.1:9/nihaopay/ipn';
const FAST: ShowQrTiming = { showingLookupMs: 25, showingLookupWithIpnMs: 25, backgroundLookupMs: 25, graceAfterExpiryMs: 60_000, hostedGraceAfterExpiryMs: 60_000 };

describe('show-QR sale', () => {
  let sandbox: Sandbox;
  let sandboxOffset: number;
  let ourOffset: number;
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let checkout: CheckoutService;
  let states: CheckoutState[];
  let paidAfterAll: AttemptRow[];
  let unwatchedNews: string[];
  let showQrConfig: Pick<ShowQrConfig, 'ipnUrl' | 'ipnReceiving' | 'timeoutMinutes'>;
  let gatewayOverride: ((real: ShowQrGateway) => ShowQrGateway) | undefined;

  beforeAll(async () => {
    sandbox = await startSandbox({
      token: 'show-qr-test-token-0123456789',
      port: 0,
      shownQrPaidAfterMs: 150,
      shownQrExpiresAfterMs: 150,
      ipnRetryDelaysMs: [0],
      ipnAttemptTimeoutMs: 500,
      now: () => new Date(Date.now() + sandboxOffset),
    });
  });
  afterAll(() => sandbox.close());

  function open(options: { timing?: Partial<ShowQrTiming>; deadlineMs?: number; journal?: Journal } = {}): CheckoutService {
    const now = () => new Date(Date.now() + ourOffset);
    const client = createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token, deadlineMs: options.deadlineMs ?? 5_000 });
    const gateway = () => (gatewayOverride ? gatewayOverride(client) : client);
    return createCheckoutService({
      gateway,
      journal: options.journal ?? journal,
      config: () => ({ currency: 'USD', maxAmount: 500_000, terminalName: 'T1', environment: 'training', training: true, pendingDeadlineMs: 10_000 }),
      clientIp: () => '192.0.2.10',
      randomBytes: (n) => crypto.randomBytes(n),
      // Look-ups of an unknown outcome start after 750 ms (1 s less the largest jitter).
      random: () => 0,
      now,
      sleep: (ms) => sleep(ms),
      onChange: (state) => states.push(state),
      log: createLogger(() => undefined, () => []),
      notFoundChecks: 1,
      notFoundSettleMs: 0,
      showQr: {
        gateway,
        config: () => showQrConfig,
        onPaidAfterAll: (row) => paidAfterAll.push(row),
        onUnwatchedNews: (reference) => unwatchedNews.push(reference),
        timing: { ...FAST, ...options.timing },
      },
    });
  }

  beforeEach(() => {
    sandbox.reset();
    sandboxOffset = 0;
    ourOffset = 0;
    temp = makeTempDir();
    journal = openJournal(temp.dir, () => new Date(Date.now() + ourOffset));
    states = [];
    paidAfterAll = [];
    unwatchedNews = [];
    showQrConfig = { ipnUrl: UNREACHABLE_IPN_URL, ipnReceiving: false, timeoutMinutes: 5 };
    gatewayOverride = undefined;
    checkout = open();
  });
  afterEach(async () => {
    checkout.close();
    await checkout.idle();
    journal.close();
    temp.cleanup();
  });

  const showRequests = (reference?: string) =>
    sandbox.requests.filter((r) => r.path === '/v1.2/transactions/showqrcode' && (reference === undefined || r.body['reference'] === reference));
  const lookups = (reference?: string) =>
    sandbox.requests.filter((r) => (reference === undefined ? r.path.startsWith('/v1.2/transactions/merchant/') : r.path === `/v1.2/transactions/merchant/${reference}`));
  const until = (check: () => void, timeout = 3_000) => vi.waitFor(check, { timeout, interval: 5 });
  const phase = () => checkout.state().phase;
  const referenceOf = (state: CheckoutState): string => {
    if (!('attempt' in state)) throw new Error(`no attempt in phase ${state.phase}`);
    return state.attempt.reference;
  };

  /** Events the journal wrote for the reference, read straight from its SQLite file. */
  async function events(reference: string): Promise<Array<{ state: string; detail: string | null }>> {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(journal.filePath, { readonly: true });
    try {
      return db.prepare('SELECT state, detail FROM attempt_events WHERE reference = ? ORDER BY id').all(reference) as Array<{ state: string; detail: string | null }>;
    } finally {
      db.close();
    }
  }

  /** Starts a show-QR sale of `amount` and waits until its code is on the display. */
  async function showCode(amount: number, vendor: 'alipay' | 'wechatpay' | 'unionpay' = 'alipay'): Promise<string> {
    expect(checkout.startSale(amount)).toMatchObject({ ok: true });
    expect(checkout.startShowQr(vendor)).toMatchObject({ ok: true, value: { phase: 'processing', attempt: { amount, vendor, method: 'showqrcode' } } });
    await until(() => expect(phase()).toBe('showingQr'));
    return referenceOf(checkout.state());
  }

  it('journals the attempt, and marks it sent, before the showqrcode request leaves', async () => {
    let seenAtSend: { state?: string; requestsSoFar: number; reference: string } | undefined;
    gatewayOverride = (real) => ({
      ...real,
      showQrCode: (request) => {
        seenAtSend = { state: journal.get(request.reference)?.state, requestsSoFar: showRequests().length, reference: request.reference };
        return real.showQrCode(request);
      },
    });
    checkout.startSale(1281);
    const started = checkout.startShowQr('wechatpay');
    // The row exists the moment the call returns, before any reply.
    const reference = started.ok ? referenceOf(started.value) : '';
    expect(journal.get(reference)).toMatchObject({ kind: 'sale', method: 'showqrcode', amount: 1281, currency: 'USD', vendor: 'wechatpay', environment: 'training', training: true });
    await checkout.idle();
    expect(seenAtSend).toEqual({ state: 'sent', requestsSoFar: 0, reference });
    const [request] = showRequests();
    expect(showRequests()).toHaveLength(1);
    expect(request!.body).toMatchObject({ amount: '1281', currency: 'USD', vendor: 'wechatpay', reference, ipn_url: UNREACHABLE_IPN_URL, timeout: '5' });
    const row = journal.get(reference)!;
    expect(Date.parse(row.createdAt)).toBeLessThanOrEqual(Date.parse(request!.time));
    expect((await events(reference)).slice(0, 3).map((e) => e.state)).toEqual(['created', 'sent', 'pending']);
  });

  it('shows the code, then approves the sale when the customer pays (…81), with a receipt and the journal settled', async () => {
    const reference = await showCode(1281, 'wechatpay');
    const showing = checkout.state();
    const booked = sandbox.transactions.byReference(reference)!;
    expect(showing).toMatchObject({ phase: 'showingQr', qr: { transactionId: booked.id, codeUrl: booked.shownQr!.codeUrl, timeoutMinutes: 5 } });
    if (showing.phase !== 'showingQr') return;
    // The code's life is counted from the reply, by our clock.
    expect(Math.abs(Date.parse(showing.qr.expiresAt) - (Date.now() + 5 * 60_000))).toBeLessThan(1_000);

    await until(() => expect(phase()).toBe('approved'));
    const approved = checkout.state();
    const row = journal.get(reference)!;
    expect(row).toMatchObject({ state: 'success', transactionId: booked.id });
    expect(row.vendorTransactionId).toMatch(/^\d+$/);
    expect(approved).toEqual({
      phase: 'approved',
      receipt: { amount: 1281, currency: 'USD', vendor: 'wechatpay', gateway: 'nihaopay', method: 'showqrcode', reference, transactionId: booked.id, vendorTransactionId: row.vendorTransactionId, time: row.gatewayTime, training: true },
    });
    expect(states.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1])).toEqual(['awaitingScan', 'processing', 'showingQr', 'approved']);
    expect(showRequests()).toHaveLength(1);
    expect(lookups(reference).length).toBeGreaterThanOrEqual(1);
    expect(checkout.watchedShowQr()).toEqual([]);
    expect(paidAfterAll).toEqual([]);
  });

  it('declines a payment that fails (…82) as GATEWAY_DECLINED', async () => {
    const reference = await showCode(1282);
    await until(() => expect(phase()).toBe('declined'));
    expect(checkout.state()).toMatchObject({ phase: 'declined', attempt: { reference, amount: 1282 }, error: { code: 'GATEWAY_DECLINED' } });
    expect(journal.get(reference)).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_DECLINED' });
    expect(checkout.watchedShowQr()).toEqual([]);
    // Another wallet for the same amount is the cashier's choice, as after a declined scan.
    expect(checkout.retryScan()).toMatchObject({ ok: true, value: { phase: 'awaitingScan', sale: { amount: 1282 } } });
  });

  it('declines a code that expires unpaid (…83, look-ups say closed) as SHOW_QR_EXPIRED', async () => {
    const reference = await showCode(1283);
    await until(() => expect(phase()).toBe('declined'));
    expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'SHOW_QR_EXPIRED' } });
    expect(journal.get(reference)).toMatchObject({ state: 'failure', errorCode: 'SHOW_QR_EXPIRED' });
    expect((await events(reference)).at(-1)).toEqual({ state: 'failure', detail: 'lookup: closed (expired unpaid)' });
    expect(sandbox.transactions.byReference(reference)!.status).toBe('closed');
    expect(showRequests()).toHaveLength(1);
  });

  it('takes the code off the display at its expiry by our clock, and declines it once the gateway confirms it closed', async () => {
    showQrConfig = { ...showQrConfig, timeoutMinutes: 1 };
    const reference = await showCode(1200);
    expect(sandbox.transactions.byReference(reference)!.shownQr!.timeoutMinutes).toBe(1);
    ourOffset = 61_000;
    await until(() => expect(checkout.state()).toMatchObject({ phase: 'checking', reason: 'pending', attempt: { reference } }));
    // The gateway still says pending (its clock is behind ours): nothing is decided yet.
    await sleep(100);
    expect(phase()).toBe('checking');
    expect(journal.get(reference)!.state).toBe('pending');
    sandboxOffset = 61_000;
    await until(() => expect(phase()).toBe('declined'));
    expect(checkout.state()).toMatchObject({ error: { code: 'SHOW_QR_EXPIRED' } });
    expect(journal.get(reference)).toMatchObject({ state: 'failure', errorCode: 'SHOW_QR_EXPIRED' });
  });

  it('needs attention when the gateway still calls a code pending well after its expiry', async () => {
    checkout.close();
    checkout = open({ timing: { graceAfterExpiryMs: 1_000 } });
    showQrConfig = { ...showQrConfig, timeoutMinutes: 1 };
    const reference = await showCode(1200);
    ourOffset = 62_000;
    await until(() => expect(phase()).toBe('needsAttention'));
    expect(checkout.state()).toMatchObject({ error: { code: 'GATEWAY_INDETERMINATE' }, attempt: { reference } });
    expect(journal.get(reference)!.state).toBe('needs_attention');
    expect(checkout.watchedShowQr()).toEqual([]);
  });

  it('stops waiting: the display goes idle, the stop is audited, the code stays watched, and a late payment is reported once without disturbing the next sale', async () => {
    const first = await showCode(1200);
    const stopped = checkout.stopWaitingForQr();
    expect(stopped).toEqual({ ok: true, value: { phase: 'idle' } });
    expect(journal.auditLog(5)[0]).toMatchObject({ action: 'showQr.stopWaiting', outcome: 'ok', detail: first });
    expect(journal.get(first)!.state).toBe('pending');
    expect((await events(first)).at(-1)).toEqual({ state: 'pending', detail: 'cashier stopped waiting; watched until it expires' });
    expect(checkout.watchedShowQr()).toEqual([first]);
    const before = lookups(first).length;
    await until(() => expect(lookups(first).length).toBeGreaterThan(before + 1));

    // The cashier goes on: a new show-QR sale is on the display when the first code is paid after all.
    const second = await showCode(1234, 'unionpay');
    expect(checkout.watchedShowQr()).toEqual([first, second]);
    const statesBefore = states.length;
    expect(sandbox.payShownQr(first).status).toBe(200);
    await until(() => expect(paidAfterAll).toHaveLength(1));
    expect(paidAfterAll[0]).toMatchObject({ reference: first, state: 'success', amount: 1200, transactionId: sandbox.transactions.byReference(first)!.id });
    expect(journal.get(first)!.state).toBe('success');
    // The second sale's screen is untouched, and its code is still watched.
    expect(checkout.state()).toMatchObject({ phase: 'showingQr', attempt: { reference: second } });
    expect(states.slice(statesBefore).every((s) => s.phase === 'showingQr' && s.attempt.reference === second)).toBe(true);
    expect(checkout.watchedShowQr()).toEqual([second]);
    // Once: the watch of the first code is over.
    await sleep(150);
    expect(paidAfterAll).toHaveLength(1);
  });

  it('after stop waiting, a code that expires unpaid ends its watch quietly', async () => {
    const reference = await showCode(1283);
    checkout.stopWaitingForQr();
    expect(checkout.startSale(999)).toMatchObject({ ok: true });
    await until(() => expect(journal.get(reference)).toMatchObject({ state: 'failure', errorCode: 'SHOW_QR_EXPIRED' }));
    await until(() => expect(checkout.watchedShowQr()).toEqual([]));
    expect(checkout.state()).toEqual({ phase: 'awaitingScan', sale: { amount: 999, currency: 'USD' } });
    expect(paidAfterAll).toEqual([]);
  });

  it('refuses to stop waiting when no code is shown', async () => {
    expect(checkout.stopWaitingForQr()).toEqual({ ok: false, error: { code: 'NO_SALE_IN_PROGRESS' } });
    checkout.startSale(1200);
    expect(checkout.stopWaitingForQr()).toEqual({ ok: false, error: { code: 'NO_SALE_IN_PROGRESS' } });
    expect(journal.auditLog(5)).toEqual([]);
  });

  it.each<[string, number, SandboxFault | null, { phase: string; error?: string; journal: string; journalError?: string; watched: boolean }]>([
    ['a reply dropped after the gateway made a code that is then paid', 1281, { action: { kind: 'dropAfterCommit' } }, { phase: 'approved', journal: 'success', watched: false }],
    ['a reply dropped after the gateway made a code', 1200, { action: { kind: 'dropAfterCommit' } }, { phase: 'declined', error: 'SHOW_QR_NOT_SHOWN', journal: 'pending', watched: true }],
    ['a gateway timeout (500/96) whose code exists anyway', 1296, null, { phase: 'declined', error: 'SHOW_QR_NOT_SHOWN', journal: 'pending', watched: true }],
    ['a connection dropped before anything was made', 1200, { action: { kind: 'dropBeforeCommit' } }, { phase: 'declined', error: 'SHOW_QR_NOT_SHOWN', journal: 'failure', journalError: 'GATEWAY_NOT_FOUND', watched: false }],
    ['a vendor error (500/98) with nothing made', 1298, null, { phase: 'declined', error: 'SHOW_QR_NOT_SHOWN', journal: 'failure', journalError: 'GATEWAY_NOT_FOUND', watched: false }],
    ['a reply that is not JSON', 1200, { action: { kind: 'invalidJson' } }, { phase: 'declined', error: 'SHOW_QR_NOT_SHOWN', journal: 'failure', journalError: 'GATEWAY_NOT_FOUND', watched: false }],
  ])('resolves %s by looking the same reference up, never by sending showqrcode again', async (_name, amount, fault, expected) => {
    if (fault) sandbox.setFault({ ...fault, method: 'POST', pathPrefix: '/v1.2/transactions/showqrcode' });
    checkout.startSale(amount);
    const started = checkout.startShowQr('alipay');
    const reference = started.ok ? referenceOf(started.value) : '';
    await checkout.idle();
    expect(checkout.state().phase).toBe(expected.phase);
    if (expected.error) expect(checkout.state()).toMatchObject({ error: { code: expected.error } });
    expect(journal.get(reference)).toMatchObject({ state: expected.journal, ...(expected.journalError ? { errorCode: expected.journalError } : {}) });
    expect((await events(reference)).map((e) => e.state)).toContain('unknown');
    expect(showRequests()).toHaveLength(1);
    expect(showRequests(reference)).toHaveLength(1);
    expect(lookups(reference).length).toBeGreaterThanOrEqual(1);
    expect(checkout.watchedShowQr()).toEqual(expected.watched ? [reference] : []);
    // Still exactly one request after the background watch has had time to run.
    await sleep(100);
    expect(showRequests()).toHaveLength(1);
  });

  it('resolves a client-side timeout by look-up: the gateway made the code after our deadline', async () => {
    checkout.close();
    checkout = open({ deadlineMs: 200 });
    sandbox.setFault({ latencyMs: 400, method: 'POST', pathPrefix: '/v1.2/transactions/showqrcode', action: { kind: 'mutateReply', set: {} } });
    checkout.startSale(1200);
    const started = checkout.startShowQr('alipay');
    const reference = started.ok ? referenceOf(started.value) : '';
    await until(() => expect(checkout.state()).toMatchObject({ phase: 'checking', reason: 'unknown' }));
    await checkout.idle();
    expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'SHOW_QR_NOT_SHOWN' } });
    expect(journal.get(reference)!.state).toBe('pending');
    expect(showRequests(reference)).toHaveLength(1);
    expect(showRequests()).toHaveLength(1);
    // The code nobody saw is still watched: if it is paid after all, the cashier hears of it.
    expect(sandbox.payShownQr(reference).status).toBe(200);
    await until(() => expect(paidAfterAll.map((r) => r.reference)).toEqual([reference]));
  });

  it('refuses without an ipn_url before journaling anything', async () => {
    showQrConfig = { ...showQrConfig, ipnUrl: undefined };
    checkout.startSale(1281);
    expect(checkout.startShowQr('alipay')).toEqual({ ok: false, error: { code: 'SHOW_QR_NEEDS_IPN_URL' } });
    await checkout.idle();
    expect(journal.recent(10)).toEqual([]);
    expect(sandbox.requests).toEqual([]);
    expect(checkout.state()).toEqual({ phase: 'awaitingScan', sale: { amount: 1281, currency: 'USD' } });
  });

  it('refuses a show-QR sale with no amount taken, or while one is running', async () => {
    expect(checkout.startShowQr('alipay')).toEqual({ ok: false, error: { code: 'NO_SALE_IN_PROGRESS' } });
    await showCode(1200);
    expect(checkout.startShowQr('alipay')).toEqual({ ok: false, error: { code: 'SALE_IN_PROGRESS' } });
    expect(showRequests()).toHaveLength(1);
  });

  it.each<[string, SandboxFault, string, string]>([
    ['an invalid request (400/90)', { action: { kind: 'error', label: '90' } }, '90', 'GATEWAY_INVALID_REQUEST'],
    ['a declined request (402/72)', { action: { kind: 'error', label: '72' } }, '72', 'GATEWAY_DECLINED'],
    ['refused credentials (401/301)', { action: { kind: 'error', label: '301' } }, '301', 'GATEWAY_AUTHENTICATION'],
  ])('settles %s as not charged, without a single look-up', async (_name, fault, label, code) => {
    sandbox.setFault({ ...fault, method: 'POST', pathPrefix: '/v1.2/transactions/showqrcode' });
    checkout.startSale(1281);
    const started = checkout.startShowQr('alipay');
    const reference = started.ok ? referenceOf(started.value) : '';
    await checkout.idle();
    expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code, gateway: { label } } });
    expect(journal.get(reference)).toMatchObject({ state: 'failure', errorCode: code, errorLabel: label });
    await sleep(100);
    expect(lookups()).toEqual([]);
    expect(checkout.watchedShowQr()).toEqual([]);
  });

  it('settles a request the client refuses to send (timeout outside 1–1440) as not charged, with nothing sent', async () => {
    showQrConfig = { ...showQrConfig, timeoutMinutes: 1441 };
    checkout.startSale(1281);
    const started = checkout.startShowQr('alipay');
    const reference = started.ok ? referenceOf(started.value) : '';
    await checkout.idle();
    expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'GATEWAY_INVALID_REQUEST' } });
    expect(journal.get(reference)).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_INVALID_REQUEST' });
    await sleep(100);
    expect(sandbox.requests).toEqual([]);
  });

  it('a nudge (a verified IPN written to the journal) settles the sale at once, not at the next look-up', async () => {
    checkout.close();
    checkout = open({ timing: { showingLookupWithIpnMs: 10_000 } });
    showQrConfig = { ...showQrConfig, ipnReceiving: true };
    const reference = await showCode(1200);
    expect(sandbox.payShownQr(reference).status).toBe(200);
    const paid = sandbox.transactions.byReference(reference)!;
    // What the IPN receiver does with a verified notification (applyIpnToJournal).
    journal.update(reference, { state: 'success', transactionId: paid.id, vendorTransactionId: paid.vendorTransactionId ?? undefined, gatewayTime: paid.time, detail: 'ipn: success' });
    await sleep(150);
    // Without a nudge the watch sleeps on: look-ups are only the slow backstop when IPNs come.
    expect(phase()).toBe('showingQr');
    checkout.nudgeShowQr('SOMEOTHERREF1');
    await sleep(50);
    expect(phase()).toBe('showingQr');
    const nudgedAt = Date.now();
    checkout.nudgeShowQr(reference);
    await until(() => expect(phase()).toBe('approved'), 500);
    expect(Date.now() - nudgedAt).toBeLessThan(500);
    expect(checkout.state()).toMatchObject({ receipt: { reference, transactionId: paid.id, vendorTransactionId: paid.vendorTransactionId } });
    expect(lookups(reference)).toEqual([]);
    expect(checkout.watchedShowQr()).toEqual([]);
  });

  it('close() ends every watch and no look-up follows', async () => {
    const first = await showCode(1200);
    checkout.stopWaitingForQr();
    const second = await showCode(1201);
    expect(checkout.watchedShowQr()).toEqual([first, second]);
    checkout.close();
    await until(() => expect(checkout.watchedShowQr()).toEqual([]));
    const count = lookups().length;
    await sleep(150);
    expect(lookups()).toHaveLength(count);
  });

  it('looks a 5xx of any label up (500/84, merchant configuration) instead of taking it as certain: nothing was made, so not charged', async () => {
    sandbox.setFault({ action: { kind: 'error', label: '84' }, method: 'POST', pathPrefix: '/v1.2/transactions/showqrcode' });
    checkout.startSale(1281);
    const started = checkout.startShowQr('alipay');
    const reference = started.ok ? referenceOf(started.value) : '';
    await checkout.idle();
    expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'SHOW_QR_NOT_SHOWN' } });
    expect(journal.get(reference)).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_NOT_FOUND' });
    expect((await events(reference)).map((e) => e.state)).toContain('unknown');
    expect(lookups(reference).length).toBeGreaterThanOrEqual(1);
    expect(showRequests()).toHaveLength(1);
  });

  /** The real journal, whose updates throw SQLITE_FULL while `failing` says so. */
  function journalFailingOn(failing: (change: AttemptUpdate) => boolean, extra: Partial<Journal> = {}): Journal {
    return {
      ...journal,
      update: (reference, change) => {
        if (failing(change)) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        return journal.update(reference, change);
      },
      ...extra,
    };
  }

  describe('a journal write that fails after the insert', () => {
    it('the "sent" mark: refused like a failed insert, and showqrcode is not sent', async () => {
      checkout.close();
      checkout = open({ journal: journalFailingOn((change) => change.state === 'sent') });
      checkout.startSale(1281);
      expect(checkout.startShowQr('alipay')).toEqual({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE' } });
      await checkout.idle();
      expect(checkout.state()).toMatchObject({ phase: 'awaitingScan', refusal: { code: 'JOURNAL_UNAVAILABLE' } });
      expect(showRequests()).toEqual([]);
      expect(journal.recent(1)[0]).toMatchObject({ state: 'failure', errorCode: 'PAYMENT_NOT_SENT' });
    });

    it.each([
      ['the code shown (pending)', 1200, 'pending'],
      ['the customer paying it (success, found by the watch)', 1281, 'success'],
    ] as const)('%s: the sale needs attention instead of a screen that never ends, and the cashier can go on', async (_name, amount, failingState) => {
      checkout.close();
      checkout = open({ journal: journalFailingOn((change) => change.state === failingState) });
      checkout.startSale(amount);
      const started = checkout.startShowQr('alipay');
      const reference = started.ok ? referenceOf(started.value) : '';
      await until(() => expect(checkout.state()).toMatchObject({ phase: 'needsAttention', error: { code: 'JOURNAL_WRITE_FAILED' } }));
      expect(checkout.watchedShowQr()).toEqual([]);
      expect(sandbox.transactions.byReference(reference)).toBeDefined();
      expect(showRequests()).toHaveLength(1);
      expect(checkout.newSale()).toMatchObject({ ok: true, value: { phase: 'idle' } });
      expect(checkout.startSale(999)).toMatchObject({ ok: true });
    });

    it('stop waiting still leaves the screen when its journal line and audit cannot be written', async () => {
      checkout.close();
      // Only the history line of the stop and the audit fail; the sale itself journals normally.
      const failing = journalFailingOn((change) => change.detail === 'cashier stopped waiting; watched until it expires', {
        audit: () => {
          throw new Error('database or disk is full');
        },
      });
      checkout = open({ journal: failing });
      const reference = await showCode(1200);
      expect(checkout.stopWaitingForQr()).toEqual({ ok: true, value: { phase: 'idle' } });
      // The code is still watched: it can be paid until it expires.
      expect(checkout.watchedShowQr()).toEqual([reference]);
    });
  });

  it.each([[JOURNAL_FILE_NAME], [`${JOURNAL_FILE_NAME}-wal`]])('refuses a show-QR sale once %s is deleted under it, sending nothing', async (file) => {
    fs.rmSync(path.join(temp.dir, file));
    checkout.startSale(1281);
    expect(checkout.startShowQr('alipay')).toEqual({ ok: false, error: { code: 'JOURNAL_REPLACED' } });
    await checkout.idle();
    expect(showRequests()).toEqual([]);
    expect(sandbox.transactions.all()).toEqual([]);
  });

  it('passes a nudge about a code no watch holds on to the app (an IPN for a code from before a restart), and keeps a watched one to its watch', async () => {
    const reference = await showCode(1200);
    checkout.nudgeShowQr(reference);
    checkout.nudgeShowQr('LEFTOVERFROMBEFORE1');
    expect(unwatchedNews).toEqual(['LEFTOVERFROMBEFORE1']);
  });

  it('after a 429 on a look-up the watch looks the code up again only 15 s later (by its clock)', async () => {
    const refused: string[] = [];
    gatewayOverride = (real) => ({
      ...real,
      getTransactionByReference: (ref) =>
        real.getTransactionByReference(ref).catch((error: unknown) => {
          refused.push((error as { kind?: string }).kind ?? 'unknown');
          throw error;
        }),
    });
    const reference = await showCode(1200);
    sandbox.setFault({ action: { kind: 'error', label: '39' }, method: 'GET', pathPrefix: `/v1.2/transactions/merchant/${reference}` });
    await until(() => expect(refused).toEqual(['rate_limited']));
    const afterLimit = lookups(reference).length;
    // Looked up every 25 ms otherwise: a dozen would have gone out by now.
    await sleep(300);
    expect(lookups(reference)).toHaveLength(afterLimit);
    expect(phase()).toBe('showingQr');
    ourOffset += 15_000;
    await until(() => expect(lookups(reference).length).toBeGreaterThan(afterLimit));
  });

  it('after a 429 on showqrcode the first look-up waits out the limit (none within the usual first second)', async () => {
    sandbox.setFault({ action: { kind: 'error', label: '39' }, method: 'POST', pathPrefix: '/v1.2/transactions/showqrcode' });
    checkout.startSale(1200);
    const started = checkout.startShowQr('alipay');
    const reference = started.ok ? referenceOf(started.value) : '';
    await until(() => expect(checkout.state()).toMatchObject({ phase: 'checking', reason: 'unknown' }));
    // Without the 429 the first look-up goes out after 750 ms here (1 s less the jitter).
    await sleep(1_200);
    expect(lookups(reference)).toEqual([]);
    expect(journal.get(reference)).toMatchObject({ state: 'unknown', errorCode: 'GATEWAY_RATE_LIMITED', errorLabel: '39' });
    expect(showRequests()).toHaveLength(1);
  });
});
