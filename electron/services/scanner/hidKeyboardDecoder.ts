import { isPrintableText } from '../../../shared/scanner/scanText';
import { MAX_SCAN_LENGTH } from '../../../shared/scanner/scanTypes';
import type { Scan } from '../../../shared/scanner/scanTypes';
import {
  endsScan,
  getKeyboardLayout,
  HID_KEY,
  keyOutput,
  terminatorKeyOf,
  type KeyboardLayoutId,
  type ScanTerminator,
} from './keyboardLayouts';

/**
 * Turns the input reports of a scanner in USB keyboard mode into scans.
 *
 * Report shapes accepted:
 * - 8 bytes, the boot keyboard report: [modifiers, reserved, key1..key6];
 * - 9 bytes, the same behind a report ID: [reportId, modifiers, reserved, key1..key6].
 * Anything else (other report IDs of a composite device, LED or consumer reports, noise)
 * is ignored without touching the decoder's state.
 *
 * A key types once, when it first appears in a report; while it stays in later reports
 * it is held and types nothing more (no auto-repeat: scanners release every key). Several
 * keys appearing in one report (rollover) type in the order they appear.
 */

export interface HidKeyboardDecoderOptions {
  /** The layout the scanner was configured to emulate. Default 'us'. */
  layout?: KeyboardLayoutId;
  /**
   * 'auto' (default): 8-byte reports are boot reports, 9-byte reports carry a report ID
   * first. A number: only 9-byte reports with that ID are read. 'none': only 8-byte reports.
   */
  reportId?: number | 'auto' | 'none';
  /** Default 'enter'. A terminator key that is not configured types nothing. */
  terminator?: ScanTerminator;
  /** Longest scan in characters; a longer one is discarded whole, never cut. Default 512. */
  maxLength?: number;
  /**
   * A scan in progress is discarded when the next key press comes more than this many
   * milliseconds after the previous one: a scanner that stalls mid-code (cable pulled,
   * lost radio link, missing terminator) must not glue its fragment to the next scan.
   * 0 or absent: no limit.
   */
  interCharTimeoutMs?: number;
}

/** Why a burst of reports produced no scan. */
export type ScanDiscardReason = 'tooLong' | 'stalled';

export type KeyboardDecodeOutcome =
  | { kind: 'scan'; scan: Scan }
  /** `length`: characters the discarded scan had (for logs; the text itself is not kept). */
  | { kind: 'discarded'; reason: ScanDiscardReason; length: number; at: number };

export interface HidKeyboardDecoder {
  /** Feeds one input report received at `at` (epoch ms); returns what it completed. Never throws. */
  push(report: Uint8Array, at: number): KeyboardDecodeOutcome[];
  /** Forgets the scan in progress and the held keys, e.g. after the device went away. */
  reset(): void;
  /** Characters of the scan in progress (for tests and diagnostics). */
  readonly pendingLength: number;
}

const BOOT_REPORT_LENGTH = 8;
/** Usage 0x01 in the key array is ErrorRollOver: too many keys, the report says nothing reliable. */
const ERROR_ROLL_OVER = 0x01;
/** Usages below 0x04 are error codes, never keys. */
const FIRST_KEY_USAGE = 0x04;


export function createHidKeyboardDecoder(options: HidKeyboardDecoderOptions = {}): HidKeyboardDecoder {
  const layout = getKeyboardLayout(options.layout ?? 'us');
  const reportId = options.reportId ?? 'auto';
  const terminator = options.terminator ?? 'enter';
  const maxLength = options.maxLength ?? MAX_SCAN_LENGTH;
  const timeoutMs = options.interCharTimeoutMs ?? 0;
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);

  let held = new Set<number>();
  let text = '';
  /** Characters seen beyond maxLength; the scan is discarded at its terminator. */
  let overflow = 0;
  /** A dead key waiting for the key that completes it. */
  let pendingDead: string | undefined;
  let lastPressAt: number | undefined;

  const inProgress = () => text.length > 0 || overflow > 0 || pendingDead !== undefined;

  const clearScan = () => {
    text = '';
    overflow = 0;
    pendingDead = undefined;
  };

  const append = (char: string) => {
    // Layout tables hold only printable characters; the check keeps that a guarantee.
    if (char.length === 0 || !isPrintableText(char)) return;
    if (text.length + char.length > maxLength || overflow > 0) overflow += char.length;
    else text += char;
  };

  /** The boot report inside `report`, or undefined when the report is not one. */
  const bootReport = (report: Uint8Array): Uint8Array | undefined => {
    if (report.length === BOOT_REPORT_LENGTH) return typeof reportId === 'number' ? undefined : report;
    if (report.length === BOOT_REPORT_LENGTH + 1 && (reportId === 'auto' || report[0] === reportId)) return report.subarray(1);
    return undefined;
  };

  const finish = (at: number, out: KeyboardDecodeOutcome[]) => {
    if (pendingDead !== undefined) append(pendingDead);
    pendingDead = undefined;
    if (overflow > 0) out.push({ kind: 'discarded', reason: 'tooLong', length: text.length + overflow, at });
    else if (text.length > 0) out.push({ kind: 'scan', scan: { data: text, source: 'hid', at } });
    clearScan();
  };

  const press = (usage: number, modifiers: number, at: number, out: KeyboardDecodeOutcome[]) => {
    if (timeoutMs > 0 && lastPressAt !== undefined && inProgress() && at - lastPressAt > timeoutMs) {
      out.push({ kind: 'discarded', reason: 'stalled', length: text.length + overflow, at });
      clearScan();
    }
    lastPressAt = at;

    const terminatorKey = terminatorKeyOf(usage);
    if (terminatorKey && endsScan(terminator, terminatorKey)) {
      finish(at, out);
      return;
    }
    const key = keyOutput(layout, usage, modifiers);
    if (!key) {
      // A key that types nothing (arrows, F-keys, shortcuts) cancels a waiting accent, as on a desktop.
      pendingDead = undefined;
      return;
    }
    if (pendingDead !== undefined) {
      // No composition (^ + a → â): a scanner emulating a layout sends dead key + Space
      // for the accent itself, and barcodes do not carry composed letters that way.
      append(pendingDead);
      pendingDead = undefined;
      if (usage !== HID_KEY.space) append(key.char);
      return;
    }
    if (key.dead) pendingDead = key.char;
    else append(key.char);
  };

  return {
    push(report, at) {
      const out: KeyboardDecodeOutcome[] = [];
      if (!(report instanceof Uint8Array)) return out;
      const boot = bootReport(report);
      if (!boot) return out;
      const modifiers = boot[0] ?? 0;
      const slots = boot.subarray(2);
      if (slots.includes(ERROR_ROLL_OVER)) return out;
      // A Set keeps the order of first appearance and ignores a usage repeated in one report.
      const keys = new Set([...slots].filter((usage) => usage >= FIRST_KEY_USAGE));
      for (const usage of keys) {
        if (!held.has(usage)) press(usage, modifiers, at, out);
      }
      held = keys;
      return out;
    },
    reset() {
      held = new Set();
      clearScan();
      lastPressAt = undefined;
    },
    get pendingLength() {
      return text.length + overflow;
    },
  };
}
