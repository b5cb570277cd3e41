import { classifyPaymentCode, type PaymentCodeClassification, type Vendor } from '../payments/vendors';

/**
 * What a scanned code is, for whoever receives scans (checkout, the scanner test panel):
 * a customer's wallet payment code, the transaction barcode printed on one of our own
 * receipts, or something to ignore with a short notice.
 *
 * The two kinds cannot be confused: wallet codes start 10–15 (WeChat Pay), 25–30
 * (Alipay) or 62 (UnionPay), and a NihaoPay transaction ID starts with its UTC year,
 * "20" for 2000–2099. The wallet table is classifyPaymentCode's, not repeated here.
 */

/** Why a scan is neither: the same catalogue codes (and cashier texts) checkout uses for a refused code. */
export type ScanIgnoredReason = Extract<PaymentCodeClassification, { kind: 'refused' }>['reason'];

export type ScanClassification =
  | { kind: 'wallet'; vendor: Vendor; code: string }
  /**
   * The Code 128 on our receipts: the NihaoPay transaction ID, `yyyyMMddHHmmss` (UTC) then a
   * 6-digit counter. `issuedAt`: that time in epoch ms.
   */
  | { kind: 'receipt'; transactionId: string; issuedAt: number }
  | { kind: 'ignored'; reason: ScanIgnoredReason };

/** 14 digits of UTC time plus a 6-digit counter, e.g. "20170519093105011337". */
const TRANSACTION_ID = /^(20\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})\d{6}$/;

/**
 * The time a transaction ID was issued, or undefined when `code` is not one. The date
 * must exist (no 31 April, 29 February only in leap years): a 20-digit number that merely
 * starts with "20" — some loyalty or gift card — is not taken for a receipt.
 */
export function transactionIdTime(code: string): number | undefined {
  const match = TRANSACTION_ID.exec(code);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const at = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls an impossible day over into the next month; a real date survives the round trip.
  if (new Date(at).getUTCDate() !== day) return undefined;
  return at;
}

export function classifyScan(code: string): ScanClassification {
  const wallet = classifyPaymentCode(code);
  if (wallet.kind === 'wallet') return wallet;
  const issuedAt = transactionIdTime(code);
  if (issuedAt !== undefined) return { kind: 'receipt', transactionId: code, issuedAt };
  return { kind: 'ignored', reason: wallet.reason };
}
