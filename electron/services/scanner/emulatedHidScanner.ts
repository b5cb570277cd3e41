import {
  HID_USAGE_BARCODE_SCANNER,
  HID_USAGE_KEYBOARD,
  HID_USAGE_PAGE_BARCODE_SCANNER,
  HID_USAGE_PAGE_GENERIC_DESKTOP,
  type HidBackend,
  type HidDeviceInfo,
  type HidDeviceLike,
  type HidOpenOptions,
} from './hidBackend';
import { DEFAULT_HID_POS_REPORT_ID, HID_POS_MORE_DATA, hidPosReportLayout } from './hidPosDecoder';
import { getKeyboardLayout, HID_KEY, keystrokesFor, type KeyboardLayoutId, type Keystroke } from './keyboardLayouts';

/**
 * A barcode scanner that exists only in software, behind the same HidBackend interface
 * as node-hid. It writes byte-exact reports — boot keyboard reports in keyboard mode, the
 * hidPosDecoder report layout in POS mode — so tests and training mode exercise the real
 * decoders and service, and can inject the faults a real cable produces (lost, repeated
 * or late reports, unplugging mid-scan).
 */

export interface EmulatedHidScannerOptions {
  mode: 'keyboard' | 'pos';
  /**
   * Keyboard mode: put this report ID before every boot report (9-byte reports); absent,
   * plain 8-byte boot reports. POS mode: the scanned-data report ID, default 0x02.
   */
  reportId?: number;
  /** Keyboard mode: the layout the scanner types for. Default 'us'. */
  layout?: KeyboardLayoutId;
  /** Default 0x1209 (pid.codes, the open-source vendor ID) with test product 0x0001. */
  vendorId?: number;
  productId?: number;
  product?: string;
  manufacturer?: string;
  /** POS mode report size including the report ID. Default 64. */
  posReportLength?: number;
  /** More devices the backend lists (a keyboard, a mouse...). Opening them fails like an OS-owned device. */
  otherDevices?: readonly HidDeviceInfo[];
}

export interface EmulatedTypeOptions {
  /** Pause between characters (keyboard) or reports (POS). 0 (default) emits synchronously, without timers. */
  charDelayMs?: number;
  /** Adds 0..jitterMs to each pause, from a seeded generator so runs repeat. */
  jitterMs?: number;
  /** Seed of the jitter generator. */
  seed?: number;
  /**
   * POS mode: at most this many data bytes per report (default: the report's capacity, 56).
   * Keyboard mode: any value > 0 sends modifiers in reports of their own around the key
   * (modifier down, modifier + key, modifier, nothing), as some scanners do.
   */
  splitReports?: number;
  /** Reports (0-based index into reportsFor's list) that never arrive. */
  dropReportIndex?: number | readonly number[];
  /** Reports that arrive twice in a row. */
  duplicateReportIndex?: number | readonly number[];
  /** Unplug after this many reports were delivered; the rest of the scan is lost. */
  unplugAfterReports?: number;
  /** Keyboard mode: the key after the code. Default 'enter'; 'none' sends no terminator. */
  terminator?: 'enter' | 'tab' | 'none';
  /** POS mode: AIM identifier without "]" (e.g. 'Q1') for the report's AIM field. */
  symbology?: string;
  /** Also send "]" + symbology at the start of the data, as scanners with "AIM ID prefix" enabled do. */
  aimInData?: boolean;
  /** Text the scanner adds before / after the code (its configured prefix and suffix). */
  prefix?: string;
  suffix?: string;
}

export interface EmulatedHidScanner {
  backend: HidBackend;
  /** How the backend lists this scanner. */
  info: HidDeviceInfo;
  /** Sends a scan of `code`; resolves once every report went out (or the device was unplugged). */
  type(code: string, options?: EmulatedTypeOptions): Promise<void>;
  /** The exact reports `type` would send, before faults are applied. Throws when the layout cannot type a character. */
  reportsFor(code: string, options?: EmulatedTypeOptions): Uint8Array[];
  /** Pulls the cable: open devices get a read error, the backend stops listing the scanner. */
  unplug(): void;
  /** Plugs it back in; whoever opens it next gets a fresh device. */
  replug(): void;
  /** Makes open() fail with "Permission denied" (a missing udev rule, say) until called with false. */
  denyAccess(denied: boolean): void;
  readonly plugged: boolean;
  /** Devices opened and not yet closed or unplugged. */
  readonly openDeviceCount: number;
  /** The options of the last open() call, to check what the service asked for. */
  readonly lastOpenOptions: HidOpenOptions | undefined;
}

const EMULATED_VENDOR_ID = 0x1209;
const EMULATED_PRODUCT_ID = 0x0001;
const BOOT_REPORT_LENGTH = 8;

class EmulatedHidDevice implements HidDeviceLike {
  private readonly dataListeners = new Set<(report: Uint8Array) => void>();
  private readonly errorListeners = new Set<(error: unknown) => void>();
  alive = true;

  constructor(private readonly onClose: (device: EmulatedHidDevice) => void) {}

  on(event: 'data', listener: (report: Uint8Array) => void): this;
  on(event: 'error', listener: (error: unknown) => void): this;
  on(event: 'data' | 'error', listener: ((report: Uint8Array) => void) | ((error: unknown) => void)): this {
    if (event === 'data') this.dataListeners.add(listener as (report: Uint8Array) => void);
    else this.errorListeners.add(listener as (error: unknown) => void);
    return this;
  }

  removeAllListeners(): this {
    this.dataListeners.clear();
    this.errorListeners.clear();
    return this;
  }

  async close(): Promise<void> {
    this.alive = false;
    this.onClose(this);
  }

  deliver(report: Uint8Array): void {
    if (!this.alive) return;
    // node-hid hands out a fresh Buffer per report; so do we, so no listener can alter our copy.
    for (const listener of [...this.dataListeners]) listener(Buffer.from(report));
  }

  fail(error: Error): void {
    if (!this.alive) return;
    this.alive = false;
    for (const listener of [...this.errorListeners]) listener(error);
  }
}

/** mulberry32: a tiny seeded generator, so jittered runs are reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const asSet = (value: number | readonly number[] | undefined) => new Set(value === undefined ? [] : typeof value === 'number' ? [value] : value);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createEmulatedHidScanner(options: EmulatedHidScannerOptions): EmulatedHidScanner {
  const mode = options.mode;
  const layout = getKeyboardLayout(options.layout ?? 'us');
  const posLayout = hidPosReportLayout(options.posReportLength);
  const posReportId = options.reportId ?? DEFAULT_HID_POS_REPORT_ID;
  const info: HidDeviceInfo = {
    vendorId: options.vendorId ?? EMULATED_VENDOR_ID,
    productId: options.productId ?? EMULATED_PRODUCT_ID,
    path: `emulated:${mode}:${(options.vendorId ?? EMULATED_VENDOR_ID).toString(16)}:${(options.productId ?? EMULATED_PRODUCT_ID).toString(16)}`,
    product: options.product ?? `Counterpay emulated scanner (${mode === 'pos' ? 'HID POS' : 'keyboard'})`,
    manufacturer: options.manufacturer ?? 'Counterpay',
    usagePage: mode === 'pos' ? HID_USAGE_PAGE_BARCODE_SCANNER : HID_USAGE_PAGE_GENERIC_DESKTOP,
    usage: mode === 'pos' ? HID_USAGE_BARCODE_SCANNER : HID_USAGE_KEYBOARD,
    interface: 0,
  };
  const otherDevices = [...(options.otherDevices ?? [])];
  const open = new Set<EmulatedHidDevice>();
  let plugged = true;
  let accessDenied = false;
  let lastOpenOptions: HidOpenOptions | undefined;

  const keyboardReport = (modifiers: number, usage: number): Uint8Array => {
    const boot = new Uint8Array(BOOT_REPORT_LENGTH);
    boot[0] = modifiers;
    boot[2] = usage;
    if (options.reportId === undefined) return boot;
    const numbered = new Uint8Array(BOOT_REPORT_LENGTH + 1);
    numbered[0] = options.reportId;
    numbered.set(boot, 1);
    return numbered;
  };

  /** Reports grouped per keystroke (keyboard) or one per group (POS): pauses go between groups. */
  const keyboardGroups = (code: string, typeOptions: EmulatedTypeOptions): Uint8Array[][] => {
    const text = (typeOptions.prefix ?? '') + code + (typeOptions.suffix ?? '');
    const strokes: Keystroke[] = [];
    for (const char of text) {
      const found = keystrokesFor(layout, char);
      if (!found) throw new RangeError(`the ${layout.id} layout cannot type ${JSON.stringify(char)}`);
      strokes.push(...found);
    }
    const terminator = typeOptions.terminator ?? 'enter';
    if (terminator !== 'none') strokes.push({ usage: terminator === 'enter' ? HID_KEY.enter : HID_KEY.tab, modifiers: 0 });
    const split = (typeOptions.splitReports ?? 0) > 0;
    return strokes.map(({ usage, modifiers }) =>
      split && modifiers !== 0
        ? [keyboardReport(modifiers, 0), keyboardReport(modifiers, usage), keyboardReport(modifiers, 0), keyboardReport(0, 0)]
        : [keyboardReport(modifiers, usage), keyboardReport(0, 0)],
    );
  };

  const posGroups = (code: string, typeOptions: EmulatedTypeOptions): Uint8Array[][] => {
    const symbology = typeOptions.symbology;
    const aimText = typeOptions.aimInData && symbology ? `]${symbology}` : '';
    const bytes = new TextEncoder().encode((typeOptions.prefix ?? '') + aimText + code + (typeOptions.suffix ?? ''));
    const perReport = Math.max(1, Math.min(typeOptions.splitReports ?? posLayout.dataCapacity, posLayout.dataCapacity));
    const reports: Uint8Array[][] = [];
    let offset = 0;
    do {
      const chunk = bytes.subarray(offset, offset + perReport);
      offset += chunk.length;
      const report = new Uint8Array(posLayout.reportLength);
      report[0] = posReportId;
      report[posLayout.lengthOffset] = chunk.length;
      report.set(chunk, posLayout.dataOffset);
      if (symbology) {
        const aim = new TextEncoder().encode(`]${symbology}`).subarray(0, 3);
        report.set(aim, posLayout.aimOffset);
      }
      report[posLayout.flagsOffset] = offset < bytes.length ? HID_POS_MORE_DATA : 0;
      reports.push([report]);
    } while (offset < bytes.length);
    return reports;
  };

  const groupsFor = (code: string, typeOptions: EmulatedTypeOptions) => (mode === 'pos' ? posGroups(code, typeOptions) : keyboardGroups(code, typeOptions));

  const unplug = () => {
    plugged = false;
    for (const device of [...open]) {
      open.delete(device);
      device.fail(new Error('could not read from HID device'));
    }
  };

  const backend: HidBackend = {
    async devices() {
      return plugged ? [{ ...info }, ...otherDevices.map((d) => ({ ...d }))] : otherDevices.map((d) => ({ ...d }));
    },
    async open(target, openOptions) {
      lastOpenOptions = openOptions ? { ...openOptions } : undefined;
      const path = target.path ?? `${target.vendorId}:${target.productId}`;
      const isScanner = target.path === info.path || (target.path === undefined && target.vendorId === info.vendorId && target.productId === info.productId);
      if (!isScanner || !plugged) throw new Error(`cannot open device with path ${path}`);
      if (accessDenied) throw new Error(`cannot open device with path ${path}: Permission denied`);
      const device = new EmulatedHidDevice((closed) => open.delete(closed));
      open.add(device);
      return device;
    },
  };

  return {
    backend,
    info: { ...info },
    reportsFor: (code, typeOptions = {}) => groupsFor(code, typeOptions).flat(),
    async type(code, typeOptions = {}) {
      const groups = groupsFor(code, typeOptions);
      const drop = asSet(typeOptions.dropReportIndex);
      const duplicate = asSet(typeOptions.duplicateReportIndex);
      const unplugAfter = typeOptions.unplugAfterReports;
      const delay = typeOptions.charDelayMs ?? 0;
      const jitter = typeOptions.jitterMs ?? 0;
      const random = seededRandom(typeOptions.seed ?? 0x5eed);
      let index = 0;
      let delivered = 0;
      if (unplugAfter !== undefined && unplugAfter <= 0) return unplug();
      for (const [groupIndex, group] of groups.entries()) {
        const pause = delay + (jitter > 0 ? Math.round(random() * jitter) : 0);
        if (groupIndex > 0 && pause > 0) await sleep(pause);
        for (const report of group) {
          const copies = drop.has(index) ? 0 : duplicate.has(index) ? 2 : 1;
          index++;
          for (let copy = 0; copy < copies; copy++) {
            for (const device of [...open]) device.deliver(report);
            delivered++;
            if (unplugAfter !== undefined && delivered >= unplugAfter) return unplug();
          }
        }
      }
    },
    unplug,
    replug() {
      plugged = true;
    },
    denyAccess(denied) {
      accessDenied = denied;
    },
    get plugged() {
      return plugged;
    },
    get openDeviceCount() {
      return open.size;
    },
    get lastOpenOptions() {
      return lastOpenOptions;
    },
  };
}
