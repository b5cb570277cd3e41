/**
 * What "a gateway" is to Counterpay, whichever one it is. The checkout, recovery, refunds,
 * history, receipts, reports and reconciliation work on this neutral model; everything a
 * gateway does its own way lives in its own folders, the same shape for each:
 *
 *   shared/gateway/<name>/                 wire types, error catalogue, dictionaries, profile
 *   electron/services/gateway/<name>/      client (axios), reply schemas, error factory, port
 *   electron/sandbox/<name>/               the built-in gateway for training and tests
 *
 * Nothing here imports a gateway's folder; each gateway's profile imports this file.
 */
import type { CurrencyCode } from '../money/currencies';
import type { PaymentState } from '../payments/paymentState';
import type { GatewayErrorKind } from './gatewayErrorKinds';

export const GATEWAY_NAMES = ['nihaopay', 'onlinepay'] as const;
export type GatewayName = (typeof GATEWAY_NAMES)[number];

export function isGatewayName(value: unknown): value is GatewayName {
  return typeof value === 'string' && (GATEWAY_NAMES as readonly string[]).includes(value);
}

/**
 * How a sale is taken at the counter, as the journal's `method` column records it.
 * - `scanqrcode`: the customer's wallet code is scanned (NihaoPay).
 * - `showqrcode`: a wallet payment QR on the customer display (NihaoPay).
 * - `hostedqr`: the address of the gateway's hosted payment page as a QR on the customer
 *   display, paid on the customer's own phone by card or wallet (OnlinePay).
 */
export const SALE_METHODS = ['scanqrcode', 'showqrcode', 'hostedqr'] as const;
export type SaleMethod = (typeof SALE_METHODS)[number];

/**
 * How money goes back to a customer, as the journal's `method` column records it on a
 * refund row. `refund`: the gateway refunds the sale itself (NihaoPay). `payout`: the
 * gateway pays the customer from the merchant's balance, to their wallet or their bank
 * account (OnlinePay has no refund call).
 */
export const REFUND_METHODS = ['refund', 'payout'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

/** Where a payout goes. */
export const REFUND_KINDS = ['gatewayRefund', 'walletPayout', 'bankPayout'] as const;
export type RefundKind = (typeof REFUND_KINDS)[number];

/** How the gateway lets us compare the journal with its own records. */
export type ListingKind = 'transactionFile' | 'paymentsList';

/** The sale flows of the checkout; a gateway method is one of them with its own request. */
export type SaleFlow = 'scan' | 'displayedCode';

export interface CounterMethod {
  method: SaleMethod;
  flow: SaleFlow;
}

/**
 * A gateway as a concept: named, with its environments, the credential it needs, the
 * currencies it takes, and what it can do. Declared, never guessed: the cashier is shown
 * only what the store's currency and enabled gateways allow.
 */
export interface GatewayProfile {
  name: GatewayName;
  /** Shown to people: "NihaoPay", "OnlinePay". */
  displayName: string;
  /** The environments a merchant can choose (training is the built-in sandbox). */
  environments: readonly string[];
  /** What the merchant stores to use it: NihaoPay's merchant token, OnlinePay's private key. */
  credential: 'merchantToken' | 'privateKey';
  currencies: readonly CurrencyCode[];
  methods: readonly CounterMethod[];
  refunds: readonly RefundKind[];
  /** Every money-moving request carries our reference, and the gateway finds it by it. */
  lookUpByReference: true;
  listing: ListingKind;
  balance: boolean;
}

/** A gateway's own word on a payment, in neutral terms, after its reply was validated. */
export type GatewayPaymentStatus = 'success' | 'failure' | 'pending' | 'closed';

export interface GatewayPayment {
  gateway: GatewayName;
  /** The gateway's id for it: NihaoPay's transaction id, OnlinePay's payment token. */
  id: string;
  status: GatewayPaymentStatus;
  /** Integer minor units. */
  amount: number;
  currency: string;
  /** Our reference (NihaoPay `reference`, OnlinePay `order_number`). */
  reference: string;
  /** ISO 8601 UTC, as the gateway sent it. */
  time: string;
  vendor?: string;
  /** The wallet's own transaction id, or OnlinePay's numeric payment id. */
  vendorTransactionId?: string;
  rmbAmount?: number;
  /** OnlinePay: the payer's wallet, which a refund by payout needs. */
  walletToken?: string;
}

/** What one look-up by our reference says about an attempt. */
export type LookupAnswer =
  | { kind: 'payment'; payment: GatewayPayment }
  /** The gateway answered about a payment that is not this attempt's (amount, currency or reference differ): not believed. */
  | { kind: 'mismatch' }
  | { kind: 'notFound' }
  /** No usable answer: looked up again later (after a rate limit, later than usual). */
  | { kind: 'unanswered'; errorKind: GatewayErrorKind };

/** The journal's state for a gateway's status. `closed` (a code that ended unpaid) charged nothing. */
export function paymentStateOfStatus(status: GatewayPaymentStatus): Extract<PaymentState, 'success' | 'failure' | 'pending'> {
  if (status === 'success') return 'success';
  if (status === 'failure' || status === 'closed') return 'failure';
  return 'pending';
}
