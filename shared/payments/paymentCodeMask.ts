import { classifyPaymentCode } from './vendors';

/**
 * Keeps the last four digits: enough for a cashier to match a customer's phone, no more.
 * The journal stores codes this way; every screen that shows one uses this too.
 */
export function maskPaymentCode(code: string): string {
  return code.length <= 4 ? code : '*'.repeat(code.length - 4) + code.slice(-4);
}

/** A scan as it may be shown: a wallet's payment code masked as the journal keeps it, anything else (a receipt's barcode, a test label) as scanned. */
export function scanForDisplay(data: string): string {
  return classifyPaymentCode(data).kind === 'wallet' ? maskPaymentCode(data) : data;
}
