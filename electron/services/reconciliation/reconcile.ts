import type { GatewayRecord, JournalRecord, Mismatch, ReconciliationReport } from '../../../shared/reconciliation/reconciliationReport';

/**
 * Compares the journal's sales with the gateway's records, by merchant reference — the
 * one key both sides share from the moment a sale is journaled. Only what moved money
 * counts: successful payments on either side. Pure: the caller fetches both lists.
 */
export function reconcile(range: { from: string; to: string }, journal: readonly JournalRecord[], gateway: readonly GatewayRecord[]): ReconciliationReport {
  const journalByReference = new Map(journal.map((row) => [row.reference, row]));
  const gatewayByReference = new Map(gateway.map((record) => [record.reference, record]));
  const report: ReconciliationReport = { ...range, matched: 0, missingInJournal: [], missingAtGateway: [], mismatched: [] };

  for (const record of gateway) {
    if (record.status !== 'success') continue;
    const row = journalByReference.get(record.reference);
    if (!row) {
      report.missingInJournal.push(record);
      continue;
    }
    if (row.state !== 'success') {
      // Paid there, not here (failed, or still unresolved): the money was taken.
      report.missingInJournal.push(record);
      continue;
    }
    const differences: Mismatch[] = [];
    const compare = (field: Mismatch['field'], ours: string | number | undefined, theirs: string | number) => {
      if (String(ours ?? '') !== String(theirs)) differences.push({ reference: record.reference, field, journal: String(ours ?? ''), gateway: String(theirs) });
    };
    compare('amount', row.amount, record.amount);
    compare('currency', row.currency, record.currency);
    compare('transactionId', row.transactionId, record.transactionId);
    if (differences.length === 0) report.matched += 1;
    else report.mismatched.push(...differences);
  }
  for (const row of journal) {
    if (row.state !== 'success') continue;
    const record = gatewayByReference.get(row.reference);
    if (!record || record.status !== 'success') report.missingAtGateway.push(row);
  }
  return report;
}
