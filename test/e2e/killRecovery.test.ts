import Database from 'better-sqlite3';
import path from 'node:path';
import { CODE_CRASH_POINTS, CRASH_POINTS, PAYOUT_CRASH_POINTS, REFUND_CRASH_POINTS, type CodeCrashPoint, type CrashPoint, type PayoutCrashPoint, type RefundCrashPoint } from '../../electron/services/checkout/crashPoints';
import { startOnlinePaySandbox, type OnlinePaySandbox } from '../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import { JOURNAL_FILE_NAME } from '../../electron/services/journal/journal';
import { startSandbox, type Sandbox } from '../../electron/sandbox/nihaopay/sandboxServer';
import { SAMPLE_PAYMENT_CODES } from '../../shared/payments/vendors';
import { makeTempDir } from '../fixtures/tempDir';
import { spawnPos } from './fixtures/childPos';

/**
 * Kill tests: the real app process is stopped with SIGKILL at each point of a sale where
 * a crash could lose or double a payment, for each kind of gateway outcome. After a
 * restart (start-up recovery) the journal must hold every payment the gateway took,
 * the gateway must have been charged at most once, and SQLite must be intact.
 */
const OUTCOMES = {
  success: 1234,
  decline: 1251,
  pending: 1261,
  timeout: 1296, // 500/96, yet booked as paid
} as const;
type Outcome = keyof typeof OUTCOMES;
type KillPoint = CrashPoint | 'duringRequest';
/** How long the sandbox holds a scan when the kill comes while the request is out. */
const GATEWAY_LATENCY_MS = 1_000;
const KILL_POINTS: readonly KillPoint[] = [...CRASH_POINTS.slice(0, 3), 'duringRequest', ...CRASH_POINTS.slice(3)];

describe('kill tests: SIGKILL at every point of a sale, then restart', () => {
  let sandbox: Sandbox;
  const figures: Array<Record<string, string | number>> = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ token: 'kill-test-token-0123456789abcdef', port: 0 });
  });
  afterAll(async () => {
    console.table(figures);
    await sandbox.close();
  });

  const cases = KILL_POINTS.flatMap((point) => (Object.keys(OUTCOMES) as Outcome[]).map((outcome) => [point, outcome] as const));

  it.each(cases)('killed at %s with a %s outcome: nothing lost, nothing doubled', async (point, outcome) => {
    sandbox.reset();
    const temp = makeTempDir('counterpay-kill-');
    const env = { POS_GATEWAY: 'custom', POS_GATEWAY_URL: sandbox.url, POS_NIHAOPAY_TOKEN: sandbox.token, POS_DATA_DIR: '' };
    try {
      // First run: dies at the point.
      const crashEnv = point === 'duringRequest' ? {} : { POS_TEST_CRASH_AT: point };
      if (point === 'duringRequest') sandbox.setFault({ latencyMs: GATEWAY_LATENCY_MS, method: 'POST', pathPrefix: '/v1.2/transactions/scanqrcode' });
      const first = await spawnPos(temp.dir, { ...env, ...crashEnv });
      await first.waitFor((s) => !s.attention.recovering);
      expect(await first.call('startSale', { amount: OUTCOMES[outcome] })).toMatchObject({ ok: true });
      void first.call('submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' });
      if (point === 'duringRequest') {
        await waitUntil(() => sandbox.requests.some((r) => r.path.endsWith('/scanqrcode')));
        first.process.kill('SIGKILL');
        // The gateway goes on and books it while the till restarts.
        await delay(GATEWAY_LATENCY_MS + 200);
      }
      // Either the crash point killed it, or this outcome never reaches that point and the sale settles.
      const settled = first.waitFor((s) => ['approved', 'declined', 'needsAttention'].includes(s.checkout.phase), 15_000).catch(() => undefined);
      const died = await Promise.race([first.exited.then(() => true), settled.then(() => false)]);
      if (!died) first.process.kill('SIGKILL');
      await first.exited;

      // Second run: start-up recovery settles what the first left behind.
      const second = await spawnPos(temp.dir, env);
      const after = await second.waitFor((s) => !s.attention.recovering);
      await second.stop();

      const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME), { readonly: true });
      const rows = db.prepare('SELECT reference, state, transaction_id FROM attempts').all() as Array<{ reference: string; state: string; transaction_id: string | null }>;
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();

      const charges = sandbox.requests.filter((r) => r.path.endsWith('/scanqrcode'));
      const paidAtGateway = sandbox.transactions.all().filter((t) => t.status === 'success');
      const journaledPaid = new Set(rows.filter((r) => r.state === 'success').map((r) => r.reference));
      const missing = paidAtGateway.filter((t) => !journaledPaid.has(t.reference));
      figures.push({ point, outcome, died: String(died), rows: rows.length, states: rows.map((r) => r.state).join(','), charges: charges.length, paidAtGateway: paidAtGateway.length, missing: missing.length });

      expect(integrity).toBe('ok');
      expect(missing).toEqual([]); // 0 successful payments missing from the journal
      expect(charges.length).toBeLessThanOrEqual(1); // never sent twice
      expect(paidAtGateway.length).toBeLessThanOrEqual(1); // never charged twice
      if (point === 'beforeJournalInsert') expect({ rows: rows.length, charges: charges.length }).toEqual({ rows: 0, charges: 0 });
      else expect(rows).toHaveLength(1);
      // Whatever is still open is shown to the cashier, never silently dropped.
      const open = rows.filter((r) => r.state !== 'success' && r.state !== 'failure').map((r) => r.reference);
      expect(after.attention.unresolved.map((a) => a.reference).sort()).toEqual(open.sort());
      for (const row of rows.filter((r) => r.state === 'success')) {
        expect(row.transaction_id).toBe(sandbox.transactions.byReference(row.reference)?.id);
      }
    } finally {
      sandbox.setFault(null);
      temp.cleanup();
    }
  });
});

/**
 * The same for refunds: a sale is taken, then its refund is killed at each point. A refund
 * has no reference the gateway knows, so the restarted app can only learn what happened
 * from the sale's refund query; whatever it finds, the customer must be paid back at most
 * once, and every refund the gateway made must be in the journal.
 */
const REFUND_OUTCOMES = {
  refunded: null,
  // 500/99 and nothing done: the refund query must not find a refund that never happened.
  systemError: { action: { kind: 'error', label: '99' } },
} as const;
type RefundOutcome = keyof typeof REFUND_OUTCOMES;
type RefundKillPoint = RefundCrashPoint | 'duringRefundRequest';
const REFUND_KILL_POINTS: readonly RefundKillPoint[] = [...REFUND_CRASH_POINTS.slice(0, 2), 'duringRefundRequest', ...REFUND_CRASH_POINTS.slice(2)];

describe('kill tests: SIGKILL at every point of a refund, then restart', () => {
  let sandbox: Sandbox;
  const figures: Array<Record<string, string | number>> = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ token: 'kill-test-token-0123456789abcdef', port: 0 });
  });
  afterAll(async () => {
    console.table(figures);
    await sandbox.close();
  });

  const cases = REFUND_KILL_POINTS.flatMap((point) => (Object.keys(REFUND_OUTCOMES) as RefundOutcome[]).map((outcome) => [point, outcome] as const));

  it.each(cases)('refund killed at %s with a %s outcome: refunded at most once, nothing lost', async (point, outcome) => {
    sandbox.reset();
    const temp = makeTempDir('counterpay-kill-refund-');
    const env = { POS_GATEWAY: 'custom', POS_GATEWAY_URL: sandbox.url, POS_NIHAOPAY_TOKEN: sandbox.token, POS_DATA_DIR: '' };
    try {
      const crashEnv = point === 'duringRefundRequest' ? {} : { POS_TEST_CRASH_AT: point };
      const first = await spawnPos(temp.dir, { ...env, ...crashEnv });
      await first.waitFor((s) => !s.attention.recovering);
      // The sale, untouched by the refund's crash point.
      expect(await first.call('startSale', { amount: 5000 })).toMatchObject({ ok: true });
      await first.call('submitScan', { code: SAMPLE_PAYMENT_CODES.wechatpay, source: 'manual' });
      await first.waitFor((s) => s.checkout.phase === 'approved');
      const sale = sandbox.transactions.all()[0]!;

      const refundPath = `/v1.2/transactions/${sale.id}/refund`;
      const fault = REFUND_OUTCOMES[outcome];
      if (point === 'duringRefundRequest') sandbox.setFault({ ...(fault ?? {}), latencyMs: GATEWAY_LATENCY_MS, method: 'POST', pathPrefix: refundPath });
      else if (fault) sandbox.setFault({ ...fault, method: 'POST', pathPrefix: refundPath });
      const refunding = first.call('refund', { transactionId: sale.id, amount: 1500, currency: 'USD', reason: 'kill test' });
      if (point === 'duringRefundRequest') {
        await waitUntil(() => sandbox.requests.some((r) => r.path === refundPath));
        first.process.kill('SIGKILL');
        await delay(GATEWAY_LATENCY_MS + 200); // the gateway goes on and does it while the till restarts
      }
      // Either the crash point killed it, or this outcome never reaches that point and the refund settles.
      // (A kill also ends the call, through the closed socket: the exit is given a moment to show.)
      await Promise.race([first.exited, refunding]);
      const died = await Promise.race([first.exited.then(() => true), delay(500).then(() => false)]);
      if (!died) first.process.kill('SIGKILL');
      await first.exited;
      sandbox.setFault(null);
      // Every crash point a refund passes through does kill it; only a refund the gateway refused never gets a reply to crash after.
      expect(died).toBe(!(point === 'refundAfterReply' && outcome === 'systemError'));

      const second = await spawnPos(temp.dir, env);
      const after = await second.waitFor((s) => !s.attention.recovering);
      await second.stop();

      const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME), { readonly: true });
      const rows = db.prepare(`SELECT reference, state, transaction_id, amount FROM attempts WHERE kind = 'refund'`).all() as Array<{ reference: string; state: string; transaction_id: string | null; amount: number }>;
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();

      const refundPosts = sandbox.requests.filter((r) => r.method === 'POST' && r.path === refundPath);
      const atGateway = sandbox.transactions.byId(sale.id)?.refunds ?? [];
      const journaled = new Set(rows.filter((r) => r.state === 'success').map((r) => r.transaction_id));
      const missing = atGateway.filter((r) => !journaled.has(r.id));
      figures.push({ point, outcome, died: String(died), rows: rows.length, states: rows.map((r) => r.state).join(','), refundPosts: refundPosts.length, refundedAtGateway: atGateway.length, missing: missing.length });

      expect(integrity).toBe('ok');
      expect(atGateway.length).toBeLessThanOrEqual(1); // 0 duplicate refunds at the gateway
      expect(refundPosts.length).toBeLessThanOrEqual(1); // never sent twice, not even by recovery
      expect(missing).toEqual([]); // every refund the gateway made is journaled as done
      expect(rows).toHaveLength(1);
      // A refund journaled as done was done, with the gateway's refund id.
      for (const row of rows.filter((r) => r.state === 'success')) expect(atGateway.map((r) => r.id)).toContain(row.transaction_id);
      if (outcome === 'systemError' && point !== 'duringRefundRequest') expect(atGateway).toEqual([]);
      const open = rows.filter((r) => r.state !== 'success' && r.state !== 'failure').map((r) => r.reference);
      expect(after.attention.unresolved.map((a) => a.reference).sort()).toEqual(open.sort());
    } finally {
      sandbox.setFault(null);
      temp.cleanup();
    }
  });
});

/**
 * The same for an OnlinePay card sale (the hosted page's QR): killed before the create call
 * (journaled, then marked sent), while it is at the gateway, and after its reply but before
 * the journal has it. The customer may pay on their phone while the till is down, or not.
 * After the restart the journal must hold the one payment OnlinePay has for the order
 * number (paid when it was paid), OnlinePay must have been asked to create it at most once,
 * and SQLite must be intact.
 */
type CodeKillPoint = CodeCrashPoint | 'duringCreate';
const CODE_KILL_POINTS: readonly CodeKillPoint[] = [...CODE_CRASH_POINTS.slice(0, 2), 'duringCreate', ...CODE_CRASH_POINTS.slice(2)];
const CUSTOMER = ['pays', 'walksAway'] as const;

describe('kill tests: SIGKILL at every point of an OnlinePay card sale, then restart', () => {
  let sandbox: OnlinePaySandbox;
  const figures: Array<Record<string, string | number>> = [];
  beforeAll(async () => {
    sandbox = await startOnlinePaySandbox({ privateKey: 'kill-test-onlinepay-key-0123456789', port: 0 });
  });
  afterAll(async () => {
    console.table(figures);
    await sandbox.close();
  });

  const cases = CODE_KILL_POINTS.flatMap((point) => CUSTOMER.map((customer) => [point, customer] as const));

  it.each(cases)('killed at %s, the customer %s: nothing lost, nothing doubled', async (point, customer) => {
    sandbox.reset();
    const temp = makeTempDir('counterpay-kill-onlinepay-');
    // NihaoPay trains (built-in sandbox); OnlinePay is this test's sandbox, as a custom gateway.
    const env = { POS_ONLINEPAY: 'custom', POS_ONLINEPAY_URL: sandbox.url, POS_ONLINEPAY_KEY: sandbox.privateKey, POS_DATA_DIR: '' };
    const creates = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payments');
    try {
      const crashEnv = point === 'duringCreate' ? {} : { POS_TEST_CRASH_AT: point };
      if (point === 'duringCreate') sandbox.setFault({ latencyMs: GATEWAY_LATENCY_MS, method: 'POST', pathPrefix: '/api/v1/payments' });
      const first = await spawnPos(temp.dir, { ...env, ...crashEnv });
      await first.waitFor((s) => !s.attention.recovering);
      expect(await first.call('startSale', { amount: 4321 })).toMatchObject({ ok: true });
      void first.call('startHostedPayment', {});
      if (point === 'duringCreate') {
        await waitUntil(() => creates().length > 0);
        first.process.kill('SIGKILL');
        await delay(GATEWAY_LATENCY_MS + 200); // OnlinePay goes on and creates it while the till restarts
      }
      const died = await Promise.race([first.exited.then(() => true), delay(5_000).then(() => false)]);
      if (!died) first.process.kill('SIGKILL');
      await first.exited;
      sandbox.setFault(null);
      expect(died).toBe(true);

      // While the till is down, the customer may still pay the page they were shown (or could have been).
      const created = sandbox.payments();
      if (customer === 'pays') for (const payment of created) sandbox.payByCard(payment.token, { pan: '4111111111111111', threeDS: 'success' });

      const second = await spawnPos(temp.dir, env);
      const after = await second.waitFor((s) => !s.attention.recovering);
      await second.stop();

      const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME), { readonly: true });
      const rows = db.prepare(`SELECT reference, gateway, method, state, transaction_id FROM attempts`).all() as Array<{ reference: string; gateway: string; method: string; state: string; transaction_id: string | null }>;
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();

      const paidAtGateway = sandbox.payments().filter((p) => p.status === 'approved');
      const journaledPaid = new Set(rows.filter((r) => r.state === 'success').map((r) => r.reference));
      const missing = paidAtGateway.filter((p) => !journaledPaid.has(p.orderNumber ?? ''));
      figures.push({ point, customer, rows: rows.length, states: rows.map((r) => r.state).join(','), creates: creates().length, atGateway: sandbox.payments().length, paid: paidAtGateway.length, missing: missing.length });

      expect(integrity).toBe('ok');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ gateway: 'onlinepay', method: 'hostedqr' });
      expect(creates().length).toBeLessThanOrEqual(1); // never created twice, not even by recovery
      expect(sandbox.payments().length).toBeLessThanOrEqual(1);
      expect(missing).toEqual([]); // a payment OnlinePay took is in the journal as paid
      if (point === 'codeAfterJournalInsert') expect({ state: rows[0]!.state, creates: creates().length }).toEqual({ state: 'failure', creates: 0 });
      if (point === 'codeAfterReply' || point === 'duringCreate') {
        // It exists at OnlinePay: found by its order number, paid or still open, with OnlinePay's token.
        expect(rows[0]!.transaction_id).toBe(sandbox.payments()[0]!.token);
        expect(rows[0]!.state).toBe(customer === 'pays' ? 'success' : 'needs_attention');
      }
      const open = rows.filter((r) => r.state !== 'success' && r.state !== 'failure').map((r) => r.reference);
      expect(after.attention.unresolved.map((a) => a.reference).sort()).toEqual(open.sort());
    } finally {
      sandbox.setFault(null);
      temp.cleanup();
    }
  });
});

/**
 * The same for the refund of an OnlinePay sale, which is a payout (here to a bank account):
 * killed after it is journaled, after it is marked sent, while OnlinePay has it, and after
 * OnlinePay's reply but before the journal has it; for a payout OnlinePay approves at once,
 * one it declines and one left pending (the sandbox's amounts ending 51 and 61). After the
 * restart the payout must be found by its order number, never sent again: OnlinePay has
 * made at most one, and an approved one is in the journal as done.
 */
type PayoutKillPoint = PayoutCrashPoint | 'duringPayout';
const PAYOUT_KILL_POINTS: readonly PayoutKillPoint[] = [...PAYOUT_CRASH_POINTS.slice(0, 2), 'duringPayout', ...PAYOUT_CRASH_POINTS.slice(2)];
const PAYOUT_OUTCOMES = { approved: 1500, declined: 1551, pending: 1561 } as const;
const BANK_PAYOUT = {
  bankAccount: { accountHolder: 'Li Wei', accountNumber: '6222020200112233445', bankCode: 'ICBC' },
  billing: { state: '11', city: '1000', countryCode: 'CN' },
} as const;

describe('kill tests: SIGKILL at every point of an OnlinePay payout (refund), then restart', () => {
  let sandbox: OnlinePaySandbox;
  const figures: Array<Record<string, string | number>> = [];
  beforeAll(async () => {
    sandbox = await startOnlinePaySandbox({ privateKey: 'kill-test-payout-key-0123456789', port: 0 });
  });
  afterAll(async () => {
    console.table(figures);
    await sandbox.close();
  });

  const cases = PAYOUT_KILL_POINTS.flatMap((point) => (Object.keys(PAYOUT_OUTCOMES) as Array<keyof typeof PAYOUT_OUTCOMES>).map((outcome) => [point, outcome] as const));

  it.each(cases)('payout killed at %s, %s at OnlinePay: paid out at most once, nothing lost', async (point, outcome) => {
    sandbox.reset();
    const temp = makeTempDir('counterpay-kill-payout-');
    const env = { POS_ONLINEPAY: 'custom', POS_ONLINEPAY_URL: sandbox.url, POS_ONLINEPAY_KEY: sandbox.privateKey, POS_DATA_DIR: '' };
    const payoutPosts = () => sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/payouts');
    const payouts = () => sandbox.payments().filter((p) => p.operationType === 'payout');
    try {
      const crashEnv = point === 'duringPayout' ? {} : { POS_TEST_CRASH_AT: point };
      const first = await spawnPos(temp.dir, { ...env, ...crashEnv });
      await first.waitFor((s) => !s.attention.recovering);
      // The sale, paid by card on the page (untouched by the payout's crash point).
      expect(await first.call('startSale', { amount: 5000 })).toMatchObject({ ok: true });
      void first.call('startHostedPayment', {});
      const showing = await first.waitFor((s) => s.checkout.phase === 'showingQr');
      if (showing.checkout.phase !== 'showingQr') throw new Error('not showing');
      const token = showing.checkout.qr.transactionId;
      sandbox.payByCard(token, { pan: '4111111111111111', threeDS: 'success' });
      await first.waitFor((s) => s.checkout.phase === 'approved');

      if (point === 'duringPayout') sandbox.setFault({ latencyMs: GATEWAY_LATENCY_MS, method: 'POST', pathPrefix: '/api/v1/payouts' });
      const paying = first.call('refund', { transactionId: token, amount: PAYOUT_OUTCOMES[outcome], currency: 'USD', reason: 'kill test', bankPayout: BANK_PAYOUT });
      if (point === 'duringPayout') {
        await waitUntil(() => payoutPosts().length > 0);
        first.process.kill('SIGKILL');
        await delay(GATEWAY_LATENCY_MS + 200); // OnlinePay goes on and pays out while the till restarts
      }
      await Promise.race([first.exited, paying]);
      const died = await Promise.race([first.exited.then(() => true), delay(500).then(() => false)]);
      if (!died) first.process.kill('SIGKILL');
      await first.exited;
      sandbox.setFault(null);
      expect(died).toBe(true);

      const second = await spawnPos(temp.dir, env);
      const after = await second.waitFor((s) => !s.attention.recovering);
      await second.stop();

      const db = new Database(path.join(temp.dir, JOURNAL_FILE_NAME), { readonly: true });
      const rows = db.prepare(`SELECT reference, gateway, method, state, transaction_id, amount FROM attempts WHERE kind = 'refund'`).all() as Array<{ reference: string; gateway: string; method: string; state: string; transaction_id: string | null; amount: number }>;
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();

      const approved = payouts().filter((p) => p.status === 'approved');
      const journaledDone = new Set(rows.filter((r) => r.state === 'success').map((r) => r.reference));
      const missing = approved.filter((p) => !journaledDone.has(p.orderNumber ?? ''));
      figures.push({ point, outcome, rows: rows.length, states: rows.map((r) => r.state).join(','), payoutPosts: payoutPosts().length, atGateway: payouts().length, approved: approved.length, missing: missing.length });

      expect(integrity).toBe('ok');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ gateway: 'onlinepay', method: 'payout', amount: PAYOUT_OUTCOMES[outcome] });
      expect(payoutPosts().length).toBeLessThanOrEqual(1); // never sent twice, not even by recovery
      expect(payouts().length).toBeLessThanOrEqual(1); // 0 duplicate payouts at OnlinePay
      expect(missing).toEqual([]); // a payout OnlinePay made is journaled as done
      if (point === 'payoutAfterJournalInsert') expect({ state: rows[0]!.state, posts: payoutPosts().length }).toEqual({ state: 'failure', posts: 0 });
      if (point === 'payoutAfterReply' || point === 'duringPayout') {
        // It exists at OnlinePay: found by its order number, with OnlinePay's token, as OnlinePay has it.
        expect(rows[0]!.transaction_id).toBe(payouts()[0]!.token);
        expect(rows[0]!.state).toBe({ approved: 'success', declined: 'failure', pending: 'needs_attention' }[outcome]);
      }
      const open = rows.filter((r) => r.state !== 'success' && r.state !== 'failure').map((r) => r.reference);
      expect(after.attention.unresolved.map((a) => a.reference).sort()).toEqual(open.sort());
    } finally {
      sandbox.setFault(null);
      temp.cleanup();
    }
  });
});

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await delay(10);
  }
}
