import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/**
 * The one way Counterpay reads and writes CSV (the gateway's files, reconciliation, day
 * reports, the sandbox's files), on csv-parse / csv-stringify. What the library does not
 * know is ours and stays here: a table is believed only when every row is as wide as its
 * header, and a cell we write is never read as a formula by a spreadsheet.
 */

export interface CsvTableData {
  header: string[];
  rows: string[][];
}

export type CsvReading = { ok: true; value: CsvTableData } | { ok: false; problem: string };

/**
 * RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF end a
 * record; a UTF-8 BOM (which spreadsheet exports put first) is dropped; blank lines carry no
 * record. A quote inside an unquoted field, text after a closing quote or a quoted field that
 * never ends is a problem, not a guess; so is a row wider or narrower than the header, so
 * a truncated or spliced file is refused instead of being reconciled wrongly.
 */
export function readCsv(text: string): CsvReading {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
  } catch (error) {
    return { ok: false, problem: problemOf(error) };
  }
  const [header, ...rows] = records;
  if (header === undefined) return { ok: true, value: { header: [], rows: [] } };
  // Column names are not judged here (a trailing comma makes an empty one); readers look columns up by name.
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) return { ok: false, problem: `row ${index + 1} has ${row.length} fields where the header has ${header.length}` };
  }
  return { ok: true, value: { header, rows } };
}

/** csv-parse's error codes in the words our reports and logs use; its own message follows for support. */
const PROBLEMS: Readonly<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field never ends',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
  INVALID_OPENING_QUOTE: 'a quote inside an unquoted field',
};

function problemOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const message = error instanceof Error ? error.message : 'not CSV';
  return PROBLEMS[code] ? `${PROBLEMS[code]} (${message})` : message;
}

export type CsvCell = string | number | boolean;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before one) as a
 * formula; such text gets a leading apostrophe so the file stays data. A plain number,
 * negative ones included, is left as it is.
 */
function formulaSafe(value: CsvCell): string {
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

/** CRLF line ends, as RFC 4180 writes them; quoted only where a field must be; every cell formula-safe. An empty list is an empty file. */
export function writeCsv(rows: ReadonlyArray<readonly CsvCell[]>, options: { formulaSafe?: boolean } = {}): string {
  if (rows.length === 0) return '';
  const safe = options.formulaSafe ?? true;
  const cells = rows.map((row) => row.map((value) => (safe ? formulaSafe(value) : String(value))));
  return stringify(cells, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
