import crypto from 'node:crypto';
import type { SandboxFault } from '../../../../../electron/sandbox/nihaopay/sandboxFaults';
import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { createCheckoutService } from '../../../../../electron/services/checkout/checkoutService';
import { recoverUnfinishedAttempts } from '../../../../../electron/services/checkout/paymentRecovery';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { openJournal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { createRefundService } from '../../../../../electron/services/refunds/refundService';
import { startSandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * A randomized soak: many sales through the real client and the sandbox over HTTP, with
 * faults injected at random — drops after commit, 5xx, 429, latency, replies that never
 * end, broken replies — then refunds of about half of the paid ones under the same faults.
 * At the end the journal and the sandbox must agree exactly, sales and refunds.
 * (The OnlinePay side, card sales and payouts, is onlinePaySoak.test.ts.)
 * CI runs SOAK_SALES=200 (the default); `npm run soak` runs 1,000.
 */
const SALES = Number(process.env.SOAK_SALES ?? 200);

function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AMOUNT_ENDINGS = [34, 34, 34, 34, 7, 51, 52, 53, 61, 62, 96, 98] as const;
const FAULTS: ReadonlyArray<SandboxFault | null> = [
  null,
  null,
  null,
  { action: { kind: 'dropAfterCommit' }, method: 'POST' },
  { action: { kind: 'dropBeforeCommit' }, method: 'POST' },
  { action: { kind: 'error', label: '99', status: 503 }, method: 'POST' },
  { action: { kind: 'error', label: '97' } },
  { action: { kind: 'error', label: '39' }, method: 'GET' },
  { action: { kind: 'neverEnds' }, method: 'POST' },
  { action: { kind: 'invalidJson' } },
  { action: { kind: 'htmlPage' }, method: 'GET' },
  { latencyMs: 40 },
];

describe(`soak: ${SALES} sales with random faults`, () => {
  it('ends with the journal and the gateway in exact agreement', async () => {
    const random = seeded(20261122);
    const sandbox = await startSandbox({ token: 'soak-token-0123456789abcdef', port: 0, pendingLookups: 2 });
    const temp = makeTempDir();
    let clock = Date.parse('2026-11-22T09:00:00Z');
    const now = () => new Date(clock);
    const journal = openJournal(temp.dir, now);
    const log = createLogger(() => undefined, () => []);
    // A short deadline so "never ends" costs little; production uses 30 s.
    const client = createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token, deadlineMs: 250, connectTimeoutMs: 250 });
    const checkout = createCheckoutService({
      gateway: () => client,
      journal,
      config: () => ({ currency: 'USD', maxAmount: 1_000_000, terminalName: 'SOAK', environment: 'training', training: true, pendingDeadlineMs: 30_000 }),
      clientIp: () => '192.0.2.7',
      randomBytes: (n) => crypto.randomBytes(n),
      random,
      now,
      sleep: async (ms) => {
        clock += ms;
      },
      onChange: () => undefined,
      log,
    });
    const counts: Record<string, number> = {};
    const codes = Object.values(SAMPLE_PAYMENT_CODES);
    try {
      for (let i = 0; i < SALES; i++) {
        const ending = AMOUNT_ENDINGS[Math.floor(random() * AMOUNT_ENDINGS.length)]!;
        const amount = (1 + Math.floor(random() * 200)) * 100 + ending;
        const fault = FAULTS[Math.floor(random() * FAULTS.length)] ?? null;
        sandbox.setFault(fault ? { ...fault, times: 1 } : null);
        expect(checkout.startSale(amount)).toMatchObject({ ok: true });
        checkout.submitScan(codes[i % codes.length]!, 'hid');
        await checkout.idle();
        const phase = checkout.state().phase;
        counts[phase] = (counts[phase] ?? 0) + 1;
        checkout.newSale();
        clock += 5_000;
      }
      sandbox.setFault(null);
      // Whatever still needs attention is settled the way the app does it: by look-up.
      clock += 60_000;
      for (let round = 0; round < 5 && journal.unfinished().length > 0; round++) {
        await recoverUnfinishedAttempts({ journal, gateway: client, now, log, notFoundSettleMs: 10_000 });
      }

      // Refunds of about half the paid sales, part or all, under faults; an unknown outcome is settled by the refund query.
      const refunds = createRefundService({
        journal,
        gateway: () => client,
        config: () => ({ terminalName: 'SOAK', environment: 'training', training: true }),
        randomBytes: (n) => crypto.randomBytes(n),
        now,
        sleep: async (ms) => {
          clock += ms;
        },
        log,
        notFoundSettleMs: 10_000,
      });
      for (const sale of journal.recent(SALES + 10).filter((row) => row.kind === 'sale' && row.state === 'success')) {
        if (random() < 0.5) continue;
        const fault = FAULTS[Math.floor(random() * FAULTS.length)] ?? null;
        sandbox.setFault(fault ? { ...fault, times: 1 } : null);
        const amount = random() < 0.3 ? sale.amount : 1 + Math.floor(random() * (sale.amount - 1));
        const result = await refunds.refund({ transactionId: sale.transactionId!, amount, currency: 'USD', reason: 'soak' });
        const key = result.ok ? `refund ${result.value.state}` : `refund refused ${result.error.code}`;
        counts[key] = (counts[key] ?? 0) + 1;
        clock += 5_000;
      }
      sandbox.setFault(null);
      await refunds.idle();
      clock += 60_000;
      for (let round = 0; round < 5 && journal.unfinished().length > 0; round++) {
        await recoverUnfinishedAttempts({ journal, gateway: client, now, log, notFoundSettleMs: 10_000 });
      }

      const allRows = journal.recent(10 * SALES);
      const refundRows = allRows.filter((row) => row.kind === 'refund');
      const rows = allRows.filter((row) => row.kind === 'sale');
      const ledger = sandbox.transactions.all();
      const paidAtGateway = new Map(ledger.filter((t) => t.status === 'success').map((t) => [t.reference, t]));
      const paidInJournal = rows.filter((r) => r.state === 'success');
      const scanRequests = sandbox.requests.filter((r) => r.path.endsWith('/scanqrcode'));
      const sentPerReference = new Map<string, number>();
      for (const r of scanRequests) sentPerReference.set(r.body.reference ?? '', (sentPerReference.get(r.body.reference ?? '') ?? 0) + 1);

      console.table({ sales: SALES, ...counts, journalRows: rows.length, refundRows: refundRows.length, paidInJournal: paidInJournal.length, paidAtGateway: paidAtGateway.size, unfinished: journal.unfinished().length, lookups: sandbox.requests.length - scanRequests.length });

      expect(rows).toHaveLength(SALES);
      expect(journal.unfinished()).toEqual([]);
      expect(Math.max(...sentPerReference.values())).toBe(1); // no reference was ever sent twice
      expect(paidInJournal.map((r) => r.reference).sort()).toEqual([...paidAtGateway.keys()].sort()); // exact agreement
      for (const row of paidInJournal) {
        const booked = paidAtGateway.get(row.reference)!;
        expect({ id: row.transactionId, amount: row.amount, currency: row.currency }).toEqual({ id: booked.id, amount: booked.amount, currency: booked.currency });
      }
      // Refunds: every refund the gateway made is journaled as done under its id and amount, and nothing else is.
      const refundedAtGateway = ledger.flatMap((t) => (t.refunds ?? []).map((r) => ({ id: r.id, amount: r.amount, sale: t.id })));
      const doneRefunds = refundRows.filter((r) => r.state === 'success');
      expect(doneRefunds.map((r) => ({ id: r.transactionId, amount: r.amount, sale: r.parentTransactionId })).sort((a, b) => a.id!.localeCompare(b.id!))).toEqual(
        refundedAtGateway.sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(refundRows.length).toBeGreaterThan(0);
      expect(doneRefunds.length).toBeGreaterThan(0);
      // No sale was refunded more than it took.
      for (const sale of ledger) expect((sale.refunds ?? []).reduce((sum, r) => sum + r.amount, 0)).toBeLessThanOrEqual(sale.amount);
      expect(journal.integrityCheck()).toBe('ok');
    } finally {
      checkout.close();
      journal.close();
      await sandbox.close();
      temp.cleanup();
    }
  }, 300_000);
});
