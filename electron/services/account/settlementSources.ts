import type { WithdrawalMovement } from '../../../shared/bridge/accountContract';
import { BILLING_COLUMNS } from '../../../shared/gateway/nihaopay/movementFiles';
import type { NihaoPayApi, Withdrawal } from '../../../shared/gateway/nihaopay/nihaopayApi';
import { isCurrencyCode, type CurrencyCode } from '../../../shared/money/currencies';
import { checkSettlement, movementKey, type GatewayMovement, type SettlementMovement, type SettlementReport } from '../../../shared/reconciliation/settlementCheck';
import type { AttemptRow, Journal } from '../journal/journal';
import { readMovementFile, readWithdrawalDetail } from './movementFile';

/**
 * Reads both sides of the settlement check (shared/reconciliation/settlementCheck.ts) and
 * runs it: NihaoPay's withdrawals, their detail files and the billing file on one side, the
 * journal's NihaoPay sales and refunds on the other.
 *
 * When money settles is NihaoPay's rule, not ours: a withdrawal takes the settled movements
 * of the days before its date, so its cut-off is the start (UTC) of that date, and the
 * journal's movements are placed by the gateway's own time when it gave one (a sale's
 * `time`), else by the journal's. A withdrawal found in history up to a year back is enough
 * to know what was paid out before: the history endpoint is read a year at a time.
 */
export type SettlementClient = Pick<NihaoPayApi, 'getWithdrawals' | 'getWithdrawalDetail' | 'downloadBilling'>;

const DAY_MS = 86_400_000;
/** How far back the withdrawals are read to find the one before (the client's own bound for one history request). */
const HISTORY_DAYS = 366;

export class SettlementFileError extends Error {
  constructor(readonly problem: string) {
    super(`a NihaoPay file could not be read: ${problem}`);
    this.name = 'SettlementFileError';
  }
}

export class WithdrawalNotFoundError extends Error {
  constructor(readonly withdrawalId: string) {
    super(`withdrawal ${withdrawalId} is not in NihaoPay's history of the last year`);
    this.name = 'WithdrawalNotFoundError';
  }
}

/** Times are compared as instants: the gateway may write them another way than we do. */
const at = (iso: string) => Date.parse(iso);
const gatewayDay = (time: number) => new Date(time).toISOString().slice(0, 10).replace(/-/g, '');
/** A withdrawal's YYYYMMDD date as the start of that UTC day: what it paid out moved before. */
const cutOffOf = (w: Pick<Withdrawal, 'date'>) => `${w.date.slice(0, 4)}-${w.date.slice(4, 6)}-${w.date.slice(6, 8)}T00:00:00.000Z`;

function tagged(movements: readonly WithdrawalMovement[], withdrawalId?: string): GatewayMovement[] {
  return movements.map((m) => ({ kind: m.kind, transactionId: m.transactionId, refundId: m.refundId, reference: m.reference, currency: m.currency, amount: m.amount, time: m.time, ...(withdrawalId ? { withdrawalId } : {}) }));
}

/** The journal's NihaoPay rows of one training flag as movements, split by whether they succeeded. */
function journalMovements(journal: Pick<Journal, 'between'>, fromIso: string, toIso: string, training: boolean): { paid: SettlementMovement[]; otherStates: Map<string, string> } {
  const paid: SettlementMovement[] = [];
  const otherStates = new Map<string, string>();
  const rows = [...journal.between('sale', fromIso, toIso), ...journal.between('refund', fromIso, toIso)];
  for (const row of rows) {
    const movement = asMovement(row);
    if (!movement || row.training !== training) continue;
    if (row.state === 'success') paid.push(movement);
    else otherStates.set(movementKey(movement), row.state);
  }
  return { paid, otherStates };
}

function asMovement(row: AttemptRow): SettlementMovement | undefined {
  // Only what NihaoPay holds an id for can be found in its files.
  if (row.gateway !== 'nihaopay' || !row.transactionId || !isCurrencyCode(row.currency)) return undefined;
  const time = row.gatewayTime && Number.isFinite(Date.parse(row.gatewayTime)) ? row.gatewayTime : row.createdAt;
  if (row.kind === 'sale') return { kind: 'charge', transactionId: row.transactionId, refundId: '', reference: row.reference, currency: row.currency, amount: row.amount, time };
  if (!row.parentTransactionId) return undefined;
  return { kind: 'refund', transactionId: row.parentTransactionId, refundId: row.transactionId, reference: row.parentReference ?? row.reference, currency: row.currency, amount: -row.amount, time };
}

async function detailOf(client: SettlementClient, withdrawalId: string): Promise<WithdrawalMovement[]> {
  const read = readWithdrawalDetail(await client.getWithdrawalDetail(withdrawalId));
  if (!read.ok) throw new SettlementFileError(`withdrawal ${withdrawalId}: ${read.problem}`);
  return read.value;
}

/** The latest withdrawal's cut-off per currency. */
function latestCutOffs(withdrawals: readonly Withdrawal[]): Map<CurrencyCode, string> {
  const cutOffs = new Map<CurrencyCode, string>();
  for (const w of withdrawals) {
    const cut = cutOffOf(w);
    const known = cutOffs.get(w.currency);
    if (!known || cut > known) cutOffs.set(w.currency, cut);
  }
  return cutOffs;
}

export interface SettlementCheckContext {
  client: SettlementClient;
  journal: Pick<Journal, 'between'>;
  training: boolean;
  now: Date;
}

/**
 * One withdrawal against the journal: each movement it paid out, and every journal movement
 * of its currency that moved after the withdrawal before it and before its own cut-off but
 * that it did not take (overdue: it should have been paid out by now).
 */
export async function checkWithdrawal(ctx: SettlementCheckContext, withdrawalId: string): Promise<SettlementReport> {
  const history = await ctx.client.getWithdrawals({ startDate: gatewayDay(ctx.now.getTime() - (HISTORY_DAYS - 1) * DAY_MS), endDate: gatewayDay(ctx.now.getTime()) });
  const withdrawal = history.find((w) => w.id === withdrawalId);
  if (!withdrawal) throw new WithdrawalNotFoundError(withdrawalId);
  const cutOff = cutOffOf(withdrawal);
  const before = history
    .filter((w) => w.currency === withdrawal.currency && w.id !== withdrawal.id && cutOffOf(w) < cutOff)
    .map(cutOffOf)
    .sort()
    .at(-1);
  const paidOut = tagged(await detailOf(ctx.client, withdrawalId), withdrawalId);
  // The journal is read with a day's margin either side (its own clock may differ from the gateway's); the window is then the gateway's times.
  const fromIso = before ? new Date(Date.parse(before) - DAY_MS).toISOString() : '1970-01-01T00:00:00.000Z';
  const { paid, otherStates } = journalMovements(ctx.journal, fromIso, new Date(ctx.now.getTime() + DAY_MS).toISOString(), ctx.training);
  const inDetail = new Set(paidOut.map(movementKey));
  const journal = paid.filter((m) => inDetail.has(movementKey(m)) || (m.currency === withdrawal.currency && at(m.time) < at(cutOff) && (!before || at(m.time) >= at(before))));
  return checkSettlement({ scope: { withdrawalId }, gateway: paidOut, journal, journalOtherStates: otherStates, cutOffs: new Map([[withdrawal.currency, cutOff]]), now: ctx.now });
}

/**
 * Whole UTC days against the journal: every movement of the billing file (read in ≤ 10-day
 * windows by the client) tagged with the withdrawal that paid it out, read from the
 * withdrawals made since the first day; every journal movement of those days.
 */
export async function checkDays(ctx: SettlementCheckContext, from: string, to: string): Promise<SettlementReport> {
  const billing = readMovementFile(await ctx.client.downloadBilling({ startDate: from.replace(/-/g, ''), endDate: to.replace(/-/g, '') }), BILLING_COLUMNS);
  if (!billing.ok) throw new SettlementFileError(`billing ${from}–${to}: ${billing.problem}`);
  const withdrawals = await ctx.client.getWithdrawals({ startDate: from.replace(/-/g, ''), endDate: gatewayDay(ctx.now.getTime()) });
  const paidBy = new Map<string, string>();
  for (const w of withdrawals) for (const m of await detailOf(ctx.client, w.id)) paidBy.set(movementKey(m), w.id);
  const gateway = tagged(billing.value).map((m) => {
    const withdrawalId = paidBy.get(movementKey(m));
    return withdrawalId ? { ...m, withdrawalId } : m;
  });
  const start = `${from}T00:00:00.000Z`;
  const end = new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS).toISOString();
  const { paid, otherStates } = journalMovements(ctx.journal, new Date(Date.parse(start) - DAY_MS).toISOString(), new Date(Date.parse(end) + DAY_MS).toISOString(), ctx.training);
  const inBilling = new Set(gateway.map(movementKey));
  const journal = paid.filter((m) => inBilling.has(movementKey(m)) || (at(m.time) >= at(start) && at(m.time) < at(end)));
  return checkSettlement({ scope: { from, to }, gateway, journal, journalOtherStates: otherStates, cutOffs: latestCutOffs(withdrawals), now: ctx.now });
}
