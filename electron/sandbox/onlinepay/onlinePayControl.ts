import type { OnlinePayOperation } from './onlinePayBook';
import type { OnlinePayContext } from './onlinePayContext';
import { completeThreeDSecure, declinePayment, payWithWallet, submitCard, type CustomerProblem } from './onlinePayCustomer';
import { isOnlinePayCurrency } from './onlinePayDictionaries';
import { okReply, type OnlinePayReply } from './onlinePayErrors';
import type { OnlinePayFault } from './onlinePayFaults';
import { settlePayout } from './onlinePayPayoutsApi';
import { httpUrlOf, isJsonObject, parseJsonObject } from './onlinePayRequestFields';

/**
 * The trainer's and the tests' levers: stand in for the customer's phone, seed money,
 * point notifications somewhere, inject faults. The same functions back the methods on
 * the started sandbox and the `/__sandbox/…` HTTP endpoints.
 */

export type CustomerActionResult =
  | { ok: true; payment: OnlinePayOperation; walletToken?: string }
  | { ok: false; problem: CustomerProblem | 'not_found'; payment?: OnlinePayOperation };

export interface CardByControl {
  pan: string;
  threeDS: 'success' | 'fail';
  holder?: string;
  expiry?: string;
  cvv?: string;
}

/** The phone's whole card journey in one call: open, enter the card, answer 3-D Secure. */
export function payByCard(context: OnlinePayContext, token: string, card: CardByControl): CustomerActionResult {
  const payment = payable(context, token);
  if (!payment) return { ok: false, problem: 'not_found' };
  const nextYear = String((context.now().getUTCFullYear() + 1) % 100).padStart(2, '0');
  const entered = submitCard(context, payment, { pan: card.pan, holder: card.holder ?? 'SANDBOX TEST', expiry: card.expiry ?? `12/${nextYear}`, cvv: card.cvv ?? '123' });
  if (!entered.ok) return { ok: false, problem: entered.problem, payment: snapshot(payment) };
  const done = completeThreeDSecure(context, payment, card.threeDS);
  return done.ok ? { ok: true, payment: snapshot(payment) } : { ok: false, problem: done.problem, payment: snapshot(payment) };
}

export function payByWallet(context: OnlinePayContext, token: string, phone?: string): CustomerActionResult {
  const payment = payable(context, token);
  if (!payment) return { ok: false, problem: 'not_found' };
  const result = payWithWallet(context, payment, phone);
  return result.ok && result.wallet ? { ok: true, payment: snapshot(payment), walletToken: result.wallet.token } : { ok: false, problem: result.ok ? 'final' : result.problem, payment: snapshot(payment) };
}

export function decline(context: OnlinePayContext, token: string): CustomerActionResult {
  const payment = payable(context, token);
  if (!payment) return { ok: false, problem: 'not_found' };
  const result = declinePayment(context, payment);
  return result.ok ? { ok: true, payment: snapshot(payment) } : { ok: false, problem: result.problem, payment: snapshot(payment) };
}

function payable(context: OnlinePayContext, token: string): OnlinePayOperation | undefined {
  const operation = context.book.byToken(token);
  return operation?.operationType === 'pay' ? operation : undefined;
}

/** A copy, so a caller holding it cannot change the books. */
export function snapshot(operation: OnlinePayOperation): OnlinePayOperation {
  return structuredClone(operation);
}

/** What the HTTP control needs from the server besides the context. */
export interface ControlHooks {
  setFault(fault: OnlinePayFault | null): unknown;
  setCallbackUrl(url: string | null): void;
  reset(): void;
  notifications(): unknown[];
  requests(): unknown[];
}

function customerReply(result: CustomerActionResult): OnlinePayReply {
  if (result.ok) return { status: 200, body: result };
  return { status: result.problem === 'not_found' ? 404 : result.problem === 'final' ? 409 : 422, body: result };
}

const badRequest = (message: string): OnlinePayReply => ({ status: 400, body: { success: false, errors: [{ kind: 'invalid_request_error', code: 'incorrect_body', message }] } });

/** `route` is "METHOD path-after-/__sandbox/", e.g. "POST payments/abc/card". */
export function answerControlRequest(route: string, bodyText: string, context: OnlinePayContext, hooks: ControlHooks): OnlinePayReply {
  const body = parseJsonObject(bodyText);
  const customer = /^POST payments\/([^/]+)\/(card|wallet|decline)$/.exec(route);
  if (customer?.[1]) {
    const token = decodeURIComponent(customer[1]);
    if (customer[2] === 'decline') return customerReply(decline(context, token));
    if (customer[2] === 'wallet') return customerReply(payByWallet(context, token, typeof body?.['phone'] === 'string' ? body['phone'] : undefined));
    const pan = body?.['pan'];
    const threeDS = body?.['threeDS'] ?? 'success';
    if (typeof pan !== 'string' || (threeDS !== 'success' && threeDS !== 'fail')) return badRequest('Send {"pan": "4111111111111111", "threeDS": "success" | "fail"}.');
    return customerReply(payByCard(context, token, { pan, threeDS }));
  }
  const payout = /^POST payouts\/([^/]+)\/(approve|decline)$/.exec(route);
  if (payout?.[1]) return settlePayout(decodeURIComponent(payout[1]), payout[2] === 'approve' ? 'approved' : 'declined', context);

  switch (route) {
    case 'GET payments':
      return okReply({ payments: context.book.all().map(snapshot) });
    case 'GET notifications':
      return okReply({ deliveries: hooks.notifications() });
    case 'GET requests':
      return okReply({ requests: hooks.requests() });
    case 'POST balance': {
      const currency = body?.['currency'];
      const available = body?.['available'];
      if (!isOnlinePayCurrency(currency) || typeof available !== 'number' || !Number.isSafeInteger(available) || available < 0) {
        return badRequest('Send {"currency": "CNY" | "EUR" | "USD" | "JPY", "available": <non-negative integer of minor units>}.');
      }
      context.book.seedBalance(currency, available);
      return okReply({ wallet: { ...context.book.balance(currency), currency } });
    }
    case 'POST callback': {
      const url = body?.['url'];
      if (url !== null && httpUrlOf(url) === undefined) return badRequest('Send {"url": "http://…"} or {"url": null}.');
      hooks.setCallbackUrl(url === null ? null : (httpUrlOf(url) ?? null));
      return okReply({ callbackUrl: context.callbackUrl });
    }
    case 'POST fault': {
      let value: unknown;
      try {
        value = JSON.parse(bodyText);
      } catch {
        return badRequest('The body must be JSON: a fault or null.');
      }
      if (value !== null && !isJsonObject(value)) return badRequest('The body must be a fault object or null.');
      try {
        return okReply({ fault: hooks.setFault(value as OnlinePayFault | null) });
      } catch (error) {
        return badRequest(error instanceof Error ? error.message : String(error));
      }
    }
    case 'POST reset':
      hooks.reset();
      return okReply({ reset: true });
    default:
      return { status: 404, body: { success: false, errors: [{ kind: 'invalid_request_error', code: 'not_found', message: 'Unknown sandbox control endpoint.' }] } };
  }
}
