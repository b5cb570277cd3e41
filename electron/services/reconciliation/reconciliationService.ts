import type { NihaoPayApi } from '../../../shared/gateway/nihaopay/nihaopayApi';
import type { OnlinePayApi } from '../../../shared/gateway/onlinepay/onlinePayApi';
import type { GatewayName } from '../../../shared/gateway/paymentGateway';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import type { GatewayReading, JournalRecord, ReconciliationReport } from '../../../shared/reconciliation/reconciliationReport';
import { GatewayError } from '../gateway/gatewayError';
import type { AttemptRow, Journal } from '../journal/journal';
import { recordsFromTransactionsCsv } from './gatewayRecords';
import { recordsFromOnlinePayList } from './onlinePayRecords';
import { mergeReports, reconcile } from './reconcile';

/** YYYY-MM-DD → the gateway's YYYYMMDD. */
const gatewayDate = (day: string) => day.replace(/-/g, '');

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The journal's rows of one kind and gateway in whole UTC days; training apart (it never reached a real gateway). */
function journalRecords(journal: Journal, kind: 'sale' | 'refund', gateway: GatewayName, from: string, to: string, training: boolean): JournalRecord[] {
  return journal
    .between(kind, `${from}T00:00:00.000Z`, `${nextDay(to)}T00:00:00.000Z`)
    .filter((row: AttemptRow) => row.training === training && row.gateway === gateway)
    .map((row) => ({
      gateway,
      reference: row.reference,
      state: row.state,
      currency: row.currency,
      amount: row.amount,
      createdAt: row.createdAt,
      ...(row.transactionId ? { transactionId: row.transactionId } : {}),
    }));
}

/**
 * Reconciles the journal's NihaoPay sales with its transaction file for whole UTC days
 * (the gateway's download is by date; the client splits ranges into ≤ 10-day windows).
 */
export async function reconcileDays(journal: Journal, gateway: Pick<NihaoPayApi, 'downloadTransactions'>, from: string, to: string, training: boolean): Promise<ReconciliationReport> {
  const download = await gateway.downloadTransactions({ startDate: gatewayDate(from), endDate: gatewayDate(to) });
  return reconcile({ from, to }, journalRecords(journal, 'sale', 'nihaopay', from, to, training), recordsFromTransactionsCsv(download), 'nihaopay');
}

/**
 * Reconciles the journal's OnlinePay sales and refunds with OnlinePay's payments list (pays
 * and payouts, every page) for whole UTC days: its dates are UTC days of created_at, both
 * ends included, as ours are.
 */
export async function reconcileOnlinePayDays(journal: Journal, client: Pick<OnlinePayApi, 'listPayments'>, from: string, to: string, training: boolean): Promise<ReconciliationReport> {
  const listed = recordsFromOnlinePayList(await client.listPayments({ dateFrom: from, dateTo: to, operationType: 'all' }));
  const range = { from, to };
  return mergeReports(range, [
    reconcile(range, journalRecords(journal, 'sale', 'onlinepay', from, to, training), listed.sales, 'onlinepay'),
    reconcile(range, journalRecords(journal, 'refund', 'onlinepay', from, to, training), listed.refunds, 'onlinepay'),
  ]);
}

/** One gateway to compare: its client when it can be asked, else why not; and whether it is training. */
export type GatewaySource<Client> = { client: Client; training: boolean } | { error: PosErrorData };

/**
 * Both gateways in one report. A gateway that cannot be read (not configured, or its list
 * failed) is reported as unread and compared with nothing: its journal rows are never
 * called missing on a list that was not read, and no figure of it is guessed.
 */
export async function reconcileGateways(
  journal: Journal,
  sources: { nihaopay: GatewaySource<Pick<NihaoPayApi, 'downloadTransactions'>>; onlinepay: GatewaySource<Pick<OnlinePayApi, 'listPayments'>> },
  from: string,
  to: string,
  onFailure: (gateway: GatewayName, cause: unknown) => void = () => undefined,
): Promise<ReconciliationReport> {
  const readings: GatewayReading[] = [];
  const reports: ReconciliationReport[] = [];
  const run = async <Client>(gateway: GatewayName, source: GatewaySource<Client>, read: (client: Client, training: boolean) => Promise<ReconciliationReport>) => {
    if ('error' in source) return readings.push({ gateway, read: false, error: source.error });
    try {
      reports.push(await read(source.client, source.training));
      readings.push({ gateway, read: true });
    } catch (cause) {
      onFailure(gateway, cause);
      readings.push({ gateway, read: false, error: cause instanceof GatewayError ? cause.toPosError() : { code: 'GATEWAY_BAD_REPLY' } });
    }
  };
  await run('nihaopay', sources.nihaopay, (client, training) => reconcileDays(journal, client, from, to, training));
  await run('onlinepay', sources.onlinepay, (client, training) => reconcileOnlinePayDays(journal, client, from, to, training));
  return { ...mergeReports({ from, to }, reports), gateways: readings };
}
