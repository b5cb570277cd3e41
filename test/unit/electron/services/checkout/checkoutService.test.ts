import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CheckoutState } from '../../../../../shared/checkout/checkoutState';
import type { PaymentGateway } from '../../../../../shared/gateway/nihaopay/nihaopayTypes';
import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { createCheckoutService, maskPaymentCode, type CheckoutDeps, type CheckoutService } from '../../../../../electron/services/checkout/checkoutService';
import { recoverUnfinishedAttempts } from '../../../../../electron/services/checkout/paymentRecovery';
import { RATE_LIMITED_DELAY_MS } from '../../../../../electron/services/checkout/lookupSchedule';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { JOURNAL_FILE_NAME, openJournal, type AttemptUpdate, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import { makeTempDir } from '../../../../fixtures/tempDir';
import { startRewritingGateway } from '../../../../fixtures/rewritingGateway';

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

  it('takes a code typed by hand in groups or full-width digits, sending the plain digits; a scanner’s code is taken as sent', async () => {
    checkout.startSale(1234);
    expect(checkout.submitScan('２８８４ ６３６３ ９８８２ １０４２ ０２', 'manual')).toMatchObject({ ok: true });
    await checkout.idle();
    expect(checkout.state().phase).toBe('approved');
    expect(scans()[0]!.body).toMatchObject({ buyer_identity_code: alipay });
    expect(journal.recent(1)[0]).toMatchObject({ buyerCodeMasked: `${'*'.repeat(alipay.length - 4)}${alipay.slice(-4)}` });
    checkout.newSale();
    // A scanner never sends spaces: if one arrives, it is not a wallet's code.
    checkout.startSale(1234);
    expect(checkout.submitScan('2884 6363 9882 1042 02', 'wedge')).toEqual({ ok: false, error: { code: 'CODE_NOT_DIGITS' } });
    expect(scans()).toHaveLength(1);
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
  /** Another checkout on the same sandbox and clock, over `withJournal` (a wrapper of the real one) and any other deps. */
  function checkoutOver(withJournal: Journal, extra: Partial<CheckoutDeps> = {}): CheckoutService {
    const client = createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token, deadlineMs: 5_000 });
    return createCheckoutService({
      gateway: () => (gatewayOverride ? gatewayOverride(client) : client),
      journal: withJournal,
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
      ...extra,
    });
  }
  /** The real journal, whose updates throw SQLITE_FULL while `failing` says so: the disk filling up under a sale. */
  function journalFailingOn(failing: (change: AttemptUpdate) => boolean): Journal {
    return {
      ...journal,
      update: (reference, change) => {
        if (failing(change)) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        return journal.update(reference, change);
      },
    };
  }
  const successesAtGateway = () => sandbox.transactions.all().filter((t) => t.status === 'success');

  describe('a journal write that fails after the insert', () => {
    it('the "sent" mark: refused like a failed insert, nothing sent, and the cashier can go on', async () => {
      const service = checkoutOver(journalFailingOn((change) => change.state === 'sent'));
      service.startSale(1234);
      expect(service.submitScan(alipay, 'hid')).toEqual({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE' } });
      await service.idle();
      expect(service.state()).toMatchObject({ phase: 'awaitingScan', refusal: { code: 'JOURNAL_UNAVAILABLE' } });
      expect(scans()).toHaveLength(0);
      // Closed as never sent, so it is not left among the unresolved.
      expect(journal.recent(1)[0]).toMatchObject({ state: 'failure', errorCode: 'PAYMENT_NOT_SENT' });
      expect(service.cancelSale()).toMatchObject({ ok: true, value: { phase: 'idle' } });
      service.close();
    });

    it.each([
      ['the approval, after the gateway charged', 1234, null, 'success'],
      ['the unknown outcome of a 503/99 (the gateway booked it)', 1296, null, 'unknown'],
      ['a pending answer', 1261, null, 'pending'],
    ] as const)('%s: the sale needs attention, New sale works, and the recheck later finds it paid', async (_name, amount, _fault, failingState) => {
      let diskFull = true;
      const service = checkoutOver(journalFailingOn((change) => diskFull && change.state === failingState));
      service.startSale(amount);
      expect(service.submitScan(alipay, 'hid')).toMatchObject({ ok: true, value: { phase: 'processing' } });
      await service.idle();
      expect(service.state()).toMatchObject({ phase: 'needsAttention', error: { code: 'JOURNAL_WRITE_FAILED' } });
      const reference = journal.recent(1)[0]!.reference;
      expect(['sent', 'unknown', 'pending']).toContain(journal.get(reference)!.state);
      // The cashier is not stuck: a new sale can start at once.
      expect(service.newSale()).toMatchObject({ ok: true, value: { phase: 'idle' } });
      expect(service.startSale(999)).toMatchObject({ ok: true, value: { phase: 'awaitingScan' } });
      expect(scans()).toHaveLength(1);

      // Space again: the background recheck looks the reference up, as after a crash, and finds the charge
      // (the sandbox answers "pending" to the first two look-ups of a …61 sale, so it may take more than one round).
      diskFull = false;
      const recheck = () => {
        clock += 30_000;
        return recoverUnfinishedAttempts({ journal, gateway: createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token }), now: () => new Date(clock), log: createLogger(() => undefined, () => []), notFoundSettleMs: 10_000 });
      };
      let results = await recheck();
      for (let round = 0; round < 3 && results[0]?.result === 'unresolved'; round += 1) results = await recheck();
      expect(results).toMatchObject([{ reference, result: 'paid' }]);
      expect(journal.get(reference)!.state).toBe('success');
      expect(successesAtGateway().map((t) => t.reference)).toEqual([reference]);
      expect(scans()).toHaveLength(1);
      service.close();
    });
  });

  describe('a journal file deleted or replaced under the running app', () => {
    it.each([[JOURNAL_FILE_NAME], [`${JOURNAL_FILE_NAME}-wal`]])('after %s is deleted no sale is approved into the void: refused, nothing sent, nothing charged', async (file) => {
      await sell(1234);
      expect(checkout.state().phase).toBe('approved');
      fs.rmSync(path.join(temp.dir, file));
      for (const amount of [1235, 1236]) {
        expect(checkout.startSale(amount)).toMatchObject({ ok: true });
        expect(checkout.submitScan(alipay, 'hid')).toEqual({ ok: false, error: { code: 'JOURNAL_REPLACED' } });
        expect(checkout.state()).toMatchObject({ phase: 'awaitingScan', refusal: { code: 'JOURNAL_REPLACED' } });
        await checkout.idle();
        checkout.cancelSale();
      }
      expect(scans()).toHaveLength(1);
      expect(successesAtGateway()).toHaveLength(1);
      expect(sandbox.transactions.all()).toHaveLength(1);
    });

    it('a file deleted between the insert and the "sent" mark: the request is not sent', async () => {
      const service = checkoutOver(journal, {
        crashPoint: (point) => {
          if (point === 'afterJournalInsert') fs.rmSync(path.join(temp.dir, `${JOURNAL_FILE_NAME}-wal`));
        },
      });
      service.startSale(1234);
      expect(service.submitScan(alipay, 'hid')).toEqual({ ok: false, error: { code: 'JOURNAL_REPLACED' } });
      await service.idle();
      expect(scans()).toHaveLength(0);
      expect(sandbox.transactions.all()).toHaveLength(0);
      service.close();
    });
  });

  describe('gateway replies whose outcome is not certain', () => {
    it('after a 429 on the scan the first look-up waits at least 15 s', async () => {
      const sentAt: number[] = [];
      const lookedUpAt: number[] = [];
      gatewayOverride = (real) => ({
        ...real,
        scanQrCode: (request) => {
          sentAt.push(clock);
          return real.scanQrCode(request);
        },
        getTransactionByReference: (reference) => {
          lookedUpAt.push(clock);
          return real.getTransactionByReference(reference);
        },
      });
      sandbox.setFault({ action: { kind: 'error', label: '39' }, method: 'POST' });
      await sell(1234);
      expect(sentAt).toHaveLength(1);
      expect(lookedUpAt.length).toBeGreaterThanOrEqual(1);
      expect(lookedUpAt[0]! - sentAt[0]!).toBeGreaterThanOrEqual(RATE_LIMITED_DELAY_MS);
      // Nothing was booked behind the 429: not found three times over ≥ 10 s, so not charged.
      expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'GATEWAY_NOT_FOUND' } });
      expect(scans()).toHaveLength(1);
    });

    it.each([
      ['502 with label 81 (merchant configuration, by the list)', 502, '81'],
      ['500 with label 83 (code expired, by the list)', 500, '83'],
      ['500 with label 92 (field required, by the list)', 500, '92'],
      ['404 with a label the list does not have', 404, 'X4'],
      ['404 with label 61 (transaction not found)', 404, '61'],
      ['402 with a label the list does not have', 402, 'X7'],
      ['400 with a label the list does not have', 400, 'X0'],
      ['402 with label 90 (a label the list gives another status)', 402, '90'],
    ] as const)('a %s after the gateway charged is looked up and approved, never shown declined', async (_name, status, label) => {
      const rewriting = await startRewritingGateway(sandbox.url, (method, requestPath) =>
        method === 'POST' && requestPath === '/v1.2/transactions/scanqrcode' ? { status, body: { code: status, label, message: 'rewritten' } } : undefined,
      );
      const client = createNihaoPayClient({ baseUrl: rewriting.url, token: sandbox.token, deadlineMs: 5_000 });
      gatewayOverride = () => client;
      try {
        await sell(1234);
        expect(checkout.state()).toMatchObject({ phase: 'approved' });
        const reference = journal.recent(1)[0]!.reference;
        expect(journal.get(reference)).toMatchObject({ state: 'success', transactionId: sandbox.transactions.byReference(reference)!.id });
        expect(lookups().length).toBeGreaterThanOrEqual(1);
        expect(scans()).toHaveLength(1);
      } finally {
        await rewriting.close();
      }
    });

    it('a documented decline (402/11) is still settled at once, without a look-up', async () => {
      await sell(1251);
      expect(checkout.state()).toMatchObject({ phase: 'declined', error: { code: 'GATEWAY_DECLINED', gateway: { label: '11' } } });
      expect(lookups()).toHaveLength(0);
    });
  });

  describe('on a full disk (a 1 MiB tmpfs)', () => {
    let mountPoint: string | undefined;
    let unavailable = '';
    beforeAll(() => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpay-full-disk-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
        mountPoint = dir;
      } catch (error) {
        unavailable = `cannot mount a tmpfs here (${String((error as Error).message).split('\n')[0]}); the injected write failures above cover the same paths`;
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
    afterAll(() => {
      if (!mountPoint) return;
      execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
      fs.rmSync(mountPoint, { recursive: true, force: true });
    });

    /** Takes every free block of the tmpfs; returns how to give them back. */
    function fillDisk(dir: string): () => void {
      const filler = path.join(dir, 'filler');
      const fd = fs.openSync(filler, 'a');
      for (const size of [64 * 1024, 4096, 512, 1]) {
        const chunk = Buffer.alloc(size, 0x78);
        try {
          for (;;) fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        }
      }
      fs.closeSync(fd);
      return () => fs.rmSync(filler);
    }

    it('a disk that fills during a sale ends it as needing attention; a full disk refuses the next; with space again the recheck finds the charge', async (ctx) => {
      if (!mountPoint) return ctx.skip(unavailable);
      const dir = fs.mkdtempSync(path.join(mountPoint, 'data-'));
      const onDisk = openJournal(dir, () => new Date(clock));
      let free: (() => void) | undefined;
      const service = checkoutOver(onDisk, {
        crashPoint: (point) => {
          if (point === 'afterReply' && !free) free = fillDisk(mountPoint!);
        },
      });
      try {
        service.startSale(1234);
        expect(service.submitScan(alipay, 'hid')).toMatchObject({ ok: true });
        await service.idle();
        expect(service.state()).toMatchObject({ phase: 'needsAttention', error: { code: 'JOURNAL_WRITE_FAILED' } });
        const reference = onDisk.recent(1)[0]!.reference;
        expect(onDisk.get(reference)!.state).toBe('sent');
        expect(successesAtGateway().map((t) => t.reference)).toEqual([reference]);

        // Still full: the next sale cannot be journaled, so it is not sent.
        expect(service.newSale()).toMatchObject({ ok: true });
        service.startSale(999);
        expect(service.submitScan(alipay, 'hid')).toEqual({ ok: false, error: { code: 'JOURNAL_UNAVAILABLE' } });
        expect(scans()).toHaveLength(1);

        free!();
        clock += 60_000;
        const results = await recoverUnfinishedAttempts({ journal: onDisk, gateway: createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token }), now: () => new Date(clock), log: createLogger(() => undefined, () => []), notFoundSettleMs: 10_000 });
        expect(results.find((r) => r.reference === reference)).toMatchObject({ result: 'paid' });
        expect(onDisk.get(reference)!.state).toBe('success');
        expect(onDisk.integrityCheck()).toBe('ok');
      } finally {
        service.close();
        onDisk.close();
      }
    });
  });
});
