import fs from 'node:fs';
import path from 'node:path';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import type { AccountBalances, GatewayReading, WithdrawalLine, WithdrawalMovement } from '../../../../shared/bridge/accountContract';
import type { CallResult } from '../../../../shared/errors/posErrors';
import { SAMPLE_PAYMENT_CODES } from '../../../../shared/payments/vendors';
import { makeTempDir } from '../../../fixtures/tempDir';

const PIN = '1357';
const DAY_MS = 86_400_000;

/**
 * The Account calls in the composed app against the training sandboxes: a sale is pending on
 * its day, settles into the balance when the sandbox's day ends, and a withdrawal takes it,
 * its detail naming the sale; OnlinePay answers for each currency it takes.
 */
describe('the Account calls in the composed app', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let app: PosApp | undefined;
  let offset = 0;

  beforeEach(() => {
    temp = makeTempDir();
    offset = 0;
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), JSON.stringify({ setupComplete: true }));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    temp.cleanup();
  });
  const call = async <T>(name: string, args: unknown = {}) => (await app!.call(name, args)) as CallResult<T>;
  const value = <T>(result: CallResult<T>): T => {
    if (!result.ok) throw new Error(`refused: ${result.error.code}`);
    return result.value;
  };

  it('follows a training sale from pending to balance to a withdrawal and its detail', async () => {
    app = await createPosApp({ dataDir: temp.dir, env: {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined, trainingSandboxNow: () => new Date(Date.now() + offset) });
    await app.recovered();
    expect(await call('setManagerPin', { newPin: PIN })).toMatchObject({ ok: true });
    expect(await call('startSale', { amount: 4321 })).toMatchObject({ ok: true });
    await call('submitScan', { code: SAMPLE_PAYMENT_CODES.alipay, source: 'manual' });
    await app.settled();
    const sale = app.journal.recent(1)[0]!;
    expect(sale.state).toBe('success');

    const before = value(await call<AccountBalances>('getAccountBalances', { pin: PIN }));
    expect(before.nihaopay).toMatchObject({ ok: true, value: expect.arrayContaining([{ currency: 'USD', balance: 0, pendingAmount: 4321, freezeAmount: 0 }]) });
    expect(before.onlinepay).toMatchObject({ ok: true });
    expect((before.onlinepay as { value: Array<{ currency: string }> }).value.map((line) => line.currency)).toEqual(['CNY', 'EUR', 'USD', 'JPY']);

    offset = DAY_MS;
    const withdrawal = app.sandbox!.withdraw('USD');
    expect(withdrawal).toMatchObject({ ok: true, withdrawal: { amount: 4291, fee: 30 } });
    // Asked again within the minute: the earlier reading, said to be so.
    expect(value(await call<AccountBalances>('getAccountBalances', { pin: PIN, refresh: true })).nihaopay).toMatchObject({ tooSoon: true, value: expect.arrayContaining([expect.objectContaining({ pendingAmount: 4321 })]) });

    const day = new Date(Date.now() + DAY_MS).toISOString().slice(0, 10);
    const list = value(await call<GatewayReading<WithdrawalLine[]>>('getWithdrawals', { pin: PIN, from: day, to: day }));
    expect(list).toMatchObject({ ok: true, value: [{ status: 'processing', amount: 4291, fee: 30, currency: 'USD', date: day }] });
    const id = (list as { value: WithdrawalLine[] }).value[0]!.id;
    const detail = value(await call<GatewayReading<WithdrawalMovement[]>>('getWithdrawalDetail', { pin: PIN, withdrawalId: id }));
    expect(detail).toMatchObject({ ok: true, value: [{ kind: 'charge', transactionId: sale.transactionId, reference: sale.reference, currency: 'USD', amount: 4321 }] });
    expect(await call('getWithdrawalDetail', { pin: '0000', withdrawalId: id })).toMatchObject({ ok: false, error: { code: 'PIN_WRONG' } });
  });
});
