/**
 * Seeded keydown streams for comparing keyboard-wedge detectors: scanner bursts, people
 * typing, and the two interleaved. Every stream carries the scans it really contains, so
 * a detector's output can be scored against the truth. Times are integer ms from 0.
 */

/** One keydown, as both detectors see it: `key` for ours, `keyCode` for onscan.js. */
export interface KeyStroke {
  key: string;
  keyCode: number;
  at: number;
}

/** A scan the stream really contains. */
export interface TrueScan {
  code: string;
  /** The scanner's nominal time per character for this scan (the jitter goes around it). */
  nominalMs: number;
  firstKeyAt: number;
  terminatorAt: number;
}

/**
 * The first three are the model asked for; the next two go beyond it, to find each
 * detector's limits; the last three are the slow and stalling Bluetooth and wireless
 * scanners of issue 16, each kind on its own so its figure is not averaged away.
 */
export type StreamKind =
  | 'scanner'
  | 'human'
  | 'interleaved'
  | 'rollingTypist'
  | 'stalledScanner'
  | 'slowScanner'
  | 'slowerScanner'
  | 'stalledSlowScanner';

export interface KeyStream {
  kind: StreamKind;
  keys: KeyStroke[];
  scans: TrueScan[];
}

/** mulberry32, the generator the emulated scanner uses for its jitter. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The model's speeds, in one place so the bench can print them. */
export const TIMING = {
  /** A scanner's nominal time per character is drawn from this range, per scan. */
  scannerMs: [5, 50] as const,
  /** Each gap of a scan is nominal × (1 ± this), uniformly: USB polling and OS scheduling. */
  scannerJitter: 0.3,
  /** A person's time per key, drawn per key. */
  humanMs: [80, 300] as const,
  /** Pause between two things a person types (an amount, then a note), or two scans. */
  pauseMs: [300, 2500] as const,
  /** A fast typist: this share of keys comes rolled, rollMs after the last. */
  rollShare: 0.3,
  rollMs: [15, 60] as const,
  /** A scanner that stalls once mid-code (a wireless link, a busy USB hub): its nominal speed and the stall. */
  stalledScannerMs: [5, 30] as const,
  stallMs: [80, 400] as const,
  /** Bluetooth and wireless scanners: 35–50 and 50–60 ms per character. */
  slowScannerMs: [35, 50] as const,
  slowerScannerMs: [50, 60] as const,
  /** A scanner of any speed up to 60 ms/char stalling once for up to 300 ms (the target's worst case). */
  stalledSlowScannerMs: [5, 60] as const,
  stalledSlowMs: [80, 300] as const,
};

/** keyCode as a US keyboard reports it (what onscan.js reads); `key` is what our detector reads. */
function keyCodeOf(key: string): number {
  if (key === 'Enter') return 13;
  if (key === 'Backspace') return 8;
  if (key === ' ') return 32;
  if (key === '.') return 190;
  if (/^[0-9]$/.test(key)) return key.charCodeAt(0);
  if (/^[a-zA-Z]$/.test(key)) return key.toUpperCase().charCodeAt(0);
  throw new RangeError(`no keyCode for ${JSON.stringify(key)}`);
}

export class StreamGenerator {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  private uniform(min: number, max: number): number {
    return min + this.random() * (max - min);
  }

  private int(min: number, max: number): number {
    return Math.floor(this.uniform(min, max + 1));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  /** What gets scanned at a counter: wallet codes of each vendor, our receipt barcodes, product barcodes. */
  code(): string {
    switch (this.int(0, 4)) {
      case 0: {
        const prefix = String(this.int(25, 30));
        return prefix + this.digits(this.int(16, 24) - 2); // Alipay
      }
      case 1:
        return String(this.int(10, 15)) + this.digits(16); // WeChat Pay
      case 2:
        return '62' + this.digits(17); // UnionPay
      case 3: {
        const at = new Date(Date.UTC(2020, 0, 1) + Math.floor(this.random() * 10 * 365 * 86_400_000));
        return at.toISOString().replace(/\D/g, '').slice(0, 14) + this.digits(6); // receipt (transaction ID)
      }
      default:
        return '69' + this.digits(11); // EAN-13 product barcode
    }
  }

  /** Something a person types at the counter. */
  private humanText(): string {
    switch (this.int(0, 3)) {
      case 0:
        return `${this.int(1, 999)}.${this.digits(2)}`; // an amount
      case 1:
        return this.digits(this.int(2, 8)); // an amount in minor units, a PIN-like number
      case 2:
        return this.pick(['table 4', 'refund', 'lunch set', 'coffee', 'note for manager', 'gift card']);
      default:
        return this.digits(this.int(6, 12)); // a long number typed by hand (a phone number, a code read aloud)
    }
  }

  /** Appends a scan starting at `at`; returns the time of its terminator. `stall`: one long pause before that key. */
  private scanInto(
    keys: KeyStroke[],
    scans: TrueScan[],
    at: number,
    speedMs: readonly [number, number] = TIMING.scannerMs,
    stall?: { index: number; ms: number },
    code = this.code(),
  ): number {
    const nominalMs = this.uniform(speedMs[0], speedMs[1]);
    const firstKeyAt = at;
    let t = at;
    [...code, 'Enter'].forEach((key, i) => {
      if (i > 0) t += Math.max(1, Math.round(nominalMs * (1 + this.uniform(-TIMING.scannerJitter, TIMING.scannerJitter))));
      if (stall && i === stall.index) t += stall.ms;
      keys.push({ key, keyCode: keyCodeOf(key), at: t });
    });
    scans.push({ code, nominalMs, firstKeyAt, terminatorAt: t });
    return t;
  }

  /** Appends what a person types from `at` (each key 80–300 ms after the last), sometimes a correction, sometimes Enter. */
  private typingInto(keys: KeyStroke[], at: number, firstGap: boolean, rolls = false): number {
    const text = this.humanText();
    let t = at;
    const strokes: string[] = [];
    for (const char of text) {
      strokes.push(char);
      if (this.random() < 0.05) strokes.push('Backspace', char);
    }
    if (this.random() < 0.6) strokes.push('Enter');
    strokes.forEach((key, i) => {
      if (i > 0 || firstGap) {
        const [min, max] = rolls && this.random() < TIMING.rollShare ? TIMING.rollMs : TIMING.humanMs;
        t += Math.round(this.uniform(min, max));
      }
      keys.push({ key, keyCode: keyCodeOf(key), at: t });
    });
    return t;
  }

  private pause(): number {
    return Math.round(this.uniform(TIMING.pauseMs[0], TIMING.pauseMs[1]));
  }

  /** One to three scans, a pause apart. */
  scanner(): KeyStream {
    return { kind: 'scanner', ...this.scans(TIMING.scannerMs) };
  }

  private scans(speedMs: readonly [number, number]): Omit<KeyStream, 'kind'> {
    const keys: KeyStroke[] = [];
    const scans: TrueScan[] = [];
    let t = 1_000;
    const count = this.int(1, 3);
    for (let i = 0; i < count; i++) t = this.scanInto(keys, scans, i === 0 ? t : t + this.pause(), speedMs);
    return { keys, scans };
  }

  /** One to four things typed by hand, a pause apart. */
  human(): KeyStream {
    const keys: KeyStroke[] = [];
    let t = 1_000;
    const count = this.int(1, 4);
    for (let i = 0; i < count; i++) t = this.typingInto(keys, i === 0 ? t : t + this.pause(), false);
    return { kind: 'human', keys, scans: [] };
  }

  /**
   * A person typing, a scan, then typing again, each at a person's pace from the last key
   * (80–300 ms): the hand goes from the keyboard to the scanner and back without a pause.
   */
  interleaved(): KeyStream {
    const keys: KeyStroke[] = [];
    const scans: TrueScan[] = [];
    let t = this.typingInto(keys, 1_000, false);
    t = this.scanInto(keys, scans, t + Math.round(this.uniform(TIMING.humanMs[0], TIMING.humanMs[1])));
    this.typingInto(keys, t, true);
    return { kind: 'interleaved', keys, scans };
  }

  /** Beyond the model: a fast typist, a share of whose keys come rolled 15–60 ms after the last. */
  rollingTypist(): KeyStream {
    const keys: KeyStroke[] = [];
    let t = 1_000;
    const count = this.int(1, 4);
    for (let i = 0; i < count; i++) t = this.typingInto(keys, i === 0 ? t : t + this.pause(), false, true);
    return { kind: 'rollingTypist', keys, scans: [] };
  }

  /** Beyond the model: a fast scanner that stalls once, 80–400 ms, somewhere inside the code. */
  stalledScanner(): KeyStream {
    const keys: KeyStroke[] = [];
    const scans: TrueScan[] = [];
    // The stall goes before a key from the 2nd character to the terminator.
    this.scanInto(keys, scans, 1_000, TIMING.stalledScannerMs, { index: this.int(1, 13), ms: Math.round(this.uniform(TIMING.stallMs[0], TIMING.stallMs[1])) });
    return { kind: 'stalledScanner', keys, scans };
  }

  /** One to three scans from a Bluetooth or wireless scanner at 35–50 ms per character. */
  slowScanner(): KeyStream {
    return { kind: 'slowScanner', ...this.scans(TIMING.slowScannerMs) };
  }

  /** The same at 50–60 ms per character, the slowest the target covers. */
  slowerScanner(): KeyStream {
    return { kind: 'slowerScanner', ...this.scans(TIMING.slowerScannerMs) };
  }

  /** A scanner of 5–60 ms/char that stalls once, 80–300 ms, before any key from the 2nd character to the terminator. */
  stalledSlowScanner(): KeyStream {
    const keys: KeyStroke[] = [];
    const scans: TrueScan[] = [];
    const code = this.code();
    this.scanInto(keys, scans, 1_000, TIMING.stalledSlowScannerMs, { index: this.int(1, code.length), ms: Math.round(this.uniform(TIMING.stalledSlowMs[0], TIMING.stalledSlowMs[1])) }, code);
    return { kind: 'stalledSlowScanner', keys, scans };
  }
}
