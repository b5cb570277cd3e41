import { createHidKeyboardDecoder, type HidKeyboardDecoderOptions, type KeyboardDecodeOutcome } from '../../../../../electron/services/scanner/hidKeyboardDecoder';

/** An 8-byte boot keyboard report: [modifiers, reserved, key1..key6]. */
const boot = (modifiers: number, ...keys: number[]) => Uint8Array.from([modifiers, 0, ...keys, 0, 0, 0, 0, 0, 0].slice(0, 8));
const RELEASE = boot(0);
const L_SHIFT = 0x02;
const R_SHIFT = 0x20;
const ALTGR = 0x40;
const ENTER = 0x28;
const TAB = 0x2b;
const KP_ENTER = 0x58;

/** Feeds reports 1 ms apart and returns what came out. */
function feed(reports: Uint8Array[], options: HidKeyboardDecoderOptions = {}, start = 1_000, step = 1): KeyboardDecodeOutcome[] {
  const decoder = createHidKeyboardDecoder(options);
  return reports.flatMap((report, i) => decoder.push(report, start + i * step));
}
const scans = (outcomes: KeyboardDecodeOutcome[]) => outcomes.flatMap((o) => (o.kind === 'scan' ? [o.scan.data] : []));

// Usage IDs of the US top row, written out rather than derived, as a scanner sends them.
const DIGIT: Record<string, number> = { '1': 0x1e, '2': 0x1f, '3': 0x20, '4': 0x21, '5': 0x22, '6': 0x23, '7': 0x24, '8': 0x25, '9': 0x26, '0': 0x27 };

describe('HID keyboard decoder', () => {
  it('decodes the Alipay sample "288463639882104202\\n" from press/release boot reports', () => {
    const reports = [...'288463639882104202'].flatMap((d) => [boot(0, DIGIT[d]!), RELEASE]).concat([boot(0, ENTER), RELEASE]);
    expect(reports).toHaveLength(38);
    expect(reports[0]).toEqual(Uint8Array.from([0, 0, 0x1f, 0, 0, 0, 0, 0]));
    const out = feed(reports);
    expect(out).toEqual([{ kind: 'scan', scan: { data: '288463639882104202', source: 'hid', at: 1_000 + 36 } }]);
  });

  it('applies left and right Shift: "A-b_C!"', () => {
    const reports = [
      boot(L_SHIFT, 0x04), // A
      RELEASE,
      boot(0, 0x2d), // -
      RELEASE,
      boot(0, 0x05), // b
      RELEASE,
      boot(L_SHIFT, 0x2d), // _
      boot(L_SHIFT), // Shift still down, key up: nothing
      RELEASE,
      boot(R_SHIFT, 0x06), // C with right Shift
      RELEASE,
      boot(L_SHIFT, 0x1e), // !
      RELEASE,
      boot(0, ENTER),
      RELEASE,
    ];
    expect(scans(feed(reports))).toEqual(['A-b_C!']);
  });

  it('reads Shift sent in its own report before the key', () => {
    const reports = [boot(L_SHIFT), boot(L_SHIFT, 0x04), boot(L_SHIFT), RELEASE, boot(0, 0x04), RELEASE, boot(0, ENTER), RELEASE];
    expect(scans(feed(reports))).toEqual(['Aa']);
  });

  describe('report IDs', () => {
    const withId = (id: number, report: Uint8Array) => Uint8Array.from([id, ...report]);
    const code = [boot(0, 0x1e), RELEASE, boot(0, 0x1f), RELEASE, boot(0, ENTER), RELEASE];

    it('auto-detects a 9-byte report with any ID', () => {
      expect(scans(feed(code.map((r) => withId(0x01, r))))).toEqual(['12']);
      expect(scans(feed(code.map((r) => withId(0x07, r))))).toEqual(['12']);
    });
    it('reads only the configured ID', () => {
      expect(scans(feed(code.map((r) => withId(0x01, r)), { reportId: 1 }))).toEqual(['12']);
      expect(feed(code.map((r) => withId(0x02, r)), { reportId: 1 })).toEqual([]);
      // A device with numbered reports never sends bare boot reports.
      expect(feed(code, { reportId: 1 })).toEqual([]);
    });
    it("with 'none' reads only 8-byte reports", () => {
      expect(scans(feed(code, { reportId: 'none' }))).toEqual(['12']);
      expect(feed(code.map((r) => withId(0x01, r)), { reportId: 'none' })).toEqual([]);
    });
    it('ignores other reports of a composite device in between', () => {
      const consumerControl = Uint8Array.from([0x03, 0xe9, 0x00]);
      const reports = [withId(1, boot(0, 0x1e)), consumerControl, withId(1, RELEASE), withId(1, boot(0, ENTER)), withId(1, RELEASE)];
      expect(scans(feed(reports, { reportId: 1 }))).toEqual(['1']);
    });
  });

  it('types rollover keys in order of appearance, each once', () => {
    const reports = [
      boot(0, 0x1e), // 1
      boot(0, 0x1e, 0x1f), // 1 held, 2 new
      boot(0, 0x1f), // 1 up
      boot(0, 0x1f, 0x20, 0x21), // 3 and 4 new, in that order
      boot(0, 0x21, 0x20), // reordered, still held
      RELEASE,
      boot(0, 0x05, 0x04), // b then a
      RELEASE,
      boot(0, ENTER),
      RELEASE,
    ];
    expect(scans(feed(reports))).toEqual(['1234ba']);
  });

  it('does not repeat held keys, but types a key again after its release', () => {
    const held = [boot(0, 0x1e), boot(0, 0x1e), boot(0, 0x1e), boot(L_SHIFT, 0x1e), RELEASE, boot(0, 0x1e), RELEASE, boot(0, ENTER), RELEASE];
    expect(scans(feed(held))).toEqual(['11']);
  });

  it('counts a usage repeated inside one report once', () => {
    expect(scans(feed([boot(0, 0x1e, 0x1e), RELEASE, boot(0, ENTER), RELEASE]))).toEqual(['1']);
  });

  it('ignores ErrorRollOver (phantom) reports without changing the held keys', () => {
    const reports = [boot(0, 0x1e), boot(0, 1, 1, 1, 1, 1, 1), boot(0, 0x1e), RELEASE, boot(0, ENTER), RELEASE];
    expect(scans(feed(reports))).toEqual(['1']);
  });

  it('types a terminator in the same report as the last key after that key', () => {
    expect(scans(feed([boot(0, 0x1e, ENTER), RELEASE]))).toEqual(['1']);
    // A key after the terminator starts the next scan.
    const out = feed([boot(0, ENTER, 0x1e), RELEASE, boot(0, ENTER), RELEASE]);
    expect(scans(out)).toEqual(['1']);
  });

  describe('terminators', () => {
    const body = [boot(0, 0x1e), RELEASE, boot(0, 0x1f), RELEASE];
    it.each([
      ['enter', ENTER, ['12']],
      ['enter', KP_ENTER, ['12']],
      ['enter', TAB, []],
      ['tab', TAB, ['12']],
      ['tab', ENTER, []],
      ['enterOrTab', TAB, ['12']],
      ['enterOrTab', KP_ENTER, ['12']],
    ] as const)('terminator %s, key 0x%s', (terminator, key, expected) => {
      expect(scans(feed([...body, boot(0, key), RELEASE], { terminator }))).toEqual(expected);
    });
    it('a non-configured terminator types nothing into the scan', () => {
      expect(scans(feed([...body, boot(0, TAB), RELEASE, boot(0, ENTER), RELEASE], { terminator: 'enter' }))).toEqual(['12']);
    });
    it('a terminator alone is not a scan', () => {
      expect(feed([boot(0, ENTER), RELEASE, boot(0, ENTER), RELEASE])).toEqual([]);
    });
  });

  describe('layouts', () => {
    // A French scanner types digits with Shift; the same bytes read as US are symbols.
    const frenchCode = [boot(L_SHIFT, 0x1f), RELEASE, boot(L_SHIFT, 0x25), RELEASE, boot(L_SHIFT, 0x25), RELEASE, boot(0, ENTER), RELEASE];
    it('decodes the same reports differently per layout', () => {
      expect(scans(feed(frenchCode, { layout: 'fr' }))).toEqual(['288']);
      expect(scans(feed(frenchCode, { layout: 'us' }))).toEqual(['@**']);
    });
    it('uses AltGr (right Alt, or Ctrl+Alt) where the layout has it', () => {
      const reports = [boot(ALTGR, 0x14), RELEASE, boot(0x01 | 0x04, 0x14), RELEASE, boot(0, 0x1c), RELEASE, boot(ALTGR | L_SHIFT, 0x1c), RELEASE, boot(0, ENTER), RELEASE];
      // de: AltGr+Q = @, y/z swapped; Shift+AltGr+Z has no character there.
      expect(scans(feed(reports, { layout: 'de' }))).toEqual(['@@z']);
      // us: AltGr+Q types nothing.
      expect(scans(feed(reports, { layout: 'us' }))).toEqual(['y']);
    });
    it('completes a dead key with Space to its accent, and does not compose', () => {
      const reports = [boot(0, 0x35), RELEASE, boot(0, 0x2c), RELEASE, boot(0, 0x35), RELEASE, boot(0, 0x04), RELEASE, boot(0, 0x35), RELEASE, boot(0, ENTER), RELEASE];
      expect(scans(feed(reports, { layout: 'de' }))).toEqual(['^^a^']);
    });
  });

  it('drops keys that type nothing (Ctrl shortcuts, arrows, F-keys, Escape)', () => {
    const reports = [boot(0x01, 0x06), RELEASE, boot(0, 0x4f), RELEASE, boot(0, 0x3a), RELEASE, boot(0, 0x29), RELEASE, boot(0, 0x1e), RELEASE, boot(0, ENTER), RELEASE];
    expect(scans(feed(reports))).toEqual(['1']);
  });

  describe('maximum length', () => {
    const typed = (n: number) => Array.from({ length: n }, () => [boot(0, 0x1e), RELEASE]).flat();
    it('emits a scan of exactly the maximum', () => {
      expect(scans(feed([...typed(8), boot(0, ENTER), RELEASE], { maxLength: 8 }))).toEqual(['11111111']);
    });
    it('discards a longer scan whole and recovers for the next one', () => {
      const out = feed([...typed(9), boot(0, ENTER), RELEASE, ...typed(3), boot(0, ENTER), RELEASE], { maxLength: 8 });
      expect(out[0]).toMatchObject({ kind: 'discarded', reason: 'tooLong', length: 9 });
      expect(scans(out)).toEqual(['111']);
    });
    it('defaults to 512 characters', () => {
      const decoder = createHidKeyboardDecoder();
      const reports = [...typed(600), boot(0, ENTER), RELEASE];
      const out = reports.flatMap((r, i) => decoder.push(r, i));
      expect(out).toEqual([{ kind: 'discarded', reason: 'tooLong', length: 600, at: 1200 }]);
      expect(decoder.pendingLength).toBe(0);
    });
  });

  describe('inter-character timeout', () => {
    it('discards a scan that stalls and keeps the keys after the stall as a new scan', () => {
      const decoder = createHidKeyboardDecoder({ interCharTimeoutMs: 50 });
      const out = [
        ...decoder.push(boot(0, 0x1e), 0),
        ...decoder.push(RELEASE, 5),
        ...decoder.push(boot(0, 0x1f), 10),
        ...decoder.push(RELEASE, 15),
        // 200 ms later: the "12" fragment is stale.
        ...decoder.push(boot(0, 0x20), 210),
        ...decoder.push(RELEASE, 215),
        ...decoder.push(boot(0, ENTER), 220),
        ...decoder.push(RELEASE, 225),
      ];
      expect(out).toEqual([
        { kind: 'discarded', reason: 'stalled', length: 2, at: 210 },
        { kind: 'scan', scan: { data: '3', source: 'hid', at: 220 } },
      ]);
    });
    it('discards when only the terminator comes late', () => {
      const decoder = createHidKeyboardDecoder({ interCharTimeoutMs: 50 });
      decoder.push(boot(0, 0x1e), 0);
      decoder.push(RELEASE, 1);
      expect(decoder.push(boot(0, ENTER), 51)).toEqual([{ kind: 'discarded', reason: 'stalled', length: 1, at: 51 }]);
    });
    it('accepts a gap of exactly the timeout, and any gap when disabled', () => {
      const strict = createHidKeyboardDecoder({ interCharTimeoutMs: 50 });
      strict.push(boot(0, 0x1e), 0);
      strict.push(RELEASE, 1);
      expect(scans(strict.push(boot(0, ENTER), 50))).toEqual(['1']);
      const lax = createHidKeyboardDecoder();
      lax.push(boot(0, 0x1e), 0);
      expect(scans(lax.push(boot(0, ENTER), 3_600_000))).toEqual(['1']);
    });
  });

  it('reset() forgets held keys and the scan in progress', () => {
    const decoder = createHidKeyboardDecoder();
    decoder.push(boot(0, 0x1e), 0);
    expect(decoder.pendingLength).toBe(1);
    decoder.reset();
    expect(decoder.pendingLength).toBe(0);
    // 0x1e was held before the reset; pressed "again" now it types.
    decoder.push(boot(0, 0x1e), 1);
    expect(scans(decoder.push(boot(0, 0x1e, ENTER), 2))).toEqual(['1']);
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['7 bytes', new Uint8Array(7).fill(0x1e)],
    ['10 bytes', new Uint8Array(10).fill(0x1e)],
    ['64 bytes', new Uint8Array(64).fill(0x28)],
  ])('ignores a %s report', (_name, report) => {
    const decoder = createHidKeyboardDecoder();
    decoder.push(boot(0, 0x1e), 0);
    expect(decoder.push(report, 1)).toEqual([]);
    expect(decoder.pendingLength).toBe(1);
  });

  it('ignores values that are not byte arrays', () => {
    const decoder = createHidKeyboardDecoder();
    expect(decoder.push([0, 0, 0x1e, 0, 0, 0, 0, 0] as unknown as Uint8Array, 0)).toEqual([]);
    expect(decoder.push(null as unknown as Uint8Array, 0)).toEqual([]);
  });

  it('accepts a Node Buffer, as node-hid delivers', () => {
    expect(scans(feed([Buffer.from([0, 0, 0x1e, 0, 0, 0, 0, 0]), Buffer.alloc(8), Buffer.from([0, 0, ENTER, 0, 0, 0, 0, 0])]))).toEqual(['1']);
  });

  it('refuses a nonsensical maximum at construction', () => {
    expect(() => createHidKeyboardDecoder({ maxLength: 0 })).toThrow(RangeError);
  });
});
