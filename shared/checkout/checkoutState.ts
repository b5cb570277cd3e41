import type { PosErrorData } from '../errors/posErrors';
import type { StoreCurrency } from '../money/currencies';
import type { Vendor } from '../payments/vendors';
import type { GatewayName, SaleMethod } from '../gateway/paymentGateway';

export interface SaleAmount {
  /** Integer minor units. */
  amount: number;
  currency: StoreCurrency;
}

export interface SaleAttempt extends SaleAmount {
  /**
   * The wallet, when the sale names one: NihaoPay's scan and show-QR always do. An OnlinePay
   * hosted payment does not: the customer chooses card or wallet on the payment page.
   */
  vendor?: Vendor;
  reference: string;
  /** The gateway that takes it; NihaoPay when absent (every sale before OnlinePay). */
  gateway?: GatewayName;
  /** How the customer pays: their code scanned (the default), our QR shown to them, or OnlinePay's page by QR. */
  method?: SaleMethod;
}

/** A show-QR code on the customer display, from the showqrcode reply. */
export interface ShownQr {
  transactionId: string;
  /** The text the QR encodes (a wallet URL). Not secret: it is on the customer's screen. */
  codeUrl: string;
  /** ISO 8601 UTC: the local time the code stops being payable (reply time + timeout). */
  expiresAt: string;
  timeoutMinutes: number;
  /** Look-ups so far. */
  checks: number;
}

/** What the receipt screen (and later the printed receipt) shows for an approved sale. */
export interface SaleReceipt extends SaleAttempt {
  transactionId: string;
  /** The wallet's own transaction id, when the gateway gave one. */
  vendorTransactionId?: string;
  /** Gateway time, ISO 8601 UTC. */
  time: string;
  training: boolean;
}

/**
 * The cashier's checkout, one phase at a time. Both windows render from it; only
 * the main process changes it.
 */
export type CheckoutState =
  | { phase: 'idle' }
  /** Amount taken; waiting for the customer's payment code. `refusal` explains the last code refused locally. */
  | { phase: 'awaitingScan'; sale: SaleAmount; refusal?: PosErrorData }
  /** Journaled and sent; waiting for the gateway's reply. */
  | { phase: 'processing'; attempt: SaleAttempt }
  /** The gateway said pending, or the outcome is unknown: the app is looking the reference up. */
  | { phase: 'checking'; attempt: SaleAttempt; checks: number; reason: 'pending' | 'unknown' }
  /** Show-QR: the code is on the customer display; looked up (and heard of by IPN) until paid, failed or expired. */
  | { phase: 'showingQr'; attempt: SaleAttempt; qr: ShownQr }
  | { phase: 'approved'; receipt: SaleReceipt }
  | { phase: 'declined'; attempt: SaleAttempt; error: PosErrorData }
  /** Still unknown after the deadline: kept in the journal, checked in the background. */
  | { phase: 'needsAttention'; attempt: SaleAttempt; error: PosErrorData };

export type CheckoutPhase = CheckoutState['phase'];

/** Phases in which a new sale may not start: money may be moving. */
export function isCheckoutBusy(state: CheckoutState): boolean {
  return state.phase === 'processing' || state.phase === 'checking' || state.phase === 'showingQr';
}
