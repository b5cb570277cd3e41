/**
 * OnlinePay Business API v1: what the wire carries and what our client offers, in our
 * camelCase. The names, states and dictionaries come from the vendor's text
 * (onlinepay-business-api-v1); where the text contradicts itself the reading is decided
 * once, in electron/services/gateway/onlinepay/onlinePayReplies.ts.
 */
import type { CurrencyCode } from '../../money/currencies';

/** The two environments; the payment page is served from the same host (`/p/<token>`). */
export const ONLINEPAY_BASE_URLS = {
  sandbox: 'https://business.sandbox.onlinepay.com',
  production: 'https://business.onlinepay.com',
} as const;
/** OnlinePay's own two hosts; Counterpay's environments (training, custom too) are in onlinePayProfile.ts. */
export type OnlinePayHost = keyof typeof ONLINEPAY_BASE_URLS;

export const ONLINEPAY_PATHS = {
  payments: '/api/v1/payments',
  payouts: '/api/v1/payouts',
  balance: '/api/v1/balance',
  /** The hosted payment page, `/p/<token>` (the text also shows `/p?token=<token>`). */
  paymentPage: '/p',
} as const;

/** "Currency code (CNY, EUR, USD, JPY)". Amounts are minor units: fen, cents, whole yen. */
export const ONLINEPAY_CURRENCIES = ['CNY', 'EUR', 'USD', 'JPY'] as const satisfies readonly CurrencyCode[];
export type OnlinePayCurrency = (typeof ONLINEPAY_CURRENCIES)[number];

export function isOnlinePayCurrency(value: unknown): value is OnlinePayCurrency {
  return typeof value === 'string' && (ONLINEPAY_CURRENCIES as readonly string[]).includes(value);
}

/** "Currently supported locales: en, zh and jp" — `jp`, as the text spells it (ISO 639-1 would be `ja`). */
export const ONLINEPAY_LOCALES = ['en', 'zh', 'jp'] as const;
export type OnlinePayLocale = (typeof ONLINEPAY_LOCALES)[number];

/** "Dictionaries → Payment states". Only approved and declined are final. */
export const ONLINEPAY_PAYMENT_STATES = ['init', 'pending', 'approved', 'declined'] as const;
export type OnlinePayPaymentState = (typeof ONLINEPAY_PAYMENT_STATES)[number];
export const ONLINEPAY_FINAL_STATES: readonly OnlinePayPaymentState[] = ['approved', 'declined'];

/**
 * Our reading of a reply's state: a documented state, or `indeterminate` for a state we do
 * not know (still unknown: keep looking; never approved, never declined).
 */
export type OnlinePayPaymentStatus = OnlinePayPaymentState | 'indeterminate';

/** The list filter: "Operation type (Available values: pays, payouts, all)". */
export const ONLINEPAY_OPERATION_FILTERS = ['pays', 'payouts', 'all'] as const;
export type OnlinePayOperationFilter = (typeof ONLINEPAY_OPERATION_FILTERS)[number];
/** One payment's `operation_type`: "pay | payout". */
export type OnlinePayOperationType = 'pay' | 'payout';

/** "per_page: Payment per page (max: 500, default: 20)". */
export const ONLINEPAY_MAX_PER_PAGE = 500;

/** "Supported Chinese bank codes". */
export const ONLINEPAY_BANK_CODES = [
  'ABC', 'ICBC', 'CCB', 'BCOM', 'BOC', 'CMB', 'CMBC', 'CEBB', 'BOB', 'SHB',
  'NBB', 'HXB', 'CIB', 'PSBC', 'SPABANK', 'SPDB', 'BEA', 'ECITIC', 'GDB',
] as const;
export type OnlinePayBankCode = (typeof ONLINEPAY_BANK_CODES)[number];

export interface CreatePaymentRequest {
  /** "Product name (Service description)". */
  product: string;
  /** Minor units (fen, cents; whole yen), an integer > 0. */
  amount: number;
  currency: OnlinePayCurrency;
  /** Our payment reference ([A-Za-z0-9]{1,30}), reused on every retry and used to look the payment up. */
  orderNumber: string;
  extraReturnParam?: string;
  locale?: OnlinePayLocale;
  redirectSuccessUrl?: string;
  redirectFailUrl?: string;
}

export interface CreatedPayment {
  token: string;
  /** The hosted payment page, checked to be on the gateway's own origin. */
  processingUrl: string;
  amount: number;
  currency: OnlinePayCurrency;
  status: OnlinePayPaymentStatus;
  /** The state as the gateway spelled it. */
  statusText: string;
}

/** A payment or payout as a get or a list returns it. */
export interface OnlinePayPayment {
  token: string;
  status: OnlinePayPaymentStatus;
  statusText: string;
  amount: number;
  currency: OnlinePayCurrency;
  /** Always a string: the gateway sends it as a number or a string. */
  orderNumber?: string;
  operationType?: OnlinePayOperationType;
  id?: number;
  product?: string;
  extraReturnParam?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface ListPaymentsQuery {
  /** YYYY-MM-DD. */
  dateFrom?: string;
  /** YYYY-MM-DD. */
  dateTo?: string;
  operationType?: OnlinePayOperationFilter;
  orderNumber?: string;
  /** 1 to 500; the client's default is 500 (fewest pages). */
  perPage?: number;
}

export interface PayoutBankAccount {
  accountHolder: string;
  accountNumber: string;
  bankCode: OnlinePayBankCode;
}

export interface PayoutBilling {
  /** Province code from "Supported Chinese state codes" (two digits). */
  state: string;
  /** ISO 3166-1: two or three Latin letters, or three digits. */
  countryCode: string;
  /** City code from "Supported Chinese city codes" (four digits). */
  city: string;
  zip?: string;
  street?: string;
  phone?: string;
}

interface PayoutBase {
  amount: number;
  currency: OnlinePayCurrency;
  /** Our refund reference ([A-Za-z0-9]{1,30}). */
  orderNumber: string;
}
export type CreatePayoutRequest =
  | (PayoutBase & { walletToken: string; bankAccount?: never; billing?: never })
  | (PayoutBase & { bankAccount: PayoutBankAccount; billing: PayoutBilling; walletToken?: never });

export interface CreatedPayout {
  token: string;
  status: OnlinePayPaymentStatus;
  statusText: string;
  timestamp?: string;
}

export interface OnlinePayBalance {
  /** Minor units. */
  available: number;
  /** Minor units not yet released. */
  hold: number;
  currency: OnlinePayCurrency;
}

/** What we know of a payment (sent or journaled), to check a reply against. */
export interface PaymentExpectation {
  token?: string;
  orderNumber?: string;
  amount?: number;
  currency?: OnlinePayCurrency;
}

/** Every call throws a GatewayError (or a subclass) when it fails; nothing else. */
export interface OnlinePayApi {
  createPayment(request: CreatePaymentRequest): Promise<CreatedPayment>;
  /** `expected`: what we sent or journaled; a reply about anything else is a bad reply. */
  getPayment(token: string, expected?: PaymentExpectation): Promise<OnlinePayPayment>;
  /** Follows every page; fails rather than return a partial list. */
  listPayments(query?: ListPaymentsQuery): Promise<OnlinePayPayment[]>;
  /**
   * The idempotent look-up after an unknown outcome: the one payment whose order number is
   * ours, undefined when there is none, a bad_reply error when two different ones claim it.
   */
  findPaymentByOrderNumber(
    orderNumber: string,
    operationType: OnlinePayOperationFilter,
    expected?: Omit<PaymentExpectation, 'orderNumber'>,
  ): Promise<OnlinePayPayment | undefined>;
  createPayout(request: CreatePayoutRequest): Promise<CreatedPayout>;
  getBalance(currency: OnlinePayCurrency): Promise<OnlinePayBalance>;
}
