import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCheckoutService } from '../../../../../electron/services/checkout/checkoutService';
import type { ShowQrTiming } from '../../../../../electron/services/checkout/showQrSale';
import { recoverUnfinishedAttempts } from '../../../../../electron/services/checkout/paymentRecovery';
import { createOnlinePayClient } from '../../../../../electron/services/gateway/onlinepay/onlinePayClient';
import { createOnlinePayPort } from '../../../../../electron/services/gateway/onlinepay/onlinePayPort';
import { openJournal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { createPayoutService } from '../../../../../electron/services/refunds/payoutService';
import type { OnlinePayFault } from '../../../../../electron/sandbox/onlinepay/onlinePayFaults';
import { startOnlinePaySandbox } from '../../../../../electron/sandbox/onlinepay/onlinePaySandboxServer';
import type { NihaoPayApi } from '../../../../../shared/gateway/nihaopay/nihaopayApi';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * The OnlinePay side of the soak: card sales on the hosted page and their refunds by
 * payout, through the real client and the OnlinePay sandbox over HTTP, with faults at
 * random on every request (drops before and after commit, 5xx, broken replies, replies
 * that never end, latency) and customers who pay by card, by wallet, fail 3-D Secure or
 * walk away. At the end the journal and OnlinePay must agree exactly: every payment and
 * payout OnlinePay approved is in the journal as done with its token and amount, nothing
 * else is, no order number was sent twice, and the balance moved by exactly that much.
 * CI runs SOAK_ONLINEPAY_SALES=60 (the default).
 */
const SALES = Number(process.env.SOAK_ONLINEPAY_SALES ?? 60);
const FAST: ShowQrTiming = { showingLookupMs: 10, showingLookupWithIpnMs: 10, backgroundLookupMs: 10, graceAfterExpiryMs: 60_000, hostedGraceAfterExpiryMs: 60_000 };
const SEEDED_BALANCE = 50_000;

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

const FAULTS: ReadonlyArray<OnlinePayFault | null> = [
  null,
  null,
  null,
  { action: { kind: 'dropAfterCommit' }, method: 'POST' },
  { action: { kind: 'dropBeforeCommit' }, method: 'POST' },
  { action: { kind: 'error', status: 500 }, method: 'POST' },
  { action: { kind: 'error', status: 503 }, method: 'GET' },
  { action: { kind: 'invalidJson' } },
  { action: { kind: 'htmlPage' }, method: 'GET' },
  { action: { kind: 'neverEnds' }, method: 'POST' },
  { latencyMs: 40 },
];
const CUSTOMERS = ['card', 'card', 'card', 'wallet', 'threeDSFails', 'walksAway'] as const;
/** The sandbox's payout outcomes by the amount's last two digits: …51 declined, …61 pending. */
const PAYOUT_ENDINGS = [0, 0, 0, 51, 61] as const;
const BANK = { bankAccount: { accountHolder: 'Li Wei', accountNumber: '6222020200112233445', bankCode: 'ICBC' as const }, billing: { state: '44', city: '5810', countryCode: 'CN' } };

describe(`soak: ${SALES} OnlinePay card sales and their payouts with random faults`, () => {
  it('ends with the journal and OnlinePay in exact agreement, payments and payouts', async () => {
    const random = seeded(20261203);
    const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const sandbox = await startOnlinePaySandbox({ privateKey: 'soak-onlinepay-key-0123456789', port: 0, balances: { USD: SEEDED_BALANCE } });
    const temp = makeTempDir();
    const journal = openJournal(temp.dir);
    const log = createLogger(() => undefined, () => []);
    // A short deadline so "never ends" costs little; production uses 30 s.
    const client = createOnlinePayClient({ baseUrl: sandbox.url, privateKey: sandbox.privateKey, deadlineMs: 250, connectTimeoutMs: 250 });
    const noNihaoPay = () => {
      throw new Error('an OnlinePay sale never reaches NihaoPay');
    };
    const checkout = createCheckoutService({
      gateway: noNihaoPay as unknown as () => NihaoPayApi,
      journal,
      config: () => ({ currency: 'USD', maxAmount: 1_000_000, terminalName: 'SOAK', environment: 'training', training: true, pendingDeadlineMs: 30_000 }),
      clientIp: () => '192.0.2.7',
      randomBytes: (n) => crypto.randomBytes(n),
      random,
      now: () => new Date(),
      sleep: (ms) => sleep(Math.min(ms, 20)),
      onChange: () => undefined,
      log,
      notFoundChecks: 1,
      notFoundSettleMs: 0,
      showQr: {
        gateway: noNihaoPay as unknown as () => NihaoPayApi,
        onlinePay: () => client,
        config: () => ({ ipnUrl: undefined, ipnReceiving: false, timeoutMinutes: 5, hosted: { environment: 'training', timeoutMinutes: 10, locale: 'en' } }),
        onPaidAfterAll: () => undefined,
        timing: FAST,
      },
    });
    const payouts = createPayoutService({
      journal,
      client: () => client,
      config: () => ({ terminalName: 'SOAK', environment: 'training', training: true }),
      randomBytes: (n) => crypto.randomBytes(n),
      now: () => new Date(),
      sleep: (ms) => sleep(Math.min(ms, 5)),
      log,
      lookupDelaysMs: [0, 5, 10],
      notFoundSettleMs: 0,
    });
    const counts: Record<string, number> = {};
    const count = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
    const settledPhase = async (done: (phase: string) => boolean) => {
      for (let i = 0; i < 2_000 && !done(checkout.state().phase); i++) await sleep(2);
      return checkout.state().phase;
    };
    const walkedAway: string[] = [];
    // The sandbox keeps the last 1,000 requests; the watch's look-ups are many, so every POST is collected as it comes.
    // (The list hands out copies: a POST is known by its time, path and body.)
    const posts = new Map<string, (typeof sandbox.requests)[number]>();
    const collectPosts = () => {
      for (const request of sandbox.requests) if (request.method === 'POST') posts.set(`${request.time} ${request.path} ${request.body}`, request);
    };
    try {
      for (let i = 0; i < SALES; i++) {
        const amount = (1 + Math.floor(random() * 200)) * 100 + Math.floor(random() * 50);
        const fault = pick(FAULTS);
        sandbox.setFault(fault ? { ...fault, times: 1 } : null);
        expect(checkout.startSale(amount)).toMatchObject({ ok: true });
        checkout.startHostedPayment();
        const shown = await settledPhase((phase) => phase !== 'processing');
        if (shown === 'showingQr') {
          const state = checkout.state();
          if (state.phase !== 'showingQr') throw new Error('not showing');
          const token = state.qr.transactionId;
          // A fault on the watch's look-ups too, now and then.
          sandbox.setFault(random() < 0.3 ? { ...pick(FAULTS.filter((f) => f !== null)), times: 1, method: 'GET' } : null);
          const customer = pick(CUSTOMERS);
          count(`customer ${customer}`);
          if (customer === 'card') sandbox.payByCard(token, { pan: '4111111111111111', threeDS: 'success' });
          else if (customer === 'wallet') sandbox.payByWallet(token, { phone: `+86138${String(i).padStart(8, '0')}` });
          else if (customer === 'threeDSFails') sandbox.payByCard(token, { pan: '4111111111111111', threeDS: 'fail' });
          else {
            checkout.stopWaitingForQr();
            walkedAway.push(token);
          }
        }
        const phase = await settledPhase((p) => p === 'approved' || p === 'declined' || p === 'idle' || p === 'attention');
        count(`sale ${phase}`);
        if (phase !== 'idle' && !checkout.newSale().ok) checkout.cancelSale();
        collectPosts();
      }
      sandbox.setFault(null);
      // Some who walked away pay after all, some never do.
      for (const token of walkedAway) if (random() < 0.5) sandbox.payByCard(token, { pan: '5555555555554444', threeDS: 'success' });
      checkout.close();
      await checkout.idle();
      const ports = (name: string) => (name === 'onlinepay' ? createOnlinePayPort(client) : undefined);
      for (let round = 0; round < 5 && journal.unfinished().length > 0; round++) {
        await recoverUnfinishedAttempts({ journal, gateway: undefined, ports, payouts: () => client, now: () => new Date(), log, notFoundSettleMs: 0 });
      }

      // Refunds of about half the paid sales, by payout, under faults: wallet sales to their wallet, card sales to a bank.
      const paidSales = journal.recent(SALES + 10).filter((row) => row.kind === 'sale' && row.state === 'success');
      for (const sale of paidSales) {
        if (random() < 0.5) continue;
        const walletToken = sandbox.payment(sale.transactionId!)?.walletToken;
        // What the notification receiver would have kept (it is tested on its own).
        if (walletToken) journal.keepWalletToken(sale.reference, walletToken);
        const amount = Math.max(100, Math.floor((sale.amount * (0.2 + random() * 0.8)) / 100) * 100 + pick(PAYOUT_ENDINGS)) ;
        const fault = pick(FAULTS);
        sandbox.setFault(fault ? { ...fault, times: 1, pathPrefix: fault.method === 'GET' ? '/api/v1/payments' : '/api/v1/payouts' } : null);
        const result = await payouts.refund({ transactionId: sale.transactionId!, amount: Math.min(amount, sale.amount), currency: 'USD', reason: 'soak', ...(walletToken ? {} : { bankPayout: BANK }) });
        count(result.ok ? `payout ${result.value.state}` : `payout refused ${result.error.code}`);
        collectPosts();
      }
      sandbox.setFault(null);
      await payouts.idle();
      // The payout network answers the pending ones; the recheck finds out by order number.
      for (const payout of sandbox.payments().filter((p) => p.operationType === 'payout' && p.status === 'pending')) sandbox.settlePayout(payout.token, random() < 0.5 ? 'approved' : 'declined');
      for (let round = 0; round < 5 && journal.unfinished().length > 0; round++) {
        await recoverUnfinishedAttempts({ journal, gateway: undefined, ports, payouts: () => client, now: () => new Date(), log, notFoundSettleMs: 0 });
      }

      collectPosts();
      const rows = journal.recent(10 * SALES);
      const operations = sandbox.payments();
      const approvedPays = new Map(operations.filter((p) => p.operationType === 'pay' && p.status === 'approved').map((p) => [p.orderNumber!, p]));
      const approvedPayouts = new Map(operations.filter((p) => p.operationType === 'payout' && p.status === 'approved').map((p) => [p.orderNumber!, p]));
      const doneSales = rows.filter((r) => r.kind === 'sale' && r.state === 'success');
      const donePayouts = rows.filter((r) => r.kind === 'refund' && r.state === 'success');
      const postsPerOrder = new Map<string, number>();
      for (const request of posts.values()) {
        const orderNumber = String((JSON.parse(request.body) as { orderNumber?: unknown }).orderNumber);
        postsPerOrder.set(`${request.path} ${orderNumber}`, (postsPerOrder.get(`${request.path} ${orderNumber}`) ?? 0) + 1);
      }
      const paidIn = [...approvedPays.values()].reduce((sum, p) => sum + p.amount, 0);
      const paidOut = operations.filter((p) => p.operationType === 'payout' && (p.status === 'approved' || p.status === 'pending')).reduce((sum, p) => sum + p.amount, 0);

      console.table({ sales: SALES, ...counts, journalRows: rows.length, salesDone: doneSales.length, paysApproved: approvedPays.size, payoutsDone: donePayouts.length, payoutsApproved: approvedPayouts.size, unfinished: journal.unfinished().length, requests: sandbox.requests.length });

      // OnlinePay never closes a payment: one nobody paid stays open there, and so it stays on the
      // recheck's list here (needs attention), never called paid or not charged. Nothing else is left.
      const open = new Set(operations.filter((p) => p.operationType === 'pay' && (p.status === 'init' || p.status === 'pending')).map((p) => p.orderNumber!));
      for (const row of journal.unfinished()) expect({ reference: row.reference, kind: row.kind, openAtOnlinePay: open.has(row.reference) }).toEqual({ reference: row.reference, kind: 'sale', openAtOnlinePay: true });
      expect([...postsPerOrder].filter(([, n]) => n > 1)).toEqual([]); // no order number was ever sent twice
      expect(doneSales.map((r) => r.reference).sort()).toEqual([...approvedPays.keys()].sort()); // exact agreement, sales
      for (const row of doneSales) expect({ token: row.transactionId, amount: row.amount }).toEqual({ token: approvedPays.get(row.reference)!.token, amount: approvedPays.get(row.reference)!.amount });
      expect(donePayouts.map((r) => r.reference).sort()).toEqual([...approvedPayouts.keys()].sort()); // exact agreement, payouts
      for (const row of donePayouts) expect({ token: row.transactionId, amount: row.amount }).toEqual({ token: approvedPayouts.get(row.reference)!.token, amount: approvedPayouts.get(row.reference)!.amount });
      // No sale was paid back more than it took.
      for (const sale of doneSales) expect(journal.refundsOf(sale.transactionId!).filter((r) => r.state === 'success').reduce((sum, r) => sum + r.amount, 0)).toBeLessThanOrEqual(sale.amount);
      expect(sandbox.balance('USD').available).toBe(SEEDED_BALANCE + paidIn - paidOut);
      expect(approvedPays.size).toBeGreaterThan(SALES / 3);
      expect(approvedPayouts.size).toBeGreaterThan(0);
      expect(journal.integrityCheck()).toBe('ok');
    } finally {
      checkout.close();
      journal.close();
      await sandbox.close();
      temp.cleanup();
    }
  }, 300_000);
});
