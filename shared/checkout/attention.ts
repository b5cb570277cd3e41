import type { PaymentState } from '../payments/paymentState';

/** One money-moving attempt, as the cashier and manager see it in lists. */
export interface AttemptSummary {
  reference: string;
  kind: 'sale' | 'refund';
  amount: number;
  currency: string;
  vendor?: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  state: PaymentState;
  transactionId?: string;
}

/**
 * Payments whose outcome the app could not settle on the spot, and what start-up
 * recovery found. Shown until the cashier has seen it.
 */
export interface AttentionView {
  /** Start-up recovery is still looking payments up: new sales wait. */
  recovering: boolean;
  /** Not yet settled: never charge these customers again without checking. */
  unresolved: AttemptSummary[];
  /** What start-up recovery settled, until the cashier dismisses it. */
  recovered: Array<AttemptSummary & { result: 'paid' | 'notCharged' | 'unresolved' }>;
  /** Attempts that needed attention and turned out paid after all, until dismissed. */
  paidAfterAll: AttemptSummary[];
}
