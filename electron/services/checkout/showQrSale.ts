import type { CheckoutState, SaleAttempt, SaleReceipt } from '../../../shared/checkout/checkoutState';
import type { CallResult, PosErrorData } from '../../../shared/errors/posErrors';
import type { NihaoPayApi, ShownQrCode } from '../../../shared/gateway/nihaopay/nihaopayApi';
import type { GatewayEnvironment, PaymentGateway } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import { isFinalPaymentState } from '../../../shared/payments/paymentState';
import { makeReference } from '../../../shared/payments/reference';
import type { Vendor } from '../../../shared/payments/vendors';
import { CERTAINLY_NOT_MOVED } from '../gateway/gatewayError';
import { gatewayFailure } from '../gateway/nihaopay/nihaopayGatewayError';
import type { AttemptRow, Journal } from '../journal/journal';
import { journalRefusal } from '../journal/journalFileIdentity';
import type { Logger } from '../log/logger';
import { journalPayment, lookUpAttempt } from './attemptLookup';
import { createNihaoPayPort } from '../gateway/nihaopay/nihaopayPort';
import { createOnlinePayPort } from '../gateway/onlinepay/onlinePayPort';
import { createGatewayError } from '../gateway/gatewayError';
import type { SaleFinder } from '../gateway/gatewayPort';
import type { GatewayPayment, SaleMethod } from '../../../shared/gateway/paymentGateway';
import { isInStoreCurrency } from '../../../shared/money/currencies';
import type { OnlinePayApi, OnlinePayLocale } from '../../../shared/gateway/onlinepay/onlinePayApi';
import type { OnlinePayEnvironment } from '../../../shared/gateway/onlinepay/onlinePayProfile';
import { lookupDelayAfterMs, RATE_LIMITED_DELAY_MS } from './lookupSchedule';
import { markSent } from './markSent';
import type { CodeCrashPoint } from './crashPoints';

/**
 * The displayed-code sale: the customer pays by scanning our QR code on the customer
 * display, whichever gateway issued it.
 *
 *   NihaoPay show-QR:  amount → vendor → journal (fresh reference, showqrcode) → POST showqrcode
 *   OnlinePay card:    amount → journal (fresh reference = orderNumber, hostedqr) → POST /api/v1/payments
 *     → the code (a wallet URL, or OnlinePay's payment page) on the display → look-ups by
 *     reference (and verified IPNs, applied to the journal by the receiver, which wake the
 *     watch) → paid | failed | expired
 *
 * It is a money-moving attempt like a scan, under the same rules: journaled before it is
 * sent, one reference for its whole life, settled only by look-ups and verified IPNs and
 * never sent again. A code the customer can still pay is watched until the gateway says it
 * is over: "stop waiting" only hands the watch to the background (the display goes idle),
 * and a code paid after all is reported so the cashier can refund it.
 */

export interface ShowQrConfig {
  terminalName: string;
  environment: GatewayEnvironment;
  training: boolean;
  /** Where NihaoPay posts the IPN (required by the document); undefined: none configured. */
  ipnUrl: string | undefined;
  /** A verified IPN receiver is running: look-ups can be the slower backstop. */
  ipnReceiving: boolean;
  /** 1–1440 minutes before the code expires. */
  timeoutMinutes: number;
  /** How long an unknown outcome (no usable reply) is looked up before it needs attention. */
  pendingDeadlineMs: number;
  /** OnlinePay: its environment, how long its page's QR is shown, and the page's language. */
  hosted?: { environment: OnlinePayEnvironment; timeoutMinutes: number; locale: OnlinePayLocale };
}

/** What the cashier chose: a wallet's QR (NihaoPay), or OnlinePay's payment page (card or wallet). */
export type DisplayedCodeChoice = { method: 'showqrcode'; vendor: Vendor } | { method: 'hostedqr' };

/** A code a gateway issued, in the terms the watch needs. */
interface IssuedCode {
  id: string;
  codeUrl: string;
  time?: string;
  timeoutMinutes: number;
}

export interface ShowQrTiming {
  /** Between look-ups while the code is on the display (the customer wants to see "paid" at once). */
  showingLookupMs: number;
  /** The same when an IPN receiver will tell us first: look-ups are then only the backstop. */
  showingLookupWithIpnMs: number;
  /** After the cashier stopped waiting: the code may still be paid until it expires. */
  backgroundLookupMs: number;
  /** After expiry, how long the gateway has to say the code is closed before the sale needs attention. */
  graceAfterExpiryMs: number;
  /**
   * OnlinePay never closes a payment (the text has no lifetime nor cancel): after our
   * expiry it is still watched this long (a customer may be in the middle of 3-D Secure)
   * before it needs attention, where the background recheck goes on looking.
   */
  hostedGraceAfterExpiryMs: number;
}

export const DEFAULT_SHOW_QR_TIMING: ShowQrTiming = {
  showingLookupMs: 1_000,
  showingLookupWithIpnMs: 4_000,
  backgroundLookupMs: 5_000,
  graceAfterExpiryMs: 60_000,
  hostedGraceAfterExpiryMs: 30 * 60_000,
};

export interface ShowQrSaleDeps {
  gateway: () => PaymentGateway & Pick<NihaoPayApi, 'showQrCode'>;
  /** OnlinePay's client while it is configured (hosted-payment sales). */
  onlinePay?: () => OnlinePayApi | undefined;
  journal: Journal;
  now: () => Date;
  randomBytes: (size: number) => Uint8Array;
  random: () => number;
  log: Logger;
  /** The checkout's state, which this service moves through the show-QR phases. */
  state: () => CheckoutState;
  set: (state: CheckoutState) => void;
  /** A code the cashier stopped waiting for was paid after all: alert, offer a refund. */
  onPaidAfterAll: (row: AttemptRow) => void;
  notFoundChecks?: number;
  notFoundSettleMs?: number;
  timing?: Partial<ShowQrTiming>;
  /** Kill tests only: called where a crash must not lose or double a payment. */
  crashPoint?: (point: CodeCrashPoint) => void;
  /** The store's rule (availableMethods.ts): a method it does not offer is refused before anything is journaled. */
  methodRefusal?: (method: SaleMethod) => PosErrorData | undefined;
}

export interface ShowQrSale {
  /** From the sale awaiting a code: journal, ask the gateway for the code, show it, watch it. */
  start(choice: DisplayedCodeChoice, config: ShowQrConfig): CallResult<CheckoutState>;
  /** The display goes back to idle; the code stays watched until it is paid or over. */
  stopWaiting(): CallResult<CheckoutState>;
  /** The journal row of `reference` may have changed (a verified IPN): look at it now. */
  nudge(reference: string): void;
  /** True while `reference` is a code this service still watches. */
  isWatching(reference: string): boolean;
  /** References still watched, oldest first. */
  watching(): string[];
  /** Resolves when no showqrcode request is out (the watches may go on). */
  idle(): Promise<void>;
  close(): void;
}

const REFERENCE_RANDOM_BYTES = 8;

interface Watch {
  attempt: SaleAttempt;
  /** ms since the epoch: the code stops being payable. */
  expiresAt: number;
  /** Wakes the watch's current wait early (an IPN arrived, or the app is closing). */
  wake?: () => void;
}

type Outcome = 'paid' | 'failed' | 'expired';

export function createShowQrSale(deps: ShowQrSaleDeps): ShowQrSale {
  const timing: ShowQrTiming = { ...DEFAULT_SHOW_QR_TIMING, ...deps.timing };
  const notFoundChecks = deps.notFoundChecks ?? 3;
  const notFoundSettleMs = deps.notFoundSettleMs ?? 10_000;
  const watches = new Map<string, Watch>();
  let sending: Promise<void> = Promise.resolve();
  let closed = false;
  const ok = (value: CheckoutState): CallResult<CheckoutState> => ({ ok: true, value });
  const fail = (error: PosErrorData): CallResult<CheckoutState> => ({ ok: false, error });

  /** The checkout is still on this attempt, waiting for it (not yet at a result, nor moved on). */
  const isWaitingOn = (attempt: SaleAttempt): boolean => {
    const state = deps.state();
    return (state.phase === 'processing' || state.phase === 'checking' || state.phase === 'showingQr') && state.attempt.reference === attempt.reference;
  };

  function start(choice: DisplayedCodeChoice, config: ShowQrConfig): CallResult<CheckoutState> {
    const state = deps.state();
    if (state.phase !== 'awaitingScan') return fail(state.phase === 'idle' ? { code: 'NO_SALE_IN_PROGRESS' } : { code: 'SALE_IN_PROGRESS' });
    const { sale } = state;
    // The store's currency and gateways first: a NihaoPay code in a CNY or EUR store, or a
    // method whose gateway is off, is refused with nothing journaled and nothing sent.
    const notOffered =
      deps.methodRefusal?.(choice.method) ??
      (choice.method === 'showqrcode' && !isInStoreCurrency(sale.currency) ? ({ code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { gateway: 'NihaoPay', currency: sale.currency } } as const) : undefined);
    if (notOffered) {
      deps.log.info('displayed-code sale refused: the store does not offer it', { method: choice.method, code: notOffered.code, currency: sale.currency });
      return fail(notOffered);
    }
    // Checked before anything is journaled: the request would be refused for want of it.
    if (choice.method === 'showqrcode' && !config.ipnUrl) return fail({ code: 'SHOW_QR_NEEDS_IPN_URL' });
    if (choice.method === 'hostedqr' && (!config.hosted || !deps.onlinePay?.())) return fail({ code: 'ONLINEPAY_NOT_CONFIGURED' });
    const gateway = choice.method === 'hostedqr' ? 'onlinepay' : 'nihaopay';
    const attempt: SaleAttempt = {
      ...sale,
      ...(choice.method === 'showqrcode' ? { vendor: choice.vendor } : {}),
      gateway,
      method: choice.method,
      reference: makeReference(config.terminalName, deps.now(), deps.randomBytes(REFERENCE_RANDOM_BYTES)),
    };
    try {
      deps.journal.insert({
        reference: attempt.reference,
        kind: 'sale',
        gateway,
        method: choice.method,
        amount: attempt.amount,
        currency: attempt.currency,
        ...(attempt.vendor ? { vendor: attempt.vendor } : {}),
        environment: choice.method === 'hostedqr' ? config.hosted!.environment : config.environment,
        // Each gateway trains on its own: a card sale is training when OnlinePay is, whatever NihaoPay's environment.
        training: choice.method === 'hostedqr' ? config.hosted!.environment === 'training' : config.training,
      });
    } catch (error) {
      deps.log.error('journal insert failed; displayed-code sale not sent', { error });
      const refusal = journalRefusal(error);
      deps.set({ phase: 'awaitingScan', sale, refusal });
      return fail(refusal);
    }
    deps.crashPoint?.('codeAfterJournalInsert');
    // "sent" before the request leaves: a row still "created" after a crash was never sent.
    const notMarked = markSent(deps.journal, deps.log, attempt.reference);
    if (notMarked) {
      deps.set({ phase: 'awaitingScan', sale, refusal: notMarked });
      return fail(notMarked);
    }
    deps.crashPoint?.('codeAfterMarkedSent');
    deps.set({ phase: 'processing', attempt });
    sending = send(attempt, config).catch((error: unknown) => outcomeNotRecorded(attempt, error));
    return ok(deps.state());
  }

  /** NihaoPay's showqrcode, or OnlinePay's payment (its page's address is the code). */
  async function issue(attempt: SaleAttempt, config: ShowQrConfig): Promise<IssuedCode> {
    const description = `${config.terminalName} sale`;
    if (attempt.method === 'hostedqr') {
      const client = deps.onlinePay?.();
      if (!client || !config.hosted) throw createGatewayError('indeterminate', 'OnlinePay is no longer configured');
      const created = await client.createPayment({
        product: description,
        amount: attempt.amount,
        currency: attempt.currency,
        orderNumber: attempt.reference,
        extraReturnParam: attempt.reference,
        locale: config.hosted.locale,
      });
      return { id: created.token, codeUrl: created.processingUrl, timeoutMinutes: config.hosted.timeoutMinutes };
    }
    // start() refused this already; kept so that no other path can send NihaoPay a currency it does not take.
    if (!isInStoreCurrency(attempt.currency)) throw createGatewayError('invalid_request', `NihaoPay does not take ${attempt.currency} in store`);
    const shown: ShownQrCode = await deps.gateway().showQrCode({
      amount: attempt.amount,
      currency: attempt.currency,
      vendor: attempt.vendor!,
      reference: attempt.reference,
      ipnUrl: config.ipnUrl!,
      timeoutMinutes: config.timeoutMinutes,
      description,
    });
    return { id: shown.id, codeUrl: shown.codeUrl, time: shown.time, timeoutMinutes: shown.timeoutMinutes };
  }

  /** Where the attempt is looked up: the gateway that issued its code, by our reference. */
  function finderFor(attempt: SaleAttempt): SaleFinder {
    if (attempt.gateway !== 'onlinepay') return createNihaoPayPort(deps.gateway());
    return {
      findSale(reference) {
        const client = deps.onlinePay?.();
        if (!client) return Promise.reject(createGatewayError('indeterminate', 'OnlinePay is not configured now'));
        return createOnlinePayPort(client).findSale(reference);
      },
    };
  }

  /**
   * A journal write after showqrcode went out failed (disk full, I/O error): the code may
   * exist and be paid while the journal does not say so. The cashier is not left on a
   * screen that can never end: the sale needs attention, and the row, no longer watched, is
   * looked up by the background recheck, as after a crash.
   */
  function outcomeNotRecorded(attempt: SaleAttempt, error: unknown): void {
    deps.log.error('the outcome of a show-QR sale could not be journaled; it needs attention', { reference: attempt.reference, error });
    if (isWaitingOn(attempt)) deps.set({ phase: 'needsAttention', attempt, error: { code: 'JOURNAL_WRITE_FAILED' } });
  }

  function watchInBackground(watch: Watch, config: ShowQrConfig): void {
    void watchUntilOver(watch, config).catch((error: unknown) => outcomeNotRecorded(watch.attempt, error));
  }

  async function send(attempt: SaleAttempt, config: ShowQrConfig): Promise<void> {
    // The gateway's clock starts somewhere between sending and the reply; counting from
    // the send makes our countdown end first, so the display never shows a dead code.
    const sentAt = deps.now().getTime();
    let shown: IssuedCode;
    try {
      shown = await issue(attempt, config);
    } catch (error) {
      // NihaoPay's errors are classified again by its money table; OnlinePay's client already classified its own.
      const { kind, error: posError } = gatewayFailure(error, attempt.gateway === 'onlinepay' ? 'other' : 'money');
      deps.log.warn('the displayed-code request did not succeed', { reference: attempt.reference, method: attempt.method, kind, label: posError.gateway?.label });
      if (CERTAINLY_NOT_MOVED.includes(kind)) {
        deps.journal.update(attempt.reference, { state: 'failure', errorCode: posError.code, errorLabel: posError.gateway?.label });
        if (isWaitingOn(attempt)) deps.set({ phase: 'declined', attempt, error: posError });
        return;
      }
      // Timeout, vendor error, a reply we cannot believe, an order number OnlinePay already
      // has: the code may exist without us having seen it. Looked up, never sent again.
      deps.journal.update(attempt.reference, { state: 'unknown', errorCode: posError.code, errorLabel: posError.gateway?.label });
      await resolveUnseen(attempt, config, kind === 'rate_limited');
      return;
    }
    deps.crashPoint?.('codeAfterReply');
    const timeoutMinutes = shown.timeoutMinutes;
    const expiresAt = sentAt + timeoutMinutes * 60_000;
    deps.journal.update(attempt.reference, {
      state: 'pending',
      transactionId: shown.id,
      ...(shown.time ? { gatewayTime: shown.time } : {}),
      detail: `${attempt.method}: code shown, ${timeoutMinutes} min`,
    });
    const watch: Watch = { attempt, expiresAt };
    watches.set(attempt.reference, watch);
    if (isWaitingOn(attempt)) {
      deps.set({
        phase: 'showingQr',
        attempt,
        qr: { transactionId: shown.id, codeUrl: shown.codeUrl, expiresAt: new Date(expiresAt).toISOString(), timeoutMinutes, checks: 0 },
      });
    }
    watchInBackground(watch, config);
  }

  function wait(watch: Watch, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (watch.wake === done) delete watch.wake;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      timer.unref();
      watch.wake = done;
    });
  }

  /** Looks the code up until paid, failed or expired; hands it to the background recheck if the gateway never says. */
  async function watchUntilOver(watch: Watch, config: ShowQrConfig): Promise<void> {
    const { attempt } = watch;
    let checks = 0;
    // After a 429 no look-up before this time (the wait still wakes for expiry and IPNs).
    let lookUpNotBefore = 0;
    try {
      while (!closed) {
        const state = deps.state();
        const onDisplay = state.phase === 'showingQr' && state.attempt.reference === attempt.reference;
        const interval = onDisplay ? (config.ipnReceiving ? timing.showingLookupWithIpnMs : timing.showingLookupMs) : timing.backgroundLookupMs;
        const untilExpiry = watch.expiresAt - deps.now().getTime();
        // Wake at expiry too, so the code leaves the display the moment it stops being payable.
        await wait(watch, untilExpiry > 0 && onDisplay ? Math.min(interval, untilExpiry) : interval);
        if (closed) return;

        // A verified IPN may have settled it already (the receiver writes the journal).
        const row = deps.journal.get(attempt.reference);
        if (row && isFinalPaymentState(row.state)) return finish(attempt, row, row.errorCode === 'SHOW_QR_EXPIRED' ? 'expired' : row.state === 'success' ? 'paid' : 'failed');

        const now = deps.now().getTime();
        const current = deps.state();
        if (now >= watch.expiresAt && current.phase === 'showingQr' && current.attempt.reference === attempt.reference) {
          if (attempt.method === 'hostedqr') {
            // OnlinePay never ends a payment: our time is up, so the code leaves the display and
            // the cashier may try again; the payment is still watched, and paid after all is announced.
            deps.set({ phase: 'declined', attempt, error: { code: 'HOSTED_PAYMENT_EXPIRED' } });
          } else {
            // Expired by our clock: off the display, confirmed with the gateway before anyone is told.
            deps.set({ phase: 'checking', attempt, checks, reason: 'pending' });
          }
        }
        if (now < lookUpNotBefore) continue;

        const answer = await lookUpAttempt(finderFor(attempt), attempt);
        if (closed) return;
        checks += 1;
        if (answer.kind === 'unanswered' && answer.errorKind === 'rate_limited') lookUpNotBefore = deps.now().getTime() + RATE_LIMITED_DELAY_MS;
        if (answer.kind === 'payment') {
          const outcome = applyLookup(attempt, answer.payment);
          if (outcome) return finish(attempt, deps.journal.get(attempt.reference), outcome);
        } else {
          deps.log.info('show-QR look-up did not settle the sale', { reference: attempt.reference, answer: answer.kind, checks });
        }
        const after = deps.state();
        if (after.phase === 'showingQr' && after.attempt.reference === attempt.reference) deps.set({ ...after, qr: { ...after.qr, checks } });
        else if (after.phase === 'checking' && after.attempt.reference === attempt.reference) deps.set({ ...after, checks });

        const grace = attempt.method === 'hostedqr' ? timing.hostedGraceAfterExpiryMs : timing.graceAfterExpiryMs;
        if (deps.now().getTime() >= watch.expiresAt + grace) {
          // The gateway still calls it pending well after it should have closed it: the
          // journal's background recheck takes over, and a late payment still comes to light.
          deps.journal.update(attempt.reference, { state: 'needs_attention', detail: `${attempt.method}: still open ${grace / 1000} s after expiry` });
          if (isWaitingOn(attempt)) deps.set({ phase: 'needsAttention', attempt, error: { code: 'GATEWAY_INDETERMINATE' } });
          return;
        }
      }
    } finally {
      watches.delete(attempt.reference);
    }
  }

  /** Journals what a look-up said; returns the outcome once there is one. */
  function applyLookup(attempt: SaleAttempt, transaction: GatewayPayment): Outcome | undefined {
    if (transaction.status === 'closed') {
      // NihaoPay cancels a code that timed out unpaid: nothing was charged.
      deps.journal.update(attempt.reference, {
        state: 'failure',
        transactionId: transaction.id,
        gatewayTime: transaction.time,
        errorCode: 'SHOW_QR_EXPIRED',
        detail: 'lookup: closed (expired unpaid)',
      });
      return 'expired';
    }
    const state = journalPayment(deps.journal, attempt.reference, transaction, 'show-QR lookup');
    return state === 'success' ? 'paid' : state === 'failure' ? 'failed' : undefined;
  }

  function finish(attempt: SaleAttempt, row: AttemptRow | undefined, outcome: Outcome): void {
    const waiting = isWaitingOn(attempt);
    deps.log.info('show-QR sale settled', { reference: attempt.reference, outcome, cashierWaiting: waiting });
    if (outcome === 'paid') {
      if (!waiting) {
        if (row) deps.onPaidAfterAll(row);
        return;
      }
      const receipt: SaleReceipt = {
        ...attempt,
        transactionId: row?.transactionId ?? '',
        time: row?.gatewayTime ?? deps.now().toISOString(),
        training: row?.training ?? false,
        ...(row?.vendorTransactionId ? { vendorTransactionId: row.vendorTransactionId } : {}),
      };
      deps.set({ phase: 'approved', receipt });
      return;
    }
    if (waiting) deps.set({ phase: 'declined', attempt, error: outcome === 'expired' ? { code: 'SHOW_QR_EXPIRED' } : { code: 'GATEWAY_DECLINED' } });
  }

  /**
   * No usable reply (timeout, vendor error, a reply about something else): the code may
   * exist, but nobody has seen it, so nobody can pay it. Look the reference up: not there
   * → not charged; there and pending → tell the cashier it could not be shown, and watch
   * it in the background until it expires all the same.
   */
  async function resolveUnseen(attempt: SaleAttempt, config: ShowQrConfig, rateLimitedAtFirst: boolean): Promise<void> {
    const deadline = deps.now().getTime() + config.pendingDeadlineMs;
    const watch: Watch = { attempt, expiresAt: deps.now().getTime() + config.timeoutMinutes * 60_000 };
    watches.set(attempt.reference, watch);
    let checks = 0;
    let notFound = 0;
    let firstNotFoundAt = 0;
    let handedOver = false;
    let rateLimited = rateLimitedAtFirst;
    try {
      if (isWaitingOn(attempt)) deps.set({ phase: 'checking', attempt, checks, reason: 'unknown' });
      while (!closed) {
        await wait(watch, lookupDelayAfterMs(checks, deps.random, rateLimited));
        if (closed) return;
        checks += 1;
        if (isWaitingOn(attempt)) deps.set({ phase: 'checking', attempt, checks, reason: 'unknown' });
        const answer = await lookUpAttempt(finderFor(attempt), attempt);
        rateLimited = answer.kind === 'unanswered' && answer.errorKind === 'rate_limited';
        if (answer.kind === 'payment') {
          notFound = 0;
          const outcome = applyLookup(attempt, answer.payment);
          if (outcome) return finish(attempt, deps.journal.get(attempt.reference), outcome);
          // Pending: it exists. The customer never saw it; the cashier may start again.
          deps.journal.update(attempt.reference, { state: 'pending', transactionId: answer.payment.id, detail: 'show-QR: exists but was never shown' });
          if (isWaitingOn(attempt)) deps.set({ phase: 'declined', attempt, error: { code: 'SHOW_QR_NOT_SHOWN' } });
          handedOver = true;
          watchInBackground(watch, config);
          return;
        }
        if (answer.kind === 'notFound') {
          notFound += 1;
          if (notFound === 1) firstNotFoundAt = deps.now().getTime();
          if (notFound >= notFoundChecks && deps.now().getTime() - firstNotFoundAt >= notFoundSettleMs) {
            deps.journal.update(attempt.reference, { state: 'failure', errorCode: 'GATEWAY_NOT_FOUND', detail: 'show-QR: the gateway has no such code' });
            if (isWaitingOn(attempt)) deps.set({ phase: 'declined', attempt, error: { code: 'SHOW_QR_NOT_SHOWN' } });
            return;
          }
        }
        if (deps.now().getTime() >= deadline) {
          deps.journal.update(attempt.reference, { state: 'needs_attention', detail: `show-QR: ${checks} look-ups without an answer` });
          if (isWaitingOn(attempt)) deps.set({ phase: 'needsAttention', attempt, error: { code: 'GATEWAY_INDETERMINATE' } });
          return;
        }
      }
    } finally {
      if (!handedOver) watches.delete(attempt.reference);
    }
  }

  return {
    start,
    stopWaiting() {
      const state = deps.state();
      const stoppable = state.phase === 'showingQr' || (state.phase === 'checking' && (state.attempt.method === 'showqrcode' || state.attempt.method === 'hostedqr') && watches.has(state.attempt.reference));
      if (!stoppable) return fail({ code: 'NO_SALE_IN_PROGRESS' });
      const { attempt } = state;
      // A line in the payment's own history (same state, kept error): the cashier stopped waiting, the code did not end.
      try {
        const row = deps.journal.get(attempt.reference);
        if (row && !isFinalPaymentState(row.state)) {
          deps.journal.update(attempt.reference, { state: row.state, errorCode: row.errorCode, errorLabel: row.errorLabel, detail: 'cashier stopped waiting; watched until it expires' });
        }
        deps.journal.audit({ action: 'showQr.stopWaiting', outcome: 'ok', detail: attempt.reference });
      } catch (error) {
        // A history line, not a payment: a journal that cannot take it must not keep the cashier on this screen.
        deps.log.error('could not journal that the cashier stopped waiting', { reference: attempt.reference, error });
      }
      deps.set({ phase: 'idle' });
      watches.get(attempt.reference)?.wake?.();
      return ok(deps.state());
    },
    nudge(reference) {
      watches.get(reference)?.wake?.();
    },
    isWatching: (reference) => watches.has(reference),
    watching: () => [...watches.keys()],
    idle: () => sending,
    close() {
      closed = true;
      for (const watch of watches.values()) watch.wake?.();
    },
  };
}
