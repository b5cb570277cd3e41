import crypto from 'node:crypto';
import { createCheckoutService } from '../../../../../electron/services/checkout/checkoutService';
import { openJournal, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { methodRefusal } from '../../../../../shared/gateway/availableMethods';
import type { NihaoPayApi } from '../../../../../shared/gateway/nihaopay/nihaopayApi';
import type { StoreCurrency } from '../../../../../shared/money/currencies';
import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { makeTempDir } from '../../../../fixtures/tempDir';

/**
 * The checkout's own guard: a NihaoPay method in a store that does not offer it is refused
 * before anything is journaled or sent — by the store's rule when it is wired, and by the
 * currency alone when it is not (no wiring mistake can send CNY to scanqrcode).
 */
describe('the checkout refuses methods the store does not offer', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let sent: string[];
  const nihaoPay = new Proxy({} as NihaoPayApi, {
    get: (_target, name) => () => {
      sent.push(String(name));
      return Promise.reject(new Error('no request may reach NihaoPay here'));
    },
  });
  const open = (currency: StoreCurrency, wired: boolean) =>
    createCheckoutService({
      gateway: () => nihaoPay,
      journal,
      config: () => ({ currency, maxAmount: 500_000, terminalName: 'T1', environment: 'training', training: true, pendingDeadlineMs: 5_000 }),
      clientIp: () => '192.0.2.10',
      randomBytes: (n) => crypto.randomBytes(n),
      random: () => 0,
      now: () => new Date(),
      sleep: () => Promise.resolve(),
      onChange: () => undefined,
      log: createLogger(() => undefined, () => []),
      ...(wired ? { methodRefusal: (method) => methodRefusal({ currency, enabled: ['nihaopay', 'onlinepay'], ready: { nihaopay: true, onlinepay: true } }, method) } : {}),
      showQr: {
        gateway: () => nihaoPay,
        onlinePay: () => undefined,
        config: () => ({ ipnUrl: 'https://pos.example.com/ipn', ipnReceiving: false, timeoutMinutes: 5 }),
        onPaidAfterAll: () => undefined,
      },
    });
  beforeEach(() => {
    temp = makeTempDir();
    journal = openJournal(temp.dir);
    sent = [];
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  it.each([
    ['CNY', true],
    ['EUR', true],
    ['CNY', false],
    ['EUR', false],
  ] as const)('a %s store (rule wired: %s): a scanned wallet code and a wallet QR are refused, nothing journaled or sent', async (currency, wired) => {
    const checkout = open(currency, wired);
    expect(checkout.startSale(1234)).toMatchObject({ ok: true, value: { phase: 'awaitingScan', sale: { currency } } });
    const refusal = { code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { gateway: 'NihaoPay', currency } };
    expect(checkout.submitScan(SAMPLE_PAYMENT_CODES.alipay, 'wedge')).toEqual({ ok: false, error: refusal });
    expect(checkout.state()).toEqual({ phase: 'awaitingScan', sale: { amount: 1234, currency }, refusal });
    expect(checkout.startShowQr('wechatpay')).toEqual({ ok: false, error: refusal });
    await checkout.idle();
    expect(journal.recent(10)).toEqual([]);
    expect(sent).toEqual([]);
    checkout.close();
  });

  it('a USD store still sends the scan (NihaoPay unchanged)', async () => {
    const checkout = open('USD', true);
    checkout.startSale(1234);
    expect(checkout.submitScan(SAMPLE_PAYMENT_CODES.alipay, 'wedge')).toMatchObject({ ok: true });
    expect(journal.recent(1)[0]).toMatchObject({ method: 'scanqrcode', currency: 'USD' });
    expect(sent).toContain('scanQrCode');
    checkout.close();
    await checkout.idle();
  });
});
