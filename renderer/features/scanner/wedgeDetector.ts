import { classifyScan } from '../../../shared/scanner/classifyScan';
import { isPrintableText } from '../../../shared/scanner/scanText';
import { MAX_SCAN_LENGTH } from '../../../shared/scanner/scanTypes';
import type { Scan } from '../../../shared/scanner/scanTypes';

/**
 * Tells a barcode scanner that the OS treats as a keyboard ("keyboard wedge") from a
 * person typing, one keydown at a time. Pure: the caller passes each event's key and
 * timestamp and acts on the answer (preventDefault when told to swallow, submit the scan).
 *
 * What a wedge scan is, and why:
 * - A run of characters that ends in the terminator (Enter or Tab, configurable). A run
 *   that simply stops is not a scan. The decision is taken on the terminator, looking back
 *   over the characters typed since the last other key for the tail of them that is a
 *   scan (below): one with a code's shape first, then one with a steady rhythm, then the
 *   longest. So a key a person typed just before the scan started, or their pause between
 *   the keyboard and the scanner, is left out of it, and the scan is taken whole.
 * - A scanner's rhythm is steady: every gap of the code about the same (its nominal speed
 *   ± jitter from USB polling, Bluetooth and OS scheduling), none over `steadyMaxMs`
 *   (90 ms: Bluetooth and wireless scanners type 35–60 ms a character), none over 1.9
 *   times the code's shortest gap (+3 ms). People type 80–300 ms a key and unevenly; a
 *   fast typist rolls two or three keys at 15–60 ms, between ordinary keystrokes.
 * - One stall is tolerated (a wireless link or a busy USB hub holding a key back, up to
 *   `maxStallMs`, 500 ms): the one gap that breaks the rhythm, the rest steady. A stall
 *   looks exactly like a person's pause between their own last key and a scan, so it is
 *   taken only in a scan that began after a quiet moment: at least `maxStallMs` without a
 *   key, or right after the terminator of the input before, or at the start.
 * - The content decides how much rhythm is enough. A wallet payment code or one of our
 *   receipt barcodes (shared/scanner/classifyScan, the same shape check checkout makes)
 *   needs only the steady rhythm: nothing a person types at the counter (an amount, a
 *   note, a phone number) has that shape. Anything else needs the steady rhythm over at
 *   least `minUnshapedSteadyLength` (12) characters (a product barcode), or scanner speed
 *   on average: ≤ `maxInterKeyMs` (35 ms) a key from the first character to the
 *   terminator, no gap over `maxGapMs` (70 ms), at least `minLength` (6) characters; a
 *   shorter one steadily and at ≤ `maxInterKeyMsShort` (25 ms), faster than a typist's six
 *   rolled keys in a row average. A wallet code may also come fast on average but
 *   unsteadily (a Bluetooth scanner sending its keys in batches). A typed amount followed
 *   by Enter is therefore never a scan, in a text field or not, unless a person typed it
 *   steadily at ≤ 25 ms a key throughout.
 * - Keys are swallowed only once the detector is sure, from the 10th character of a burst
 *   (`swallowAfter`: 9 reach the page) typed steadily at ≤ maxInterKeyMs on average, or in
 *   the rhythm learned from the last scanner recognised by its rhythm (see `learn`), so a
 *   slow scanner's second scan is swallowed as a fast one's; once sure, it stays sure for
 *   the rest of the burst, through one stall. Other slow scans are recognised on their
 *   terminator, their characters having reached the page. Either way the decision that
 *   completes a scan says how many of its characters were not swallowed (`passedThrough`)
 *   and how many of those went into a text field (`passedThroughIntoField`), so the caller
 *   can take them back out, and the terminator itself is swallowed, so no form is submitted
 *   with them. Text a person types at human speed is never swallowed.
 * - Auto-repeat (KeyboardEvent.repeat) is a held key, so a person: it ends any run.
 *   Without it, holding a key at the usual 30 repeats/s would look like a scanner.
 * - `key` is read, not keyCode: it is the character the OS layout produced, so "-" and
 *   letters of non-US layouts come through as typed. Modifier-only keys (Shift, AltGraph…)
 *   and dead keys are skipped: they type nothing themselves and neither extend nor break a
 *   run. Any other named key (Backspace, arrows, Escape, IME "Process") ends the run.
 * - Codes shorter than minLength cannot be told from typing and are left to the page.
 */

export interface WedgeKeyEvent {
  /** KeyboardEvent.key of a keydown. */
  key: string;
  /** Milliseconds, monotonic within a session (event.timeStamp or Date.now()). */
  at: number;
  /** Whether the event's target is a text field (input, textarea, contenteditable). */
  targetIsEditable: boolean;
  /** KeyboardEvent.repeat. */
  repeat?: boolean;
}

export interface WedgeDetectorOptions {
  /** Longest average time between the keys of a fast burst, from its first character to its terminator. Default 35 ms. */
  maxInterKeyMs?: number;
  /** Longest average gap of a code shorter than minUnshapedSteadyLength without a wallet or receipt code's shape. Default 25 ms. */
  maxInterKeyMsShort?: number;
  /** Longest single gap of a fast burst; a longer one is its stall, or ends it. Default twice maxInterKeyMs. */
  maxGapMs?: number;
  /** Longest gap of a steady scanner's rhythm (a stall aside). Default 90 ms. */
  steadyMaxMs?: number;
  /** Longest stall tolerated once inside a scan. Default 500 ms. */
  maxStallMs?: number;
  /** Fewest characters before a burst counts as a scan. Default 6. */
  minLength?: number;
  /** How many characters of a fast, steady burst reach the page before the detector is sure of it and swallows the rest. Default 9. */
  swallowAfter?: number;
  /** Fewest characters of a steady but slow burst that has no wallet or receipt code's shape. Default 12. */
  minUnshapedSteadyLength?: number;
  /** Default 'enter'. */
  terminator?: 'enter' | 'tab' | 'enterOrTab';
  /** Longest scan; a longer burst is swallowed and discarded, never cut. Default 512. */
  maxLength?: number;
  /** Turns `at` into epoch ms for Scan.at (e.g. t => performance.timeOrigin + t). Default: `at` is epoch ms already. */
  toEpochMs?: (at: number) => number;
}

export interface WedgeDecision {
  /** The caller should preventDefault() this event: it belongs to a scan. */
  swallow: boolean;
  /** Set on the terminator that completed a scan. */
  scan?: Scan;
  /** With `scan`: how many of its leading characters were not swallowed (they reached the page). */
  passedThrough?: number;
  /** With `scan`: how many of those went into a text field, for the caller to remove. */
  passedThroughIntoField?: number;
  /** A burst that was surely a scanner's ended without a scan; its swallowed characters are gone. */
  discarded?: { reason: 'noTerminator' | 'tooLong'; length: number };
}

export interface WedgeDetector {
  handleKey(event: WedgeKeyEvent): WedgeDecision;
  /** Forgets the run in progress (e.g. when the window loses focus). */
  reset(): void;
}

/** Keys that type nothing and only modify the next key. */
const IGNORED_KEYS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'Super',
  'Hyper',
  'Fn',
  'FnLock',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Symbol',
  'SymbolLock',
  'Dead',
]);

/**
 * A gap keeps the rhythm up to 1.9 times the shortest gap, plus 3 ms for the fastest
 * scanners whose gaps are a few ms and rounded: a scanner's jitter is about ±30% around
 * its speed, so its longest gap is under 1.3 / 0.7 ≈ 1.86 times its shortest. The shortest,
 * not the median: over a dozen gaps the median of that jitter strays too far to bound the
 * longest. Kept tight on purpose: a person's pause of 80–90 ms between their last key and
 * a scan must not pass for a gap of a 45 ms scanner.
 */
const RHYTHM_FACTOR = 1.9;
const RHYTHM_SLACK_MS = 3;

/** How far a learned rhythm is widened beyond the gaps one scan showed. */
const LEARNED_WIDEN_LOW = 0.8;
const LEARNED_WIDEN_HIGH = 1.2;

/** A key value that is one printable character (named keys such as "Enter" are longer). */
function characterOf(key: string): string | undefined {
  const codePoints = [...key];
  if (codePoints.length !== 1 || !isPrintableText(key)) return undefined;
  return key;
}

/** One character key of the run. */
interface RunKey {
  char: string;
  at: number;
  /** Ms since the key before it (a character, or the key that ended the previous run); Infinity when there was none. */
  gapBefore: number;
  editable: boolean;
}

export function createWedgeDetector(options: WedgeDetectorOptions = {}): WedgeDetector {
  const maxInterKeyMs = options.maxInterKeyMs ?? 35;
  const maxGapMs = options.maxGapMs ?? 2 * maxInterKeyMs;
  const maxInterKeyMsShort = Math.min(options.maxInterKeyMsShort ?? 25, maxInterKeyMs);
  const steadyMaxMs = options.steadyMaxMs ?? 90;
  const maxStallMs = Math.max(options.maxStallMs ?? 500, maxGapMs, steadyMaxMs);
  const minLength = options.minLength ?? 6;
  const sureLength = Math.max(options.swallowAfter ?? 9, minLength - 1) + 1;
  const minUnshapedSteadyLength = Math.max(options.minUnshapedSteadyLength ?? 12, minLength);
  const terminator = options.terminator ?? 'enter';
  const maxLength = options.maxLength ?? MAX_SCAN_LENGTH;
  const toEpochMs = options.toEpochMs ?? ((at: number) => at);

  /** Character keys since the last other key, terminator, long pause or reset. */
  let run: RunKey[] = [];
  /** When the key that ended the last run (not a terminator) came; its gap to the next character is that character's gapBefore. */
  let brokenAt: number | undefined;
  /** The run's current burst (gaps ≤ maxGapMs, or its one stall) starts at this index. */
  let burstFrom = 0;
  /** The burst has been judged a scanner's: its keys from `sureFrom` on are being swallowed. */
  let sure = false;
  let sureFrom = 0;
  /** The sure burst has had its one stall. */
  let stallUsed = false;
  /** The longest gap of a sure burst before it counts as its stall: maxGapMs, or steadyMaxMs when sure by the learned rhythm. */
  let sureGapMs = maxGapMs;
  /** The rhythm of the last scanner recognised by its steady rhythm (see `learn`). */
  let learned: { low: number; high: number } | undefined;
  /** Characters of a sure burst beyond maxLength, not kept. */
  let overflow = 0;

  const isTerminator = (key: string) =>
    (key === 'Enter' && terminator !== 'tab') || (key === 'Tab' && terminator !== 'enter');

  /** Ends the run; reports the sure burst in it (its swallowed characters are lost). */
  const endRun = (endedAt: number | undefined): WedgeDecision['discarded'] => {
    const discarded = sure
      ? { reason: overflow > 0 ? ('tooLong' as const) : ('noTerminator' as const), length: run.length - burstFrom + overflow }
      : undefined;
    run = [];
    brokenAt = endedAt;
    burstFrom = 0;
    sure = false;
    sureFrom = 0;
    stallUsed = false;
    sureGapMs = maxGapMs;
    overflow = 0;
    return discarded;
  };

  const decision = (swallow: boolean, discarded: WedgeDecision['discarded']): WedgeDecision => (discarded ? { swallow, discarded } : { swallow });

  /** The longest gap a rhythm whose gaps are `sorted` (ascending) admits, a stall aside. */
  const rhythmBound = (sorted: readonly number[]) => Math.min(steadyMaxMs, RHYTHM_FACTOR * sorted[0]! + RHYTHM_SLACK_MS);

  /** Whether `gaps` keep one steady rhythm, with no stall. */
  const inRhythm = (gaps: readonly number[]): boolean => {
    const sorted = [...gaps].sort((a, b) => a - b);
    return sorted[sorted.length - 1]! <= rhythmBound(sorted);
  };

  /**
   * Whether the run's characters from `from` to the terminator, whose gaps are `gaps`
   * (the last one to the terminator), have a steady scanner's rhythm, begin where that
   * rhythm begins (the gap before them is out of it), and have at most one stall. A stall
   * is taken only in a run that began after a quiet moment (maxStallMs without a key, or
   * the end of the input before): otherwise it may be a person's pause between their own
   * last key and the scan, and that key is no part of the scan.
   */
  const steady = (from: number, gaps: readonly number[]): boolean => {
    // One gap and a stall would leave no rhythm to judge.
    if (gaps.length < 3) return false;
    let stallAt = 0;
    for (let i = 1; i < gaps.length; i++) if (gaps[i]! > gaps[stallAt]!) stallAt = i;
    const rest = gaps.filter((_, i) => i !== stallAt).sort((a, b) => a - b);
    const bound = rhythmBound(rest);
    if (rest[rest.length - 1]! > bound) return false;
    const gapBefore = run[from]!.gapBefore;
    if (gaps[stallAt]! <= bound) return gapBefore > bound;
    return gaps[stallAt]! <= maxStallMs && gapBefore >= maxStallMs;
  };

  /** The old rule: scanner speed on average from the first character to the terminator, no gap over maxGapMs. */
  const fast = (from: number, gaps: readonly number[], terminatorAt: number): boolean =>
    run[from]!.gapBefore > maxGapMs && gaps.every((gap) => gap <= maxGapMs) && terminatorAt - run[from]!.at <= gaps.length * maxInterKeyMs;

  /**
   * The run index at which the scan ending at `terminatorAt` starts, if there is one. Of
   * the tails that qualify, one with a code's shape beats one without (a Bluetooth scanner
   * that sends its keys in batches has no steady rhythm, but its code still has its shape,
   * and the tail after its last batch must not win), a steady one beats one only fast on
   * average (the steady tail leaves out a key typed just before the scan), then the longest.
   */
  const findScan = (terminatorAt: number): { from: number; steadyShaped: boolean } | undefined => {
    const gaps = run.map((key, i) => (i + 1 < run.length ? run[i + 1]!.at : terminatorAt) - key.at);
    const found: { steadyShaped?: number; fastShaped?: number; steady?: number; fast?: number } = {};
    let outOfRhythm = 0;
    for (let from = run.length - 1; from >= 0; from--) {
      const count = run.length - from;
      if (count > maxLength) break;
      // Two gaps that no rhythm admits: no earlier start can be a scan.
      if (gaps[from]! > Math.max(steadyMaxMs, maxGapMs)) outOfRhythm++;
      if (outOfRhythm > 1 || gaps[from]! > maxStallMs) break;
      if (count < minLength) continue;
      const own = gaps.slice(from);
      const isSteady = steady(from, own);
      const isFast = fast(from, own, terminatorAt);
      if (!isSteady && !isFast) continue;
      const shaped = classifyScan(run.slice(from).map((key) => key.char).join('')).kind !== 'ignored';
      const long = count >= minUnshapedSteadyLength;
      if (isSteady && shaped) found.steadyShaped = from;
      if (isFast && shaped) found.fastShaped = from;
      if (isSteady && long) found.steady = from;
      // A short code of no known shape: fast on average is not enough, a typist's rolled
      // keys can be ("t card" at 21, 57, 27, 51, 29, 21 ms; "coffee" steadily at 23–45 ms,
      // 31 on average); it must be steady too, and faster than rolled keys average.
      if (isFast && (long || (inRhythm(own) && terminatorAt - run[from]!.at <= own.length * maxInterKeyMsShort))) found.fast = from;
    }
    if (found.steadyShaped !== undefined) return { from: found.steadyShaped, steadyShaped: true };
    const from = found.fastShaped ?? found.steady ?? found.fast;
    return from === undefined ? undefined : { from, steadyShaped: false };
  };

  /**
   * Learns the rhythm of the scanner behind a scan with a code's shape and a steady rhythm:
   * its shortest and longest gap (a stall aside), widened a little for the jitter the scan
   * did not show. The next burst in that rhythm is then sure after ten characters however
   * slow the scanner, and swallowed from there, instead of typing into the page up to its
   * terminator. The browser does not say which keyboard a key came from, so "the scanner"
   * is the last one this window recognised.
   */
  const learn = (from: number, terminatorAt: number) => {
    const gaps = run.slice(from).map((key, i, keys) => (i + 1 < keys.length ? keys[i + 1]!.at : terminatorAt) - key.at).sort((a, b) => a - b);
    const rest = gaps.slice(0, rhythmBound(gaps.slice(0, -1)) < gaps[gaps.length - 1]! ? -1 : undefined);
    learned = { low: rest[0]! * LEARNED_WIDEN_LOW, high: Math.min(steadyMaxMs, rest[rest.length - 1]! * LEARNED_WIDEN_HIGH + RHYTHM_SLACK_MS) };
  };

  const onTerminator = (at: number): WedgeDecision => {
    const last = run[run.length - 1];
    const gap = last === undefined ? Number.NaN : at - last.at;
    if (!(gap >= 0)) return decision(false, endRun(undefined));
    if (sure && overflow > 0) {
      const length = run.length - burstFrom + overflow;
      endRun(undefined);
      return { swallow: true, discarded: { reason: 'tooLong', length } };
    }
    const found = findScan(at);
    if (found === undefined) return decision(false, endRun(undefined));
    const { from } = found;
    if (found.steadyShaped) learn(from, at);
    const notSwallowed = run.slice(from, sure ? Math.max(from, sureFrom) : run.length);
    const completed: WedgeDecision = {
      swallow: true,
      scan: { data: run.slice(from).map((key) => key.char).join(''), source: 'wedge', at: toEpochMs(at) },
      passedThrough: notSwallowed.length,
      passedThroughIntoField: notSwallowed.filter((key) => key.editable).length,
    };
    endRun(undefined);
    return completed;
  };

  /**
   * Whether the last sureLength characters up to `index` are surely a scanner's: at scanner
   * speed on average and steady. Ten characters, not six, and steadiness: a typist rolls
   * six keys in a row at 20–40 ms now and then, and what is swallowed and then turns out
   * not to be a scan is lost.
   */
  const sureOf = (index: number): 'fast' | 'learned' | undefined => {
    const first = index - sureLength + 1;
    if (first < 0) return undefined;
    const gaps = run.slice(first + 1, index + 1).map((key, i) => key.at - run[first + i]!.at);
    if (gaps.every((gap) => gap <= maxGapMs) && run[index]!.at - run[first]!.at <= (sureLength - 1) * maxInterKeyMs && (gaps.length === 0 || inRhythm(gaps))) return 'fast';
    // Nine gaps in a row inside the learned scanner's band: a typist's rolled keys are not.
    if (learned && gaps.length > 0 && gaps.every((gap) => gap >= learned!.low && gap <= learned!.high) && inRhythm(gaps)) return 'learned';
    return undefined;
  };

  const onCharacter = (char: string, event: WedgeKeyEvent): WedgeDecision => {
    const { at } = event;
    const last = run[run.length - 1];
    const gap = last !== undefined ? at - last.at : brokenAt !== undefined ? at - brokenAt : Number.POSITIVE_INFINITY;
    let discarded: WedgeDecision['discarded'];
    // A clock going backwards or a NaN is not evidence of a scanner: the run starts afresh.
    if (!(gap >= 0)) {
      discarded = endRun(undefined);
    } else if (last !== undefined && gap > maxStallMs) {
      discarded = endRun(undefined);
    } else if (sure && gap > sureGapMs) {
      if (stallUsed) discarded = endRun(undefined);
      else stallUsed = true;
    }
    const gapBefore = gap >= 0 ? gap : Number.POSITIVE_INFINITY;

    if (sure && run.length - burstFrom >= maxLength) {
      overflow += 1;
      return decision(true, discarded);
    }
    if (!sure && run.length > maxLength) {
      // Only a tail of at most maxLength characters can be a scan.
      run.shift();
      burstFrom = Math.max(0, burstFrom - 1);
    }
    run.push({ char, at, gapBefore, editable: event.targetIsEditable });
    const index = run.length - 1;
    if (!sure) {
      if (gapBefore > maxGapMs) burstFrom = index;
      const how = sureOf(index);
      if (how) {
        sure = true;
        sureFrom = index;
        if (how === 'learned') {
          // Sure by the learned band, the burst goes on at any steady gap: a scanner's speed
          // drifts from scan to scan more than within one.
          sureGapMs = Math.max(maxGapMs, steadyMaxMs);
          burstFrom = Math.min(burstFrom, index - sureLength + 1);
        }
      }
    }
    return decision(sure, discarded);
  };

  return {
    handleKey(event) {
      const { key, at } = event;
      if (typeof key !== 'string' || IGNORED_KEYS.has(key)) return { swallow: false };
      if (event.repeat) return decision(false, endRun(at));
      if (isTerminator(key)) return onTerminator(at);
      const char = characterOf(key);
      if (char === undefined) return decision(false, endRun(at));
      return onCharacter(char, event);
    },
    reset() {
      endRun(undefined);
    },
  };
}
