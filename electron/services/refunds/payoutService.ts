import type { CallResult, PosErrorData } from '../../../shared/errors/posErrors';
import type { CreatePayoutRequest, CreatedPayout, OnlinePayApi, OnlinePayCurrency } from '../../../shared/gateway/onlinepay/onlinePayApi';
import { isOnlinePayCurrency } from '../../../shared/gateway/onlinepay/onlinePayApi';
import { minorToDecimalString } from '../../../shared/money/amount';
import { isFinalPaymentState } from '../../../shared/payments/paymentState';
import { makeReference } from '../../../shared/payments/reference';
import { bankPayoutProblem, type BankPayout } from '../../../shared/refunds/payoutDestination';
import { checkRefund } from '../../../shared/refunds/refundBalance';
import type { RefundOutcome } from '../../../shared/refunds/refundTypes';
import type { CrashPoint } from '../checkout/crashPoints';
import { markSent } from '../checkout/markSent';
import { CERTAINLY_NOT_MOVED, GatewayError } from '../gateway/gatewayError';
import type { AttemptRow, Journal } from '../journal/journal';
import { journalRefusal } from '../journal/journalFileIdentity';
import type { Logger } from '../log/logger';
import { REFUND_REFERENCE_RANDOM_BYTES, createRefundsInFlight, outcomeNotRecorded, refundOutcome } from './refundAttempts';
import { settlePayoutByListing } from './payoutLookup';
import type { RefundRequestInput } from './refundService';

export type PayoutGateway = Pick<OnlinePayApi, 'createPayout' | 'getBalance' | 'findPaymentByOrderNumber'>;

export interface PayoutRequestInput extends RefundRequestInput {
  /** Needed only for a sale without a wallet token: the bank account paid back. */
  bankPayout?: BankPayout;
}

export interface PayoutServiceDeps {
  journal: Journal;
  client: () => PayoutGateway | undefined;
  /** OnlinePay's environment now (a sale is refunded only in the environment that took it). */
  config: () => { terminalName: string; environment: string; training: boolean };
  randomBytes: (size: number) => Uint8Array;
  now: () => Date;
  /** Resolves after `ms`, or early when the app closes. */
  sleep: (ms: number) => Promise<void>;
  log: Logger;
  /** Pauses between listings while a payout is pending or unknown; then recovery's recheck carries on. */
  lookupDelaysMs?: readonly number[];
  notFoundSettleMs: number;
  crashPoint?: (point: CrashPoint) => void;
}

export interface PayoutService {
  /** Checks, journals, sends and settles one payout refund; resolves when its outcome is known or handed to recovery. */
  refund(input: PayoutRequestInput): Promise<CallResult<RefundOutcome>>;
  /** True while this service is sending or settling the payout: recovery must leave it alone. */
  isActive(reference: string): boolean;
  /** Resolves when no payout is being sent or looked up. */
  idle(): Promise<void>;
}

const DEFAULT_LOOKUP_DELAYS_MS = [500, 1000, 2000, 3000, 5000];

/**
 * Refunds of OnlinePay sales. OnlinePay has no refund call, so the money goes back as a
 * payout: to the payer's wallet when the sale's notification named one, else to a bank
 * account. Journaled like every money-moving attempt (a fresh reference, on disk and
 * marked sent before the POST), checked against the sale's balance and the merchant's
 * available balance first, and an unknown outcome is settled by listing payouts by that
 * reference — never by paying out again.
 */
export function createPayoutService(deps: PayoutServiceDeps): PayoutService {
  const crash = (point: CrashPoint) => deps.crashPoint?.(point);
  const delays = deps.lookupDelaysMs ?? DEFAULT_LOOKUP_DELAYS_MS;
  const inFlight = createRefundsInFlight();

  const outcome = (reference: string, sale: AttemptRow, error?: PosErrorData): RefundOutcome => refundOutcome(deps.journal, reference, sale, error);

  async function send(row: AttemptRow, sale: AttemptRow, client: PayoutGateway, request: CreatePayoutRequest): Promise<RefundOutcome> {
    let reply: CreatedPayout;
    try {
      reply = await client.createPayout(request);
    } catch (error) {
      const kind = error instanceof GatewayError ? error.kind : 'indeterminate';
      const posError: PosErrorData = error instanceof GatewayError ? error.toPosError() : { code: 'GATEWAY_INDETERMINATE' };
      deps.log.warn('payout did not succeed', { reference: row.reference, kind, label: posError.gateway?.label });
      // order_number_already_exists is duplicate_reference, not in this list: our fresh number
      // being "taken" means an earlier send of this very payout arrived. Look it up.
      if (CERTAINLY_NOT_MOVED.includes(kind)) {
        deps.journal.update(row.reference, { state: 'failure', errorCode: posError.code, ...(posError.gateway?.label ? { errorLabel: posError.gateway.label } : {}) });
        return outcome(row.reference, sale, posError);
      }
      deps.journal.update(row.reference, { state: 'unknown', errorCode: posError.code, ...(posError.gateway?.label ? { errorLabel: posError.gateway.label } : {}) });
      return watch(row, sale, client);
    }
    crash('payoutAfterReply');
    if (reply.status === 'approved') {
      deps.journal.update(row.reference, { state: 'success', transactionId: reply.token, ...(reply.timestamp ? { gatewayTime: reply.timestamp } : {}), detail: 'reply' });
      return outcome(row.reference, sale);
    }
    if (reply.status === 'declined') {
      deps.journal.update(row.reference, { state: 'failure', transactionId: reply.token, errorCode: 'GATEWAY_DECLINED', detail: 'reply' });
      return outcome(row.reference, sale, { code: 'GATEWAY_DECLINED' });
    }
    // init, pending, or a state we do not know: the payout exists, its end is not known yet.
    deps.journal.update(row.reference, { state: 'pending', transactionId: reply.token, detail: `reply: ${reply.statusText}` });
    return watch(row, sale, client);
  }

  /** Pending or unknown: list payouts by our reference until it is final, then hand over to recovery's recheck. */
  async function watch(row: AttemptRow, sale: AttemptRow, client: PayoutGateway): Promise<RefundOutcome> {
    for (const delay of delays) {
      await deps.sleep(delay);
      const current = deps.journal.get(row.reference)!;
      if (isFinalPaymentState(current.state)) break;
      const result = await settlePayoutByListing(current, { journal: deps.journal, client, now: deps.now, notFoundSettleMs: deps.notFoundSettleMs, via: 'refund screen' });
      if (result !== 'unresolved') break;
    }
    const settled = deps.journal.get(row.reference)!;
    if (!isFinalPaymentState(settled.state)) {
      deps.journal.update(row.reference, { state: 'needs_attention', detail: 'payouts list did not settle it' });
      return outcome(row.reference, sale, { code: 'GATEWAY_INDETERMINATE' });
    }
    return outcome(row.reference, sale, settled.state === 'failure' ? { code: (settled.errorCode as PosErrorData['code']) ?? 'GATEWAY_DECLINED' } : undefined);
  }

  /** Where the money goes: the sale's wallet when it has one, else the bank account given (checked against the dictionaries). */
  function destinationOf(sale: AttemptRow, input: PayoutRequestInput): { ok: true; value: Pick<CreatePayoutRequest, 'walletToken' | 'bankAccount' | 'billing'> } | { ok: false; error: PosErrorData } {
    if (sale.walletToken) return { ok: true, value: { walletToken: sale.walletToken } };
    if (!input.bankPayout) return { ok: false, error: { code: 'PAYOUT_BANK_ACCOUNT_REQUIRED' } };
    const problem = bankPayoutProblem(input.bankPayout);
    if (problem) return { ok: false, error: { code: 'PAYOUT_DESTINATION_INVALID', params: { field: problem } } };
    const { bankAccount, billing } = input.bankPayout;
    return { ok: true, value: { bankAccount: { ...bankAccount, accountHolder: bankAccount.accountHolder.trim() }, billing: { ...billing, countryCode: billing.countryCode.toUpperCase() } } };
  }

  return {
    async refund(input) {
      const sale = deps.journal.saleByTransactionId(input.transactionId);
      if (!sale || sale.gateway !== 'onlinepay') return { ok: false, error: { code: 'REFUND_UNKNOWN_TRANSACTION' } };
      const config = deps.config();
      if (sale.environment !== config.environment) return { ok: false, error: { code: 'REFUND_WRONG_ENVIRONMENT' } };
      // A first check before the balance call, so a refusal the journal alone decides costs no request.
      const early = checkRefund(sale, deps.journal.refundsOf(input.transactionId), input);
      if (early) return { ok: false, error: early };
      const destination = destinationOf(sale, input);
      if (!destination.ok) return destination;
      const client = deps.client();
      const currency = sale.currency;
      if (!client || !isOnlinePayCurrency(currency)) return { ok: false, error: { code: 'ONLINEPAY_NOT_CONFIGURED' } };

      // The merchant's available balance: a payout larger than it is refused here, nothing sent.
      let available: number;
      try {
        available = (await client.getBalance(currency as OnlinePayCurrency)).available;
      } catch (error) {
        deps.log.warn('OnlinePay balance could not be read; payout not sent', { kind: error instanceof GatewayError ? error.kind : 'unknown' });
        return { ok: false, error: error instanceof GatewayError ? error.toPosError() : { code: 'GATEWAY_INDETERMINATE' } };
      }
      if (input.amount > available) {
        return { ok: false, error: { code: 'PAYOUT_OVER_AVAILABLE_BALANCE', params: { available: minorToDecimalString(available, currency), currency } } };
      }

      // The balance call was a pause another refund of this sale could have used: check again.
      // From here to the insert everything is synchronous, so no second refund slips in.
      const refused = checkRefund(sale, deps.journal.refundsOf(input.transactionId), input);
      if (refused) return { ok: false, error: refused };
      const reference = makeReference(config.terminalName, deps.now(), deps.randomBytes(REFUND_REFERENCE_RANDOM_BYTES));
      try {
        deps.journal.insert({
          reference,
          kind: 'refund',
          gateway: 'onlinepay',
          method: 'payout',
          amount: input.amount,
          currency,
          ...(sale.vendor ? { vendor: sale.vendor } : {}),
          environment: config.environment,
          training: config.training,
          parentTransactionId: input.transactionId,
          parentReference: sale.reference,
          reason: input.reason,
        });
      } catch (error) {
        // Nothing is sent unless the payout is on disk.
        deps.log.error('journal insert failed; payout not sent', { error });
        return { ok: false, error: journalRefusal(error) };
      }
      crash('payoutAfterJournalInsert');
      const notMarked = markSent(deps.journal, deps.log, reference);
      if (notMarked) return { ok: false, error: notMarked };
      crash('payoutAfterMarkedSent');
      const request = { amount: input.amount, currency: currency as OnlinePayCurrency, orderNumber: reference, ...destination.value } as CreatePayoutRequest;
      const work = send(deps.journal.get(reference)!, sale, client, request).catch((error: unknown) => outcomeNotRecorded(deps.journal, deps.log, 'payout', reference, sale, error));
      return { ok: true, value: await inFlight.run(reference, work) };
    },
    isActive: inFlight.isActive,
    idle: inFlight.idle,
  };
}
