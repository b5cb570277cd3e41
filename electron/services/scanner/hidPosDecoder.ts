import { stripNonPrintable } from '../../../shared/scanner/scanText';
import { MAX_SCAN_LENGTH } from '../../../shared/scanner/scanTypes';
import type { Scan } from '../../../shared/scanner/scanTypes';

/**
 * Turns the input reports of a scanner in USB HID POS mode (usage page 0x8C, "HID Point of
 * Sale Usage Tables") into scans.
 *
 * The layout implemented is the vendor "scanned data" input report used by Honeywell
 * (and, with the same offsets, by Newland and others), 64 bytes including the report ID
 * as hidapi delivers it on every platform:
 *
 *   byte 0        report ID, 0x02
 *   byte 1        number of data bytes in THIS report, 0..56
 *   bytes 2..57   data (56 bytes), zero padding after the count in byte 1
 *   bytes 58..60  AIM symbology identifier "]" + code character + modifier, e.g. "]Q1"
 *                 (QR), "]E0" (EAN-13), "]C0" (Code 128); zeros when not sent
 *   byte 61       vendor code ID (Honeywell's own symbology letter) — not read
 *   byte 62       reserved — not read
 *   byte 63       bit 0 set: more data of the same scan follows in the next report
 *
 * For another report size N the trailer keeps its place relative to the end: data
 * capacity N − 8, AIM at N − 6, flags at N − 1.
 *
 * A code longer than 56 bytes arrives as several reports, all but the last with bit 0 of
 * the last byte set. The data bytes are decoded as UTF-8, or as ISO-8859-1 when they are
 * not valid UTF-8 (scanners pass bytes through as printed). After decoding: a configured
 * prefix and an AIM identifier at the start of the data (scanners configured to prefix
 * it send "]Q1" in the data too), and a configured suffix plus trailing CR/LF at the
 * end, are stripped; remaining control characters (e.g. the GS separator of GS1 codes)
 * are dropped, because nothing downstream may receive them.
 */

export interface HidPosDecoderOptions {
  /** Report ID of the scanned-data report. Default 0x02. */
  reportId?: number;
  /** Full report size including the report ID byte. Default 64. */
  reportLength?: number;
  /** Text the scanner is configured to send before the data; stripped when present. */
  prefix?: string;
  /** Text the scanner is configured to send after the data; stripped when present. */
  suffix?: string;
  /** Strip an AIM identifier ("]Q1") from the start of the data. Default true. */
  stripAimPrefix?: boolean;
  /** Longest scan in characters; a longer one is discarded whole, never cut. Default 512. */
  maxLength?: number;
  /**
   * A multi-report scan is discarded when its next report comes more than this many ms
   * after the previous one (a lost final report must not glue two scans together).
   * 0 or absent: no limit.
   */
  interCharTimeoutMs?: number;
  /**
   * A final report byte-identical to the report just before it, arriving within this many
   * ms, is a duplicate delivery, not a second read: no scanner decodes the same code twice
   * that fast (their reread delay is hundreds of ms). Default 20; 0 disables.
   */
  repeatGuardMs?: number;
}

export type PosDiscardReason = 'tooLong' | 'stalled' | 'malformed';

export type PosDecodeOutcome =
  | { kind: 'scan'; scan: Scan }
  /** `length`: data bytes of the discarded scan (for logs; the data itself is not kept). */
  | { kind: 'discarded'; reason: PosDiscardReason; length: number; at: number };

export interface HidPosDecoder {
  /** Feeds one input report received at `at` (epoch ms); returns what it completed. Never throws. */
  push(report: Uint8Array, at: number): PosDecodeOutcome[];
  /** Forgets the scan in progress, e.g. after the device went away. */
  reset(): void;
  /** Data bytes of the scan in progress (for tests and diagnostics). */
  readonly pendingLength: number;
}

export const DEFAULT_HID_POS_REPORT_ID = 0x02;
export const DEFAULT_HID_POS_REPORT_LENGTH = 64;
/** Bit of the flags byte meaning "the scan continues in the next report". */
export const HID_POS_MORE_DATA = 0x01;

/** Byte offsets of the scanned-data report, shared with the emulated scanner that writes it. */
export interface HidPosReportLayout {
  reportLength: number;
  lengthOffset: number;
  dataOffset: number;
  dataCapacity: number;
  aimOffset: number;
  flagsOffset: number;
}

/** 8 bytes of every report are not data: ID, count, AIM (3), code ID, reserved, flags. */
const TRAILER_AND_HEADER = 8;

export function hidPosReportLayout(reportLength: number = DEFAULT_HID_POS_REPORT_LENGTH): HidPosReportLayout {
  if (!Number.isInteger(reportLength) || reportLength < TRAILER_AND_HEADER + 1 || reportLength > 1024) {
    throw new RangeError(`HID POS report length must be an integer in 9..1024, got ${reportLength}`);
  }
  return {
    reportLength,
    lengthOffset: 1,
    dataOffset: 2,
    dataCapacity: reportLength - TRAILER_AND_HEADER,
    aimOffset: reportLength - 6,
    flagsOffset: reportLength - 1,
  };
}

const AIM_START = 0x5d; // "]"
const AIM_IN_DATA = /^\]([A-Za-z][0-9A-Za-z])/;
const TRAILING_LINE_END = /[\r\n]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const isAimCharacter = (byte: number | undefined) => byte !== undefined && byte >= 0x21 && byte <= 0x7e;

function decodeBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return text;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createHidPosDecoder(options: HidPosDecoderOptions = {}): HidPosDecoder {
  const layout = hidPosReportLayout(options.reportLength);
  const reportId = options.reportId ?? DEFAULT_HID_POS_REPORT_ID;
  const prefix = options.prefix ?? '';
  const suffix = options.suffix ?? '';
  const stripAim = options.stripAimPrefix ?? true;
  const maxLength = options.maxLength ?? MAX_SCAN_LENGTH;
  const timeoutMs = options.interCharTimeoutMs ?? 0;
  const repeatGuardMs = options.repeatGuardMs ?? 20;
  if (!Number.isInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  // Enough bytes for maxLength characters of up to 4 UTF-8 bytes each plus the framing;
  // past this the scan is certainly too long and the bytes are no longer kept.
  const byteCap = 4 * (maxLength + prefix.length + suffix.length) + 8;

  let chunks: Uint8Array[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let inScan = false;
  let symbology: string | undefined;
  let lastAt: number | undefined;
  let previous: { report: Uint8Array; at: number; final: boolean } | undefined;

  const clearScan = () => {
    chunks = [];
    pendingBytes = 0;
    overflow = false;
    inScan = false;
    symbology = undefined;
  };

  const finish = (at: number, out: PosDecodeOutcome[]) => {
    if (overflow) {
      out.push({ kind: 'discarded', reason: 'tooLong', length: pendingBytes, at });
      clearScan();
      return;
    }
    const bytes = new Uint8Array(pendingBytes);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    const { text, aim } = stripFraming(decodeBytes(bytes), prefix, suffix, stripAim);
    const data = stripNonPrintable(text);
    const scanSymbology = symbology ?? aim;
    if (data.length > maxLength) out.push({ kind: 'discarded', reason: 'tooLong', length: pendingBytes, at });
    else if (data.length > 0) out.push({ kind: 'scan', scan: { data, source: 'hid', at, ...(scanSymbology ? { symbology: scanSymbology } : {}) } });
    clearScan();
  };

  return {
    push(report, at) {
      const out: PosDecodeOutcome[] = [];
      if (!(report instanceof Uint8Array) || report.length !== layout.reportLength || report[0] !== reportId) return out;

      const flags = report[layout.flagsOffset] ?? 0;
      const final = (flags & HID_POS_MORE_DATA) === 0;
      const duplicate =
        repeatGuardMs > 0 && final && previous?.final === true && at - previous.at >= 0 && at - previous.at <= repeatGuardMs && sameBytes(previous.report, report);
      previous = { report: Uint8Array.from(report), at, final };
      if (duplicate) return out;

      if (inScan && timeoutMs > 0 && lastAt !== undefined && at - lastAt > timeoutMs) {
        out.push({ kind: 'discarded', reason: 'stalled', length: pendingBytes, at });
        clearScan();
      }
      lastAt = at;

      const count = report[layout.lengthOffset] ?? 0;
      if (count > layout.dataCapacity) {
        // The stream is not what this decoder understands; whatever was assembled is suspect.
        out.push({ kind: 'discarded', reason: 'malformed', length: pendingBytes, at });
        clearScan();
        previous = undefined;
        return out;
      }

      inScan = true;
      if (overflow || pendingBytes + count > byteCap) overflow = true;
      else chunks.push(report.slice(layout.dataOffset, layout.dataOffset + count));
      pendingBytes += count;

      if (symbology === undefined && report[layout.aimOffset] === AIM_START) {
        const code = report[layout.aimOffset + 1];
        const modifier = report[layout.aimOffset + 2];
        if (isAimCharacter(code) && isAimCharacter(modifier)) symbology = String.fromCharCode(code!, modifier!);
      }

      if (final) finish(at, out);
      return out;
    },
    reset() {
      clearScan();
      lastAt = undefined;
      previous = undefined;
    },
    get pendingLength() {
      return pendingBytes;
    },
  };
}

/**
 * Removes what the scanner wraps around the data. The prefix is tried both before and
 * after the AIM identifier because scanners differ in which of the two they send first.
 */
function stripFraming(raw: string, prefix: string, suffix: string, stripAim: boolean): { text: string; aim?: string } {
  let text = raw;
  let aim: string | undefined;
  let prefixStripped = false;
  const stripPrefix = () => {
    if (!prefixStripped && prefix.length > 0 && text.startsWith(prefix)) {
      text = text.slice(prefix.length);
      prefixStripped = true;
    }
  };
  stripPrefix();
  if (stripAim) {
    const match = AIM_IN_DATA.exec(text);
    if (match) {
      aim = match[1];
      text = text.slice(match[0].length);
    }
  }
  stripPrefix();
  if (suffix.length > 0 && text.endsWith(suffix)) text = text.slice(0, -suffix.length);
  else {
    text = text.replace(TRAILING_LINE_END, '');
    if (suffix.length > 0 && text.endsWith(suffix)) text = text.slice(0, -suffix.length);
  }
  return aim ? { text, aim } : { text };
}
