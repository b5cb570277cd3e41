import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { createWedgeDetector, type WedgeDecision, type WedgeDetectorOptions } from '../../../../../renderer/features/scanner/wedgeDetector';

/** mulberry32 for reproducible "human" timings. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Typed {
  key: string;
  at: number;
  repeat?: boolean;
}

/** Keys of `text` then `terminator`, `gap(i)` ms apart, from `start`. */
function keys(text: string, gap: (i: number) => number, terminator: string | null = 'Enter', start = 10_000): Typed[] {
  const out: Typed[] = [];
  let at = start;
  [...text, ...(terminator ? [terminator] : [])].forEach((key, i) => {
    if (i > 0) at += gap(i);
    out.push({ key, at });
  });
  return out;
}

function run(typed: Typed[], options: WedgeDetectorOptions = {}, targetIsEditable = false) {
  const detector = createWedgeDetector(options);
  const decisions = typed.map((k) => detector.handleKey({ ...k, targetIsEditable }));
  return {
    decisions,
    swallowed: typed.filter((_, i) => decisions[i]!.swallow).map((k) => k.key),
    passed: typed.filter((_, i) => !decisions[i]!.swallow).map((k) => k.key),
    scans: decisions.flatMap((d) => (d.scan ? [d] : [])),
    discarded: decisions.flatMap((d) => (d.discarded ? [d.discarded] : [])),
  };
}

const CODE = SAMPLE_PAYMENT_CODES.alipay; // 18 digits

describe('keyboard wedge detector', () => {
  describe('scanner bursts', () => {
    it.each([5, 10, 20, 35])('every %s ms: a scan, swallowed from the 6th character on', (gap) => {
      const result = run(keys(CODE, () => gap));
      expect(result.scans).toEqual([
        { swallow: true, scan: { data: CODE, source: 'wedge', at: 10_000 + 18 * gap }, passedThrough: 5, passedThroughIntoField: 0 },
      ]);
      expect(result.passed).toEqual([...CODE.slice(0, 5)]);
      expect(result.swallowed).toEqual([...CODE.slice(5), 'Enter']);
    });

    it('with jittered 5–35 ms gaps', () => {
      const random = seeded(42);
      for (let n = 0; n < 50; n++) {
        const result = run(keys(CODE, () => 5 + Math.floor(random() * 31)));
        expect(result.scans.map((d) => d.scan?.data)).toEqual([CODE]);
      }
    });

    it('a 50 ms scanner is too slow for the default, and found with maxInterKeyMs 60', () => {
      expect(run(keys(CODE, () => 50)).scans).toEqual([]);
      expect(run(keys(CODE, () => 50)).swallowed).toEqual([]);
      expect(run(keys(CODE, () => 50), { maxInterKeyMs: 60 }).scans.map((d) => d.scan?.data)).toEqual([CODE]);
    });

    it('a jittery scanner with single gaps over 35 ms: the whole code, never its tail', () => {
      // Around 30 ms a key, one in five 41 ms late. A bound on every gap restarted the burst
      // at the slow key and reported the code's last 12 characters as a scan of their own.
      const result = run(keys(CODE, (i) => (i % 5 === 0 ? 41 : 30)));
      expect(result.scans.map((d) => d.scan?.data)).toEqual([CODE]);
      expect(result.scans[0]?.passedThrough).toBe(5);
      expect(result.discarded).toEqual([]);
    });

    it('the 35 ms is an average from the first character to the terminator', () => {
      // 10 and 60 ms alternating: 35 ms on average, a scan.
      expect(run(keys(CODE, (i) => (i % 2 ? 10 : 60))).scans.map((d) => d.scan?.data)).toEqual([CODE]);
      // 20 and 60 ms alternating: 40 ms on average, every gap under maxGapMs: not a scan, nothing swallowed.
      const slow = run(keys(CODE, (i) => (i % 2 ? 20 : 60)));
      expect(slow.scans).toEqual([]);
      expect(slow.swallowed).toEqual([]);
    });

    it('one pause over maxGapMs (default 70 ms) ends the burst however fast the rest', () => {
      const typed = keys(CODE, (i) => (i === 8 ? 71 : 5));
      const result = run(typed);
      expect(result.decisions[8]).toEqual({ swallow: false, discarded: { reason: 'noTerminator', length: 8 } });
      // Known limit: the part after the pause is a burst of its own and, being long enough,
      // comes out as a scan. A pause of 70 ms is still one burst: maxGapMs 71 keeps it whole.
      expect(result.scans.map((d) => d.scan?.data)).toEqual([CODE.slice(8)]);
      expect(run(typed, { maxGapMs: 71 }).scans.map((d) => d.scan?.data)).toEqual([CODE]);
    });

    it('while a text field is focused: swallowed once sure, the leaked start is reported for removal', () => {
      const result = run(keys(CODE, () => 8), {}, true);
      expect(result.passed).toEqual([...'28846']);
      expect(result.scans[0]).toMatchObject({ scan: { data: CODE }, passedThrough: 5, passedThroughIntoField: 5 });
    });

    it('keeps "-", Shift-made and layout characters, and skips modifier-only keys', () => {
      const typed: Typed[] = [];
      let at = 0;
      for (const key of ['Shift', 'A', '-', 'b', 'Shift', '_', 'AltGraph', '€', 'ü', 'Dead', 'é', 'Shift', 'C', '!', 'Enter']) {
        typed.push({ key, at });
        at += 4;
      }
      const result = run(typed);
      expect(result.scans.map((d) => d.scan?.data)).toEqual(['A-b_€üéC!']);
      // Five characters reach the page before the detector is sure; modifier keydowns are
      // never swallowed (they type nothing anyway).
      expect(result.passed).toEqual(['Shift', 'A', '-', 'b', 'Shift', '_', 'AltGraph', '€', 'Dead', 'Shift']);
      expect(result.scans[0]?.passedThrough).toBe(5);
    });

    it('a modifier held longer than the gap does not count as a pause', () => {
      const typed = [...keys('12345', () => 10, null, 0), { key: 'Shift', at: 45 }, { key: 'A', at: 60 }, { key: 'Enter', at: 70 }];
      expect(run(typed).scans.map((d) => d.scan?.data)).toEqual(['12345A']);
    });

    it('applies toEpochMs to the scan time', () => {
      const result = run(keys('123456', () => 5), { toEpochMs: (at) => 1_700_000_000_000 + at });
      expect(result.scans[0]?.scan?.at).toBe(1_700_000_000_000 + 10_030);
    });
  });

  describe('people typing', () => {
    it('at 80–300 ms, in a text field or not: nothing swallowed, no scan', () => {
      const random = seeded(7);
      for (const editable of [true, false]) {
        for (let n = 0; n < 50; n++) {
          const result = run(keys(CODE, () => 80 + Math.floor(random() * 221)), {}, editable);
          expect(result.swallowed).toEqual([]);
          expect(result.scans).toEqual([]);
          expect(result.discarded).toEqual([]);
        }
      }
    });

    it('a fast typist rolling a few keys under 35 ms is still a person', () => {
      // "the" rolled at 20 ms, then a normal pause, repeatedly.
      const gaps = [20, 25, 150, 20, 30, 140, 25, 20, 160, 20, 30];
      const result = run(keys('the the the', (i) => gaps[i - 1]!), {}, true);
      expect(result.swallowed).toEqual([]);
      expect(result.scans).toEqual([]);
    });

    it('a very fast typist, every key 50–70 ms after the last, is still a person', () => {
      const random = seeded(11);
      for (let n = 0; n < 50; n++) {
        const result = run(keys(CODE, () => 50 + Math.floor(random() * 21)), {}, true);
        expect(result.swallowed).toEqual([]);
        expect(result.scans).toEqual([]);
      }
    });

    it('a held key (auto-repeat at 33 ms) is a person', () => {
      const typed = keys('1111111111', () => 33, 'Enter').map((k, i) => (i > 0 && k.key === '1' ? { ...k, repeat: true } : k));
      const result = run(typed, {}, true);
      expect(result.swallowed).toEqual([]);
      expect(result.scans).toEqual([]);
    });

    it('Enter after typing is left to the page', () => {
      const result = run([...keys('12', () => 120, null, 0), { key: 'Enter', at: 400 }], {}, true);
      expect(result.passed).toEqual(['1', '2', 'Enter']);
    });
  });

  describe('what ends a burst', () => {
    it('a code shorter than minLength cannot be told from typing and passes through', () => {
      const result = run(keys('12345', () => 5));
      expect(result.scans).toEqual([]);
      expect(result.swallowed).toEqual([]);
      expect(run(keys('1234', () => 5), { minLength: 4 }).scans.map((d) => d.scan?.data)).toEqual(['1234']);
    });

    it('a burst that stops without terminator is discarded, reported at the next key, which starts afresh', () => {
      const typed = [...keys('1234567', () => 5, null, 0), { key: 'x', at: 1_000 }];
      const result = run(typed);
      expect(result.swallowed).toEqual(['6', '7']);
      expect(result.decisions.at(-1)).toEqual({ swallow: false, discarded: { reason: 'noTerminator', length: 7 } });
    });

    it('a late terminator is not swallowed and does not complete the scan', () => {
      const typed = [...keys('1234567', () => 5, null, 0), { key: 'Enter', at: 500 }];
      const result = run(typed);
      expect(result.scans).toEqual([]);
      expect(result.decisions.at(-1)).toEqual({ swallow: false, discarded: { reason: 'noTerminator', length: 7 } });
    });

    it('another named key (Backspace) ends the burst and is never swallowed', () => {
      const typed = [...keys('12345678', () => 5, null, 0), { key: 'Backspace', at: 45 }, { key: 'Enter', at: 50 }];
      const result = run(typed);
      expect(result.scans).toEqual([]);
      expect(result.passed).toContain('Backspace');
      expect(result.passed).toContain('Enter');
    });

    it('a clock that goes backwards is not a burst', () => {
      const typed = keys('123456', () => -5);
      expect(run(typed).swallowed).toEqual([]);
    });

    it('reset() forgets the burst', () => {
      const detector = createWedgeDetector();
      for (const k of keys('1234567', () => 5, null, 0)) detector.handleKey({ ...k, targetIsEditable: false });
      detector.reset();
      expect(detector.handleKey({ key: 'Enter', at: 40, targetIsEditable: false })).toEqual({ swallow: false });
    });
  });

  describe('terminators', () => {
    it.each([
      ['enter', 'Enter', true],
      ['enter', 'Tab', false],
      ['tab', 'Tab', true],
      ['tab', 'Enter', false],
      ['enterOrTab', 'Tab', true],
      ['enterOrTab', 'Enter', true],
    ] as const)('%s with %s', (terminator, key, isScan) => {
      const result = run(keys(CODE, () => 5, key), { terminator });
      expect(result.scans.length).toBe(isScan ? 1 : 0);
      expect(result.decisions.at(-1)!.swallow).toBe(isScan);
    });
  });

  it('swallows and discards a burst longer than maxLength, never cutting it', () => {
    const result = run(keys('9'.repeat(30), () => 2), { maxLength: 20 });
    expect(result.scans).toEqual([]);
    expect(result.decisions.at(-1)).toEqual({ swallow: true, discarded: { reason: 'tooLong', length: 30 } } satisfies WedgeDecision);
    expect(run(keys('9'.repeat(20), () => 2), { maxLength: 20 }).scans[0]?.scan?.data).toHaveLength(20);
  });

  it('a person typing, then a scan: only the scan comes out', () => {
    const detector = createWedgeDetector();
    const human = keys('12.50', () => 150, null, 0).map((k) => detector.handleKey({ ...k, targetIsEditable: true }));
    expect(human.every((d) => !d.swallow)).toBe(true);
    const scan = keys(CODE, () => 6, 'Enter', 2_000).map((k) => detector.handleKey({ ...k, targetIsEditable: true }));
    expect(scan.flatMap((d) => (d.scan ? [d.scan.data] : []))).toEqual([CODE]);
    expect(scan.at(-1)?.passedThroughIntoField).toBe(5);
  });
});
