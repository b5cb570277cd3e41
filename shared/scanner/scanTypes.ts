/** Upper bound on anything a scanner can send; real payment codes are ≤ 24 digits. */
export const MAX_SCAN_LENGTH = 512;

/** Where a scan came from. */
export const SCAN_SOURCES = ['hid', 'wedge', 'manual', 'simulated'] as const;
export type ScanSource = (typeof SCAN_SOURCES)[number];

/** One complete scan, prefixes/suffixes/AIM identifier already stripped. */
export interface Scan {
  /** The decoded data, printable characters only. */
  data: string;
  source: ScanSource;
  /** AIM symbology identifier without the leading "]", e.g. "Q1" (QR) or "E0" (EAN-13), when the scanner sent one. */
  symbology?: string;
  /** Epoch milliseconds at which the terminator (or last report) arrived. */
  at: number;
}

export type ScannerConnection = 'connected' | 'disconnected' | 'accessDenied' | 'notConfigured';

/** What the cashier sees of the HID scanner in the main process. */
export interface ScannerStatus {
  connection: ScannerConnection;
  /** Product name of the open device, when connected. */
  deviceName?: string;
  /** A hint the cashier (or merchant) can act on, e.g. the udev rule to add on Linux. */
  hint?: string;
}
