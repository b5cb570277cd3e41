import type { CsvTable } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import type { Reading } from '../replyReading';

/**
 * The CSV files NihaoPay sends (downloads, billing, withdrawal detail), read as RFC 4180:
 * quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF end a record.
 * A table is believed only when every row is as wide as the header, so a truncated or
 * spliced file is refused instead of being reconciled wrongly.
 */
export function readCsvTable(text: string): Reading<CsvTable> {
  const records = parseCsvRecords(text);
  if (!records.ok) return records;
  // Blank lines (a trailing newline, an empty window) carry no record.
  const nonBlank = records.value.filter((record) => !(record.length === 1 && record[0] === ''));
  const [header, ...rows] = nonBlank;
  if (header === undefined) return { ok: true, value: { header: [], rows: [] } };
  // Column names are not judged here (a trailing comma makes an empty one); readers look columns up by name.
  for (const [index, row] of rows.entries()) {
    if (row.length !== header.length) return { ok: false, problem: `row ${index + 1} has ${row.length} fields where the header has ${header.length}` };
  }
  return { ok: true, value: { header, rows } };
}

function parseCsvRecords(text: string): Reading<string[][]> {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') return { ok: false, problem: `text after a closing quote at character ${i}` };
        continue;
      }
      field += char;
      i += 1;
      continue;
    }
    if (char === '"') {
      if (field !== '') return { ok: false, problem: `a quote inside an unquoted field at character ${i}` };
      quoted = true;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (char === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += char;
    }
    i += 1;
  }
  if (quoted) return { ok: false, problem: 'a quoted field never ends' };
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return { ok: true, value: records };
}

/** Quotes a field only when it must be: commas, quotes or line breaks. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CRLF line ends, as RFC 4180 writes them; an empty table is an empty file. */
export function writeCsvTable(table: CsvTable): string {
  if (table.header.length === 0) return '';
  return [table.header, ...table.rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
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
