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
    it.each([5, 10, 20, 35])('every %s ms: a scan, swallowed from the 10th character on', (gap) => {
      const result = run(keys(CODE, () => gap));
      expect(result.scans).toEqual([
        { swallow: true, scan: { data: CODE, source: 'wedge', at: 10_000 + 18 * gap }, passedThrough: 9, passedThroughIntoField: 0 },
      ]);
      expect(result.passed).toEqual([...CODE.slice(0, 9)]);
      expect(result.swallowed).toEqual([...CODE.slice(9), 'Enter']);
    });

    it('with jittered 5–35 ms gaps', () => {
      const random = seeded(42);
      for (let n = 0; n < 50; n++) {
        const result = run(keys(CODE, () => 5 + Math.floor(random() * 31)));
        expect(result.scans.map((d) => d.scan?.data)).toEqual([CODE]);
      }
    });

    it.each([35, 42, 50, 60])('a Bluetooth scanner at %s ms a character, jittered: a scan, taken on its terminator', (nominal) => {
      const random = seeded(nominal);
      for (let n = 0; n < 50; n++) {
        const result = run(keys(CODE, () => Math.round(nominal * (0.7 + 0.6 * random()))), {}, true);
        expect(result.scans.map((d) => d.scan?.data)).toEqual([CODE]);
        // Mostly too slow to be sure of before the end: those characters reached the field,
        // and the scan says how many, so that they can be taken back out; Enter is swallowed,
        // so it does not submit the form.
        const passed = result.scans[0]!.passedThrough!;
        if (nominal > 35) expect(passed).toBe(18);
        expect(result.scans[0]!.passedThroughIntoField).toBe(passed);
        expect(result.swallowed).toEqual([...CODE.slice(passed), 'Enter']);
      }
    });

    it('a product barcode (no wallet or receipt shape) from a 50 ms scanner, and where that stops', () => {
      const ean = '6901234567892';
      expect(run(keys(ean, (i) => (i % 3 ? 44 : 56))).scans.map((d) => d.scan?.data)).toEqual([ean]);
      // Fewer than 12 characters of no known shape at that speed cannot be told from typing.
      expect(run(keys('69012345', (i) => (i % 3 ? 44 : 56))).scans).toEqual([]);
      expect(run(keys('69012345', () => 8)).scans.map((d) => d.scan?.data)).toEqual(['69012345']);
    });

    it('a jittery scanner with single gaps over 35 ms: the whole code, never its tail', () => {
      // Around 30 ms a key, one in five 41 ms late. A bound on every gap restarted the burst
      // at the slow key and reported the code's last 12 characters as a scan of their own.
      const result = run(keys(CODE, (i) => (i % 5 === 0 ? 41 : 30)));
      expect(result.scans.map((d) => d.scan?.data)).toEqual([CODE]);
      expect(result.scans[0]?.passedThrough).toBe(9);
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

    it.each([71, 150, 300, 500])('a scanner that stalls once for %s ms: the whole code, swallowed throughout once sure', (stall) => {
      for (let at = 1; at <= CODE.length; at++) {
        const result = run(keys(CODE, (i) => (i === at ? stall : 6)));
        expect(result.scans.map((d) => d.scan?.data)).toEqual([CODE]);
        expect(result.discarded).toEqual([]);
        // Sure from the 10th character when the stall comes later; otherwise from the 10th
        // after it, when there are ten more.
        expect(result.scans[0]?.passedThrough).toBe(Math.min(CODE.length, at >= 10 ? 9 : at + 9));
      }
    });

    it('a slow scanner that stalls once, and a product barcode that does', () => {
      expect(run(keys(CODE, (i) => (i === 9 ? 280 : i % 2 ? 48 : 58))).scans.map((d) => d.scan?.data)).toEqual([CODE]);
      expect(run(keys('6901234567892', (i) => (i === 4 ? 200 : 9))).scans.map((d) => d.scan?.data)).toEqual(['6901234567892']);
    });

    it('two stalls, or one longer than maxStallMs, is not one scan', () => {
      expect(run(keys(CODE, (i) => (i === 4 || i === 12 ? 150 : 6))).scans.map((d) => d.scan?.data)).not.toContain(CODE);
      // Known limit: after a pause longer than any stall, the rest is a burst of its own,
      // and at scanner speed a scan (of no wallet's shape: checkout refuses it).
      const long = run(keys(CODE, (i) => (i === 8 ? 501 : 6)));
      expect(long.scans.map((d) => d.scan?.data)).toEqual([CODE.slice(8)]);
      // Once sure, such a pause ends the burst and what was swallowed is reported lost.
      const sure = run(keys(CODE, (i) => (i === 12 ? 501 : 6)));
      expect(sure.decisions[12]).toEqual({ swallow: false, discarded: { reason: 'noTerminator', length: 12 } });
    });

    it('while a text field is focused: swallowed once sure, the leaked start is reported for removal', () => {
      const result = run(keys(CODE, () => 8), {}, true);
      expect(result.passed).toEqual([...'288463639']);
      expect(result.scans[0]).toMatchObject({ scan: { data: CODE }, passedThrough: 9, passedThroughIntoField: 9 });
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
      // Nine characters reach the page before the detector would be sure, so here all of
      // them; modifier keydowns are never swallowed (they type nothing anyway).
      expect(result.passed).toEqual(['Shift', 'A', '-', 'b', 'Shift', '_', 'AltGraph', '€', 'ü', 'Dead', 'é', 'Shift', 'C', '!']);
      expect(result.scans[0]?.passedThrough).toBe(9);
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

    it('a rolling typist (30% of keys 15–60 ms after the last, the rest 80–300 ms): nothing swallowed, no scan', () => {
      const random = seeded(16);
      const texts = ['12.50', '1999', '4580', '13800138000', '62148830', 'table 4', 'gift card', 'note for manager', '288463639', '20240519'];
      for (let n = 0; n < 2_000; n++) {
        const text = texts[n % texts.length]!;
        const gap = () => Math.round(random() < 0.3 ? 15 + 45 * random() : 80 + 220 * random());
        const result = run(keys(text, gap, random() < 0.6 ? 'Enter' : null), {}, true);
        expect(result.swallowed).toEqual([]);
        expect(result.scans).toEqual([]);
      }
    });

    it('six keys rolled in a row, steadily, then Enter: still a person', () => {
      // Found by the benchmark's rolling-typist streams on other seeds: fast (31 and 35 ms on
      // average) and steady, but short and of no code's shape.
      expect(run(keys('coffee', (i) => [23, 30, 25, 35, 26, 45][i - 1]!), {}, true).scans).toEqual([]);
      expect(run(keys('796743', (i) => [34, 23, 41, 33, 43][i - 1]!), {}, true).scans).toEqual([]);
    });

    it('a person typing a wallet code into the manual code field, then Enter: left to the form', () => {
      const random = seeded(3);
      for (const code of Object.values(SAMPLE_PAYMENT_CODES)) {
        for (let n = 0; n < 100; n++) {
          const result = run(keys(code, () => 80 + Math.floor(random() * 221)), {}, true);
          expect(result.scans).toEqual([]);
          expect(result.passed).toEqual([...code, 'Enter']);
        }
      }
    });

    it('an amount typed then Enter is never a scan, even typed at a steady 50–70 ms', () => {
      const random = seeded(11);
      for (const amount of ['1234.50', '99999999', '12345678.90', '1000000']) {
        for (let n = 0; n < 50; n++) {
          const result = run(keys(amount, () => 50 + Math.floor(random() * 21)), {}, true);
          expect(result.scans).toEqual([]);
          expect(result.passed.at(-1)).toBe('Enter');
        }
      }
      // The same rhythm with a wallet code's shape is a 60 ms Bluetooth scanner's.
      expect(run(keys(CODE, () => 50 + Math.floor(random() * 21)), {}, true).scans.map((d) => d.scan?.data)).toEqual([CODE]);
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
      const typed = [...keys('123456789012', () => 5, null, 0), { key: 'x', at: 1_000 }];
      const result = run(typed);
      expect(result.swallowed).toEqual(['0', '1', '2']);
      expect(result.decisions.at(-1)).toEqual({ swallow: false, discarded: { reason: 'noTerminator', length: 12 } });
    });

    it('a late terminator is not swallowed and does not complete the scan', () => {
      // Later than the longest stall (500 ms) after the last character.
      const typed = [...keys('123456789012', () => 5, null, 0), { key: 'Enter', at: 556 }];
      const result = run(typed);
      expect(result.scans).toEqual([]);
      expect(result.decisions.at(-1)).toEqual({ swallow: false, discarded: { reason: 'noTerminator', length: 12 } });
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

  describe('the rhythm learned from a slow scanner', () => {
    /** Feeds `typed` to `detector` in a text field. */
    const feed = (detector: ReturnType<typeof createWedgeDetector>, typed: Typed[]) => {
      const decisions = typed.map((k) => detector.handleKey({ ...k, targetIsEditable: true }));
      return { decisions, swallowed: typed.filter((_, i) => decisions[i]!.swallow).map((k) => k.key), scans: decisions.flatMap((d) => (d.scan ? [d] : [])) };
    };
    const slow = (i: number) => [44, 52, 47, 55, 41, 50][i % 6]!;

    it('its next scan is swallowed from the 10th character, like a fast one', () => {
      const detector = createWedgeDetector();
      const first = feed(detector, keys(CODE, slow, 'Enter', 1_000));
      expect(first.scans[0]).toMatchObject({ scan: { data: CODE }, passedThrough: 18 });
      const wechat = SAMPLE_PAYMENT_CODES.wechatpay;
      const second = feed(detector, keys(wechat, (i) => slow(i + 3), 'Enter', 5_000));
      expect(second.scans[0]).toMatchObject({ scan: { data: wechat }, passedThrough: 9, passedThroughIntoField: 9 });
      expect(second.swallowed).toEqual([...wechat.slice(9), 'Enter']);
    });

    it('is no reason to swallow what people type, rolled keys or not, nor to take it for a scan', () => {
      const detector = createWedgeDetector();
      feed(detector, keys(CODE, slow, 'Enter', 1_000));
      const random = seeded(21);
      const texts = ['12.50', '13800138000', 'note for manager', '288463639882', 'coffee', '62148830'];
      let at = 10_000;
      for (let n = 0; n < 2_000; n++) {
        const text = texts[n % texts.length]!;
        const typed = keys(text, () => Math.round(random() < 0.3 ? 15 + 45 * random() : 80 + 220 * random()), 'Enter', (at += 3_000));
        const result = feed(detector, typed);
        expect(result.swallowed).toEqual([]);
        expect(result.scans).toEqual([]);
      }
    });
  });

  describe('a scan right after another key', () => {
    it('within milliseconds of the Enter that ended an amount: taken whole', () => {
      const detector = createWedgeDetector();
      const amount = [...keys('12.50', () => 150, 'Enter', 0)].map((k) => detector.handleKey({ ...k, targetIsEditable: true }));
      expect(amount.some((d) => d.swallow || d.scan)).toBe(false);
      const scan = keys(CODE, () => 6, 'Enter', 602).map((k) => detector.handleKey({ ...k, targetIsEditable: true }));
      expect(scan.flatMap((d) => (d.scan ? [d.scan.data] : []))).toEqual([CODE]);
    });

    it('starting 30 ms after a person\'s key: the code whole, without that key, which stays in the field', () => {
      const typed = [...keys('125', () => 140, null, 0), ...keys(CODE, () => 8, 'Enter', 310)];
      const result = run(typed, {}, true);
      expect(result.scans.map((d) => d.scan?.data)).toEqual([CODE]);
      expect(result.scans[0]).toMatchObject({ passedThrough: 9, passedThroughIntoField: 9 });
      expect(result.passed.slice(0, 3)).toEqual(['1', '2', '5']);
    });

    it('a slow scanner a person\'s pause after their last key: the key is no part of the scan', () => {
      // "2" then UnionPay's "62…" would make "262…", which has Alipay's shape.
      const code = SAMPLE_PAYMENT_CODES.unionpay;
      for (const pause of [85, 120, 250]) {
        const typed = [...keys('3.2', () => 150, null, 0), ...keys(code, (i) => (i % 2 ? 42 : 50), 'Enter', 300 + pause)];
        const result = run(typed, {}, true);
        expect(result.scans.map((d) => d.scan?.data)).toEqual([code]);
        expect(result.scans[0]).toMatchObject({ passedThrough: code.length, passedThroughIntoField: code.length });
      }
    });

    it('a stall is not taken across a person\'s key: after typing, the scan is what follows the pause', () => {
      // The person's "1" then 200 ms, then Alipay's code at 6 ms: "1" + code is not one stalled scan.
      const typed = [...keys('21', () => 150, null, 0), ...keys(CODE, () => 6, 'Enter', 350)];
      expect(run(typed).scans.map((d) => d.scan?.data)).toEqual([CODE]);
    });
  });

  it('a person typing, then a scan: only the scan comes out', () => {
    const detector = createWedgeDetector();
    const human = keys('12.50', () => 150, null, 0).map((k) => detector.handleKey({ ...k, targetIsEditable: true }));
    expect(human.every((d) => !d.swallow)).toBe(true);
    const scan = keys(CODE, () => 6, 'Enter', 2_000).map((k) => detector.handleKey({ ...k, targetIsEditable: true }));
    expect(scan.flatMap((d) => (d.scan ? [d.scan.data] : []))).toEqual([CODE]);
    expect(scan.at(-1)?.passedThroughIntoField).toBe(9);
  });
});
