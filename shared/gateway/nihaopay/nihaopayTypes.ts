import type { InStoreCurrency } from '../../money/currencies';
import type { Vendor } from '../../payments/vendors';

/** Where the gateway client points. Training is the built-in sandbox on loopback. */
export const GATEWAY_ENVIRONMENTS = ['training', 'testing', 'production', 'custom'] as const;
export type GatewayEnvironment = (typeof GATEWAY_ENVIRONMENTS)[number];

export const NIHAOPAY_BASE_URLS = {
  testing: 'https://apitest.nihaopay.com',
  production: 'https://api.nihaopay.com',
} as const;

/** POST /v1.2/transactions/scanqrcode, in our names; the client maps them to the form fields. */
export interface ScanQrCodeRequest {
  /** Positive integer of minor units. */
  amount: number;
  currency: InStoreCurrency;
  vendor: Vendor;
  /** Alphanumeric, ≤ 30, unique per attempt; journaled before the request is sent. */
  reference: string;
  /** The customer's wallet payment code, exactly as scanned. */
  buyerIdentityCode: string;
  /** IP of the terminal (NihaoPay requires it). */
  clientIp: string;
  description?: string;
  note?: string;
}

export const TRANSACTION_STATUSES = ['success', 'failure', 'pending', 'closed'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/** A transaction object as the client returns it after validating the gateway's reply. */
export interface GatewayTransaction {
  id: string;
  status: TransactionStatus;
  amount: number;
  currency: string;
  reference: string;
  /** ISO 8601 UTC, as the gateway sent it. */
  time: string;
  vendor?: string;
  /** The wallet's own transaction id (from sys_reserve.vendor_id or vendor_id). */
  vendorTransactionId?: string;
  note?: string | null;
  rmbAmount?: number;
}

/** The calls the checkout needs. The NihaoPay client implements it over HTTP. */
export interface PaymentGateway {
  scanQrCode(request: ScanQrCodeRequest): Promise<GatewayTransaction>;
  /** GET /v1.2/transactions/merchant/{reference} */
  getTransactionByReference(reference: string): Promise<GatewayTransaction>;
  /** GET /v1.2/transactions/{transaction_id} */
  getTransaction(id: string): Promise<GatewayTransaction>;
}
