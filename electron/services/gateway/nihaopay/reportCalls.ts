import type { CsvDownload, DateRange, NihaoPayApi } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { joinCsvTables, writeCsvTable } from './csvTable';
import { dateRangeProblem, MAX_DOWNLOAD_RANGE_DAYS, splitDateRange } from './gatewayDates';
import { badReplyError } from './nihaopayGatewayError';
import type { NihaoPayTransport } from './nihaopayTransport';
import { readAccountsReply, readWithdrawalHistoryReply } from './accountReplySchemas';
import { readExchangeRateReply, readTransactionListReply } from './reportReplySchemas';
import {
  dateRangeQueryString,
  exchangeRateQueryProblem,
  exchangeRateQueryString,
  listTransactionsQueryProblem,
  listTransactionsQueryString,
} from './reportQueries';
import { isPlausibleTransactionId } from './scanRequestForm';

type ReportCalls = Pick<
  NihaoPayApi,
  'listTransactions' | 'getExchangeRates' | 'getAccounts' | 'getWithdrawals' | 'getWithdrawalDetail' | 'downloadTransactions' | 'downloadBilling'
>;

/** Withdrawal history has no documented window; a year keeps one reply bounded all the same. */
const MAX_WITHDRAWAL_RANGE_DAYS = 366;

/** Reconciliation: lists, rates, balances, withdrawals and the CSV downloads. */
export function reportCalls(transport: NihaoPayTransport): ReportCalls {
  const { json, csv, refuse } = transport;

  /**
   * One GET per window of at most 10 days, one after another (never in parallel: the
   * gateway limits request rates), joined under one header. Any failing window fails
   * the whole download: half a report must not pass for the whole one.
   */
  async function download(path: string, range: DateRange): Promise<CsvDownload> {
    const problem = dateRangeProblem(range, MAX_DOWNLOAD_RANGE_DAYS);
    if (problem !== undefined) refuse(problem);
    const windows = splitDateRange(range);
    const tables = [];
    for (const window of windows) tables.push(await csv(`${path}${dateRangeQueryString(window)}`));
    const joined = joinCsvTables(tables);
    if (!joined.ok) throw badReplyError(200, `the windows cannot be joined: ${joined.problem}`, '');
    return { ...joined.value, text: writeCsvTable(joined.value), windows };
  }

  return {
    async listTransactions(query = {}) {
      const problem = listTransactionsQueryProblem(query);
      if (problem !== undefined) refuse(problem);
      return json('GET', `/v1.2/transactions/${listTransactionsQueryString(query)}`, undefined, (value) => readTransactionListReply(value, query));
    },

    async getExchangeRates(query) {
      const problem = exchangeRateQueryProblem(query);
      if (problem !== undefined) refuse(problem);
      return json('GET', `/v1.2/exchangerate/${exchangeRateQueryString(query)}`, undefined, (value) => readExchangeRateReply(value, query));
    },

    async getAccounts() {
      return json('GET', '/v1.2/accounts', undefined, readAccountsReply);
    },

    async getWithdrawals(range) {
      const problem = dateRangeProblem(range, MAX_WITHDRAWAL_RANGE_DAYS);
      if (problem !== undefined) refuse(problem);
      return json('GET', `/v1.2/withdrawal/history/${dateRangeQueryString(range)}`, undefined, (value) => readWithdrawalHistoryReply(value, range));
    },

    async getWithdrawalDetail(withdrawalId) {
      if (!isPlausibleTransactionId(withdrawalId)) refuse('withdrawal id must be 1-64 letters, digits, "-" or "_"');
      return csv(`/v1.2/withdrawal/detail/${encodeURIComponent(withdrawalId)}`);
    },

    downloadTransactions: (range) => download('/v1.2/download/transactions/', range),
    downloadBilling: (range) => download('/v1.2/billing/', range),
  };
}
