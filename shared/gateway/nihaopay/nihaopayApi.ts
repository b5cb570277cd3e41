import type { CurrencyCode, InStoreCurrency } from '../../money/currencies';
import type { Vendor } from '../../payments/vendors';
import type { GatewayTransaction, PaymentGateway } from './nihaopayTypes';

/**
 * Everything a store does with NihaoPay v1.2, in our names. The checkout needs only
 * `PaymentGateway`; this wider interface is what the client implements. Amounts are
 * always integers of minor units (the gateway's decimal strings are converted on the
 * way in); dates are the gateway's own `YYYYMMDD`.
 */

/** Exactly one of the two: NihaoPay prices in the settlement currency or in RMB fen, never both. */
export type AmountOrRmbAmount =
  | { /** Minor units of `currency`. */ amount: number; rmbAmount?: undefined }
  | { /** RMB fen; NihaoPay converts to the settlement currency. */ rmbAmount: number; amount?: undefined };

/** POST /v1.2/transactions/showqrcode: a QR the customer scans at the counter. */
export interface ShowQrCodeRequest {
  amount: number;
  currency: InStoreCurrency;
  vendor: Vendor;
  reference: string;
  /** Where NihaoPay posts the signed result (required by the document). */
  ipnUrl: string;
  /** Minutes before the code expires, 1–1440 (gateway default 120). */
  timeoutMinutes?: number;
  description?: string;
  note?: string;
}

/** The wallets the document accepts for POST /v1.2/transactions/qrcode. */
export type QrCodeVendor = Extract<Vendor, 'wechatpay' | 'unionpay'>;

/** POST /v1.2/transactions/qrcode: a payment QR for a website or a printed bill. */
export type QrCodeRequest = AmountOrRmbAmount & {
  currency: CurrencyCode;
  vendor: QrCodeVendor;
  reference: string;
  ipnUrl: string;
  timeoutMinutes?: number;
  description?: string;
  note?: string;
};

/** The reply to showqrcode and qrcode: a pending transaction and the text to draw as a QR. */
export interface ShownQrCode {
  id: string;
  /** The text to encode in the QR code (a wallet URL). */
  codeUrl: string;
  amount: number;
  currency: string;
  reference: string;
  /** Minutes until the code expires. */
  timeoutMinutes: number;
  time?: string;
  rmbAmount?: number;
}

/** POST /v1.2/merchantqrcode: a static QR printed and posted in the store. */
export interface MerchantQrCodeRequest {
  tradeCurrency: InStoreCurrency;
  sellerName: string;
  storeName: string;
  storeNo: string;
  ipnUrl?: string;
  /** Only for the Static AliPay QRcode variant, and then only "alipay". */
  vendor?: 'alipay';
}

export interface MerchantQrCode {
  sellerName: string;
  storeName: string;
  storeNo: string;
  /** The URL to encode in the printed QR. */
  qrcode: string;
  qrcodeImageUrl?: string;
}

/** POST /v1.2/transactions/staticqrcode: the merchant's own payment page behind a static QR. */
export interface StaticQrCodeRequest {
  amount: number;
  /** The wallet the customer scanned with. */
  vendor: Extract<Vendor, 'alipay' | 'wechatpay'>;
  /** The `qrcode` returned by merchantqrcode. */
  qrcode: string;
  reference?: string;
  callbackUrl?: string;
  description?: string;
}

export interface StaticQrCodePayment {
  /** Where to send the customer's browser; it wakes the wallet up. */
  redirectUrl: string;
}

/** POST /v1.2/transactions/{transaction_id}/refund. Full or partial; partials up to the remaining balance. */
export type RefundRequest = AmountOrRmbAmount & {
  /** Must be the original transaction's currency (else 409/64). */
  currency: CurrencyCode;
  reason?: string;
};

export const REFUND_STATUSES = ['success', 'failure'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface RefundResult {
  /** Refund ID. */
  id: string;
  status: RefundStatus;
  /** The refunded transaction's ID, as sent. */
  transactionId: string;
  refunded?: boolean;
}

export interface RefundRecord {
  id: string;
  status: RefundStatus;
  amount: number;
  time?: string;
}

/** GET /v1.2/transactions/refunds/{transaction_id}/: the transaction and its refunds. */
export interface TransactionRefunds {
  transaction: GatewayTransaction;
  /** Total refunded so far, minor units. */
  refundedAmount: number;
  refunds: RefundRecord[];
}

/** GET /v1.2/transactions/: newest first; times are UTC `yyyy-mm-ddThh:mm:ssZ`. */
export interface ListTransactionsQuery {
  /** 1–100, gateway default 10. */
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
}

/** The currencies the exchange-rate query accepts. */
export const EXCHANGE_RATE_CURRENCIES = ['USD', 'JPY', 'HKD', 'GBP', 'EUR'] as const;
export type ExchangeRateCurrency = (typeof EXCHANGE_RATE_CURRENCIES)[number];

export interface ExchangeRateQuery {
  /** YYYYMMDD */
  rateDate: string;
  currency: ExchangeRateCurrency;
  vendor?: Vendor;
}

export interface ExchangeRate {
  rateDate: string;
  /** Upper case, whatever case the gateway used. */
  currency: string;
  vendor: Vendor;
  /** Foreign currency to RMB, as the decimal string the gateway sent (never a float). */
  rate: string;
}

/** GET /v1.2/accounts, converted from the gateway's decimal strings to minor units. */
export interface MerchantAccount {
  currency: CurrencyCode;
  balance: number;
  /** Unsettled purchases. */
  pendingAmount: number;
  /** Unsettled refunds. */
  freezeAmount: number;
}

/** Inclusive range of gateway dates, YYYYMMDD. */
export interface DateRange {
  startDate: string;
  endDate: string;
}

export interface Withdrawal {
  id: string;
  /** "processing" or "completed" in the document; other words are passed through. */
  status: string;
  amount: number;
  currency: CurrencyCode;
  fee: number;
  feeCurrency: CurrencyCode;
  /** YYYYMMDD */
  date: string;
}

/** A CSV file as read: one header row and data rows of the same width. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** A download over a range split into the gateway's ≤ 10-day windows and joined under one header. */
export interface CsvDownload extends CsvTable {
  /** The CSV text of the joined table. */
  text: string;
  /** The windows requested, in order. */
  windows: DateRange[];
}

export interface NihaoPayApi extends PaymentGateway {
  /** POST /v1.2/transactions/showqrcode; the transaction stays pending until the customer pays. */
  showQrCode(request: ShowQrCodeRequest): Promise<ShownQrCode>;
  /** POST /v1.2/transactions/qrcode */
  createQrCode(request: QrCodeRequest): Promise<ShownQrCode>;
  /** POST /v1.2/merchantqrcode */
  createMerchantQrCode(request: MerchantQrCodeRequest): Promise<MerchantQrCode>;
  /** POST /v1.2/transactions/staticqrcode */
  payStaticQrCode(request: StaticQrCodeRequest): Promise<StaticQrCodePayment>;
  /**
   * POST /v1.2/transactions/{id}/refund. A refund has no reference of its own: after an
   * indeterminate error, read getRefunds(id) before deciding to refund again.
   */
  refundTransaction(transactionId: string, request: RefundRequest): Promise<RefundResult>;
  /** GET /v1.2/transactions/refunds/{id}/ */
  getRefunds(transactionId: string): Promise<TransactionRefunds>;
  /** GET /v1.2/transactions/ */
  listTransactions(query?: ListTransactionsQuery): Promise<GatewayTransaction[]>;
  /** GET /v1.2/exchangerate/ */
  getExchangeRates(query: ExchangeRateQuery): Promise<ExchangeRate[]>;
  /** GET /v1.2/accounts */
  getAccounts(): Promise<MerchantAccount[]>;
  /** GET /v1.2/withdrawal/history/ */
  getWithdrawals(range: DateRange): Promise<Withdrawal[]>;
  /** GET /v1.2/withdrawal/detail/{withdrawal_id} (a CSV file) */
  getWithdrawalDetail(withdrawalId: string): Promise<CsvTable>;
  /** GET /v1.2/download/transactions/, any range, fetched in ≤ 10-day windows. */
  downloadTransactions(range: DateRange): Promise<CsvDownload>;
  /** GET /v1.2/billing/, any range, fetched in ≤ 10-day windows. */
  downloadBilling(range: DateRange): Promise<CsvDownload>;
}
