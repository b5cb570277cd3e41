import type { WithdrawalMovement } from '../../../shared/bridge/accountContract';
import type { CsvTable } from '../../../shared/gateway/nihaopay/nihaopayApi';
import { isCurrencyCode } from '../../../shared/money/currencies';
import { decimalToMinorUnits } from '../gateway/nihaopay/decimalAmount';
import type { Reading } from '../gateway/replyReading';
import { WITHDRAWAL_DETAIL_COLUMNS, type MovementFileColumn } from '../../../shared/gateway/nihaopay/movementFiles';

/** A withdrawal's detail file (`/v1.2/withdrawal/detail/{id}`). */
export const readWithdrawalDetail = (table: CsvTable): Reading<WithdrawalMovement[]> => readMovementFile(table, WITHDRAWAL_DETAIL_COLUMNS);

/**
 * A file of money movements (a withdrawal's detail, the billing file) as signed movements in
 * minor units: a charge positive, a refund negative. Only the columns we know
 * (movementFiles.ts) are believed: a column we do not know (a fee, an RMB amount, another
 * sign convention) could change what the amounts mean, so a file with one is "could not be
 * read", never a guess. Order does not matter; names are matched trimmed and in lower case.
 * A BOM is dropped by the CSV reader before this.
 */
export function readMovementFile(table: CsvTable, columns: readonly MovementFileColumn[]): Reading<WithdrawalMovement[]> {
  // No header and no rows: an empty file is an empty list, as the history's empty array is.
  if (table.header.length === 0) return table.rows.length === 0 ? { ok: true, value: [] } : { ok: false, problem: 'rows without a header' };
  const names = table.header.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(columns as readonly string[]).includes(name));
  if (unknown.length > 0) return { ok: false, problem: `unknown column ${JSON.stringify(unknown[0])}` };
  const at: Partial<Record<MovementFileColumn, number>> = {};
  for (const column of columns) {
    const index = names.indexOf(column);
    if (index < 0) return { ok: false, problem: `no ${column} column` };
    if (names.lastIndexOf(column) !== index) return { ok: false, problem: `the ${column} column twice` };
    at[column] = index;
  }
  const cell = (row: string[], column: MovementFileColumn) => (at[column] === undefined ? '' : (row[at[column]] ?? '').trim());
  const movements: WithdrawalMovement[] = [];
  for (const [index, row] of table.rows.entries()) {
    const line = index + 2;
    const kind = cell(row, 'type');
    if (kind !== 'charge' && kind !== 'refund') return { ok: false, problem: `line ${line}: type ${JSON.stringify(kind)} is neither charge nor refund` };
    const currency = cell(row, 'currency');
    if (!isCurrencyCode(currency)) return { ok: false, problem: `line ${line}: currency ${JSON.stringify(currency)}` };
    const amount = decimalToMinorUnits(cell(row, 'amount'), currency);
    if (amount === undefined) return { ok: false, problem: `line ${line}: amount ${JSON.stringify(cell(row, 'amount'))} is not an amount of ${currency}` };
    // A charge that takes money out, or a refund that brings it in, is not what the columns say.
    if ((kind === 'charge' && amount < 0) || (kind === 'refund' && amount > 0)) return { ok: false, problem: `line ${line}: a ${kind} of ${cell(row, 'amount')}` };
    const transactionId = cell(row, 'transaction_id');
    if (transactionId === '') return { ok: false, problem: `line ${line}: no transaction id` };
    movements.push({ kind, transactionId, refundId: cell(row, 'refund_id'), reference: cell(row, 'reference'), time: cell(row, 'time'), currency, amount });
  }
  return { ok: true, value: movements };
}
