import type { CurrencyCode } from '../money/currencies';

/**
 * The settlement check (issue 17): has every payment and refund the till took been paid out
 * to the merchant, and did every one the gateway paid out come from this till?
 *
 * A movement is one side of money: a charge (a sale, positive) or a refund (negative). Both
 * sides key it the same way: a charge by the sale's transaction id, a refund by its own
 * refund id (the journal keeps that as the refund row's transaction id). Pure: the caller
 * reads the gateway's files and the journal and passes both lists.
 */
export interface SettlementMovement {
  kind: 'charge' | 'refund';
  /** The sale's transaction id at the gateway. */
  transactionId: string;
  /** A refund's own id; '' for a charge. */
  refundId: string;
  /** Our reference of the sale (the journal's, or the one the gateway lists). */
  reference: string;
  currency: CurrencyCode;
  /** Signed minor units: charges positive, refunds negative. */
  amount: number;
  /** When the money moved (ISO 8601): the gateway's time when it gave one, else the journal's. */
  time: string;
}

/** A movement as the gateway lists it, with the withdrawal that paid it out when one did. */
export interface GatewayMovement extends SettlementMovement {
  withdrawalId?: string;
}

export const movementKey = (m: Pick<SettlementMovement, 'kind' | 'transactionId' | 'refundId'>): string => (m.kind === 'charge' ? `charge ${m.transactionId}` : `refund ${m.refundId}`);

export type SettlementFinding =
  /** In the journal, at the gateway, paid out by `withdrawalId`, same amount: all is well. */
  | { finding: 'paidOut'; movement: SettlementMovement; withdrawalId: string }
  /**
   * In the journal, in no withdrawal yet. `overdue`: it moved before a withdrawal of its
   * currency was made (that withdrawal should have taken it), so it is a discrepancy; a newer
   * one is simply waiting for the next withdrawal. `atGateway`: the gateway lists it at all.
   */
  | { finding: 'notPaidOut'; movement: SettlementMovement; ageDays: number; overdue: boolean; atGateway: boolean }
  /** Paid out or listed by the gateway, absent from the journal (or not successful in it). */
  | { finding: 'notInJournal'; movement: GatewayMovement; journalState?: string }
  /** On both sides with different amounts (or currencies). */
  | { finding: 'amountDiffers'; movement: GatewayMovement; journalAmount: number; journalCurrency: CurrencyCode };

export interface SettlementReport {
  /** What was checked: one withdrawal, or the days from–to (UTC, inclusive). */
  scope: { withdrawalId: string } | { from: string; to: string };
  /** When the check was made (its ages are counted from it). */
  checkedAt: string;
  findings: SettlementFinding[];
  /** Findings that are wrong, not merely waiting: notInJournal, amountDiffers, overdue notPaidOut. */
  discrepancies: number;
}

export const isDiscrepancy = (f: SettlementFinding): boolean => f.finding === 'notInJournal' || f.finding === 'amountDiffers' || (f.finding === 'notPaidOut' && f.overdue);

const DAY_MS = 86_400_000;

export interface SettlementInput {
  scope: SettlementReport['scope'];
  /** What the gateway listed: a withdrawal's detail, or the billing file tagged with the withdrawals that paid each out. */
  gateway: readonly GatewayMovement[];
  /** The journal's successful movements that belong in this check (the caller picks the window). */
  journal: readonly SettlementMovement[];
  /** The journal's rows in another state, by movement key: a gateway movement matching one is not in the journal as paid. */
  journalOtherStates?: ReadonlyMap<string, string>;
  /** Per currency, the cut-off of its latest withdrawal (ISO): money that moved before it should have been paid out. */
  cutOffs: ReadonlyMap<CurrencyCode, string>;
  now: Date;
}

/**
 * Compares the two lists by movement key. Every gateway movement is paid out, not in the
 * journal, or of another amount; every journal movement the gateway did not pay out is "not
 * paid out" with its age. Nothing is matched by amount or time: two sales of the same amount
 * are never taken for each other.
 */
export function checkSettlement(input: SettlementInput): SettlementReport {
  const journalByKey = new Map(input.journal.map((m) => [movementKey(m), m]));
  const gatewayByKey = new Map(input.gateway.map((m) => [movementKey(m), m]));
  const findings: SettlementFinding[] = [];
  for (const movement of input.gateway) {
    const key = movementKey(movement);
    const ours = journalByKey.get(key);
    if (!ours) {
      const journalState = input.journalOtherStates?.get(key);
      findings.push({ finding: 'notInJournal', movement, ...(journalState ? { journalState } : {}) });
    } else if (ours.amount !== movement.amount || ours.currency !== movement.currency) {
      findings.push({ finding: 'amountDiffers', movement, journalAmount: ours.amount, journalCurrency: ours.currency });
    } else if (movement.withdrawalId === undefined) {
      findings.push(notPaidOut(ours, true, input));
    } else {
      // The gateway's side is shown: its time is when the money moved there.
      findings.push({ finding: 'paidOut', movement, withdrawalId: movement.withdrawalId });
    }
  }
  for (const movement of input.journal) {
    if (!gatewayByKey.has(movementKey(movement))) findings.push(notPaidOut(movement, false, input));
  }
  return { scope: input.scope, checkedAt: input.now.toISOString(), findings, discrepancies: findings.filter(isDiscrepancy).length };
}

function notPaidOut(movement: SettlementMovement, atGateway: boolean, input: SettlementInput): SettlementFinding {
  const moved = Date.parse(movement.time);
  const cutOff = input.cutOffs.get(movement.currency);
  const ageDays = Number.isFinite(moved) ? Math.max(0, Math.floor((input.now.getTime() - moved) / DAY_MS)) : 0;
  return { finding: 'notPaidOut', movement, ageDays, overdue: cutOff !== undefined && Number.isFinite(moved) && moved < Date.parse(cutOff), atGateway };
}
