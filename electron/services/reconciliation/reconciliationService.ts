import type { NihaoPayApi } from '../../../shared/gateway/nihaopay/nihaopayApi';
import type { ReconciliationReport } from '../../../shared/reconciliation/reconciliationReport';
import type { Journal } from '../journal/journal';
import { recordsFromTransactionsCsv } from './gatewayRecords';
import { reconcile } from './reconcile';

/** YYYY-MM-DD → the gateway's YYYYMMDD. */
const gatewayDate = (day: string) => day.replace(/-/g, '');

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Reconciles the journal's sales with the gateway's transaction file for whole UTC days
 * (the gateway's download is by date; the client splits ranges into ≤ 10-day windows).
 * Training sales are left out: they never reached a real gateway.
 */
export async function reconcileDays(journal: Journal, gateway: Pick<NihaoPayApi, 'downloadTransactions'>, from: string, to: string, training: boolean): Promise<ReconciliationReport> {
  const download = await gateway.downloadTransactions({ startDate: gatewayDate(from), endDate: gatewayDate(to) });
  const rows = journal
    .between('sale', `${from}T00:00:00.000Z`, `${nextDay(to)}T00:00:00.000Z`)
    .filter((row) => row.training === training)
    .map((row) => ({
      reference: row.reference,
      state: row.state,
      currency: row.currency,
      amount: row.amount,
      createdAt: row.createdAt,
      ...(row.transactionId ? { transactionId: row.transactionId } : {}),
    }));
  return reconcile({ from, to }, rows, recordsFromTransactionsCsv(download));
}
