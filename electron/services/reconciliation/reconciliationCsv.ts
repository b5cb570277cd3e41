import { writeCsv } from '../../../shared/csv/csv';
import type { ReconciliationReport } from '../../../shared/reconciliation/reconciliationReport';

/**
 * The report as one CSV: one line per finding, amounts in minor units as the journal keeps
 * them, the gateway on every line; a gateway that could not be read is a line of its own,
 * so a file without its findings never reads as "it agreed".
 */
export function reconciliationCsv(report: ReconciliationReport): string {
  const lines: Array<Array<string | number>> = [['finding', 'gateway', 'reference', 'field', 'journal', 'gateway_value', 'transaction_id', 'currency', 'amount_minor_units']];
  for (const g of report.gateways ?? []) if (!g.read) lines.push(['gateway_not_read', g.gateway, '', '', '', g.error.code, '', '', '']);
  for (const r of report.missingInJournal) lines.push(['missing_in_journal', r.gateway, r.reference, '', r.journalState ?? '', r.status, r.transactionId, r.currency, r.amount]);
  for (const r of report.missingAtGateway) lines.push(['missing_at_gateway', r.gateway, r.reference, '', r.state, r.gatewayStatus ?? '', r.transactionId ?? '', r.currency, r.amount]);
  for (const m of report.mismatched) lines.push(['mismatch', m.gateway, m.reference, m.field, m.journal, m.theirs, '', '', '']);
  return writeCsv(lines);
}
