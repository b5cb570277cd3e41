import { createHidKeyboardDecoder } from '../../../../../electron/services/scanner/hidKeyboardDecoder';
import { createHidPosDecoder } from '../../../../../electron/services/scanner/hidPosDecoder';

/** mulberry32, so a failure reproduces from the seed printed in the test name. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (below: number) => Math.floor(next() * below) };
}

const SEED = 0xc0ffee;
const REPORTS = 100_000;
const PRINTABLE_ONLY = /^[^\p{C}\p{Zl}\p{Zp}]+$/u;

/**
 * Random reports, biased so that a good share has the shape each decoder accepts (otherwise
 * almost everything would be rejected at the length check and the state machines would go
 * untested): boot reports of 8 bytes, 9 bytes behind a report ID, 64-byte POS reports with
 * report ID 2 and a plausible count — and the rest any length 0..64 of any bytes.
 */
function randomReport(rng: ReturnType<typeof seeded>): Uint8Array {
  const shape = rng.int(10);
  const length = shape <= 2 ? 8 : shape <= 4 ? 9 : shape <= 6 ? 64 : rng.int(65);
  const report = new Uint8Array(length);
  for (let i = 0; i < length; i++) report[i] = rng.int(256);
  if (length === 8 || length === 9) {
    // Mostly real key usages (0x04..0x38), often empty slots, now and then Enter/Tab/keypad Enter.
    const first = length === 9 ? 3 : 2;
    for (let i = first; i < length; i++) {
      const r = rng.next();
      report[i] = r < 0.6 ? 0 : r < 0.61 ? [0x28, 0x2b, 0x58][rng.int(3)]! : r < 0.95 ? 0x04 + rng.int(0x35) : rng.int(256);
    }
    if (rng.next() < 0.7) report[length - 8] = [0, 0x02, 0x20, 0x40][rng.int(4)]!;
    if (length === 9 && rng.next() < 0.5) report[0] = 1;
  }
  if (length === 64 && rng.next() < 0.8) {
    report[0] = 0x02;
    report[1] = rng.next() < 0.9 ? rng.int(57) : report[1]!;
    report[63] = rng.next() < 0.6 ? 1 : 0;
    if (rng.next() < 0.3) report.set([0x5d, 0x51, 0x31], 58);
  }
  return report;
}

describe(`HID decoders under ${REPORTS} random reports (seed 0x${SEED.toString(16)})`, () => {
  it('never throw, never exceed the maximum, only ever emit printable text', () => {
    const rng = seeded(SEED);
    const decoders = [
      { name: 'keyboard auto', max: 512, decoder: createHidKeyboardDecoder() },
      { name: 'keyboard id 1, de, short', max: 12, decoder: createHidKeyboardDecoder({ reportId: 1, layout: 'de', maxLength: 12, terminator: 'enterOrTab', interCharTimeoutMs: 400 }) },
      { name: 'keyboard fr, tab', max: 40, decoder: createHidKeyboardDecoder({ layout: 'fr', maxLength: 40, terminator: 'tab' }) },
      { name: 'pos', max: 512, decoder: createHidPosDecoder() },
      { name: 'pos short', max: 24, decoder: createHidPosDecoder({ maxLength: 24, interCharTimeoutMs: 400, prefix: 'A', suffix: 'Z' }) },
    ];
    const stats = new Map(decoders.map((d) => [d.name, { scans: 0, tooLong: 0, stalled: 0, longest: 0 }]));
    let at = 1_700_000_000_000;
    for (let n = 0; n < REPORTS; n++) {
      const report = randomReport(rng);
      // Mostly scanner-fast, sometimes a stall longer than the timeouts under test.
      at += rng.next() < 0.95 ? rng.int(20) : rng.int(1_000);
      for (const { name, max, decoder } of decoders) {
        const outcomes = decoder.push(report, at);
        const stat = stats.get(name)!;
        for (const outcome of outcomes) {
          if (outcome.kind === 'discarded') {
            if (outcome.reason === 'tooLong') stat.tooLong++;
            if (outcome.reason === 'stalled') stat.stalled++;
            continue;
          }
          const { data, symbology, source } = outcome.scan;
          stat.scans++;
          stat.longest = Math.max(stat.longest, data.length);
          if (data.length > max || !PRINTABLE_ONLY.test(data) || source !== 'hid' || (symbology !== undefined && !/^[\x21-\x7e]{2}$/.test(symbology))) {
            throw new Error(`${name}: bad scan at report ${n}: ${JSON.stringify(outcome.scan)} from ${Buffer.from(report).toString('hex')}`);
          }
        }
      }
    }
    // The fuzz must reach the interesting paths, or it proves nothing.
    for (const { name, max } of decoders) {
      const stat = stats.get(name)!;
      if (name.includes('short')) expect(stat.stalled, `${name} stalled`).toBeGreaterThan(0);
      expect(stat.scans, `${name} scans`).toBeGreaterThan(100);
      if (max < 512) {
        expect(stat.tooLong, `${name} discarded as too long`).toBeGreaterThan(0);
        expect(stat.longest, `${name} longest`).toBeGreaterThan(max / 2);
      }
    }
  });
});
