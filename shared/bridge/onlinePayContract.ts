import type { AppSnapshot } from './appSnapshot';

/** OnlinePay's calls (the second gateway), merged into the one contract in contract.ts. */
export interface OnlinePayCallArgs {
  /** From a sale awaiting a code: OnlinePay's payment page as a QR on the customer display (card or OnlinePay wallet). */
  startHostedPayment: Record<string, never>;
  /** Stores OnlinePay's merchant private key in main (an empty string removes it); manager PIN, always. It never comes back. */
  setOnlinePayKey: { pin?: string; key: string };
}

export interface OnlinePayCallReturns {
  startHostedPayment: AppSnapshot;
  setOnlinePayKey: AppSnapshot;
}

export const ONLINEPAY_CALL_NAMES = ['startHostedPayment', 'setOnlinePayKey'] as const satisfies readonly (keyof OnlinePayCallArgs & keyof OnlinePayCallReturns)[];
