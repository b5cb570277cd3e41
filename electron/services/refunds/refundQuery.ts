import type { NihaoPayApi } from '../../../shared/gateway/nihaopay/nihaopayApi';
import type { AttemptRow, Journal } from '../journal/journal';
import { matchRefund } from './refundMatching';

export type RefundGateway = Pick<NihaoPayApi, 'refundTransaction' | 'getRefunds'>;

export type RefundQueryResult = 'success' | 'failure' | 'unresolved';

export interface RefundQueryOptions {
  journal: Journal;
  gateway: Pick<NihaoPayApi, 'getRefunds'>;
  now: () => Date;
  /** A refund the gateway's list still lacks this long after it was journaled never arrived. */
  notFoundSettleMs: number;
  /** For the attempt's event log: who asked (the refund screen, recovery). */
  via: string;
}

/**
 * Settles a refund whose outcome is unknown by reading the sale's refund query — the
 * only safe way, since a refund has no reference of its own to look up and sending it
 * again could pay the customer twice. One query per call; callers repeat it.
 */
export async function settleRefundByQuery(row: AttemptRow, options: RefundQueryOptions): Promise<RefundQueryResult> {
  const { journal } = options;
  const saleId = row.parentTransactionId;
  if (!saleId) {
    journal.update(row.reference, { state: 'needs_attention', detail: `${options.via}: refund without a sale` });
    return 'unresolved';
  }
  let records;
  try {
    records = (await options.gateway.getRefunds(saleId)).refunds;
  } catch {
    return 'unresolved';
  }
  const claimed = new Set(
    journal
      .refundsOf(saleId)
      .filter((other) => other.reference !== row.reference && other.transactionId)
      .map((other) => other.transactionId!),
  );
  const match = matchRefund(row, records, claimed);
  if (match.kind === 'found') {
    const state = match.record.status === 'success' ? 'success' : 'failure';
    journal.update(row.reference, {
      state,
      transactionId: match.record.id,
      gatewayTime: match.record.time,
      errorCode: state === 'failure' ? 'GATEWAY_DECLINED' : undefined,
      detail: `${options.via}: refund query`,
    });
    return state;
  }
  const age = options.now().getTime() - Date.parse(row.createdAt);
  if (age >= options.notFoundSettleMs) {
    journal.update(row.reference, { state: 'failure', errorCode: 'GATEWAY_NOT_FOUND', detail: `${options.via}: not in the refund query` });
    return 'failure';
  }
  return 'unresolved';
}
