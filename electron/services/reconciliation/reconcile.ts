import type { GatewayName } from '../../../shared/gateway/paymentGateway';
import type { GatewayRecord, JournalRecord, Mismatch, ReconciliationReport } from '../../../shared/reconciliation/reconciliationReport';

/**
 * Compares one gateway's journal rows with that gateway's records, by merchant reference —
 * the one key both sides share from the moment a payment is journaled (OnlinePay calls it
 * the order number). Only what moved money counts: successful payments on either side; a
 * state that differs shows as the other side's state on the finding. Pure: the caller
 * fetches both lists and passes only rows of `gateway`.
 */
export function reconcile(
  range: { from: string; to: string },
  journal: readonly JournalRecord[],
  records: readonly GatewayRecord[],
  gateway: GatewayName = 'nihaopay',
): ReconciliationReport {
  const journalByReference = new Map(journal.map((row) => [row.reference, row]));
  const gatewayByReference = new Map(records.map((record) => [record.reference, record]));
  const report: ReconciliationReport = { ...range, matched: 0, missingInJournal: [], missingAtGateway: [], mismatched: [] };

  for (const record of records) {
    if (record.status !== 'success') continue;
    const row = journalByReference.get(record.reference);
    if (!row) {
      report.missingInJournal.push(record);
      continue;
    }
    if (row.state !== 'success') {
      // Paid there, not here (failed, or still unresolved): the money was taken.
      report.missingInJournal.push({ ...record, journalState: row.state });
      continue;
    }
    const differences: Mismatch[] = [];
    const compare = (field: Mismatch['field'], ours: string | number | undefined, theirs: string | number) => {
      if (String(ours ?? '') !== String(theirs)) differences.push({ gateway, reference: record.reference, field, journal: String(ours ?? ''), theirs: String(theirs) });
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
    if (!record) report.missingAtGateway.push(row);
    else if (record.status !== 'success') report.missingAtGateway.push({ ...row, gatewayStatus: record.status });
  }
  return report;
}

/** Several gateways' reports as one: findings side by side (each carries its gateway), counts added. */
export function mergeReports(range: { from: string; to: string }, reports: readonly ReconciliationReport[]): ReconciliationReport {
  return {
    ...range,
    matched: reports.reduce((sum, r) => sum + r.matched, 0),
    missingInJournal: reports.flatMap((r) => r.missingInJournal),
    missingAtGateway: reports.flatMap((r) => r.missingAtGateway),
    mismatched: reports.flatMap((r) => r.mismatched),
  };
}
