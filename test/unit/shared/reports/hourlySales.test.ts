import { hourlySales, localHourStart } from '../../../../shared/reports/hourlySales';
import type { PaymentState } from '../../../../shared/payments/paymentState';

const row = (createdAt: string, amount: number, vendor: string | undefined, extra: { kind?: 'sale' | 'refund'; state?: PaymentState; training?: boolean; currency?: string; gateway?: string } = {}) => ({
  kind: extra.kind ?? ('sale' as const),
  gateway: extra.gateway ?? 'nihaopay',
  method: 'scanqrcode',
  ...(vendor ? { vendor } : {}),
  currency: extra.currency ?? 'USD',
  state: extra.state ?? ('success' as PaymentState),
  training: extra.training ?? false,
  amount,
  createdAt,
});
// UTC hours here, so the test does not depend on the machine's zone; the app passes the local hour.
const utcHour = (iso: string) => `${iso.slice(0, 13)}:00:00.000Z`;

describe('sales per hour', () => {
  it('adds approved sales per hour, wallet, currency and training; refunds and failures are not sales', () => {
    const cells = hourlySales(
      [
        row('2026-12-03T09:05:00.000Z', 1000, 'alipay'),
        row('2026-12-03T09:55:00.000Z', 250, 'alipay'),
        row('2026-12-03T09:30:00.000Z', 999, 'wechatpay'),
        row('2026-12-03T11:00:00.000Z', 500, 'alipay'),
        row('2026-12-03T09:10:00.000Z', 300, 'alipay', { kind: 'refund' }),
        row('2026-12-03T09:20:00.000Z', 700, 'alipay', { state: 'failure' }),
        row('2026-12-03T09:25:00.000Z', 800, 'alipay', { state: 'unknown' }),
        row('2026-12-03T09:40:00.000Z', 120, 'alipay', { training: true }),
        row('2026-12-03T09:45:00.000Z', 1500, 'alipay', { currency: 'JPY' }),
        row('2026-12-03T09:50:00.000Z', 2599, undefined, { gateway: 'onlinepay' }),
      ],
      utcHour,
    );
    expect(cells).toEqual([
      { hourStart: '2026-12-03T09:00:00.000Z', vendor: 'alipay', currency: 'JPY', training: false, count: 1, amount: 1500 },
      { hourStart: '2026-12-03T09:00:00.000Z', vendor: 'alipay', currency: 'USD', training: false, count: 2, amount: 1250 },
      { hourStart: '2026-12-03T09:00:00.000Z', vendor: 'onlinepay', currency: 'USD', training: false, count: 1, amount: 2599 },
      { hourStart: '2026-12-03T09:00:00.000Z', vendor: 'wechatpay', currency: 'USD', training: false, count: 1, amount: 999 },
      { hourStart: '2026-12-03T09:00:00.000Z', vendor: 'alipay', currency: 'USD', training: true, count: 1, amount: 120 },
      { hourStart: '2026-12-03T11:00:00.000Z', vendor: 'alipay', currency: 'USD', training: false, count: 1, amount: 500 },
    ]);
  });

  it('the local hour is the start of the hour on this machine’s clock, as an instant', () => {
    const start = localHourStart('2026-12-03T09:59:59.999Z');
    const local = new Date(start);
    expect([local.getMinutes(), local.getSeconds(), local.getMilliseconds()]).toEqual([0, 0, 0]);
    expect(Date.parse('2026-12-03T09:59:59.999Z') - Date.parse(start)).toBeLessThan(3_600_000);
    expect(Date.parse('2026-12-03T09:59:59.999Z') - Date.parse(start)).toBeGreaterThanOrEqual(0);
  });
});
