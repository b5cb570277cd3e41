/**
 * The life of one money-moving attempt (a sale or a refund) as the journal records it.
 * One pure function decides every transition, so the journal, the checkout and the
 * recovery code cannot disagree about what may follow what.
 *
 *   created ──send──▶ sent ──▶ success | failure | pending | unknown | needs_attention (recovery)
 *   pending / unknown ──lookup──▶ success | failure | pending | unknown | needs_attention
 *   needs_attention ──lookup──▶ success | failure
 *
 * success and failure are final: a late "pending" (an IPN or a lookup racing another)
 * never overwrites them.
 */
export const PAYMENT_STATES = ['created', 'sent', 'pending', 'unknown', 'needs_attention', 'success', 'failure'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

export const FINAL_PAYMENT_STATES: readonly PaymentState[] = ['success', 'failure'];

export function isFinalPaymentState(state: PaymentState): boolean {
  return FINAL_PAYMENT_STATES.includes(state);
}

const ALLOWED: Readonly<Record<PaymentState, readonly PaymentState[]>> = {
  created: ['sent', 'failure'],
  sent: ['success', 'failure', 'pending', 'unknown', 'needs_attention'],
  pending: ['success', 'failure', 'pending', 'unknown', 'needs_attention'],
  unknown: ['success', 'failure', 'pending', 'unknown', 'needs_attention'],
  needs_attention: ['success', 'failure', 'needs_attention'],
  success: [],
  failure: [],
};

export type TransitionDecision =
  | { apply: true; to: PaymentState }
  /** Nothing to write: the same final state again (duplicate IPN) or a stale non-final one after a final. */
  | { apply: false; reason: 'unchanged' | 'stale' }
  | { apply: false; reason: 'illegal'; from: PaymentState; to: PaymentState };

export function decideTransition(from: PaymentState, to: PaymentState): TransitionDecision {
  if (isFinalPaymentState(from)) {
    return from === to ? { apply: false, reason: 'unchanged' } : isFinalPaymentState(to) ? { apply: false, reason: 'illegal', from, to } : { apply: false, reason: 'stale' };
  }
  if (ALLOWED[from].includes(to)) return { apply: true, to };
  return { apply: false, reason: 'illegal', from, to };
}
