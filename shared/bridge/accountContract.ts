import type { CurrencyCode } from '../money/currencies';
import type { PosErrorData } from '../errors/posErrors';
import type { SettlementReport } from '../reconciliation/settlementCheck';

/**
 * The merchant's money as the gateways hold it (issue 17): NihaoPay's accounts, withdrawals
 * and a withdrawal's detail, and OnlinePay's balance per currency. Merged into the one
 * contract in contract.ts. Every call needs the manager PIN (once one is set) and is audited.
 */

/** One reading of a gateway, or why it could not be read: never a figure that was not read. */
export type GatewayReading<T> = ({ ok: true; value: T } | { ok: false; error: PosErrorData }) & {
  /** When the gateway was asked (ISO 8601, main's clock). */
  readAt: string;
  /** The earliest time the gateway may be asked again (the minimum interval between reads). */
  nextReadAt: string;
  /** A refresh asked for before nextReadAt: this is the earlier reading, unchanged. */
  tooSoon?: true;
};

/** NihaoPay's figures for one currency (`GET /v1.2/accounts`), integers of minor units. */
export interface NihaoPayAccountLine {
  currency: CurrencyCode;
  balance: number;
  /** Unsettled purchases. */
  pendingAmount: number;
  /** Unsettled refunds. */
  freezeAmount: number;
}

/** OnlinePay's balance in one currency it takes (`GET /api/v1/balance`), minor units. */
export interface OnlinePayBalanceLine {
  currency: CurrencyCode;
  available: number;
  hold: number;
}

/** The balances of every gateway the store uses; a gateway it does not use is absent. */
export interface AccountBalances {
  nihaopay?: GatewayReading<NihaoPayAccountLine[]>;
  onlinepay?: GatewayReading<OnlinePayBalanceLine[]>;
}

/** One withdrawal (`/v1.2/withdrawal/history/`), amounts in minor units. */
export interface WithdrawalLine {
  id: string;
  /** "processing" or "completed" in the document; another word is shown as it came. */
  status: string;
  amount: number;
  currency: CurrencyCode;
  fee: number;
  feeCurrency: CurrencyCode;
  /** YYYY-MM-DD */
  date: string;
}

/** A payment or refund a withdrawal paid out (`/v1.2/withdrawal/detail/{id}`), amount signed (refunds negative). */
export interface WithdrawalMovement {
  kind: 'charge' | 'refund';
  transactionId: string;
  refundId: string;
  reference: string;
  time: string;
  currency: CurrencyCode;
  amount: number;
}

export interface AccountCallArgs {
  /** The balances of each gateway the store uses. `refresh` asks the gateways again (within their limits). */
  getAccountBalances: { pin?: string; refresh?: boolean };
  /** NihaoPay's withdrawals of whole days, YYYY-MM-DD inclusive. */
  getWithdrawals: { pin?: string; from: string; to: string; refresh?: boolean };
  /** The payments and refunds one NihaoPay withdrawal paid out. */
  getWithdrawalDetail: { pin?: string; withdrawalId: string; refresh?: boolean };
  /** The settlement check (shared/reconciliation/settlementCheck.ts) of one withdrawal against the journal. */
  checkWithdrawalSettlement: { pin?: string; withdrawalId: string; refresh?: boolean };
  /** The settlement check of whole days (YYYY-MM-DD inclusive), through NihaoPay's billing file. */
  checkSettlementDays: { pin?: string; from: string; to: string; refresh?: boolean };
}

/** The settlement check's findings and the same as CSV. */
export interface SettlementResult {
  report: SettlementReport;
  csv: string;
}

export interface AccountCallReturns {
  getAccountBalances: AccountBalances;
  getWithdrawals: GatewayReading<WithdrawalLine[]>;
  getWithdrawalDetail: GatewayReading<WithdrawalMovement[]>;
  checkWithdrawalSettlement: GatewayReading<SettlementResult>;
  checkSettlementDays: GatewayReading<SettlementResult>;
}

export const ACCOUNT_CALL_NAMES = ['getAccountBalances', 'getWithdrawals', 'getWithdrawalDetail', 'checkWithdrawalSettlement', 'checkSettlementDays'] as const satisfies readonly (keyof AccountCallArgs & keyof AccountCallReturns)[];
