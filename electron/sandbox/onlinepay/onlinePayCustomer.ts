import type { OnlinePayOperation, OnlinePayWallet } from './onlinePayBook';
import { changeStatus, type OnlinePayContext } from './onlinePayContext';
import { isFinalStatus } from './onlinePayDictionaries';

/**
 * What the customer's phone does on the hosted page, as plain functions the page
 * routes and the control share: open the page, enter a card, pass or fail 3-D Secure,
 * pay from the wallet. Each returns what happened; the caller renders it.
 */

/**
 * The sandbox's test cards (the text's list is empty). Both approving cards still go
 * through 3-D Secure; the declining card passes 3-D Secure and is then refused by the
 * bank, which is how a real decline after authentication looks.
 */
export const TEST_CARDS: Readonly<Record<string, 'approved' | 'declined'>> = {
  '4111111111111111': 'approved',
  '5555555555554444': 'approved',
  '4000000000000002': 'declined',
};

export const DEFAULT_WALLET_PHONE = '+8613800138000';

export interface CardEntry {
  pan: string;
  holder: string;
  /** MM/YY */
  expiry: string;
  cvv: string;
}

export type CardProblem = 'pan_invalid' | 'pan_unknown' | 'holder' | 'expiry' | 'cvv';
export type CustomerProblem = CardProblem | 'final' | 'no_card' | 'payout';

export type CustomerResult = { ok: true; operation: OnlinePayOperation } | { ok: false; problem: CustomerProblem; operation: OnlinePayOperation };

/** The customer opened the page: an init payment is now pending, as the text's state table says. */
export function openPaymentPage(context: OnlinePayContext, payment: OnlinePayOperation): void {
  if (payment.status === 'init') changeStatus(context, payment, 'pending');
}

/** Checks the form; a good card waits for 3-D Secure. */
export function submitCard(context: OnlinePayContext, payment: OnlinePayOperation, card: CardEntry): CustomerResult {
  const refusal = refuseFinalOrPayout(payment);
  if (refusal) return refusal;
  const problem = cardProblem(card, context.now());
  openPaymentPage(context, payment);
  if (problem) return { ok: false, problem, operation: payment };
  const pan = card.pan.replace(/[\s-]/g, '');
  payment.cardAwaiting3ds = { last4: pan.slice(-4), bankSays: TEST_CARDS[pan] ?? 'declined' };
  return { ok: true, operation: payment };
}

/** The 3-D Secure page's buttons. A failed authentication always declines, whatever the card. */
export function completeThreeDSecure(context: OnlinePayContext, payment: OnlinePayOperation, outcome: 'success' | 'fail'): CustomerResult {
  const refusal = refuseFinalOrPayout(payment);
  if (refusal) return refusal;
  const card = payment.cardAwaiting3ds;
  if (!card) return { ok: false, problem: 'no_card', operation: payment };
  delete payment.cardAwaiting3ds;
  changeStatus(context, payment, outcome === 'fail' ? 'declined' : card.bankSays);
  return { ok: true, operation: payment };
}

/** "Pay with OnlinePay wallet": approved at once; the wallet's token reaches the merchant in the notification. */
export function payWithWallet(context: OnlinePayContext, payment: OnlinePayOperation, phone = DEFAULT_WALLET_PHONE): CustomerResult & { wallet?: OnlinePayWallet } {
  const refusal = refuseFinalOrPayout(payment);
  if (refusal) return refusal;
  // The phone opened the page first, so the merchant hears pending before approved, as with a card.
  openPaymentPage(context, payment);
  const wallet = context.book.walletFor(phone.trim() || DEFAULT_WALLET_PHONE);
  payment.walletToken = wallet.token;
  payment.walletDisplayName = wallet.displayName;
  delete payment.cardAwaiting3ds;
  changeStatus(context, payment, 'approved');
  return { ok: true, operation: payment, wallet };
}

/** The customer gave up, or the trainer's "decline" button. */
export function declinePayment(context: OnlinePayContext, payment: OnlinePayOperation): CustomerResult {
  const refusal = refuseFinalOrPayout(payment);
  if (refusal) return refusal;
  delete payment.cardAwaiting3ds;
  changeStatus(context, payment, 'declined');
  return { ok: true, operation: payment };
}

function refuseFinalOrPayout(operation: OnlinePayOperation): CustomerResult | undefined {
  if (operation.operationType === 'payout') return { ok: false, problem: 'payout', operation };
  if (isFinalStatus(operation.status)) return { ok: false, problem: 'final', operation };
  return undefined;
}

/** The first problem with the form, in the order the fields appear; undefined when all are good. */
export function cardProblem(card: CardEntry, now: Date): CardProblem | undefined {
  const pan = card.pan.replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(pan) || !passesLuhn(pan)) return 'pan_invalid';
  if (!(pan in TEST_CARDS)) return 'pan_unknown';
  if (card.holder.trim() === '') return 'holder';
  const expiry = /^(\d{2})\s*\/\s*(\d{2})$/.exec(card.expiry.trim());
  const month = Number(expiry?.[1]);
  const year = 2000 + Number(expiry?.[2]);
  // A card is good through the last day of its expiry month.
  if (!expiry || month < 1 || month > 12 || year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) return 'expiry';
  if (!/^\d{3,4}$/.test(card.cvv.trim())) return 'cvv';
  return undefined;
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
