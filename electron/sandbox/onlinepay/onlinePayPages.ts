import type { OnlinePayOperation } from './onlinePayBook';
import { currencyExponentOf, type OnlinePayCurrency } from './onlinePayDictionaries';
import type { CustomerProblem } from './onlinePayCustomer';
import type { PageTexts } from './onlinePayPageTexts';

/**
 * The hosted pages a customer's phone shows: checkout (card form and wallet), 3-D
 * Secure, and the result. Self-contained HTML (inline CSS, no script, no external
 * assets), so they work offline on any phone browser; every control has a label.
 */

/** 1020 CNY → "10.20 CNY", 1500 JPY → "1,500 JPY": integer arithmetic, no floats. */
export function formatAmount(amount: number, currency: OnlinePayCurrency): string {
  const exponent = currencyExponentOf(currency);
  const digits = String(amount).padStart(exponent + 1, '0');
  const major = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+$)/g, ',');
  return exponent === 0 ? `${major} ${currency}` : `${major}.${digits.slice(-exponent)} ${currency}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:28rem;padding:1rem;line-height:1.4;color:#111}
h1{font-size:1.4rem}fieldset{border:1px solid #999;border-radius:.5rem;margin:1rem 0;padding:1rem}
label{display:block;margin-top:.75rem;font-weight:600}input{box-sizing:border-box;width:100%;font-size:1.1rem;padding:.5rem;margin-top:.25rem}
button{display:block;width:100%;font-size:1.1rem;padding:.75rem;margin-top:1rem;border-radius:.5rem;border:1px solid #333;background:#0b57d0;color:#fff}
button.secondary{background:#fff;color:#111}.notice{background:#fff4ce;padding:.5rem}[role=alert]{color:#a00;font-weight:600}
dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}`;

function page(texts: PageTexts, heading: string, main: string): string {
  return `<!doctype html>
<html lang="${texts.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} · ${escapeHtml(texts.title)}</title><style>${STYLE}</style></head>
<body><main><p class="notice">${escapeHtml(texts.sandboxNotice)}</p><h1>${escapeHtml(heading)}</h1>
${main}</main></body></html>`;
}

function summary(payment: OnlinePayOperation, texts: PageTexts): string {
  return `<dl><dt>${escapeHtml(texts.product)}</dt><dd>${escapeHtml(payment.product ?? '')}</dd>
<dt>${escapeHtml(texts.amount)}</dt><dd data-amount>${escapeHtml(formatAmount(payment.amount, payment.currency))}</dd></dl>`;
}

function problemLine(texts: PageTexts, problem: CustomerProblem | undefined): string {
  return problem ? `<p role="alert" id="problem">${escapeHtml(texts.problems[problem])}</p>` : '';
}

export interface CheckoutFormState {
  problem?: CustomerProblem;
  /** What the customer typed, shown again after an error (never the card number or CVV). */
  holder?: string;
  expiry?: string;
}

export function renderCheckoutPage(payment: OnlinePayOperation, texts: PageTexts, state: CheckoutFormState = {}): string {
  const base = `/p/${encodeURIComponent(payment.token)}`;
  const described = state.problem ? ' aria-describedby="problem"' : '';
  const field = (id: string, label: string, attributes: string): string =>
    `<label for="${id}">${escapeHtml(label)}</label><input id="${id}" ${attributes} required${described}>`;
  return page(
    texts,
    texts.title,
    `${summary(payment, texts)}${problemLine(texts, state.problem)}
<form method="post" action="${base}/card"><fieldset><legend>${escapeHtml(texts.payByCard)}</legend>
${field('pan', texts.cardNumber, 'name="pan" inputmode="numeric" autocomplete="cc-number"')}
${field('holder', texts.cardholderName, `name="holder" autocomplete="cc-name" value="${escapeHtml(state.holder ?? '')}"`)}
${field('expiry', texts.expiry, `name="expiry" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" value="${escapeHtml(state.expiry ?? '')}"`)}
${field('cvv', texts.cvv, 'name="cvv" inputmode="numeric" autocomplete="cc-csc"')}
<button type="submit">${escapeHtml(texts.pay)} ${escapeHtml(formatAmount(payment.amount, payment.currency))}</button></fieldset></form>
<form method="post" action="${base}/wallet"><fieldset><legend>${escapeHtml(texts.orWallet)}</legend>
<label for="phone">${escapeHtml(texts.walletPhone)}</label><input id="phone" name="phone" type="tel" autocomplete="tel">
<button type="submit">${escapeHtml(texts.payWithWallet)}</button></fieldset></form>
<form method="post" action="${base}/decline"><button type="submit" class="secondary">${escapeHtml(texts.cancel)}</button></form>`,
  );
}

export function renderThreeDSecurePage(payment: OnlinePayOperation, texts: PageTexts): string {
  const action = `/p/${encodeURIComponent(payment.token)}/3ds`;
  const last4 = payment.cardAwaiting3ds ? ` (•••• ${escapeHtml(payment.cardAwaiting3ds.last4)})` : '';
  return page(
    texts,
    texts.threeDSTitle,
    `${summary(payment, texts)}<p>${escapeHtml(texts.threeDSExplain)}${last4}</p>
<form method="post" action="${action}"><button type="submit" name="outcome" value="success">${escapeHtml(texts.threeDSSuccess)}</button>
<button type="submit" name="outcome" value="fail" class="secondary">${escapeHtml(texts.threeDSFail)}</button></form>`,
  );
}

/** The outcome, with a link back to the merchant's redirect URL for it when one was given. */
export function renderResultPage(payment: OnlinePayOperation, texts: PageTexts, problem?: CustomerProblem): string {
  const approved = payment.status === 'approved';
  const back = approved ? payment.redirectSuccessUrl : payment.redirectFailUrl;
  return page(
    texts,
    approved ? texts.approvedTitle : texts.declinedTitle,
    `${summary(payment, texts)}${problemLine(texts, problem)}<p data-status="${payment.status}">${escapeHtml(approved ? texts.approvedTitle : texts.declinedTitle)}</p>
${back ? `<p><a href="${escapeHtml(back)}">${escapeHtml(texts.backToShop)}</a></p>` : ''}`,
  );
}

export function renderNotFoundPage(texts: PageTexts): string {
  return page(texts, texts.notFound, '');
}
