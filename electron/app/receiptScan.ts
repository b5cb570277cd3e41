import type { ReceiptScan } from '../../shared/bridge/backOfficeContract';
import type { CheckoutState } from '../../shared/checkout/checkoutState';
import { classifyScan } from '../../shared/scanner/classifyScan';
import type { Journal } from '../services/journal/journal';

/** Checkout phases in which no code is awaited and no money is moving: a receipt scan may open its sale. */
const OPEN_TO_RECEIPTS: ReadonlySet<CheckoutState['phase']> = new Set(['idle', 'approved', 'declined', 'needsAttention']);

/**
 * A scan of one of our receipts (its Code 128 is the sale's transaction id), while the
 * checkout waits for nothing, becomes a request to open that sale in the cashier window.
 * Anything else — a wallet code, a product barcode — is not this function's business.
 */
export function receiptScanOf(code: string, phase: CheckoutState['phase'], journal: Journal, at: number): ReceiptScan | undefined {
  if (!OPEN_TO_RECEIPTS.has(phase)) return undefined;
  const scan = classifyScan(code);
  if (scan.kind !== 'receipt') return undefined;
  const sale = journal.saleByTransactionId(scan.transactionId);
  return { transactionId: scan.transactionId, ...(sale ? { reference: sale.reference } : {}), at };
}
