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

/** Keyboard layouts a keyboard-mode HID scanner can be decoded with (tables in electron/services/scanner/keyboardLayouts.ts). */
export const KEYBOARD_LAYOUT_IDS = ['us', 'de', 'fr'] as const;
export type KeyboardLayoutId = (typeof KEYBOARD_LAYOUT_IDS)[number];

/** The key that ends a scan. */
export const SCAN_TERMINATORS = ['enter', 'tab', 'enterOrTab'] as const;
export type ScanTerminator = (typeof SCAN_TERMINATORS)[number];

/** How the main process reads a HID scanner (keyboard-wedge scanners need no setting). */
export interface ScannerSettings {
  /** 'pos': USB HID POS scanner (usage page 0x8C); 'keyboard': a scanner presenting itself as a keyboard, opened directly. */
  mode: 'pos' | 'keyboard';
  /** A specific device; without them the first matching scanner is used. */
  vendorId?: number;
  productId?: number;
  layout: KeyboardLayoutId;
  terminator: ScanTerminator;
}

/** A HID device as the scanner picker lists it. */
export interface HidDeviceSummary {
  vendorId: number;
  productId: number;
  product?: string;
  manufacturer?: string;
  usagePage?: number;
  usage?: number;
  /** Looks like a barcode scanner (HID POS usage page, or a scanner's name). */
  likelyScanner: boolean;
}
