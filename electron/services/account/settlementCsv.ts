import { writeCsv } from '../../../shared/csv/csv';
import { isDiscrepancy, type SettlementReport } from '../../../shared/reconciliation/settlementCheck';

/**
 * The settlement check as one CSV, one line per movement, as the reconciliation's file is
 * written: amounts in minor units as the journal keeps them (refunds negative), the finding
 * in a fixed English word so a spreadsheet can filter on it, and whether it is a discrepancy.
 */
export function settlementCsv(report: SettlementReport): string {
  const lines: Array<Array<string | number>> = [
    ['finding', 'discrepancy', 'kind', 'transaction_id', 'refund_id', 'reference', 'time', 'currency', 'amount_minor_units', 'journal_amount_minor_units', 'withdrawal_id', 'age_days', 'journal_state', 'at_gateway'],
  ];
  for (const f of report.findings) {
    const m = f.movement;
    const base = [f.finding, isDiscrepancy(f) ? 'yes' : 'no', m.kind, m.transactionId, m.refundId, m.reference, m.time, m.currency, m.amount];
    if (f.finding === 'paidOut') lines.push([...base, m.amount, f.withdrawalId, '', 'success', 'yes']);
    else if (f.finding === 'notPaidOut') lines.push([...base, m.amount, '', f.ageDays, 'success', f.atGateway ? 'yes' : 'no']);
    else if (f.finding === 'notInJournal') lines.push([...base, '', f.movement.withdrawalId ?? '', '', f.journalState ?? '', 'yes']);
    else lines.push([...base, f.journalAmount, f.movement.withdrawalId ?? '', '', 'success', 'yes']);
  }
  return writeCsv(lines);
}
