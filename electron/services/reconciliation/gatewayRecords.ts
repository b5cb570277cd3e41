import { isCurrencyCode } from '../../../shared/money/currencies';
import type { CsvTable } from '../../../shared/gateway/nihaopay/nihaopayApi';
import type { GatewayRecord } from '../../../shared/reconciliation/reconciliationReport';
import { decimalToMinorUnits } from '../gateway/nihaopay/decimalAmount';

export class UnreadableTransactionFileError extends Error {
  constructor(reason: string) {
    super(`the gateway's transaction file cannot be read: ${reason}`);
    this.name = 'UnreadableTransactionFileError';
  }
}

const REQUIRED = ['transaction_id', 'reference', 'status', 'currency', 'amount'] as const;

/**
 * Reads the transactions CSV (GET /v1.2/download/transactions) by its header names, so
 * column order does not matter; amounts are decimal strings turned into minor units
 * without floats. A file without the needed columns, or with an amount that is not a
 * valid amount of its currency, is refused rather than half-read.
 */
export function recordsFromTransactionsCsv(table: CsvTable): GatewayRecord[] {
  const index = new Map(table.header.map((name, i) => [name.trim().toLowerCase(), i]));
  const missing = REQUIRED.filter((name) => !index.has(name));
  if (missing.length > 0) throw new UnreadableTransactionFileError(`no column ${missing.join(', ')} (header: ${table.header.join(',')})`);
  const cell = (row: string[], name: string) => (row[index.get(name) ?? -1] ?? '').trim();
  return table.rows.map((row, line) => {
    const currency = cell(row, 'currency').toUpperCase();
    if (!isCurrencyCode(currency)) throw new UnreadableTransactionFileError(`row ${line + 2}: unknown currency "${currency}"`);
    const amount = decimalToMinorUnits(cell(row, 'amount'), currency);
    if (amount === undefined) throw new UnreadableTransactionFileError(`row ${line + 2}: "${cell(row, 'amount')}" is not an amount in ${currency}`);
    return {
      gateway: 'nihaopay' as const,
      transactionId: cell(row, 'transaction_id'),
      reference: cell(row, 'reference'),
      status: cell(row, 'status').toLowerCase(),
      currency,
      amount,
      time: cell(row, 'time'),
    };
  });
}
