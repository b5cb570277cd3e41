import { PAYMENT_STATES, decideTransition, isFinalPaymentState } from '../../../../shared/payments/paymentState';

describe('payment state machine', () => {
  it('follows the journal path of a sale', () => {
    expect(decideTransition('created', 'sent')).toEqual({ apply: true, to: 'sent' });
    expect(decideTransition('sent', 'pending')).toEqual({ apply: true, to: 'pending' });
    expect(decideTransition('pending', 'success')).toEqual({ apply: true, to: 'success' });
    expect(decideTransition('unknown', 'needs_attention')).toEqual({ apply: true, to: 'needs_attention' });
    expect(decideTransition('needs_attention', 'success')).toEqual({ apply: true, to: 'success' });
  });
  it('never lets a late pending overwrite a final state', () => {
    expect(decideTransition('success', 'pending')).toEqual({ apply: false, reason: 'stale' });
    expect(decideTransition('failure', 'unknown')).toEqual({ apply: false, reason: 'stale' });
  });
  it('treats the same final state again as a duplicate, and a flip of final states as illegal', () => {
    expect(decideTransition('success', 'success')).toEqual({ apply: false, reason: 'unchanged' });
    expect(decideTransition('success', 'failure')).toMatchObject({ apply: false, reason: 'illegal' });
  });
  it('refuses skipping the send', () => {
    expect(decideTransition('created', 'success')).toMatchObject({ apply: false, reason: 'illegal' });
  });
  it('has no way out of a final state', () => {
    for (const from of PAYMENT_STATES.filter(isFinalPaymentState)) {
      for (const to of PAYMENT_STATES) expect(decideTransition(from, to).apply).toBe(false);
    }
  });
});
