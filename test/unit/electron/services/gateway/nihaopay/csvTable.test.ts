import { joinCsvTables, readCsvTable, writeCsvTable } from '../../../../../../electron/services/gateway/nihaopay/csvTable';

describe('readCsvTable', () => {
  it('reads a header and rows with CRLF or LF line ends', () => {
    expect(readCsvTable('id,amount\r\n1,12.34\r\n2,5.00\r\n')).toEqual({ ok: true, value: { header: ['id', 'amount'], rows: [['1', '12.34'], ['2', '5.00']] } });
    expect(readCsvTable('id,amount\n1,12.34\n2,5.00')).toEqual({ ok: true, value: { header: ['id', 'amount'], rows: [['1', '12.34'], ['2', '5.00']] } });
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    const text = 'id,note\r\n1,"tea, green"\r\n2,"say ""hi"""\r\n3,"two\r\nlines"\r\n';
    expect(readCsvTable(text)).toEqual({
      ok: true,
      value: { header: ['id', 'note'], rows: [['1', 'tea, green'], ['2', 'say "hi"'], ['3', 'two\r\nlines']] },
    });
  });

  it('reads an empty file, or one with only blank lines, as an empty table', () => {
    expect(readCsvTable('')).toEqual({ ok: true, value: { header: [], rows: [] } });
    expect(readCsvTable('\r\n\r\n')).toEqual({ ok: true, value: { header: [], rows: [] } });
  });

  it('keeps empty fields, and the empty column a trailing comma makes', () => {
    expect(readCsvTable('a,b,c\r\n,,\r\n')).toEqual({ ok: true, value: { header: ['a', 'b', 'c'], rows: [['', '', '']] } });
    expect(readCsvTable('a,b,\r\n1,2,\r\n')).toEqual({ ok: true, value: { header: ['a', 'b', ''], rows: [['1', '2', '']] } });
  });

  it.each([
    ['a ragged row', 'a,b\r\n1,2,3\r\n', /row 1 has 3 fields where the header has 2/],
    ['a truncated quoted field', 'a,b\r\n1,"never ends\r\n', /never ends/],
    ['text after a closing quote', 'a,b\r\n"x"y,2\r\n', /after a closing quote/],
    ['a quote inside a bare field', 'a,b\r\nx"y,2\r\n', /quote inside/],
  ])('refuses %s', (_name, text, problem) => {
    const reading = readCsvTable(text);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });
});

describe('writeCsvTable', () => {
  it('quotes only what must be quoted and round-trips', () => {
    const table = { header: ['id', 'note'], rows: [['1', 'plain'], ['2', 'a,b'], ['3', 'say "hi"'], ['4', 'two\nlines']] };
    const text = writeCsvTable(table);
    expect(text).toBe('id,note\r\n1,plain\r\n2,"a,b"\r\n3,"say ""hi"""\r\n4,"two\nlines"\r\n');
    expect(readCsvTable(text)).toEqual({ ok: true, value: table });
  });

  it('writes an empty table as an empty file', () => {
    expect(writeCsvTable({ header: [], rows: [] })).toBe('');
  });
});

describe('joinCsvTables', () => {
  it('keeps one header and every row in window order, skipping empty windows', () => {
    const joined = joinCsvTables([
      { header: ['id'], rows: [['1'], ['2']] },
      { header: [], rows: [] },
      { header: ['id'], rows: [] },
      { header: ['id'], rows: [['3']] },
    ]);
    expect(joined).toEqual({ ok: true, value: { header: ['id'], rows: [['1'], ['2'], ['3']] } });
  });

  it('refuses windows whose headers differ', () => {
    const joined = joinCsvTables([{ header: ['id'], rows: [] }, { header: ['id', 'amount'], rows: [] }]);
    expect(joined.ok).toBe(false);
    if (!joined.ok) expect(joined.problem).toMatch(/window 2 has the header/);
  });

  it('joins nothing into an empty table', () => {
    expect(joinCsvTables([])).toEqual({ ok: true, value: { header: [], rows: [] } });
  });
});
