import type { CallResult, PosErrorData } from '../../../shared/errors/posErrors';
import type { GatewayEnvironment } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import type { RefundResult } from '../../../shared/gateway/nihaopay/nihaopayApi';
import type { CurrencyCode } from '../../../shared/money/currencies';
import { isFinalPaymentState } from '../../../shared/payments/paymentState';
import { makeReference } from '../../../shared/payments/reference';
import { checkRefund } from '../../../shared/refunds/refundBalance';
import type { RefundOutcome } from '../../../shared/refunds/refundTypes';
import type { CrashPoint } from '../checkout/crashPoints';
import { RATE_LIMITED_DELAY_MS } from '../checkout/lookupSchedule';
import { markSent } from '../checkout/markSent';
import { CERTAINLY_NOT_MOVED } from '../gateway/gatewayError';
import { gatewayFailure } from '../gateway/nihaopay/nihaopayGatewayError';
import type { AttemptRow, Journal } from '../journal/journal';
import { journalRefusal } from '../journal/journalFileIdentity';
import type { Logger } from '../log/logger';
import { REFUND_REFERENCE_RANDOM_BYTES, createRefundsInFlight, outcomeNotRecorded, refundOutcome } from './refundAttempts';
import { settleRefundByQuery, type RefundGateway } from './refundQuery';

export interface RefundRequestInput {
  /** The sale's gateway transaction id (what its receipt's barcode holds). */
  transactionId: string;
  /** Integer minor units of `currency`. */
  amount: number;
  currency: CurrencyCode;
  reason: string;
}

export interface RefundServiceDeps {
  journal: Journal;
  gateway: () => RefundGateway | undefined;
  config: () => { terminalName: string; environment: GatewayEnvironment; training: boolean };
  randomBytes: (size: number) => Uint8Array;
  now: () => Date;
  /** Resolves after `ms`, or early when the app closes. */
  sleep: (ms: number) => Promise<void>;
  log: Logger;
  /** Pauses between refund queries after an unknown outcome; their sum should pass notFoundSettleMs. */
  queryDelaysMs?: readonly number[];
  notFoundSettleMs: number;
  crashPoint?: (point: CrashPoint) => void;
}

export interface RefundService {
  /** Checks, journals, sends and settles one refund; resolves when its outcome is known or handed to recovery. */
  refund(input: RefundRequestInput): Promise<CallResult<RefundOutcome>>;
  /** True while this service is sending or settling the refund: recovery must leave it alone. */
  isActive(reference: string): boolean;
  /** Resolves when no refund is being sent or looked up. */
  idle(): Promise<void>;
}

const DEFAULT_QUERY_DELAYS_MS = [500, 1000, 2000, 3000, 5000];


/**
 * Refunds, journaled like sales: checked locally against the balance, written to the
 * journal with a fresh reference before the request leaves, and after an indeterminate
 * answer (timeout, dropped connection, any 5xx, a 404 or an unknown label, a reply we cannot believe) settled by
 * reading the sale's refund query — never by sending it again.
 */
export function createRefundService(deps: RefundServiceDeps): RefundService {
  const crash = (point: CrashPoint) => deps.crashPoint?.(point);
  const delays = deps.queryDelaysMs ?? DEFAULT_QUERY_DELAYS_MS;
  const inFlight = createRefundsInFlight();

  const outcome = (reference: string, sale: AttemptRow, error?: PosErrorData): RefundOutcome => refundOutcome(deps.journal, reference, sale, error);

  async function send(row: AttemptRow, sale: AttemptRow, gateway: RefundGateway, input: RefundRequestInput): Promise<RefundOutcome> {
    let reply: RefundResult;
    try {
      reply = await gateway.refundTransaction(input.transactionId, { amount: input.amount, currency: input.currency, reason: input.reason });
    } catch (error) {
      const { kind, error: posError } = gatewayFailure(error, 'money');
      deps.log.warn('refund did not succeed', { reference: row.reference, kind, label: posError.gateway?.label });
      if (CERTAINLY_NOT_MOVED.includes(kind)) {
        deps.journal.update(row.reference, { state: 'failure', errorCode: posError.code, errorLabel: posError.gateway?.label });
        return outcome(row.reference, sale, posError);
      }
      deps.journal.update(row.reference, { state: 'unknown', errorCode: posError.code, errorLabel: posError.gateway?.label });
      return resolve(row, sale, gateway, kind === 'rate_limited');
    }
    crash('refundAfterReply');
    if (reply.status === 'success') {
      deps.journal.update(row.reference, { state: 'success', transactionId: reply.id, detail: 'reply' });
      return outcome(row.reference, sale);
    }
    deps.journal.update(row.reference, { state: 'failure', transactionId: reply.id, errorCode: 'GATEWAY_DECLINED', detail: 'reply' });
    return outcome(row.reference, sale, { code: 'GATEWAY_DECLINED' });
  }

  /** The outcome is unknown: read the refund query until it tells, then hand over to recovery. After a 429 the first query waits out the limit. */
  async function resolve(row: AttemptRow, sale: AttemptRow, gateway: RefundGateway, rateLimited: boolean): Promise<RefundOutcome> {
    for (const [index, delay] of delays.entries()) {
      await deps.sleep(index === 0 && rateLimited ? Math.max(delay, RATE_LIMITED_DELAY_MS) : delay);
      const current = deps.journal.get(row.reference)!;
      if (isFinalPaymentState(current.state)) break;
      const result = await settleRefundByQuery(current, { journal: deps.journal, gateway, now: deps.now, notFoundSettleMs: deps.notFoundSettleMs, via: 'refund screen' });
      if (result !== 'unresolved') break;
    }
    const settled = deps.journal.get(row.reference)!;
    if (!isFinalPaymentState(settled.state)) {
      deps.journal.update(row.reference, { state: 'needs_attention', detail: 'refund query did not settle it' });
      return outcome(row.reference, sale, { code: 'GATEWAY_INDETERMINATE' });
    }
    return outcome(row.reference, sale, settled.state === 'failure' ? { code: (settled.errorCode as PosErrorData['code']) ?? 'GATEWAY_DECLINED' } : undefined);
  }

  return {
    async refund(input) {
      const sale = deps.journal.saleByTransactionId(input.transactionId);
      if (!sale) return { ok: false, error: { code: 'REFUND_UNKNOWN_TRANSACTION' } };
      const config = deps.config();
      if (sale.environment !== config.environment) return { ok: false, error: { code: 'REFUND_WRONG_ENVIRONMENT' } };
      // Everything from this check to the journal insert is synchronous, so a second refund
      // of the same sale cannot slip in between: it finds this one in the journal, in flight.
      const refused = checkRefund(sale, deps.journal.refundsOf(input.transactionId), input);
      if (refused) return { ok: false, error: refused };
      const gateway = deps.gateway();
      if (!gateway) return { ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: config.environment } } };

      const reference = makeReference(config.terminalName, deps.now(), deps.randomBytes(REFUND_REFERENCE_RANDOM_BYTES));
      try {
        deps.journal.insert({
          reference,
          kind: 'refund',
          method: 'refund',
          amount: input.amount,
          currency: sale.currency,
          ...(sale.vendor ? { vendor: sale.vendor } : {}),
          environment: config.environment,
          training: config.training,
          parentTransactionId: input.transactionId,
          parentReference: sale.reference,
          reason: input.reason,
        });
      } catch (error) {
        // Nothing is sent unless the refund is on disk.
        deps.log.error('journal insert failed; refund not sent', { error });
        return { ok: false, error: journalRefusal(error) };
      }
      crash('refundAfterJournalInsert');
      const notMarked = markSent(deps.journal, deps.log, reference);
      if (notMarked) return { ok: false, error: notMarked };
      crash('refundAfterMarkedSent');
      const work = send(deps.journal.get(reference)!, sale, gateway, input).catch((error: unknown) => outcomeNotRecorded(deps.journal, deps.log, 'refund', reference, sale, error));
      return { ok: true, value: await inFlight.run(reference, work) };
    },
    isActive: inFlight.isActive,
    idle: inFlight.idle,
  };
}
