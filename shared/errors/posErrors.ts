/**
 * The one catalogue of error codes that can reach a cashier. Each code has a message
 * in every locale under `errors.<CODE>` (shared/i18n). Services return these as data;
 * the renderer translates them.
 */
export const POS_ERROR_CODES = [
  // The amount the cashier typed.
  'AMOUNT_EMPTY',
  'AMOUNT_NOT_A_NUMBER',
  'AMOUNT_NOT_POSITIVE',
  'AMOUNT_TOO_PRECISE',
  'AMOUNT_OVER_MAXIMUM',
  // The scanned payment code.
  'CODE_EMPTY',
  'CODE_NOT_DIGITS',
  'CODE_UNKNOWN_SHAPE',
  'SCAN_BEFORE_AMOUNT',
  // The checkout flow.
  'NO_SALE_IN_PROGRESS',
  'SALE_IN_PROGRESS',
  'POSSIBLE_DUPLICATE',
  'RECOVERY_IN_PROGRESS',
  'PAYMENT_NOT_SENT',
  'TRAINING_ONLY',
  // The manager PIN and settings.
  'PIN_REQUIRED',
  'PIN_WRONG',
  'PIN_LOCKED',
  'PIN_FORMAT',
  'PIN_NOT_SET',
  'PIN_UNREADABLE',
  'SETTINGS_INVALID',
  'GATEWAY_URL_REFUSED',
  // The bridge between windows and main.
  'INVALID_CALL',
  'UNKNOWN_CALL',
  'FORBIDDEN_ORIGIN',
  'INTERNAL',
  'TERMINAL_DISCONNECTED',
  // The gateway, by kind (see shared/gateway/nihaopayErrors.ts).
  'GATEWAY_DECLINED',
  'GATEWAY_INVALID_REQUEST',
  'GATEWAY_AUTHENTICATION',
  'GATEWAY_DUPLICATE_REFERENCE',
  'GATEWAY_RATE_LIMITED',
  'GATEWAY_MERCHANT_CONFIGURATION',
  'GATEWAY_NOT_FOUND',
  'GATEWAY_INDETERMINATE',
  'GATEWAY_BAD_REPLY',
  'GATEWAY_NOT_CONFIGURED',
  // Local storage.
  'JOURNAL_UNAVAILABLE',
  'JOURNAL_REPLACED',
  'JOURNAL_WRITE_FAILED',
  'SETTINGS_UNREADABLE',
  // Refunds, receipts, printing and day reports.
  'REFUND_UNKNOWN_TRANSACTION',
  'REFUND_NOT_REFUNDABLE',
  'REFUND_CURRENCY_MISMATCH',
  'REFUND_IN_PROGRESS',
  'REFUND_FULLY_REFUNDED',
  'REFUND_OVER_BALANCE',
  'REFUND_WRONG_ENVIRONMENT',
  // Refunds of OnlinePay sales, paid out (OnlinePay has no refund call).
  'PAYOUT_BANK_ACCOUNT_REQUIRED',
  'PAYOUT_DESTINATION_INVALID',
  'PAYOUT_OVER_AVAILABLE_BALANCE',
  'RECEIPT_NOT_AVAILABLE',
  'PRINT_UNAVAILABLE',
  'PRINT_FAILED',
  'DAY_CLOSE_NOT_FOUND',
  // Show-QR sales, the store's static QR and the LAN customer display.
  'SHOW_QR_NEEDS_IPN_URL',
  'SHOW_QR_NOT_SHOWN',
  'SHOW_QR_EXPIRED',
  // OnlinePay's hosted payment page, shown as a QR.
  'ONLINEPAY_NOT_CONFIGURED',
  // What the store's currency and gateways allow (shared/gateway/availableMethods.ts).
  'GATEWAY_NOT_ENABLED',
  'GATEWAY_CURRENCY_NOT_TAKEN',
  'NO_GATEWAY_ENABLED',
  'NO_GATEWAY_FOR_CURRENCY',
  'HOSTED_PAYMENT_EXPIRED',
  'STORE_QR_NOT_SET_UP',
  'DISPLAY_NOT_PAIRED',
  'PAIRING_CODE_WRONG',
  'LAN_DISPLAY_OFF',
] as const;

export type PosErrorCode = (typeof POS_ERROR_CODES)[number];

/** What crosses the bridge when something went wrong: plain data, never an Error object. */
export interface PosErrorData {
  code: PosErrorCode;
  /** Values the translated message interpolates (e.g. `{ maximum: '5,000.00' }`). */
  params?: Record<string, string | number>;
  /** Present when the gateway answered with an error object or a failed transaction. */
  gateway?: {
    httpStatus?: number;
    /** NihaoPay's error label, e.g. "11"; the cashier message is looked up by it. */
    label?: string;
    /** The gateway's own English message, kept for support staff. */
    message?: string;
  };
}

export function isPosErrorCode(value: unknown): value is PosErrorCode {
  return typeof value === 'string' && (POS_ERROR_CODES as readonly string[]).includes(value);
}

/** An Error that carries PosErrorData, for service code that prefers to throw. */
export class PosError extends Error {
  readonly data: PosErrorData;
  constructor(data: PosErrorData, message?: string) {
    super(message ?? data.code);
    this.name = 'PosError';
    this.data = data;
  }
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: PosErrorData };
