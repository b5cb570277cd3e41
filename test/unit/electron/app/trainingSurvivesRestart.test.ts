import fs from 'node:fs';
import path from 'node:path';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { TRAINING_STATE_FILES } from '../../../../electron/app/dataFolder';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { SAMPLE_PAYMENT_CODES } from '../../../../shared/payments/vendors';
import type { CallResult } from '../../../../shared/errors/posErrors';
import type { RefundOutcome } from '../../../../shared/refunds/refundTypes';
import { makeTempDir } from '../../../fixtures/tempDir';

/**
 * Training that survives a restart: the built-in sandboxes keep their books in the data
 * folder, so a training sale taken before a restart can be refunded after it, by either
 * gateway, and the files never mix with the journal.
 */
describe('training across a restart', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: PosApp | undefined;
  const open = async () => {
    app = await createPosApp({ dataDir: temp.dir, env: {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined });
    await vi.waitFor(() => expect(app!.snapshot().attention.recovering).toBe(false));
    return app;
  };
  beforeEach(() => {
    temp = makeTempDir();
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), JSON.stringify({ setupComplete: true }));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    temp.cleanup();
  });

  it('refunds a NihaoPay training sale and pays out an OnlinePay one after the app restarted', async () => {
    let pos = await open();
    // A NihaoPay scan sale.
    expect(await pos.call('startSale', { amount: 2500 })).toMatchObject({ ok: true });
    await pos.call('submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' });
    await vi.waitFor(() => expect(pos.snapshot().checkout.phase).toBe('approved'), { timeout: 5_000 });
    const nihaoSale = pos.journal.recent(1)[0]!;
    await pos.call('newSale', {});
    // An OnlinePay card sale, paid on the sandbox's page.
    expect(await pos.call('startSale', { amount: 4000 })).toMatchObject({ ok: true });
    await pos.call('startHostedPayment', {});
    await vi.waitFor(() => expect(pos.snapshot().checkout.phase).toBe('showingQr'), { timeout: 5_000 });
    const shown = pos.snapshot().checkout;
    if (shown.phase !== 'showingQr') throw new Error('not showing');
    pos.onlinePaySandbox!.payByCard(shown.qr.transactionId, { pan: '4111111111111111', threeDS: 'success' });
    await vi.waitFor(() => expect(pos.snapshot().checkout.phase).toBe('approved'), { timeout: 5_000 });
    const cardSale = pos.journal.recent(1)[0]!;
    await pos.close();
    app = undefined;

    // Their books are in the data folder, apart from the journal.
    for (const file of Object.values(TRAINING_STATE_FILES)) expect(fs.existsSync(path.join(temp.dir, file))).toBe(true);

    pos = await open();
    expect(pos.sandbox!.transactions.byId(nihaoSale.transactionId!)).toMatchObject({ reference: nihaoSale.reference, status: 'success', amount: 2500 });
    const refunded = (await pos.call('refund', { transactionId: nihaoSale.transactionId!, amount: 1000, currency: 'USD', reason: 'after restart' })) as CallResult<RefundOutcome>;
    expect(refunded).toMatchObject({ ok: true, value: { state: 'success', balance: { remaining: 1500 } } });

    expect(pos.onlinePaySandbox!.payment(cardSale.transactionId!)).toMatchObject({ orderNumber: cardSale.reference, status: 'approved' });
    const paidOut = (await pos.call('refund', {
      transactionId: cardSale.transactionId!,
      amount: 4000,
      currency: 'USD',
      reason: 'after restart',
      bankPayout: { bankAccount: { accountHolder: 'Li Wei', accountNumber: '6222020200112233445', bankCode: 'ICBC' }, billing: { state: '11', city: '1000', countryCode: 'CN' } },
    })) as CallResult<RefundOutcome>;
    // The balance the sale credited before the restart is still there to pay it back from.
    expect(paidOut).toMatchObject({ ok: true, value: { state: 'success', balance: { remaining: 0 } } });
    expect(pos.onlinePaySandbox!.balance('USD').available).toBe(0);
  }, 30_000);

  it('sets an unreadable sandbox file aside and starts training with empty books', async () => {
    fs.writeFileSync(path.join(temp.dir, TRAINING_STATE_FILES.nihaopay), '{"version":1,"counter":');
    const pos = await open();
    expect(pos.sandbox!.transactions.all()).toEqual([]);
    const names = fs.readdirSync(temp.dir);
    expect(names.some((name) => name.startsWith(`${TRAINING_STATE_FILES.nihaopay}.unreadable-`))).toBe(true);
    // And training works on the new books.
    expect(await pos.call('startSale', { amount: 1234 })).toMatchObject({ ok: true });
    await pos.call('submitScan', { code: SAMPLE_PAYMENT_CODES.wechatpay, source: 'manual' });
    await vi.waitFor(() => expect(pos.snapshot().checkout.phase).toBe('approved'), { timeout: 5_000 });
  });
});
