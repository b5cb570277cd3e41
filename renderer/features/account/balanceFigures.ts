import type { NihaoPayAccountLine, OnlinePayBalanceLine } from '../../../shared/bridge/accountContract';

/** One figure of a gateway's balance line: its cell's data-field, its heading's key, its value in minor units. */
export interface BalanceFigure<Line> {
  field: string;
  label: string;
  of: (line: Line) => number;
}

/**
 * Which figures each gateway's balance shows, in order: one place for the Account screen's
 * tables and its balance chart, so a bar and its cell always name and read the same figure.
 */
export const NIHAOPAY_FIGURES: ReadonlyArray<BalanceFigure<NihaoPayAccountLine>> = [
  { field: 'balance', label: 'account.balance', of: (line) => line.balance },
  { field: 'pending', label: 'account.pending', of: (line) => line.pendingAmount },
  { field: 'frozen', label: 'account.frozen', of: (line) => line.freezeAmount },
];

export const ONLINEPAY_FIGURES: ReadonlyArray<BalanceFigure<OnlinePayBalanceLine>> = [
  { field: 'available', label: 'account.available', of: (line) => line.available },
  { field: 'held', label: 'account.held', of: (line) => line.hold },
];
