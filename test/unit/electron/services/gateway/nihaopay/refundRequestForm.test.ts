import { refundRequestForm, refundRequestProblem } from '../../../../../../electron/services/gateway/nihaopay/refundRequestForm';
import type { RefundRequest } from '../../../../../../shared/gateway/nihaopay/nihaopayApi';

describe('refund request', () => {
  it("sends the document's example", () => {
    expect(refundRequestForm({ amount: 100, currency: 'USD' }).toString()).toBe('amount=100&currency=USD');
    expect(refundRequestForm({ rmbAmount: 700, currency: 'USD', reason: 'returned' }).toString()).toBe('rmb_amount=700&currency=USD&reason=returned');
  });

  it.each([
    ['both amounts', { amount: 1, rmbAmount: 7, currency: 'USD' }, /mutually exclusive/],
    ['no amount', { currency: 'USD' }, /required/],
    ['a negative amount', { amount: -1, currency: 'USD' }, /positive/],
    ['CNY', { amount: 1, currency: 'CNY' }, /settlement currencies/],
    ['an unknown currency', { amount: 1, currency: 'XYZ' }, /settlement currencies/],
    ['a reason that is not text', { amount: 1, currency: 'USD', reason: 5 }, /reason/],
  ])('refuses %s', (_name, request, problem) => {
    expect(refundRequestProblem(request as unknown as RefundRequest)).toMatch(problem);
  });

  it('accepts a refund in any settlement currency', () => {
    expect(refundRequestProblem({ amount: 1, currency: 'GBP' })).toBeUndefined();
  });
});
