import type { CheckoutState } from '../../../shared/checkout/checkoutState';
import type { CallResult } from '../../../shared/errors/posErrors';
import { isCurrencyCode, type CurrencyCode } from '../../../shared/money/currencies';
import { minorToDecimalString } from '../../../shared/money/amount';
import { refundBalance } from '../../../shared/refunds/refundBalance';
import type { RefundOutcome } from '../../../shared/refunds/refundTypes';
import {
  failure,
  minorToWireAmount,
  paymentReceipt,
  paymentResponseBody,
  saleToPoiResponse,
  wireAmountToMinor,
  type NexoErrorCondition,
  type NexoResponseStatus,
  type RegisterPaymentFacts,
} from '../../../shared/register/nexoMessages';
import type { NexoAbortRequest, NexoMessageHeader, NexoPaymentRequest, NexoRequest, NexoReversalRequest, NexoTransactionStatusRequest } from '../../../shared/register/nexoSchemas';
import type { RegisterSaleView } from '../../../shared/register/registerSaleView';
import type { AttemptRow, Journal } from '../journal/journal';
import type { RegisterRequestRow } from '../journal/registerRequestTable';
import type { Logger } from '../log/logger';

export interface RegisterSessionDeps {
  journal: Journal;
  checkout: () => { state(): CheckoutState };
  /** The cashier's own startSale (recovery, gateway and amount checks included), for the register's amount. */
  startSale: (amount: number) => CallResult<unknown> | Promise<CallResult<unknown>>;
  /** The cashier's cancel: a sale not yet sent ends, nothing journaled. */
  cancelSale: () => CallResult<unknown> | Promise<CallResult<unknown>>;
  /** The back office's refund call: its balance checks, PIN policy, journal and audit. A register types no PIN. */
  refund: (input: { transactionId: string; amount: number; currency: CurrencyCode; reason: string }) => Promise<CallResult<RefundOutcome>>;
  config: () => { currency: CurrencyCode; merchantName: string; storeName: string; terminalName: string };
  /** Windows redraw: the register's sale appears on (or leaves) the cashier's screen. */
  publish: () => void;
  log: Logger;
  now: () => Date;
}

/** A context the endpoint gives each request: the register's connection going away. */
export interface RegisterRequestContext {
  /** Aborted when the register closes its connection before the response (its own timeout). */
  closed: AbortSignal;
}

export interface RegisterSession {
  /** Answers one validated message; undefined is "200 with no body" (AbortRequest). */
  handle(request: NexoRequest, context: RegisterRequestContext): Promise<object | undefined>;
  /** Every checkout change (posApp's onChange): links the attempt journaled for the register's sale, and answers it when settled. */
  onCheckoutChange(state: CheckoutState): void;
  /** The register's sale on the cashier's screen, if one is open. */
  view(): RegisterSaleView | undefined;
  /** Ends every held request (shutdown): each is answered with what the journal says now. */
  close(): void;
}

interface OpenSale {
  row: RegisterRequestRow;
  header: NexoMessageHeader;
  reference?: string;
  abortRequested: boolean;
  answer: (body: object) => void;
}

const isPaidOrUnsettled = (attempt: AttemptRow | undefined) => attempt && attempt.state !== 'failure';

/**
 * The bridge between a cash register's held-open request and Counterpay's own checkout:
 * one register sale at a time, started through the cashier's startSale (so the same checks
 * apply), paid by scan, show-QR or OnlinePay card at the counter exactly like a typed sale,
 * and answered from the journal once its attempt settles. It never moves money itself: sales
 * go through the checkout service, reversals through the back office's refund call.
 */
export function createRegisterSession(deps: RegisterSessionDeps): RegisterSession {
  let open: OpenSale | undefined;
  let reversing = false;
  /** The reversal being sent now (its refund is not linked yet, and must not be guessed). */
  let reversingRow: number | undefined;
  const requests = deps.journal.registerRequests;

  const saleTransactionOf = (row: RegisterRequestRow) => ({ TransactionID: row.saleTransactionId, TimeStamp: row.saleTransactionTime });

  function receiptLines(attempt: AttemptRow): string[] {
    const config = deps.config();
    const currency = attempt.currency as CurrencyCode;
    const lines = [
      config.merchantName,
      config.storeName,
      `Terminal ${config.terminalName}`,
      (attempt.gatewayTime ?? attempt.updatedAt).replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'),
      attempt.kind === 'refund' ? 'REFUND' : 'SALE',
      `${attempt.vendor ?? (attempt.gateway === 'onlinepay' ? 'OnlinePay' : '')}`.toUpperCase(),
      `Amount ${isCurrencyCode(currency) ? minorToDecimalString(attempt.amount, currency) : attempt.amount} ${attempt.currency}`,
      `Transaction ${attempt.transactionId ?? ''}`,
      `Reference ${attempt.reference}`,
      attempt.state === 'success' ? 'APPROVED' : 'DECLINED',
    ];
    if (attempt.training) lines.push('TRAINING - NO REAL MONEY');
    return lines.filter((line) => line.trim() !== '');
  }

  /** What a register payment came to, read from the journal every time (so it is right after a restart or a late settlement). */
  function paymentFacts(row: RegisterRequestRow): RegisterPaymentFacts {
    const saleTransactionId = saleTransactionOf(row);
    const attempt = row.reference ? deps.journal.get(row.reference) : undefined;
    if (attempt) {
      const poiTransaction = { reference: attempt.reference, time: attempt.gatewayTime ?? attempt.createdAt };
      const paymentMethod = attempt.vendor ?? (attempt.gateway === 'onlinepay' ? 'onlinepay' : undefined);
      const common = { saleTransactionId, poiTransaction, ...(paymentMethod ? { paymentMethod } : {}), ...(attempt.transactionId ? { gatewayTransactionId: attempt.transactionId } : {}) };
      if (attempt.state === 'success') {
        return { ...common, status: { Result: 'Success' }, amount: { authorized: attempt.amount, currency: attempt.currency as CurrencyCode }, receiptLines: receiptLines(attempt) };
      }
      if (attempt.state === 'failure') return { ...common, status: failure('Refusal', `declined${attempt.errorCode ? ` (${attempt.errorCode})` : ''}`), receiptLines: receiptLines(attempt) };
      return { ...common, status: failure('InProgress', 'the payment is being confirmed with the gateway: ask TransactionStatus, do not charge again') };
    }
    if (row.ended === 'aborted') return { saleTransactionId, status: failure('Aborted', 'aborted by the register before it was sent') };
    if (row.ended === 'cancelled') return { saleTransactionId, status: failure('Cancel', 'cancelled at the counter before it was sent') };
    if (row.ended === 'disconnected') return { saleTransactionId, status: failure('Aborted', 'the register went away before a code was taken; nothing was sent') };
    if (row.ended?.startsWith('refused:')) return { saleTransactionId, status: failure('NotAllowed', row.ended.slice('refused:'.length)) };
    return { saleTransactionId, status: failure('InProgress', 'waiting for the customer at the counter') };
  }

  const paymentResponse = (header: NexoMessageHeader, row: RegisterRequestRow) => saleToPoiResponse(header, 'PaymentResponse', paymentResponseBody(paymentFacts(row)));
  const paymentFailure = (header: NexoMessageHeader, body: NexoPaymentRequest, status: NexoResponseStatus) =>
    saleToPoiResponse(header, 'PaymentResponse', paymentResponseBody({ saleTransactionId: body.SaleData.SaleTransactionID, status }));

  /**
   * A reversal's refund is journaled by the refund service under its own reference and linked
   * here when the call returns. After a crash in between, the refund of the same sale and
   * amount journaled at or after the request, and claimed by no other request, is its own.
   */
  function reversalAttempt(row: RegisterRequestRow): AttemptRow | undefined {
    if (row.reference) return deps.journal.get(row.reference);
    if (row.ended || !row.originalReference || row.id === reversingRow) return undefined;
    const sale = deps.journal.get(row.originalReference);
    if (!sale?.transactionId) return undefined;
    const found = deps.journal
      .refundsOf(sale.transactionId)
      .find((refund) => refund.amount === row.amount && refund.createdAt >= row.createdAt && !requests.isLinked(refund.reference));
    if (found) requests.link(row.id, found.reference);
    return found;
  }

  function reversalFacts(row: RegisterRequestRow) {
    const attempt = reversalAttempt(row);
    const status: NexoResponseStatus = attempt
      ? attempt.state === 'success'
        ? { Result: 'Success' }
        : attempt.state === 'failure'
          ? failure('Refusal', `refund declined${attempt.errorCode ? ` (${attempt.errorCode})` : ''}`)
          : failure('InProgress', 'the refund is being confirmed with the gateway')
      : row.ended?.startsWith('refused:')
        ? failure('NotAllowed', row.ended.slice('refused:'.length))
        : failure('InProgress', 'the refund is being sent');
    return {
      Response: status,
      ...(attempt ? { POIData: { POITransactionID: { TransactionID: attempt.reference, TimeStamp: attempt.gatewayTime ?? attempt.createdAt } } } : {}),
      ...(attempt?.state === 'success'
        ? { ReversedAmount: minorToWireAmount(attempt.amount, attempt.currency as CurrencyCode), PaymentReceipt: [paymentReceipt(receiptLines(attempt), 'CashierReceipt'), paymentReceipt(receiptLines(attempt), 'CustomerReceipt')] }
        : {}),
    };
  }

  function finish(body: object): void {
    const sale = open;
    if (!sale) return;
    open = undefined;
    sale.answer(body);
    deps.publish();
  }

  async function payment(header: NexoMessageHeader, body: NexoPaymentRequest, context: RegisterRequestContext): Promise<object> {
    const config = deps.config();
    const amounts = body.PaymentTransaction.AmountsReq;
    if (amounts.Currency !== config.currency) return paymentFailure(header, body, failure('NotAllowed', `this terminal takes ${config.currency}`));
    const amount = wireAmountToMinor(amounts.RequestedAmount, config.currency);
    if (amount === undefined) return paymentFailure(header, body, failure('MessageFormat', `RequestedAmount is not a positive ${config.currency} amount`));
    if (open || reversing) return paymentFailure(header, body, failure('Busy', 'another register request is in progress'));
    // A SaleTransactionID already paid (or still being confirmed) is never charged again.
    const earlier = requests.paymentsBySaleTransaction(header.SaleID, body.SaleData.SaleTransactionID.TransactionID);
    const paid = earlier.find((row) => isPaidOrUnsettled(row.reference ? deps.journal.get(row.reference) : undefined));
    if (paid) {
      deps.log.info('register payment repeated a SaleTransactionID already charged: its payment is returned', { saleId: header.SaleID, serviceId: header.ServiceID, earlier: paid.serviceId });
      return paymentResponse(header, paid);
    }
    const phase = deps.checkout().state().phase;
    if (phase !== 'idle' && phase !== 'approved' && phase !== 'declined' && phase !== 'needsAttention') return paymentFailure(header, body, failure('Busy', 'the cashier is taking another sale'));
    const row = requests.insert({
      category: 'Payment',
      saleId: header.SaleID,
      serviceId: header.ServiceID,
      poiId: header.POIID,
      saleTransactionId: body.SaleData.SaleTransactionID.TransactionID,
      saleTransactionTime: body.SaleData.SaleTransactionID.TimeStamp,
      amount,
      currency: config.currency,
    });
    const stored = requests.get(row)!;
    let answer: (body: object) => void = () => undefined;
    const answered = new Promise<object>((resolve) => (answer = resolve));
    open = { row: stored, header, abortRequested: false, answer };
    // The cashier's own checks: recovery first, gateways ready, the largest sale. An unresolved
    // earlier sale of the same amount does not stop it: the register's ids tell sales apart.
    const started = await deps.startSale(amount);
    if (!started.ok) {
      open = undefined;
      const reason = started.error.code;
      requests.end(row, `refused:${reason}`);
      const condition: NexoErrorCondition = reason === 'SALE_IN_PROGRESS' || reason === 'RECOVERY_IN_PROGRESS' ? 'Busy' : 'NotAllowed';
      return paymentFailure(header, body, failure(condition, reason));
    }
    deps.publish();
    // A register that gives up before a code is taken leaves nothing to pay: the sale ends,
    // nothing was sent. Once an attempt is journaled the payment runs to its outcome, which
    // the register learns with TransactionStatus.
    const onClose = () => {
      if (open?.row.id !== row || open.reference) return;
      deps.log.info('register went away before a code was taken; the sale ends unsent', { saleId: header.SaleID, serviceId: header.ServiceID });
      requests.end(row, 'disconnected');
      open.abortRequested = true;
      void deps.cancelSale();
    };
    context.closed.addEventListener('abort', onClose, { once: true });
    try {
      return await answered;
    } finally {
      context.closed.removeEventListener('abort', onClose);
    }
  }

  function onCheckoutChange(state: CheckoutState): void {
    const sale = open;
    if (!sale) return;
    if (!sale.reference) {
      if (state.phase === 'processing' || state.phase === 'checking' || state.phase === 'showingQr') {
        // Called from the checkout's own state change, after the attempt is journaled and
        // marked sent and before its request leaves: the link is on disk first.
        sale.reference = state.attempt.reference;
        try {
          requests.link(sale.row.id, state.attempt.reference);
        } catch (error) {
          deps.log.error('could not journal which attempt carries the register sale', { reference: state.attempt.reference, error });
        }
      } else if (state.phase === 'idle') {
        // An abort or a register gone away has said why already (end() keeps the first reason).
        requests.end(sale.row.id, sale.abortRequested ? 'aborted' : 'cancelled');
        finish(paymentResponse(sale.header, requests.get(sale.row.id)!));
      }
      return;
    }
    const settledReference =
      state.phase === 'approved' ? state.receipt.reference : state.phase === 'declined' || state.phase === 'needsAttention' ? state.attempt.reference : undefined;
    if (settledReference === sale.reference) finish(paymentResponse(sale.header, requests.get(sale.row.id)!));
  }

  function transactionStatus(header: NexoMessageHeader, body: NexoTransactionStatusRequest): object {
    const reference = body.MessageReference;
    const saleId = reference?.SaleID ?? header.SaleID;
    const row = reference?.ServiceID ? requests.byServiceId(saleId, reference.ServiceID) : requests.latest(saleId);
    if (!row) return saleToPoiResponse(header, 'TransactionStatusResponse', { Response: failure('NotFound', 'no such request from this register') });
    const category = row.category;
    const originalHeader: NexoMessageHeader = { ProtocolVersion: header.ProtocolVersion ?? '3.0', MessageClass: 'Service', MessageCategory: category, MessageType: 'Response', SaleID: row.saleId, ServiceID: row.serviceId, POIID: row.poiId };
    const messageReference = { MessageCategory: category, SaleID: row.saleId, ServiceID: row.serviceId };
    const repeated =
      category === 'Payment'
        ? (() => {
            const facts = paymentFacts(row);
            return facts.status.ErrorCondition === 'InProgress' ? undefined : { PaymentResponse: paymentResponseBody(facts) };
          })()
        : (() => {
            const facts = reversalFacts(row);
            return facts.Response.ErrorCondition === 'InProgress' ? undefined : { ReversalResponse: facts };
          })();
    if (!repeated) return saleToPoiResponse(header, 'TransactionStatusResponse', { Response: failure('InProgress', 'the request is still in progress'), MessageReference: messageReference });
    return saleToPoiResponse(header, 'TransactionStatusResponse', {
      Response: { Result: 'Success' },
      MessageReference: messageReference,
      RepeatedMessageResponse: { MessageHeader: originalHeader, RepeatedResponseMessageBody: repeated },
    });
  }

  function abort(header: NexoMessageHeader, body: NexoAbortRequest): undefined {
    const target = body.MessageReference;
    const sale = open;
    if (!sale || target.ServiceID !== sale.header.ServiceID || (target.SaleID ?? header.SaleID) !== sale.header.SaleID) {
      deps.log.info('register abort names no open request', { saleId: header.SaleID, serviceId: target.ServiceID });
      return undefined;
    }
    if (sale.reference) {
      // Already at the gateway: it cannot be called back; the PaymentRequest answers its real outcome.
      deps.log.info('register abort after the payment was sent: it runs to its outcome', { reference: sale.reference });
      return undefined;
    }
    sale.abortRequested = true;
    requests.end(sale.row.id, 'aborted');
    void deps.cancelSale();
    return undefined;
  }

  async function reversal(header: NexoMessageHeader, body: NexoReversalRequest): Promise<object> {
    const respond = (content: object) => saleToPoiResponse(header, 'ReversalResponse', content);
    if (open || reversing) return respond({ Response: failure('Busy', 'another register request is in progress') });
    const original = body.OriginalPOITransaction.POITransactionID.TransactionID;
    const byReference = deps.journal.get(original);
    const sale = byReference?.kind === 'sale' ? byReference : deps.journal.saleByTransactionId(original);
    if (!sale || sale.state !== 'success' || !sale.transactionId || !isCurrencyCode(sale.currency)) {
      return respond({ Response: failure('NotFound', 'no approved payment of this terminal has that POITransactionID') });
    }
    const currency = sale.currency;
    const balance = refundBalance(sale, deps.journal.refundsOf(sale.transactionId));
    const amount = body.ReversedAmount === undefined ? balance.remaining : wireAmountToMinor(body.ReversedAmount, currency);
    if (amount === undefined || amount <= 0) return respond({ Response: failure('MessageFormat', 'ReversedAmount is not a positive amount, or nothing is left to reverse') });
    reversing = true;
    try {
      const saleTransaction = body.SaleData?.SaleTransactionID ?? { TransactionID: original, TimeStamp: deps.now().toISOString() };
      const row = requests.insert({
        category: 'Reversal',
        saleId: header.SaleID,
        serviceId: header.ServiceID,
        poiId: header.POIID,
        saleTransactionId: saleTransaction.TransactionID,
        saleTransactionTime: saleTransaction.TimeStamp,
        amount,
        currency,
        originalReference: sale.reference,
      });
      reversingRow = row;
      const result = await deps.refund({ transactionId: sale.transactionId, amount, currency, reason: `Register reversal (${body.ReversalReason})` });
      if (result.ok) requests.link(row, result.value.reference);
      else requests.end(row, `refused:${result.error.code}`);
      const facts = reversalFacts(requests.get(row)!);
      return respond({ ...facts, OriginalPOITransaction: body.OriginalPOITransaction });
    } finally {
      reversing = false;
      reversingRow = undefined;
      deps.publish();
    }
  }

  return {
    async handle(request, context) {
      switch (request.category) {
        case 'Payment':
          return payment(request.header, request.body, context);
        case 'TransactionStatus':
          return transactionStatus(request.header, request.body);
        case 'Abort':
          return abort(request.header, request.body);
        case 'Reversal':
          return reversal(request.header, request.body);
      }
    },
    onCheckoutChange,
    view() {
      if (!open) return undefined;
      return {
        saleId: open.row.saleId,
        serviceId: open.row.serviceId,
        saleTransactionId: open.row.saleTransactionId,
        amount: open.row.amount,
        currency: open.row.currency,
        sent: open.reference !== undefined,
      };
    },
    close() {
      if (open) finish(paymentResponse(open.header, requests.get(open.row.id)!));
    },
  };
}
