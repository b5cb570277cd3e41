import { checkRefund, refundBalance } from '../../../../shared/refunds/refundBalance';

const sale = { kind: 'sale' as const, state: 'success' as const, amount: 1234, currency: 'USD' };

describe('refund balance', () => {
  it('counts confirmed and in-flight refunds against the sale, failed ones not at all', () => {
    expect(
      refundBalance(sale, [
        { amount: 500, state: 'success' },
        { amount: 100, state: 'failure' },
        { amount: 200, state: 'unknown' },
      ]),
    ).toEqual({ currency: 'USD', original: 1234, refunded: 500, inFlight: 200, remaining: 534 });
  });

  it.each([
    ['a declined sale', { ...sale, state: 'failure' as const }, [], { amount: 1, currency: 'USD' }, 'REFUND_NOT_REFUNDABLE'],
    ['a refund row', { ...sale, kind: 'refund' as const }, [], { amount: 1, currency: 'USD' }, 'REFUND_NOT_REFUNDABLE'],
    ['another currency (64)', sale, [], { amount: 1, currency: 'JPY' }, 'REFUND_CURRENCY_MISMATCH'],
    ['a zero amount', sale, [], { amount: 0, currency: 'USD' }, 'AMOUNT_NOT_POSITIVE'],
    ['a fraction of a cent', sale, [], { amount: 1.5, currency: 'USD' }, 'AMOUNT_NOT_POSITIVE'],
    ['an unsettled refund before it', sale, [{ amount: 1, state: 'sent' as const }], { amount: 1, currency: 'USD' }, 'REFUND_IN_PROGRESS'],
    ['a fully refunded sale (66)', sale, [{ amount: 1234, state: 'success' as const }], { amount: 1, currency: 'USD' }, 'REFUND_FULLY_REFUNDED'],
    ['one cent over the balance (67)', sale, [{ amount: 1000, state: 'success' as const }], { amount: 235, currency: 'USD' }, 'REFUND_OVER_BALANCE'],
  ])('refuses %s', (_name, original, refunds, request, code) => {
    expect(checkRefund(original, refunds, request)?.code).toBe(code);
  });

  it('allows exactly the balance, in JPY too (no minor unit)', () => {
    expect(checkRefund(sale, [{ amount: 1000, state: 'success' }], { amount: 234, currency: 'USD' })).toBeUndefined();
    expect(checkRefund({ ...sale, amount: 500, currency: 'JPY' }, [], { amount: 500, currency: 'JPY' })).toBeUndefined();
    expect(checkRefund(sale, [{ amount: 1000, state: 'success' }], { amount: 235, currency: 'USD' })?.params).toEqual({ remaining: '2.34', currency: 'USD' });
  });
});
