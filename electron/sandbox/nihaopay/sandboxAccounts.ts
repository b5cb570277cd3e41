import { minorToDecimalString } from '../../../shared/money/amount';
import { IN_STORE_CURRENCIES, type CurrencyCode } from '../../../shared/money/currencies';
import { WITHDRAWAL_DETAIL_COLUMNS } from '../../../shared/gateway/nihaopay/movementFiles';
import type { ApiContext } from './sandboxContext';
import { gatewayDate, gatewayTime, type SandboxLedger, type SandboxWithdrawal } from './sandboxLedger';
import { csvReply, csvText, errorReply, okReply, type ApiReply } from './sandboxReplies';
import { readDateRange } from './sandboxReports';

/**
 * The merchant's accounts, kept consistent with the books by one rule: money settles at
 * the end of the (UTC) day it moved.
 *
 *   pending_amount  successful payments of today, not yet settled
 *   freeze_amount   refunds made today, not yet settled
 *   balance         settled payments − settled refunds − what earlier withdrawals took
 *
 * A withdrawal (`POST /__sandbox/withdrawals`, a trainer's action: the document has no
 * endpoint to ask for one) pays out the whole balance less a fixed fee, and is
 * "processing" on its day and "completed" from the next.
 */

/** The withdrawal fee, in minor units of the account's currency. */
export const WITHDRAWAL_FEE: Readonly<Partial<Record<CurrencyCode, number>>> = { USD: 30, JPY: 30 };
const DEFAULT_WITHDRAWAL_FEE = 30;

interface Movement {
  kind: 'charge' | 'refund';
  transactionId: string;
  refundId: string;
  reference: string;
  time: string;
  currency: CurrencyCode;
  /** Signed: refunds are negative. */
  amount: number;
  withdrawalId: string | null;
}

/** Every successful payment and every refund, as signed money movements. */
function movements(ledger: SandboxLedger): Movement[] {
  const list: Movement[] = [];
  for (const t of ledger.all()) {
    if (t.status !== 'success') continue;
    list.push({ kind: 'charge', transactionId: t.id, refundId: '', reference: t.reference, time: t.time, currency: t.currency, amount: t.amount, withdrawalId: t.withdrawalId ?? null });
    for (const r of t.refunds ?? []) {
      list.push({ kind: 'refund', transactionId: t.id, refundId: r.id, reference: t.reference, time: r.time, currency: t.currency, amount: -r.amount, withdrawalId: r.withdrawalId });
    }
  }
  return list;
}

export interface AccountFigures {
  currency: CurrencyCode;
  balance: number;
  pendingAmount: number;
  freezeAmount: number;
}

export function accountFigures(ledger: SandboxLedger, now: Date): AccountFigures[] {
  const today = gatewayDate(now);
  const byCurrency = new Map<CurrencyCode, AccountFigures>();
  const account = (currency: CurrencyCode): AccountFigures => {
    let found = byCurrency.get(currency);
    if (!found) byCurrency.set(currency, (found = { currency, balance: 0, pendingAmount: 0, freezeAmount: 0 }));
    return found;
  };
  for (const currency of IN_STORE_CURRENCIES) account(currency);
  for (const m of movements(ledger)) {
    const figures = account(m.currency);
    if (gatewayDate(m.time) >= today) {
      if (m.kind === 'charge') figures.pendingAmount += m.amount;
      else figures.freezeAmount -= m.amount;
    } else {
      figures.balance += m.amount;
    }
  }
  for (const w of ledger.withdrawals()) account(w.currency).balance -= w.amount + w.fee;
  return [...byCurrency.values()];
}

/** GET /v1.2/accounts, amounts as the document writes them ("100.00"). */
export function answerAccounts(context: ApiContext): ApiReply {
  return okReply({
    accounts: accountFigures(context.ledger, context.now()).map((a) => ({
      balance: minorToDecimalString(a.balance, a.currency),
      currency: a.currency,
      pending_amount: minorToDecimalString(a.pendingAmount, a.currency),
      freeze_amount: minorToDecimalString(a.freezeAmount, a.currency),
    })),
  });
}

/** Pays out the settled balance of `currency`: 402/86 when there is none, 402/87 when it does not cover the fee. */
export function withdraw(currency: CurrencyCode, context: ApiContext): { ok: true; withdrawal: SandboxWithdrawal } | { ok: false; reply: ApiReply } {
  const now = context.now();
  const balance = accountFigures(context.ledger, now).find((a) => a.currency === currency)?.balance ?? 0;
  if (balance <= 0) return { ok: false, reply: errorReply('86') };
  const fee = WITHDRAWAL_FEE[currency] ?? DEFAULT_WITHDRAWAL_FEE;
  if (balance <= fee) return { ok: false, reply: errorReply('87') };
  const withdrawal: SandboxWithdrawal = { id: context.ledger.nextId(now), currency, amount: balance - fee, fee, date: gatewayDate(now), time: gatewayTime(now) };
  const today = gatewayDate(now);
  // The withdrawal takes every settled movement not taken before: that is its detail file.
  for (const t of context.ledger.all()) {
    if (t.currency !== currency || t.status !== 'success') continue;
    context.ledger.change(t.id, (stored) => {
      if ((stored.withdrawalId ?? null) === null && gatewayDate(stored.time) < today) stored.withdrawalId = withdrawal.id;
      for (const refund of stored.refunds ?? []) {
        if (refund.withdrawalId === null && gatewayDate(refund.time) < today) refund.withdrawalId = withdrawal.id;
      }
    });
  }
  context.ledger.addWithdrawal(withdrawal);
  return { ok: true, withdrawal };
}

/** A withdrawal as the history endpoint writes it. */
export function withdrawalBody(w: SandboxWithdrawal, now: Date): Record<string, string> {
  return {
    id: w.id,
    status: w.date < gatewayDate(now) ? 'completed' : 'processing',
    amount: minorToDecimalString(w.amount, w.currency),
    currency: w.currency,
    fee: minorToDecimalString(w.fee, w.currency),
    fee_currency: w.currency,
    date: w.date,
  };
}

/** GET /v1.2/withdrawal/history/?start_date&end_date */
export function answerWithdrawalHistory(query: URLSearchParams, context: ApiContext): ApiReply {
  const range = readDateRange(query, undefined);
  if ('status' in range) return range;
  const now = context.now();
  const withdrawal = context.ledger
    .withdrawals()
    .filter((w) => w.date >= range.startDate && w.date <= range.endDate)
    .map((w) => withdrawalBody(w, now));
  return okReply({ withdrawal });
}

/** GET /v1.2/withdrawal/detail/{withdrawal_id}: the movements the withdrawal paid out, as CSV. */
export function answerWithdrawalDetail(withdrawalId: string | undefined, context: ApiContext): ApiReply {
  const withdrawal = context.ledger.withdrawals().find((w) => w.id === withdrawalId);
  // The document lists no "withdrawal not found"; the sandbox uses its not-found label.
  if (!withdrawal) return errorReply('61');
  const rows = movements(context.ledger)
    .filter((m) => m.withdrawalId === withdrawal.id)
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
    .map((m) => [m.kind, m.transactionId, m.refundId, m.reference, m.time, m.currency, minorToDecimalString(m.amount, m.currency)]);
  return csvReply(csvText(WITHDRAWAL_DETAIL_COLUMNS, rows));
}
