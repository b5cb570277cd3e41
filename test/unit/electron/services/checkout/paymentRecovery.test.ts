import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { recoverUnfinishedAttempts } from '../../../../../electron/services/checkout/paymentRecovery';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { openJournal, type Journal, type NewAttempt } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';
import { makeTempDir } from '../../../../fixtures/tempDir';

describe('start-up recovery of unfinished payments', () => {
  let sandbox: Sandbox;
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let clock: number;
  const log = createLogger(() => undefined, () => []);
  const client = () => createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token, deadlineMs: 3_000 });

  beforeAll(async () => {
    sandbox = await startSandbox({ token: 'recovery-test-token-0123456789', port: 0, pendingLookups: 1_000 });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    temp = makeTempDir();
    clock = Date.parse('2026-11-22T10:00:00Z');
    journal = openJournal(temp.dir, () => new Date(clock));
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  const attempt = (reference: string, amount: number): NewAttempt => ({ reference, kind: 'sale', method: 'scanqrcode', amount, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
  /** A row left in `state` by a crash, optionally with the gateway having booked it. */
  async function leftBehind(reference: string, amount: number, state: 'created' | 'sent' | 'unknown' | 'pending', bookedAtGateway: boolean) {
    journal.insert(attempt(reference, amount));
    if (state !== 'created') journal.update(reference, { state: 'sent' });
    if (state === 'unknown' || state === 'pending') journal.update(reference, { state });
    if (bookedAtGateway) {
      await client()
        .scanQrCode({ amount, currency: 'USD', vendor: 'alipay', reference, buyerIdentityCode: SAMPLE_PAYMENT_CODES.alipay, clientIp: '192.0.2.1' })
        .catch(() => undefined);
    }
  }

  it('settles each kind of leftover by looking it up, and never sends anything again', async () => {
    await leftBehind('NEVERSENT', 1234, 'created', false);
    await leftBehind('PAIDBEFORECRASH', 1234, 'sent', true);
    await leftBehind('DECLINEDBEFORECRASH', 1251, 'sent', true);
    await leftBehind('LOSTINFLIGHT', 1234, 'unknown', false);
    await leftBehind('STILLPENDING', 1261, 'pending', true);
    const scansBefore = sandbox.requests.filter((r) => r.path.endsWith('/scanqrcode')).length;
    clock += 60_000; // the app restarts a minute later

    const results = await recoverUnfinishedAttempts({ journal, gateway: client(), now: () => new Date(clock), log, notFoundSettleMs: 10_000 });

    const byRef = Object.fromEntries(results.map((r) => [r.reference, r.result]));
    expect(byRef).toEqual({
      NEVERSENT: 'notCharged',
      PAIDBEFORECRASH: 'paid',
      DECLINEDBEFORECRASH: 'notCharged',
      LOSTINFLIGHT: 'notCharged',
      STILLPENDING: 'unresolved',
    });
    expect(journal.get('NEVERSENT')).toMatchObject({ state: 'failure', errorCode: 'PAYMENT_NOT_SENT' });
    expect(journal.get('PAIDBEFORECRASH')).toMatchObject({ state: 'success', transactionId: sandbox.transactions.byReference('PAIDBEFORECRASH')?.id });
    expect(journal.get('LOSTINFLIGHT')).toMatchObject({ state: 'failure', errorCode: 'GATEWAY_NOT_FOUND' });
    expect(journal.get('STILLPENDING')?.state).toBe('needs_attention');
    expect(sandbox.requests.filter((r) => r.path.endsWith('/scanqrcode'))).toHaveLength(scansBefore);
    expect(journal.unfinished().map((r) => r.reference)).toEqual(['STILLPENDING']);
  });

  it('does not call a fresh reference "not charged" just because the gateway has not seen it yet', async () => {
    await leftBehind('JUSTSENT', 1234, 'sent', false);
    clock += 2_000;
    const [result] = await recoverUnfinishedAttempts({ journal, gateway: client(), now: () => new Date(clock), log, notFoundSettleMs: 10_000 });
    expect(result).toMatchObject({ reference: 'JUSTSENT', result: 'unresolved' });
    expect(journal.get('JUSTSENT')?.state).toBe('needs_attention');
  });

  it('leaves everything unresolved, and nothing lost, when the gateway cannot be reached', async () => {
    await leftBehind('OFFLINE1', 1234, 'sent', true);
    const down = createNihaoPayClient({ baseUrl: 'http://127.0.0.1:9', token: sandbox.token, connectTimeoutMs: 500, deadlineMs: 1_000 });
    clock += 60_000;
    const results = await recoverUnfinishedAttempts({ journal, gateway: down, now: () => new Date(clock), log, notFoundSettleMs: 10_000 });
    expect(results).toMatchObject([{ reference: 'OFFLINE1', result: 'unresolved' }]);
    // Once the gateway answers again, the next check finds it paid.
    const later = await recoverUnfinishedAttempts({ journal, gateway: client(), now: () => new Date(clock), log, notFoundSettleMs: 10_000 });
    expect(later).toMatchObject([{ reference: 'OFFLINE1', result: 'paid' }]);
  });

  it('skips the attempt the checkout is settling itself', async () => {
    await leftBehind('ACTIVE', 1234, 'sent', false);
    const results = await recoverUnfinishedAttempts({ journal, gateway: client(), now: () => new Date(clock), log, notFoundSettleMs: 0, skip: (r) => r === 'ACTIVE' });
    expect(results).toEqual([]);
    expect(journal.get('ACTIVE')?.state).toBe('sent');
  });
});
