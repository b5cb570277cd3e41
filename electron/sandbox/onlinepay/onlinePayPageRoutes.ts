import type { OnlinePayOperation } from './onlinePayBook';
import type { OnlinePayContext } from './onlinePayContext';
import { completeThreeDSecure, declinePayment, openPaymentPage, payWithWallet, submitCard } from './onlinePayCustomer';
import { isFinalStatus } from './onlinePayDictionaries';
import { PAGE_TEXTS } from './onlinePayPageTexts';
import { renderCheckoutPage, renderNotFoundPage, renderResultPage, renderThreeDSecurePage } from './onlinePayPages';

/**
 * The hosted pages' routes under /p/. No key is needed (the customer's phone has none);
 * the unguessable token is the capability. Every form posts back and is answered with a
 * 303 to the next page, so reloading a page never submits a card twice.
 */

export interface PageReply {
  status: number;
  /** HTML, or absent for a redirect. */
  html?: string;
  location?: string;
}

const html = (status: number, text: string): PageReply => ({ status, html: text });
const seeOther = (location: string): PageReply => ({ status: 303, location });

export function answerPageRequest(method: string, path: string, query: URLSearchParams, formText: string, context: OnlinePayContext): PageReply {
  // The text's "GET '/p'" with a token parameter: the same page.
  if (path === '/p' || path === '/p/') {
    const token = query.get('token');
    return token ? seeOther(`/p/${encodeURIComponent(token)}`) : html(404, renderNotFoundPage(PAGE_TEXTS.en));
  }
  const match = /^\/p\/([^/]+)(?:\/(card|3ds|wallet|decline))?\/?$/.exec(path);
  const payment = match?.[1] ? context.book.byToken(decode(match[1])) : undefined;
  if (!match || !payment || payment.operationType !== 'pay') return html(404, renderNotFoundPage(PAGE_TEXTS.en));
  const texts = PAGE_TEXTS[payment.locale];
  const home = `/p/${payment.token}`;
  const step = match[2];
  const form = new URLSearchParams(formText);

  if (method === 'GET' && step === undefined) {
    if (isFinalStatus(payment.status)) return html(200, renderResultPage(payment, texts));
    openPaymentPage(context, payment);
    return html(200, renderCheckoutPage(payment, texts));
  }
  if (method === 'GET' && step === '3ds') {
    return payment.cardAwaiting3ds && !isFinalStatus(payment.status) ? html(200, renderThreeDSecurePage(payment, texts)) : seeOther(home);
  }
  if (method !== 'POST' || step === undefined) return { status: 405, html: renderNotFoundPage(texts) };

  switch (step) {
    case 'card': {
      const entry = { pan: form.get('pan') ?? '', holder: form.get('holder') ?? '', expiry: form.get('expiry') ?? '', cvv: form.get('cvv') ?? '' };
      const result = submitCard(context, payment, entry);
      if (result.ok) return seeOther(`${home}/3ds`);
      if (result.problem === 'final') return finalAlready(payment);
      // 422 with the form again, the problem announced and the harmless fields kept.
      return html(422, renderCheckoutPage(payment, texts, { problem: result.problem, holder: entry.holder, expiry: entry.expiry }));
    }
    case '3ds': {
      const outcome = form.get('outcome');
      if (outcome !== 'success' && outcome !== 'fail') return seeOther(`${home}/3ds`);
      const result = completeThreeDSecure(context, payment, outcome);
      if (result.ok) return seeOther(home);
      if (result.problem === 'final') return finalAlready(payment);
      return html(409, renderCheckoutPage(payment, texts, { problem: result.problem }));
    }
    case 'wallet': {
      const result = payWithWallet(context, payment, form.get('phone') ?? undefined);
      return result.ok ? seeOther(home) : finalAlready(payment);
    }
    case 'decline': {
      const result = declinePayment(context, payment);
      return result.ok ? seeOther(home) : finalAlready(payment);
    }
  }
  return html(404, renderNotFoundPage(texts));
}

function finalAlready(payment: OnlinePayOperation): PageReply {
  return html(409, renderResultPage(payment, PAGE_TEXTS[payment.locale], 'final'));
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
