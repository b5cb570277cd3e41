import type { Language } from '../settings/languages';
/**
 * The customer display's and QR payments' part of the contract (show-QR sales, the
 * store's static QR poster, the LAN display's pairing), kept in its own file and merged
 * into CallArgs / CallReturns / CALL_NAMES by contract.ts. Types and names only.
 */
import type { CustomerDisplayView, QrImage } from '../display/customerDisplayView';
import type { InStoreCurrency } from '../money/currencies';
import type { Vendor } from '../payments/vendors';
import type { AppSnapshot } from './appSnapshot';

/** What the store QR poster prints (A4 or Letter, from the cashier window). */
export interface StoreQrPoster {
  /** Rendered for print: error correction Q, 4-module quiet zone. */
  qr: QrImage;
  /** The URL the code holds, printed small under it for support. */
  qrcode: string;
  sellerName: string;
  storeName: string;
  storeNo: string;
  tradeCurrency: InStoreCurrency;
  training: boolean;
  /** The customer display's languages, primary first: the poster faces the same customers. */
  languages: Language[];
}

/** A one-time code a tablet types to become a LAN customer display. */
export interface DisplayPairingCode {
  /** Six digits. */
  code: string;
  /** ISO 8601 UTC; after this (or one use) the code is void. */
  expiresAt: string;
  /** Addresses of the display page on the store's network, for the tablet's browser. */
  urls: string[];
}

export interface DisplayCallArgs {
  /** The customer display's view; the display then follows `display` events. */
  getDisplay: Record<string, never>;
  /** From a sale awaiting a code: show a QR for the customer to pay with `vendor` (default from settings). */
  startShowQr: { vendor?: Vendor };
  /** Leaves the show-QR screen; the code stays watched until it expires, and a late payment is reported. */
  stopWaitingForQr: Record<string, never>;
  /** Creates the store's static QR (merchantqrcode) from the settings and keeps it; manager PIN once set. */
  createStoreQr: { pin?: string };
  /** The store QR poster's content. */
  getStoreQrPoster: Record<string, never>;
  /** A one-time pairing code for a LAN customer display; manager PIN once set. */
  createDisplayPairingCode: { pin?: string };
  /**
   * A LAN display pairs with the one-time code, or resumes with the token pairing gave it.
   * The only call a LAN display may make.
   */
  pairDisplay: { code?: string; token?: string };
  /** Training only: the customer pays (or fails to pay) the code on the display, at the sandbox. */
  simulateQrPayment: { outcome: 'pay' | 'fail' };
}

export interface DisplayCallReturns {
  getDisplay: CustomerDisplayView;
  startShowQr: AppSnapshot;
  stopWaitingForQr: AppSnapshot;
  createStoreQr: AppSnapshot;
  getStoreQrPoster: StoreQrPoster;
  createDisplayPairingCode: DisplayPairingCode;
  pairDisplay: { token: string; view: CustomerDisplayView };
  simulateQrPayment: AppSnapshot;
}

export const DISPLAY_CALL_NAMES = [
  'getDisplay',
  'startShowQr',
  'stopWaitingForQr',
  'createStoreQr',
  'getStoreQrPoster',
  'createDisplayPairingCode',
  'pairDisplay',
  'simulateQrPayment',
] as const satisfies readonly (keyof DisplayCallArgs & keyof DisplayCallReturns)[];

/** The display's own event: everything it shows, and nothing else (a LAN display gets only this). */
export interface DisplayEventPayloads {
  display: CustomerDisplayView;
}
