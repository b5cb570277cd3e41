import type { CsvTable } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { readCsv, writeCsv } from '../../../../shared/csv/csv';
import type { Reading } from '../replyReading';

/**
 * The CSV files NihaoPay sends (downloads, billing, withdrawal detail), read by the one CSV
 * reader (shared/csv/csv.ts: RFC 4180, a BOM dropped, every row as wide as the header).
 */
export function readCsvTable(text: string): Reading<CsvTable> {
  return readCsv(text);
}

/** CRLF line ends, as RFC 4180 writes them; an empty table is an empty file. Gateway data as it came: no formula guard. */
export function writeCsvTable(table: CsvTable): string {
  if (table.header.length === 0) return '';
  return writeCsv([table.header, ...table.rows], { formulaSafe: false });
}

/**
 * Joins the tables of consecutive windows under one header. Windows without any
 * transaction may come back empty; a window whose header differs is a different file
 * and cannot be joined, which the caller reports as a bad reply.
 */
export function joinCsvTables(tables: readonly CsvTable[]): Reading<CsvTable> {
  let header: string[] | undefined;
  const rows: string[][] = [];
  for (const [index, table] of tables.entries()) {
    if (table.header.length === 0) continue;
    if (header === undefined) header = table.header;
    else if (table.header.join('\u0000') !== header.join('\u0000')) {
      return { ok: false, problem: `window ${index + 1} has the header ${JSON.stringify(table.header)} where earlier windows had ${JSON.stringify(header)}` };
    }
    rows.push(...table.rows);
  }
  return { ok: true, value: { header: header ?? [], rows } };
}
