import type { HistoryRow } from '../../shared/history/historyTypes';
import type { NihaoPayApi } from '../../shared/gateway/nihaopay/nihaopayApi';
import { refundBalance } from '../../shared/refunds/refundBalance';
import type { GatewayRefundsView, TransactionDetail } from '../../shared/refunds/refundTypes';
import { GatewayError } from '../services/gateway/gatewayError';
import type { AttemptRow, Journal } from '../services/journal/journal';
import type { CallHandlers } from './callDispatcher';

export interface HistoryCallsContext {
  journal: Journal;
  gateway: () => Pick<NihaoPayApi, 'getRefunds'> | undefined;
}

function historyRow(row: AttemptRow): HistoryRow {
  return {
    reference: row.reference,
    kind: row.kind,
    amount: row.amount,
    currency: row.currency,
    ...(row.vendor ? { vendor: row.vendor } : {}),
    gateway: row.gateway,
    method: row.method,
    state: row.state,
    createdAt: row.createdAt,
    training: row.training,
    ...(row.transactionId ? { transactionId: row.transactionId } : {}),
    ...(row.parentTransactionId ? { parentTransactionId: row.parentTransactionId } : {}),
    ...(row.errorCode ? { errorCode: row.errorCode } : {}),
  };
}

/** The gateway's refund history of a sale, or why it could not be read (the screen still shows the journal's). */
async function gatewayRefunds(gateway: Pick<NihaoPayApi, 'getRefunds'> | undefined, transactionId: string): Promise<GatewayRefundsView> {
  if (!gateway) return { ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: '' } } };
  try {
    const answer = await gateway.getRefunds(transactionId);
    return { ok: true, transactionStatus: answer.transaction.status, refundedAmount: answer.refundedAmount, refunds: answer.refunds.map((r) => ({ ...r })) };
  } catch (error) {
    return { ok: false, error: error instanceof GatewayError ? error.toPosError() : { code: 'GATEWAY_INDETERMINATE' } };
  }
}

/** History: journal pages for the list, and one row's detail with the gateway's refund query. */
export function createHistoryCalls(ctx: HistoryCallsContext): Pick<CallHandlers, 'getHistory' | 'getTransactionDetail'> {
  return {
    getHistory: (query) => ({ ok: true, value: ctx.journal.history(query) }),

    async getTransactionDetail({ reference }) {
      const row = ctx.journal.get(reference);
      if (!row) return { ok: false, error: { code: 'REFUND_UNKNOWN_TRANSACTION' } };
      const detail: TransactionDetail = {
        row: {
          ...historyRow(row),
          environment: row.environment,
          ...(row.vendorTransactionId ? { vendorTransactionId: row.vendorTransactionId } : {}),
          ...(row.gatewayTime ? { gatewayTime: row.gatewayTime } : {}),
          ...(row.rmbAmount ? { rmbAmount: row.rmbAmount } : {}),
          ...(row.reason ? { reason: row.reason } : {}),
          ...(row.parentReference ? { parentReference: row.parentReference } : {}),
          ...(row.errorLabel ? { errorLabel: row.errorLabel } : {}),
        },
        refunds: [],
      };
      if (row.kind === 'sale' && row.transactionId) {
        const refunds = ctx.journal.refundsOf(row.transactionId);
        detail.refunds = refunds.map(historyRow);
        if (row.state === 'success') {
          detail.balance = refundBalance(row, refunds);
          detail.refundBy = row.gateway === 'onlinepay' ? (row.walletToken ? 'walletPayout' : 'bankPayout') : 'gatewayRefund';
          // The refund query is NihaoPay's: an OnlinePay sale is not its to answer for.
          if (row.gateway === 'nihaopay') detail.gateway = await gatewayRefunds(ctx.gateway(), row.transactionId);
        }
      }
      return { ok: true, value: detail };
    },
  };
}
