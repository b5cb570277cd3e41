import type { CheckoutState, SaleAttempt, SaleReceipt } from '../../../shared/checkout/checkoutState';
import { isCheckoutBusy } from '../../../shared/checkout/checkoutState';
import type { CallResult, PosErrorData } from '../../../shared/errors/posErrors';
import type { GatewayEnvironment, GatewayTransaction, PaymentGateway } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import { isMinorUnitAmount, minorToDecimalString } from '../../../shared/money/amount';
import { isInStoreCurrency, type InStoreCurrency, type StoreCurrency } from '../../../shared/money/currencies';
import { makeReference } from '../../../shared/payments/reference';
import { classifyPaymentCode, normalizeTypedPaymentCode } from '../../../shared/payments/vendors';
import type { ScanSource } from '../../../shared/scanner/scanTypes';
import { CERTAINLY_NOT_MOVED } from '../gateway/gatewayError';
import { gatewayFailure } from '../gateway/nihaopay/nihaopayGatewayError';
import type { AttemptRow, Journal } from '../journal/journal';
import { journalRefusal } from '../journal/journalFileIdentity';
import { markSent } from './markSent';
import type { Logger } from '../log/logger';
import { journalPayment, lookUpAttempt } from './attemptLookup';
import { createNihaoPayPort, paymentOfTransaction } from '../gateway/nihaopay/nihaopayPort';
import type { GatewayPayment, SaleMethod } from '../../../shared/gateway/paymentGateway';
import type { CrashPoint } from './crashPoints';
import { lookupDelayAfterMs } from './lookupSchedule';
import type { NihaoPayApi } from '../../../shared/gateway/nihaopay/nihaopayApi';
import type { Vendor } from '../../../shared/payments/vendors';
import type { OnlinePayApi } from '../../../shared/gateway/onlinepay/onlinePayApi';
import { createShowQrSale, type ShowQrConfig, type ShowQrTiming } from './showQrSale';
import { maskPaymentCode } from '../../../shared/payments/paymentCodeMask';

/** A scanned sale always names its wallet (the code says which), in a currency NihaoPay takes in store. */
type WalletAttempt = SaleAttempt & { vendor: Vendor; currency: InStoreCurrency };

/**
 * NihaoPay's in-store endpoints take USD and JPY only. The store's rule (methodRefusal)
 * says so first; this is the last word before a NihaoPay request is built, so that no
 * wiring mistake can ever send a CNY or EUR amount to scanqrcode or showqrcode.
 */
export function nihaoPayCurrencyRefusal(currency: StoreCurrency): PosErrorData | undefined {
  return isInStoreCurrency(currency) ? undefined : { code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { gateway: 'NihaoPay', currency } };
}

export interface CheckoutConfig {
  currency: StoreCurrency;
  maxAmount: number;
  terminalName: string;
  environment: GatewayEnvironment;
  training: boolean;
  /** How long a pending or unknown sale is looked up before it needs attention. */
  pendingDeadlineMs: number;
}

export interface CheckoutDeps {
  gateway: () => PaymentGateway;
  journal: Journal;
  config: () => CheckoutConfig;
  clientIp: () => string;
  randomBytes: (size: number) => Uint8Array;
  now: () => Date;
  /** Resolves after `ms`, or early when the service closes. */
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onChange: (state: CheckoutState) => void;
  log: Logger;
  /**
   * An unknown outcome whose reference the gateway keeps not finding was never created:
   * after this many consecutive "not found" answers spanning at least `notFoundSettleMs`,
   * the sale is taken as not charged. (A request that never arrived leaves no trace.)
   */
  notFoundChecks?: number;
  notFoundSettleMs?: number;
  /**
   * An unresolved earlier attempt for the same amount, if any: starting that sale again
   * could take the money twice, so the cashier must confirm.
   */
  unresolvedLike?: (amount: number, currency: string) => AttemptRow | undefined;
  /** Kill tests only: called at each point where a crash must not lose or double a payment. */
  crashPoint?: (point: CrashPoint) => void;
  /**
   * Whether the store offers `method` now (shared/gateway/availableMethods.ts: its currency,
   * its enabled gateways, their credentials); a refusal is shown to the cashier and nothing
   * is journaled or sent. Absent in tests that do not exercise it: every method is offered.
   */
  methodRefusal?: (method: SaleMethod) => PosErrorData | undefined;
  /** Show-QR sales (showQrSale.ts); without it, startShowQr is refused. */
  showQr?: {
    gateway: () => PaymentGateway & Pick<NihaoPayApi, 'showQrCode'>;
    /** OnlinePay's client while it is configured: its hosted-page sales share this flow. */
    onlinePay?: () => OnlinePayApi | undefined;
    config: () => Pick<ShowQrConfig, 'ipnUrl' | 'ipnReceiving' | 'timeoutMinutes' | 'hosted'>;
    /** A code the cashier stopped waiting for was paid after all. */
    onPaidAfterAll: (row: AttemptRow) => void;
    /**
     * A nudge (a verified IPN applied to the journal) about a reference no watch of this run
     * holds: a code left over from before a restart, or one its watch handed to the recheck.
     * Nobody here is looking at it, so the app decides whether the cashier must hear of it.
     */
    onUnwatchedNews?: (reference: string) => void;
    timing?: Partial<ShowQrTiming>;
  };
}

export interface CheckoutService {
  state(): CheckoutState;
  startSale(amount: number, confirmDuplicate?: boolean): CallResult<CheckoutState>;
  submitScan(code: string, source: ScanSource): CallResult<CheckoutState>;
  retryScan(): CallResult<CheckoutState>;
  cancelSale(): CallResult<CheckoutState>;
  newSale(): CallResult<CheckoutState>;
  /** From a sale awaiting a code: show a payment QR for `vendor` on the customer display. */
  startShowQr(vendor: Vendor): CallResult<CheckoutState>;
  /** From a sale awaiting a code: show OnlinePay's payment page as a QR (card or OnlinePay wallet). */
  startHostedPayment(): CallResult<CheckoutState>;
  /** Leaves the show-QR screen; the code stays watched until it is paid or expires. */
  stopWaitingForQr(): CallResult<CheckoutState>;
  /** A verified IPN may have settled `reference`: its watch looks at the journal now (or, unwatched, the app is told). */
  nudgeShowQr(reference: string): void;
  /** Show-QR codes still watched (in the background or on the display). */
  watchedShowQr(): string[];
  /** The reference of the attempt this checkout is still working on, if any. */
  activeReference(): string | undefined;
  /** Resolves when no request or look-up is running (tests and shutdown). */
  idle(): Promise<void>;
  close(): void;
}

const REFERENCE_RANDOM_BYTES = 8;

/** The journal's masking lives in shared/ so screens mask the same way; re-exported for the checkout's callers. */
export { maskPaymentCode };


/**
 * The scan-to-pay sale: amount → scan → journal → scanqrcode → result, and for pending
 * or unknown outcomes, look-ups by the same reference until final. It never sends a
 * second charge for one scan: once a code is taken, further scans are ignored until the
 * sale is settled, and an unknown outcome is looked up, never re-sent.
 */
export function createCheckoutService(deps: CheckoutDeps): CheckoutService {
  let state: CheckoutState = { phase: 'idle' };
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  const notFoundChecks = deps.notFoundChecks ?? 3;
  const notFoundSettleMs = deps.notFoundSettleMs ?? 10_000;
  const crash = (point: CrashPoint) => deps.crashPoint?.(point);

  const set = (next: CheckoutState): CheckoutState => {
    state = next;
    deps.onChange(state);
    return state;
  };
  const ok = (value: CheckoutState): CallResult<CheckoutState> => ({ ok: true, value });
  const fail = (error: PosErrorData): CallResult<CheckoutState> => ({ ok: false, error });

  function startSale(amount: number, confirmDuplicate = false): CallResult<CheckoutState> {
    if (state.phase !== 'idle' && state.phase !== 'approved' && state.phase !== 'declined' && state.phase !== 'needsAttention') return fail({ code: 'SALE_IN_PROGRESS' });
    const config = deps.config();
    if (!isMinorUnitAmount(amount)) return fail({ code: 'AMOUNT_NOT_POSITIVE' });
    if (amount > config.maxAmount) {
      return fail({ code: 'AMOUNT_OVER_MAXIMUM', params: { maximum: minorToDecimalString(config.maxAmount, config.currency), currency: config.currency } });
    }
    const earlier = confirmDuplicate ? undefined : deps.unresolvedLike?.(amount, config.currency);
    if (earlier) {
      return fail({ code: 'POSSIBLE_DUPLICATE', params: { amount: minorToDecimalString(amount, config.currency), currency: config.currency, reference: earlier.reference, since: earlier.createdAt } });
    }
    return ok(set({ phase: 'awaitingScan', sale: { amount, currency: config.currency } }));
  }

  function submitScan(code: string, source: ScanSource): CallResult<CheckoutState> {
    if (state.phase !== 'awaitingScan') {
      deps.log.info('scan ignored: no sale is waiting for a code', { phase: state.phase, source });
      return fail({ code: 'NO_SALE_IN_PROGRESS' });
    }
    const sale = state.sale;
    // Before the code is even read: a store whose currency or gateways do not offer a
    // scanned wallet payment takes none, whatever was scanned (nothing journaled, nothing sent).
    const notOffered = deps.methodRefusal?.('scanqrcode') ?? nihaoPayCurrencyRefusal(sale.currency);
    if (notOffered || !isInStoreCurrency(sale.currency)) {
      const refusal = notOffered ?? { code: 'GATEWAY_CURRENCY_NOT_TAKEN' as const };
      deps.log.info('scan refused: the store does not offer scanned wallet payments', { code: refusal.code, currency: sale.currency });
      set({ phase: 'awaitingScan', sale, refusal });
      return fail(refusal);
    }
    const classified = classifyPaymentCode(source === 'manual' ? normalizeTypedPaymentCode(code) : code);
    if (classified.kind === 'refused') {
      const refusal: PosErrorData = { code: classified.reason };
      set({ phase: 'awaitingScan', sale, refusal });
      return fail(refusal);
    }
    const config = deps.config();
    const attempt: WalletAttempt = {
      ...sale,
      currency: sale.currency,
      vendor: classified.vendor,
      reference: makeReference(config.terminalName, deps.now(), deps.randomBytes(REFERENCE_RANDOM_BYTES)),
    };
    crash('beforeJournalInsert');
    try {
      deps.journal.insert({
        reference: attempt.reference,
        kind: 'sale',
        method: 'scanqrcode',
        amount: attempt.amount,
        currency: attempt.currency,
        vendor: attempt.vendor,
        environment: config.environment,
        training: config.training,
        buyerCodeMasked: maskPaymentCode(classified.code),
      });
    } catch (error) {
      // Nothing is sent unless the attempt is on disk: a payment must never be lost.
      deps.log.error('journal insert failed; sale not sent', { error });
      const refusal = journalRefusal(error);
      set({ phase: 'awaitingScan', sale, refusal });
      return fail(refusal);
    }
    crash('afterJournalInsert');
    // "sent" is written before the request leaves: a row still "created" after a crash was never sent.
    // Written here, before the call returns, so that a failure is the same refusal as a failed insert.
    const notMarked = markSent(deps.journal, deps.log, attempt.reference);
    if (notMarked) {
      set({ phase: 'awaitingScan', sale, refusal: notMarked });
      return fail(notMarked);
    }
    crash('afterMarkedSent');
    set({ phase: 'processing', attempt });
    running = charge(attempt, classified.code, config).catch((error: unknown) => outcomeNotRecorded(attempt, error));
    return ok(state);
  }

  /**
   * Something after the request went out threw — in practice a journal write (disk full, I/O
   * error). The money may have moved and the journal may not say so: the sale ends as needing
   * attention, the cashier can go on, and the row (still "sent" or "unknown") is looked up by
   * its reference by the background recheck, as after a crash.
   */
  function outcomeNotRecorded(attempt: SaleAttempt, error: unknown): void {
    deps.log.error('the outcome of a sent sale could not be journaled; it needs attention', { reference: attempt.reference, error });
    if (isCurrent(attempt)) set({ phase: 'needsAttention', attempt, error: { code: 'JOURNAL_WRITE_FAILED' } });
  }

  async function charge(attempt: WalletAttempt, code: string, config: CheckoutConfig): Promise<void> {
    let transaction: GatewayTransaction;
    try {
      transaction = await deps.gateway().scanQrCode({
        amount: attempt.amount,
        currency: attempt.currency,
        vendor: attempt.vendor,
        reference: attempt.reference,
        buyerIdentityCode: code,
        clientIp: deps.clientIp(),
        description: `${config.terminalName} sale`,
      });
    } catch (error) {
      const { kind, error: posError } = gatewayFailure(error, 'money');
      deps.log.warn('scanqrcode did not succeed', { reference: attempt.reference, kind, label: posError.gateway?.label });
      if (CERTAINLY_NOT_MOVED.includes(kind)) {
        settleFailure(attempt, posError);
        return;
      }
      // Indeterminate, bad reply, duplicate reference, rate limited: look the reference up.
      deps.journal.update(attempt.reference, { state: 'unknown', errorCode: posError.code, errorLabel: posError.gateway?.label });
      await resolveByLookup(attempt, 'unknown', config, kind === 'rate_limited');
      return;
    }
    if (transaction.reference !== attempt.reference || transaction.amount !== attempt.amount || transaction.currency !== attempt.currency) {
      // The client checks this too; a reply about another payment is never taken as this one's.
      deps.journal.update(attempt.reference, { state: 'unknown', errorCode: 'GATEWAY_BAD_REPLY' });
      await resolveByLookup(attempt, 'unknown', config);
      return;
    }
    crash('afterReply');
    const settled = applyTransaction(attempt, paymentOfTransaction(transaction), config, 'reply');
    crash('afterJournalUpdate');
    if (!settled) await resolveByLookup(attempt, 'pending', config);
  }

  /** Journals the transaction and shows it; returns true when it settled the sale. */
  function applyTransaction(attempt: SaleAttempt, transaction: GatewayPayment, config: CheckoutConfig, via: string): boolean {
    const outcome = journalPayment(deps.journal, attempt.reference, transaction, via);
    if (outcome === 'success') {
      const receipt: SaleReceipt = {
        ...attempt,
        transactionId: transaction.id,
        time: transaction.time,
        training: config.training,
        ...(transaction.vendorTransactionId ? { vendorTransactionId: transaction.vendorTransactionId } : {}),
      };
      if (isCurrent(attempt)) set({ phase: 'approved', receipt });
      return true;
    }
    if (outcome === 'failure') {
      if (isCurrent(attempt)) set({ phase: 'declined', attempt, error: { code: 'GATEWAY_DECLINED' } });
      return true;
    }
    return false;
  }

  function settleFailure(attempt: SaleAttempt, error: PosErrorData): void {
    deps.journal.update(attempt.reference, { state: 'failure', errorCode: error.code, errorLabel: error.gateway?.label });
    if (isCurrent(attempt)) set({ phase: 'declined', attempt, error });
  }

  function isCurrent(attempt: SaleAttempt): boolean {
    return 'attempt' in state && state.attempt.reference === attempt.reference;
  }

  /** `rateLimited`: the request itself was answered 429, so even the first look-up waits out the limit. */
  async function resolveByLookup(attempt: SaleAttempt, reason: 'pending' | 'unknown', config: CheckoutConfig, rateLimited = false): Promise<void> {
    const deadline = deps.now().getTime() + config.pendingDeadlineMs;
    let checks = 0;
    let notFound = 0;
    let firstNotFoundAt = 0;
    let delay = lookupDelayAfterMs(0, deps.random, rateLimited);
    set({ phase: 'checking', attempt, checks, reason });
    while (!closed) {
      await deps.sleep(delay);
      if (closed) return;
      checks += 1;
      set({ phase: 'checking', attempt, checks, reason });
      // A scanned sale is always NihaoPay's (scanqrcode).
      const answer = await lookUpAttempt(createNihaoPayPort(deps.gateway()), attempt);
      delay = lookupDelayAfterMs(checks, deps.random, answer.kind === 'unanswered' && answer.errorKind === 'rate_limited');
      if (answer.kind === 'payment') {
        notFound = 0;
        if (applyTransaction(attempt, answer.payment, config, 'lookup')) return;
      } else if (answer.kind === 'notFound' && reason === 'unknown') {
        notFound += 1;
        if (notFound === 1) firstNotFoundAt = deps.now().getTime();
        if (notFound >= notFoundChecks && deps.now().getTime() - firstNotFoundAt >= notFoundSettleMs) {
          settleFailure(attempt, { code: 'GATEWAY_NOT_FOUND' });
          return;
        }
      } else {
        deps.log.info('lookup did not settle the sale', { reference: attempt.reference, answer: answer.kind, checks });
      }
      if (deps.now().getTime() >= deadline) {
        const error: PosErrorData = { code: 'GATEWAY_INDETERMINATE' };
        deps.journal.update(attempt.reference, { state: 'needs_attention', detail: `${checks} look-ups` });
        if (isCurrent(attempt)) set({ phase: 'needsAttention', attempt, error });
        return;
      }
    }
  }

  const showQr = deps.showQr
    ? createShowQrSale({
        gateway: deps.showQr.gateway,
        ...(deps.showQr.onlinePay ? { onlinePay: deps.showQr.onlinePay } : {}),
        journal: deps.journal,
        now: deps.now,
        randomBytes: deps.randomBytes,
        random: deps.random,
        log: deps.log,
        state: () => state,
        set: (next) => void set(next),
        onPaidAfterAll: deps.showQr.onPaidAfterAll,
        notFoundChecks,
        notFoundSettleMs,
        ...(deps.showQr.timing ? { timing: deps.showQr.timing } : {}),
        ...(deps.methodRefusal ? { methodRefusal: deps.methodRefusal } : {}),
        ...(deps.crashPoint ? { crashPoint: deps.crashPoint } : {}),
      })
    : undefined;

  return {
    state: () => state,
    startSale,
    startShowQr(vendor) {
      if (!showQr || !deps.showQr) return fail({ code: 'SHOW_QR_NEEDS_IPN_URL' });
      return showQr.start({ method: 'showqrcode', vendor }, { ...deps.config(), ...deps.showQr.config() });
    },
    startHostedPayment() {
      if (!showQr || !deps.showQr) return fail({ code: 'ONLINEPAY_NOT_CONFIGURED' });
      return showQr.start({ method: 'hostedqr' }, { ...deps.config(), ...deps.showQr.config() });
    },
    stopWaitingForQr: () => showQr?.stopWaiting() ?? fail({ code: 'NO_SALE_IN_PROGRESS' }),
    nudgeShowQr(reference) {
      if (showQr?.isWatching(reference)) showQr.nudge(reference);
      else deps.showQr?.onUnwatchedNews?.(reference);
    },
    watchedShowQr: () => showQr?.watching() ?? [],
    submitScan,
    retryScan() {
      if (state.phase !== 'declined') return fail({ code: 'NO_SALE_IN_PROGRESS' });
      const { amount, currency } = state.attempt;
      return ok(set({ phase: 'awaitingScan', sale: { amount, currency } }));
    },
    cancelSale() {
      if (state.phase !== 'awaitingScan' && state.phase !== 'declined') return fail(isCheckoutBusy(state) ? { code: 'SALE_IN_PROGRESS' } : { code: 'NO_SALE_IN_PROGRESS' });
      return ok(set({ phase: 'idle' }));
    },
    newSale() {
      if (isCheckoutBusy(state) || state.phase === 'awaitingScan') return fail({ code: 'SALE_IN_PROGRESS' });
      return ok(set({ phase: 'idle' }));
    },
    activeReference: () => (isCheckoutBusy(state) && 'attempt' in state ? state.attempt.reference : undefined),
    idle: async () => {
      await running;
      await showQr?.idle();
    },
    close() {
      closed = true;
      showQr?.close();
    },
  };
}
