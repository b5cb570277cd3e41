import { readCsv, writeCsv } from '../../../shared/csv/csv';

describe('CSV, read and written one way', () => {
  it('reads quoted commas, doubled quotes and line breaks, CRLF or LF, with or without a BOM', () => {
    const text = '\ufeffid,note\r\n1,"a, ""b""\nc"\n2,plain\r\n\r\n';
    expect(readCsv(text)).toEqual({ ok: true, value: { header: ['id', 'note'], rows: [['1', 'a, "b"\nc'], ['2', 'plain']] } });
  });

  it('refuses a row of another width, a stray quote, text after a closing quote and an unclosed quote', () => {
    expect(readCsv('a,b\n1,2,3\n')).toEqual({ ok: false, problem: 'row 1 has 3 fields where the header has 2' });
    expect(readCsv('a,b\n1\n')).toEqual({ ok: false, problem: 'row 1 has 1 fields where the header has 2' });
    for (const broken of ['a,b\n1,x"y\n', 'a,b\n"1"x,2\n', 'a,b\n"1,2\n']) expect(readCsv(broken).ok).toBe(false);
  });

  it('reads an empty file as an empty table', () => {
    expect(readCsv('')).toEqual({ ok: true, value: { header: [], rows: [] } });
    expect(readCsv('\n\n')).toEqual({ ok: true, value: { header: [], rows: [] } });
  });

  it('writes CRLF, quotes only where needed, and keeps a formula out of a spreadsheet', () => {
    expect(writeCsv([['finding', 'note', 'amount'], ['mismatch', '=HYPERLINK("x")', -12.5], ['ok', 'a,b', 3], ['line', 'two\nlines', true]])).toBe(
      'finding,note,amount\r\nmismatch,"\'=HYPERLINK(""x"")",-12.5\r\nok,"a,b",3\r\nline,"two\nlines",true\r\n',
    );
    expect(writeCsv([['@cmd', '+1', '-x', '\tTAB', '-3']])).toBe("'@cmd,'+1,'-x,'\tTAB,-3\r\n");
    expect(writeCsv([])).toBe('');
  });

  it('reads back what it writes', () => {
    const rows = [['h1', 'h2'], ['a "quoted", value', 'line\r\nbreak'], ['', 'x']];
    expect(readCsv(writeCsv(rows, { formulaSafe: false }))).toEqual({ ok: true, value: { header: rows[0], rows: rows.slice(1) } });
  });
});
