import type { ReconciliationReport } from '../../../shared/reconciliation/reconciliationReport';

const quote = (value: string | number) => {
  const text = String(value);
  // A leading = + - @ would be a formula in a spreadsheet: prefix it so the file stays data.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The report as one CSV: one line per finding, amounts in minor units as the journal keeps them. */
export function reconciliationCsv(report: ReconciliationReport): string {
  const lines: Array<Array<string | number>> = [['finding', 'reference', 'field', 'journal', 'gateway', 'transaction_id', 'currency', 'amount_minor_units']];
  for (const r of report.missingInJournal) lines.push(['missing_in_journal', r.reference, '', '', r.status, r.transactionId, r.currency, r.amount]);
  for (const r of report.missingAtGateway) lines.push(['missing_at_gateway', r.reference, '', r.state, '', r.transactionId ?? '', r.currency, r.amount]);
  for (const m of report.mismatched) lines.push(['mismatch', m.reference, m.field, m.journal, m.gateway, '', '', '']);
  return lines.map((line) => line.map(quote).join(',')).join('\r\n') + '\r\n';
}
