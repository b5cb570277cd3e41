import type { CheckoutState } from '../checkout/checkoutState';
import type { StoreCurrency } from '../money/currencies';
import type { Vendor } from '../payments/vendors';
import type { Language } from '../settings/languages';

/**
 * What the customer-facing display shows, and nothing more: the display window, and a
 * paired LAN tablet, receive only this (never settings, references or the journal).
 * Built in main by one pure function from the checkout state and a few extras.
 */

/** A QR code rendered in main: an SVG data URL, drawn at any size without blurring. */
export interface QrImage {
  /** `data:image/svg+xml;base64,…` */
  src: string;
  /** Width in modules, quiet zone included (for sizing modules to whole pixels). */
  modules: number;
}

/** The sale amount in RMB at the day's published rate. */
export interface RmbEquivalent {
  /** RMB fen. */
  fen: number;
  /** RMB per unit of the sale currency, as NihaoPay published it ("6.921791"). */
  rate: string;
  /** YYYYMMDD, the rate's date (shown: a rate is only as good as its date). */
  rateDate: string;
  /** Whose rate (the rates differ slightly per wallet). */
  vendor: Vendor;
}

export type DisplayOutcome = 'paid' | 'failed' | 'expired' | 'unconfirmed';

export type CustomerDisplayScreen =
  /** Between sales: the store's name and, when enabled, its static QR code. */
  | { kind: 'idle'; storeQr?: QrImage }
  /** A sale in progress: the amount, and its RMB equivalent when enabled. */
  | { kind: 'sale'; stage: 'awaitingScan' | 'processing'; amount: number; currency: StoreCurrency; rmb?: RmbEquivalent }
  /**
   * Show-QR: the customer scans this code with the named wallet before it expires. Without a
   * vendor it is OnlinePay's payment page, paid on the customer's phone by card or wallet.
   */
  | { kind: 'showQr'; amount: number; currency: StoreCurrency; vendor?: Vendor; qr: QrImage; expiresInMs: number; timeoutMs: number; rmb?: RmbEquivalent }
  | { kind: 'result'; outcome: DisplayOutcome; amount: number; currency: StoreCurrency; vendor?: Vendor };

export interface CustomerDisplayView {
  storeName: string;
  training: boolean;
  /** The languages every screen is written in, primary first (one or two; Settings → Customer display). */
  languages: Language[];
  screen: CustomerDisplayScreen;
}

export interface DisplayExtras {
  storeName: string;
  training: boolean;
  languages: Language[];
  /** The store's static QR, when it exists and the idle screen should show it. */
  storeQr?: QrImage;
  /** The image of the QR code being shown, rendered from its code_url. */
  shownQr?: QrImage;
  /** RMB equivalent of the current sale, when enabled and a rate is known. */
  rmb?: RmbEquivalent;
  /** Main's clock, ms since the epoch. */
  nowMs: number;
}

/** The display's screen for a checkout state. Pure: everything it needs is passed in. */
export function customerDisplayScreen(checkout: CheckoutState, extras: DisplayExtras): CustomerDisplayScreen {
  const rmb = extras.rmb ? { rmb: extras.rmb } : {};
  switch (checkout.phase) {
    case 'idle':
      return { kind: 'idle', ...(extras.storeQr ? { storeQr: extras.storeQr } : {}) };
    case 'awaitingScan':
      return { kind: 'sale', stage: 'awaitingScan', amount: checkout.sale.amount, currency: checkout.sale.currency, ...rmb };
    case 'processing':
    case 'checking':
      return { kind: 'sale', stage: 'processing', amount: checkout.attempt.amount, currency: checkout.attempt.currency, ...rmb };
    case 'showingQr': {
      const { attempt, qr } = checkout;
      const expiresInMs = Math.max(0, Date.parse(qr.expiresAt) - extras.nowMs);
      // Without its image (or once it has expired) the code is not shown: a customer must never scan a dead code.
      // `> 0` rather than `=== 0`: an unreadable expiry (NaN) counts as expired, not as a code with no end.
      if (!extras.shownQr || !(expiresInMs > 0)) return { kind: 'sale', stage: 'processing', amount: attempt.amount, currency: attempt.currency, ...rmb };
      return {
        kind: 'showQr',
        amount: attempt.amount,
        currency: attempt.currency,
        ...(attempt.vendor ? { vendor: attempt.vendor } : {}),
        qr: extras.shownQr,
        expiresInMs,
        timeoutMs: qr.timeoutMinutes * 60_000,
        ...rmb,
      };
    }
    case 'approved':
      return { kind: 'result', outcome: 'paid', amount: checkout.receipt.amount, currency: checkout.receipt.currency, ...vendorOf(checkout.receipt) };
    case 'declined':
      return {
        kind: 'result',
        outcome: checkout.error.code === 'SHOW_QR_EXPIRED' ? 'expired' : 'failed',
        amount: checkout.attempt.amount,
        currency: checkout.attempt.currency,
        ...vendorOf(checkout.attempt),
      };
    case 'needsAttention':
      // The outcome is unknown: the customer is told it is being confirmed, never that it failed.
      return { kind: 'result', outcome: 'unconfirmed', amount: checkout.attempt.amount, currency: checkout.attempt.currency, ...vendorOf(checkout.attempt) };
  }
}

export function customerDisplayView(checkout: CheckoutState, extras: DisplayExtras): CustomerDisplayView {
  return { storeName: extras.storeName, training: extras.training, languages: extras.languages, screen: customerDisplayScreen(checkout, extras) };
}

const vendorOf = (sale: { vendor?: Vendor }): { vendor?: Vendor } => (sale.vendor ? { vendor: sale.vendor } : {});

/** The vendor whose rate prices the sale: the wallet chosen, else the show-QR default. */
export function rateVendorOf(checkout: CheckoutState, fallback: Vendor): Vendor {
  return ('attempt' in checkout ? checkout.attempt.vendor : undefined) ?? fallback;
}
