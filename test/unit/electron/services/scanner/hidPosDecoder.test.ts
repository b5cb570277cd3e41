import {
  createHidPosDecoder,
  hidPosReportLayout,
  type HidPosDecoderOptions,
  type PosDecodeOutcome,
} from '../../../../../electron/services/scanner/hidPosDecoder';

/**
 * One 64-byte scanned-data report, written byte by byte the way the decoder's comment
 * documents it (independently of the emulated scanner, which has its own tests).
 */
function posReport(data: string | number[], options: { more?: boolean; aim?: string; id?: number; count?: number } = {}): Uint8Array {
  const bytes = typeof data === 'string' ? [...Buffer.from(data, 'utf8')] : data;
  const report = new Uint8Array(64);
  report[0] = options.id ?? 0x02;
  report[1] = options.count ?? bytes.length;
  report.set(bytes.slice(0, 56), 2);
  if (options.aim) report.set([...Buffer.from(options.aim, 'latin1')], 58);
  report[63] = options.more ? 0x01 : 0x00;
  return report;
}

function feed(reports: Uint8Array[], options: HidPosDecoderOptions = {}, start = 5_000): PosDecodeOutcome[] {
  const decoder = createHidPosDecoder(options);
  return reports.flatMap((report, i) => decoder.push(report, start + i));
}
const scans = (outcomes: PosDecodeOutcome[]) => outcomes.flatMap((o) => (o.kind === 'scan' ? [o.scan] : []));

describe('HID POS report layout', () => {
  it('puts 56 data bytes, the AIM identifier and the flags where Honeywell does in 64 bytes', () => {
    expect(hidPosReportLayout()).toEqual({ reportLength: 64, lengthOffset: 1, dataOffset: 2, dataCapacity: 56, aimOffset: 58, flagsOffset: 63 });
    expect(hidPosReportLayout(32)).toMatchObject({ dataCapacity: 24, aimOffset: 26, flagsOffset: 31 });
    expect(() => hidPosReportLayout(8)).toThrow(RangeError);
    expect(() => hidPosReportLayout(64.5)).toThrow(RangeError);
  });
});

describe('HID POS decoder', () => {
  it('decodes a one-report scan with its AIM identifier', () => {
    const out = feed([posReport('288463639882104202', { aim: ']E0' })]);
    expect(out).toEqual([{ kind: 'scan', scan: { data: '288463639882104202', source: 'hid', symbology: 'E0', at: 5_000 } }]);
  });

  it('leaves symbology out when the AIM field is empty or not an AIM identifier', () => {
    expect(scans(feed([posReport('134567890123456789')]))[0]).toEqual({ data: '134567890123456789', source: 'hid', at: 5_000 });
    expect(scans(feed([posReport('1', { aim: 'Q1\0' })]))[0]?.symbology).toBeUndefined();
    expect(scans(feed([posReport('1', { aim: ']\x01\x02' })]))[0]?.symbology).toBeUndefined();
  });

  it('assembles a QR code sent over three reports with AIM "]Q1"', () => {
    const code = 'https://qr.alipay.com/bax08431rhd9zkz3w5gk00b7?_s=web-other&amount=12.50&ref=CP260101120000000ABCD&terminal=counterpay-front-desk';
    expect(code.length).toBeGreaterThan(112);
    const reports = [
      posReport(code.slice(0, 56), { more: true, aim: ']Q1' }),
      posReport(code.slice(56, 112), { more: true, aim: ']Q1' }),
      posReport(code.slice(112), { aim: ']Q1' }),
    ];
    expect(reports[0]![63]).toBe(1);
    expect(reports[2]![1]).toBe(code.length - 112);
    const decoder = createHidPosDecoder();
    expect(decoder.push(reports[0]!, 1)).toEqual([]);
    expect(decoder.pendingLength).toBe(56);
    expect(decoder.push(reports[1]!, 2)).toEqual([]);
    expect(decoder.push(reports[2]!, 3)).toEqual([{ kind: 'scan', scan: { data: code, source: 'hid', symbology: 'Q1', at: 3 } }]);
    expect(decoder.pendingLength).toBe(0);
  });

  it('ignores padding beyond the count in byte 1', () => {
    const report = posReport('123456');
    report.fill(0x39, 8, 58); // "9"s after the six counted bytes
    expect(scans(feed([report]))[0]?.data).toBe('123456');
  });

  it('accepts empty continuation reports', () => {
    expect(scans(feed([posReport('12', { more: true }), posReport('', { more: true }), posReport('34')]))[0]?.data).toBe('1234');
  });

  describe('framing', () => {
    it.each([
      ['AIM identifier in the data', ']Q1288463639882104202', {}, '288463639882104202', 'Q1'],
      ['AIM in the data kept when stripping is off', ']Q1288463639882104202', { stripAimPrefix: false }, ']Q1288463639882104202', undefined],
      ['prefix and suffix', 'STX288463639882104202ETX', { prefix: 'STX', suffix: 'ETX' }, '288463639882104202', undefined],
      ['prefix before AIM', 'P]C0288463639882104202', { prefix: 'P' }, '288463639882104202', 'C0'],
      ['AIM before prefix', ']C0P288463639882104202', { prefix: 'P' }, '288463639882104202', 'C0'],
      ['trailing CR LF', '288463639882104202\r\n', {}, '288463639882104202', undefined],
      ['suffix then CR', '288463639882104202#\r', { suffix: '#' }, '288463639882104202', undefined],
      ['suffix made of CR LF', '288463639882104202\r\n', { suffix: '\r\n' }, '288463639882104202', undefined],
      ['prefix absent: nothing stripped', '288463639882104202', { prefix: 'STX' }, '288463639882104202', undefined],
      ['prefix stripped only once', 'PP1', { prefix: 'P' }, 'P1', undefined],
      ['GS separators of GS1 codes dropped', '01095011015300031\x1d10ABC', {}, '0109501101530003110ABC', undefined],
      ['UTF-8 text', 'café ¥12', {}, 'café ¥12', undefined],
    ] as const)('%s', (_name, sent, options, data, symbology) => {
      const [scan] = scans(feed([posReport(sent)], options));
      expect(scan?.data).toBe(data);
      expect(scan?.symbology).toBe(symbology);
    });

    it('prefers the AIM field over an AIM identifier in the data, and strips the latter', () => {
      const [scan] = scans(feed([posReport(']C0123', { aim: ']Q1' })]));
      expect(scan).toMatchObject({ data: '123', symbology: 'Q1' });
    });

    it('reads bytes that are not UTF-8 as ISO-8859-1', () => {
      const [scan] = scans(feed([posReport([0x41, 0xe9, 0x42])]));
      expect(scan?.data).toBe('AéB');
    });

    it('emits nothing for a scan that is only framing', () => {
      expect(feed([posReport(']Q1\r\n')])).toEqual([]);
    });
  });

  describe('maximum length', () => {
    const long = (n: number) => {
      const text = '7'.repeat(n);
      const reports: Uint8Array[] = [];
      for (let i = 0; i < n; i += 56) reports.push(posReport(text.slice(i, i + 56), { more: i + 56 < n }));
      return reports;
    };
    it('emits a scan of exactly the maximum', () => {
      expect(scans(feed(long(100), { maxLength: 100 }))[0]?.data).toHaveLength(100);
    });
    it('discards a longer scan and decodes the next one', () => {
      const out = feed([...long(101), posReport('42')], { maxLength: 100 });
      expect(out).toEqual([
        { kind: 'discarded', reason: 'tooLong', length: 101, at: 5_000 + 1 },
        { kind: 'scan', scan: { data: '42', source: 'hid', at: 5_002 } },
      ]);
    });
    it('stops keeping bytes of a runaway scan, yet still discards it at its end', () => {
      const decoder = createHidPosDecoder({ maxLength: 10 });
      for (let i = 0; i < 1000; i++) expect(decoder.push(posReport('x'.repeat(56), { more: true }), i)).toEqual([]);
      expect(decoder.pendingLength).toBe(56_000);
      expect(decoder.push(posReport('x'), 1000)).toEqual([{ kind: 'discarded', reason: 'tooLong', length: 56_001, at: 1000 }]);
    });
    it('measures characters after stripping the framing', () => {
      expect(scans(feed([posReport(']Q11234567890\r\n')], { maxLength: 10 }))[0]?.data).toBe('1234567890');
    });
  });

  it('discards a multi-report scan whose next report is late, then decodes on', () => {
    const decoder = createHidPosDecoder({ interCharTimeoutMs: 100 });
    expect(decoder.push(posReport('1111', { more: true }), 0)).toEqual([]);
    expect(decoder.push(posReport('2222'), 500)).toEqual([
      { kind: 'discarded', reason: 'stalled', length: 4, at: 500 },
      { kind: 'scan', scan: { data: '2222', source: 'hid', at: 500 } },
    ]);
  });

  it('discards the scan in progress on a report whose count cannot fit', () => {
    const decoder = createHidPosDecoder();
    decoder.push(posReport('1111', { more: true }), 0);
    expect(decoder.push(posReport('2222', { count: 57 }), 1)).toEqual([{ kind: 'discarded', reason: 'malformed', length: 4, at: 1 }]);
    expect(scans(decoder.push(posReport('33'), 2))[0]?.data).toBe('33');
  });

  it('ignores reports with another ID or another length, keeping the scan in progress', () => {
    const decoder = createHidPosDecoder();
    decoder.push(posReport('12', { more: true }), 0);
    expect(decoder.push(posReport('99', { id: 0x04 }), 1)).toEqual([]);
    expect(decoder.push(posReport('99').subarray(0, 63), 2)).toEqual([]);
    expect(decoder.push(new Uint8Array(65).fill(2), 3)).toEqual([]);
    expect(scans(decoder.push(posReport('34'), 4))[0]?.data).toBe('1234');
  });

  it('reads a configured report ID and report length', () => {
    const report = new Uint8Array(32);
    report[0] = 0x05;
    report[1] = 3;
    report.set([0x31, 0x32, 0x33], 2);
    report.set([0x5d, 0x45, 0x30], 26);
    expect(scans(feed([report], { reportId: 5, reportLength: 32 }))).toEqual([{ data: '123', source: 'hid', symbology: 'E0', at: 5_000 }]);
    expect(feed([report])).toEqual([]);
  });

  describe('repeat guard', () => {
    it('drops a final report delivered twice within the guard', () => {
      const decoder = createHidPosDecoder();
      const report = posReport('288463639882104202');
      expect(scans(decoder.push(report, 0))).toHaveLength(1);
      expect(decoder.push(report, 3)).toEqual([]);
    });
    it('keeps the same code scanned again later, and duplicates when the guard is off', () => {
      const decoder = createHidPosDecoder();
      const report = posReport('288463639882104202');
      decoder.push(report, 0);
      expect(scans(decoder.push(report, 400))).toHaveLength(1);
      const unguarded = createHidPosDecoder({ repeatGuardMs: 0 });
      unguarded.push(report, 0);
      expect(scans(unguarded.push(report, 0))).toHaveLength(1);
    });
    it('never drops a repeated continuation report: identical chunks are legitimate data', () => {
      const chunk = posReport('0'.repeat(56), { more: true });
      const [scan] = scans(feed([chunk, chunk, posReport('1')]));
      expect(scan?.data).toBe('0'.repeat(112) + '1');
    });
  });

  it('reset() drops the scan in progress', () => {
    const decoder = createHidPosDecoder();
    decoder.push(posReport('1111', { more: true }), 0);
    decoder.reset();
    expect(scans(decoder.push(posReport('22'), 1))[0]?.data).toBe('22');
  });

  it('ignores values that are not byte arrays, and refuses a nonsensical maximum', () => {
    const decoder = createHidPosDecoder();
    expect(decoder.push(Array.from(posReport('1')) as unknown as Uint8Array, 0)).toEqual([]);
    expect(decoder.push(undefined as unknown as Uint8Array, 0)).toEqual([]);
    expect(() => createHidPosDecoder({ maxLength: -1 })).toThrow(RangeError);
  });
});
