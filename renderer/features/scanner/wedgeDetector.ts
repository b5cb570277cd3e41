import { isPrintableText } from '../../../shared/scanner/scanText';
import { MAX_SCAN_LENGTH } from '../../../shared/scanner/scanTypes';
import type { Scan } from '../../../shared/scanner/scanTypes';

/**
 * Tells a barcode scanner that the OS treats as a keyboard ("keyboard wedge") from a
 * person typing, one keydown at a time. Pure: the caller passes each event's key and
 * timestamp and acts on the answer (preventDefault when told to swallow, submit the scan).
 *
 * Heuristics, and why:
 * - Timing, not focus, is the evidence. A scanner types a whole code in a burst, on
 *   average within a few ms per key (≤ maxInterKeyMs, default 35 ms). People type 80–300 ms
 *   apart; a fast typist's rolled keys dip under 35 ms for two or three letters, never
 *   for minLength (default 6) in a row.
 * - The 35 ms is an average over the burst, from its first character, not a bound on
 *   every gap: a scanner's keys arrive with jitter (USB polling, OS scheduling), and one
 *   key 40 ms after the last must neither lose the scan nor cut it in two — a per-gap
 *   bound restarted the burst there and reported the code's tail as a scan of its own.
 *   A single pause longer than maxGapMs (default twice maxInterKeyMs, 70 ms: still
 *   faster than people's ordinary keystrokes) ends the burst whatever the average. The
 *   price: a key a person types less than maxGapMs before a scan starts joins the scan.
 * - A burst is a scan only when it ends with the terminator (Enter or Tab, configurable)
 *   arriving within maxGapMs, and the detector was sure of it or becomes sure counting the
 *   terminator as one more key. A burst that simply stops is not a scan.
 * - Keys are swallowed only once the detector is sure: from the character at which the
 *   burst has minLength characters typed at scanner speed on average, and its terminator;
 *   once sure, it stays sure for the rest of the burst. The characters before that reach the
 *   page; the decision that completes a scan says how many (`passedThrough`) and how many
 *   went into a text field (`passedThroughIntoField`), so the caller can take them back out.
 *   Text a person types at human speed is therefore never swallowed, focused field or not.
 * - Auto-repeat (KeyboardEvent.repeat) is a held key, so a person: it ends any burst.
 *   Without it, holding a key at the usual 30 repeats/s would look like a scanner.
 * - `key` is read, not keyCode: it is the character the OS layout produced, so "-" and
 *   letters of non-US layouts come through as typed. Modifier-only keys (Shift, AltGraph…)
 *   and dead keys are skipped: they type nothing themselves and neither extend nor break a
 *   burst. Any other named key (Backspace, arrows, Escape, IME "Process") ends the burst.
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
  /** Longest average time between the keys of a scan, from its first character to its terminator. Default 35 ms. */
  maxInterKeyMs?: number;
  /** Longest single pause inside a scan; a longer one ends the burst. Default twice maxInterKeyMs. */
  maxGapMs?: number;
  /** Fewest characters before a burst counts as a scan. Default 6. */
  minLength?: number;
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
  /** Forgets the burst in progress (e.g. when the window loses focus). */
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

/** A key value that is one printable character (named keys such as "Enter" are longer). */
function characterOf(key: string): string | undefined {
  const codePoints = [...key];
  if (codePoints.length !== 1 || !isPrintableText(key)) return undefined;
  return key;
}

export function createWedgeDetector(options: WedgeDetectorOptions = {}): WedgeDetector {
  const maxInterKeyMs = options.maxInterKeyMs ?? 35;
  const maxGapMs = options.maxGapMs ?? 2 * maxInterKeyMs;
  const minLength = options.minLength ?? 6;
  const terminator = options.terminator ?? 'enter';
  const maxLength = options.maxLength ?? MAX_SCAN_LENGTH;
  const toEpochMs = options.toEpochMs ?? ((at: number) => at);

  let text = '';
  let overflow = 0;
  /** Character keys in the burst (a key may type more than one UTF-16 unit). */
  let keys = 0;
  let firstCharAt = 0;
  let lastCharAt: number | undefined;
  /** The burst has been judged a scanner's: its keys are being swallowed. */
  let sure = false;
  let passedThrough = 0;
  let passedThroughIntoField = 0;

  const burstLength = () => text.length + overflow;
  /** At scanner speed on average over `gaps` gaps since the burst's first character. */
  const fastOnAverage = (at: number, gaps: number) => at - firstCharAt <= gaps * maxInterKeyMs;

  const isTerminator = (key: string) =>
    (key === 'Enter' && terminator !== 'tab') || (key === 'Tab' && terminator !== 'enter');

  /** Ends the burst; reports it when it had been sure (its swallowed characters are lost). */
  const endBurst = (): WedgeDecision['discarded'] => {
    const discarded = sure ? { reason: overflow > 0 ? ('tooLong' as const) : ('noTerminator' as const), length: burstLength() } : undefined;
    text = '';
    overflow = 0;
    keys = 0;
    lastCharAt = undefined;
    sure = false;
    passedThrough = 0;
    passedThroughIntoField = 0;
    return discarded;
  };

  const decision = (swallow: boolean, discarded: WedgeDecision['discarded']): WedgeDecision => (discarded ? { swallow, discarded } : { swallow });

  return {
    handleKey(event) {
      const { key, at } = event;
      if (typeof key !== 'string' || IGNORED_KEYS.has(key)) return { swallow: false };
      if (event.repeat) return decision(false, endBurst());

      const gap = lastCharAt === undefined ? Number.POSITIVE_INFINITY : at - lastCharAt;
      // A clock going backwards or a NaN is not evidence of a scanner.
      const continues = Number.isFinite(gap) && gap >= 0 && gap <= maxGapMs;

      if (isTerminator(key)) {
        // The terminator's own gap counts in the average, as one more key of the burst.
        if (continues && burstLength() >= minLength && (sure || fastOnAverage(at, keys))) {
          const completed: WedgeDecision =
            overflow > 0
              ? { swallow: true, discarded: { reason: 'tooLong', length: burstLength() } }
              : {
                  swallow: true,
                  scan: { data: text, source: 'wedge', at: toEpochMs(at) },
                  passedThrough,
                  passedThroughIntoField,
                };
          endBurst();
          return completed;
        }
        return decision(false, endBurst());
      }

      const char = characterOf(key);
      if (char === undefined) return decision(false, endBurst());

      const discarded = continues ? undefined : endBurst();
      if (keys === 0) firstCharAt = at;
      if (text.length + char.length > maxLength || overflow > 0) overflow += char.length;
      else text += char;
      keys += 1;
      lastCharAt = at;
      if (!sure && burstLength() >= minLength && fastOnAverage(at, keys - 1)) sure = true;
      if (!sure) {
        passedThrough += 1;
        if (event.targetIsEditable) passedThroughIntoField += 1;
      }
      return decision(sure, discarded);
    },
    reset() {
      endBurst();
    },
  };
}
