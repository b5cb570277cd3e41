/**
 * The columns of NihaoPay's two files of money movements. Its text says only "convert return
 * data to a CSV file" (withdrawal detail) and "the transaction list" (billing), so these are
 * the columns the built-in sandbox writes, one place for both the sandbox and the reader
 * (electron/services/account/movementFile.ts). Each row is a charge (positive) or a refund
 * (negative) of a successful payment.
 */
export const WITHDRAWAL_DETAIL_COLUMNS = ['type', 'transaction_id', 'refund_id', 'reference', 'time', 'currency', 'amount'] as const;

/** GET /v1.2/billing/: the same movements by the day they moved, with the wallet. */
export const BILLING_COLUMNS = ['time', 'type', 'transaction_id', 'refund_id', 'reference', 'vendor', 'currency', 'amount'] as const;

export type MovementFileColumn = (typeof BILLING_COLUMNS)[number];
