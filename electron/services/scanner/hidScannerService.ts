import type { Scan, ScannerStatus } from '../../../shared/scanner/scanTypes';
import {
  HID_USAGE_BARCODE_SCANNER,
  HID_USAGE_KEYBOARD,
  HID_USAGE_PAGE_BARCODE_SCANNER,
  HID_USAGE_PAGE_GENERIC_DESKTOP,
  HidUnavailableError,
  type HidBackend,
  type HidDeviceInfo,
  type HidDeviceLike,
} from './hidBackend';
import { createHidKeyboardDecoder, type KeyboardDecodeOutcome } from './hidKeyboardDecoder';
import { createHidPosDecoder, type PosDecodeOutcome } from './hidPosDecoder';
import type { KeyboardLayoutId, ScanTerminator } from './keyboardLayouts';

/**
 * Finds the barcode scanner among the HID devices, reads it, and reports scans and its
 * status. Unplugging shows up as a read error on the open device; from then on (and
 * whenever no scanner is open) the device list is polled, so plugging back in — or fixing
 * a permission — reconnects without restarting the app. While a scanner is open nothing
 * is polled: enumerating USB devices is not free.
 */

export interface HidScannerConfig {
  /** 'pos': USB HID POS (usage page 0x8C). 'keyboard': a scanner that presents itself as a keyboard. */
  mode: 'keyboard' | 'pos';
  /** Pick this device; otherwise the first scanner-like collection for the mode. */
  vendorId?: number;
  productId?: number;
  /** Overrides the usage page looked for (0x8C for POS, 0x01 keyboard by default). */
  usagePage?: number;
  /** Keyboard mode: the layout the scanner types for. */
  layout: KeyboardLayoutId;
  /** Keyboard mode: the key that ends a scan. */
  terminator: ScanTerminator;
  maxLength: number;
  /** A scan stalled longer than this (ms) between keys or reports is dropped; 0 disables. */
  interCharTimeoutMs: number;
  /** Keyboard: the report ID in front of boot reports (default: detected by length). POS: the data report ID (default 0x02). */
  reportId?: number;
  /** POS mode: the prefix and suffix the scanner is configured to add. */
  prefix?: string;
  suffix?: string;
}

/** What went wrong without changing the status, for the log. */
export type ScannerDiagnostic =
  | { kind: 'discarded'; reason: string; length: number; at: number }
  | { kind: 'deviceError'; message: string }
  | { kind: 'scanHandlerError'; message: string };

export interface HidScannerServiceOptions {
  backend: HidBackend;
  config: HidScannerConfig;
  onScan: (scan: Scan) => void;
  /** Called on every change of status (and once after the first look for a scanner). */
  onStatus: (status: ScannerStatus) => void;
  onDiagnostic?: (event: ScannerDiagnostic) => void;
  /** How often to look for the scanner while none is open. Default 2000 ms. */
  rescanIntervalMs?: number;
  /** Epoch ms; the decoders never read the clock themselves. Default Date.now. */
  now?: () => number;
  /** For the access hint. Default process.platform. */
  platform?: NodeJS.Platform;
}

export interface HidScannerService {
  /** Resolves after the first look for the scanner, with the status already reported. */
  start(): Promise<void>;
  /** Closes the device and stops polling. Does not call onStatus: the app is shutting down. */
  stop(): Promise<void>;
  getStatus(): ScannerStatus;
  /** Looks for the scanner now rather than at the next interval (e.g. after fixing a permission). */
  rescan(): Promise<ScannerStatus>;
}

export type ScannerDeviceQuery = Pick<HidScannerConfig, 'mode' | 'vendorId' | 'productId' | 'usagePage'>;

/** Names that mark a keyboard collection as a scanner rather than the cashier's keyboard. */
export const SCANNER_NAME = /scan|barcode|bar code|imager|honeywell|metrologic|zebra|symbol|datalogic|newland|opticon|code corp|zebex|netum|eyoyo|inateck|tera|mindeo/i;

/**
 * The collection to open, or undefined. With a vendor (and product) ID, only that device's
 * collections qualify, and the one matching the mode wins; a collection whose usage the
 * OS does not report (libusb driver) is accepted as a last resort. Without IDs: the first
 * HID POS scanner collection (page 0x8C), or in keyboard mode the first keyboard,
 * preferring one whose name says it is a scanner over the cashier's own keyboard.
 */
export function pickScannerDevice(devices: readonly HidDeviceInfo[], config: ScannerDeviceQuery): HidDeviceInfo | undefined {
  const byId = config.vendorId !== undefined || config.productId !== undefined;
  const candidates = devices.filter(
    (d) => (config.vendorId === undefined || d.vendorId === config.vendorId) && (config.productId === undefined || d.productId === config.productId),
  );
  const page = config.usagePage ?? (config.mode === 'pos' ? HID_USAGE_PAGE_BARCODE_SCANNER : HID_USAGE_PAGE_GENERIC_DESKTOP);
  const matching = candidates.filter((d) => d.usagePage === page && (page !== HID_USAGE_PAGE_GENERIC_DESKTOP || d.usage === HID_USAGE_KEYBOARD));
  const preferred =
    page === HID_USAGE_PAGE_BARCODE_SCANNER
      ? matching.find((d) => d.usage === HID_USAGE_BARCODE_SCANNER)
      : matching.find((d) => SCANNER_NAME.test(`${d.manufacturer ?? ''} ${d.product ?? ''}`));
  const picked = preferred ?? matching[0];
  if (picked) return picked;
  if (byId) return candidates.find((d) => d.usagePage === undefined || d.usagePage === 0);
  return undefined;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
const deviceId = (d: Pick<HidDeviceInfo, 'vendorId' | 'productId'>) => `${hex4(d.vendorId)}:${hex4(d.productId)}`;
const deviceName = (d: HidDeviceInfo) => d.product?.trim() || d.manufacturer?.trim() || `HID device ${deviceId(d)}`;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the merchant can do when the OS will not let the app open the scanner. */
export function accessDeniedHint(device: HidDeviceInfo, mode: HidScannerConfig['mode'], platform: NodeJS.Platform): string {
  const name = `${deviceName(device)} (${deviceId(device)})`;
  switch (platform) {
    case 'linux':
      return (
        `Linux does not let this user read ${name}. Add a udev rule: put ` +
        `KERNEL=="hidraw*", ATTRS{idVendor}=="${hex4(device.vendorId)}", ATTRS{idProduct}=="${hex4(device.productId)}", MODE="0660", TAG+="uaccess" ` +
        `in /etc/udev/rules.d/70-counterpay-scanner.rules, run "sudo udevadm control --reload-rules && sudo udevadm trigger", then unplug and replug the scanner.`
      );
    case 'darwin':
      return mode === 'keyboard'
        ? `macOS only lets apps read keyboard devices such as ${name} with Input Monitoring permission: allow Counterpay in System Settings > Privacy & Security > Input Monitoring, then restart Counterpay.`
        : `macOS refused access to ${name}. Quit other apps that use the scanner, or allow Counterpay in System Settings > Privacy & Security > Input Monitoring, then restart Counterpay.`;
    case 'win32':
      return mode === 'keyboard'
        ? `Windows does not let apps read keyboard devices such as ${name} directly. Set the scanner to USB HID POS mode with the programming barcode in its manual, or use it as a keyboard wedge.`
        : `Windows refused access to ${name}. Close other programs that use the scanner (such as the vendor's configuration tool) and replug it.`;
    default:
      return `The operating system refused access to ${name}. Check that this user may read HID devices.`;
  }
}

function notConfiguredHint(devices: readonly HidDeviceInfo[], config: HidScannerConfig): string {
  const wanted = config.mode === 'pos' ? 'a USB HID POS scanner (usage page 0x8C)' : 'a keyboard';
  if (config.vendorId !== undefined || config.productId !== undefined) {
    const present = devices.find(
      (d) => (config.vendorId === undefined || d.vendorId === config.vendorId) && (config.productId === undefined || d.productId === config.productId),
    );
    if (present) {
      return `${deviceName(present)} (${deviceId(present)}) is connected but not as ${wanted}. Set the scanner's interface mode with the programming barcode in its manual, or change the scanner mode in the settings.`;
    }
    const id = `${config.vendorId !== undefined ? hex4(config.vendorId) : '*'}:${config.productId !== undefined ? hex4(config.productId) : '*'}`;
    return `No device ${id} is connected. Plug the scanner in, or check its vendor and product IDs in the settings.`;
  }
  return config.mode === 'pos'
    ? 'No USB HID POS barcode scanner found. Plug the scanner in and set it to USB HID POS mode with the programming barcode in its manual; a scanner left in keyboard mode still works as a keyboard wedge.'
    : 'No keyboard-mode scanner found. Plug the scanner in, or set its vendor and product IDs in the settings.';
}

const sameStatus = (a: ScannerStatus, b: ScannerStatus) => a.connection === b.connection && a.deviceName === b.deviceName && a.hint === b.hint;

type Decoder = { push(report: Uint8Array, at: number): ReadonlyArray<KeyboardDecodeOutcome | PosDecodeOutcome> };

function createDecoder(config: HidScannerConfig): Decoder {
  const common = { maxLength: config.maxLength, interCharTimeoutMs: config.interCharTimeoutMs };
  if (config.mode === 'pos') {
    return createHidPosDecoder({
      ...common,
      ...(config.reportId !== undefined ? { reportId: config.reportId } : {}),
      ...(config.prefix !== undefined ? { prefix: config.prefix } : {}),
      ...(config.suffix !== undefined ? { suffix: config.suffix } : {}),
    });
  }
  return createHidKeyboardDecoder({ ...common, layout: config.layout, terminator: config.terminator, reportId: config.reportId ?? 'auto' });
}

export function createHidScannerService(options: HidScannerServiceOptions): HidScannerService {
  const { backend, config, onScan, onStatus } = options;
  const diagnose = options.onDiagnostic ?? (() => undefined);
  const rescanIntervalMs = options.rescanIntervalMs ?? 2000;
  const now = options.now ?? Date.now;
  const platform = options.platform ?? process.platform;

  let running = false;
  let status: ScannerStatus = { connection: 'notConfigured' };
  let reported = false;
  let device: HidDeviceLike | undefined;
  let connectedName: string | undefined;
  /** A scanner was open and went away: keep saying "disconnected" until it is back. */
  let lostDevice = false;
  /** Bumped whenever a device is attached or detached, so late events of an old device are ignored. */
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cycle: Promise<void> | undefined;

  const setStatus = (next: ScannerStatus) => {
    if (reported && sameStatus(status, next)) return;
    status = next;
    reported = true;
    if (running) onStatus(next);
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!running || device) return;
    timer = setTimeout(() => void rescan(), rescanIntervalMs);
    // Polling must never be what keeps a Node process alive.
    timer.unref?.();
  };

  const detach = (): HidDeviceLike | undefined => {
    generation++;
    const old = device;
    device = undefined;
    old?.removeAllListeners();
    return old;
  };

  const handle = (outcomes: ReadonlyArray<KeyboardDecodeOutcome | PosDecodeOutcome>) => {
    for (const outcome of outcomes) {
      if (outcome.kind === 'discarded') {
        diagnose({ kind: 'discarded', reason: outcome.reason, length: outcome.length, at: outcome.at });
        continue;
      }
      try {
        onScan(outcome.scan);
      } catch (error) {
        // A failing consumer must not look like a failing device (node-hid turns a throw
        // in a data listener into an 'error' event, which would read as an unplug).
        diagnose({ kind: 'scanHandlerError', message: messageOf(error) });
      }
    }
  };

  const attach = (opened: HidDeviceLike, info: HidDeviceInfo) => {
    const mine = ++generation;
    const decoder = createDecoder(config);
    device = opened;
    connectedName = deviceName(info);
    lostDevice = false;
    opened.on('data', (report) => {
      if (mine !== generation || !(report instanceof Uint8Array)) return;
      handle(decoder.push(report, now()));
    });
    opened.on('error', (error) => {
      if (mine !== generation) return;
      diagnose({ kind: 'deviceError', message: messageOf(error) });
      // The decoder goes with the device: half a scan from before the unplug must not
      // prefix the first scan after the replug.
      const old = detach();
      void old?.close().catch(() => undefined);
      lostDevice = true;
      setStatus({ connection: 'disconnected', deviceName: connectedName ?? deviceName(info), hint: `${connectedName ?? deviceName(info)} was disconnected. It reconnects by itself when plugged back in.` });
      schedule();
    });
    setStatus({ connection: 'connected', deviceName: connectedName });
  };

  const lookOnce = async () => {
    if (!running || device) return;
    let devices: HidDeviceInfo[];
    try {
      devices = await backend.devices();
    } catch (error) {
      const reason = error instanceof HidUnavailableError ? error.message : `listing HID devices failed: ${messageOf(error)}`;
      setStatus({ connection: 'notConfigured', hint: `HID scanners cannot be used on this computer (${reason}). Scanners in keyboard mode still work as a keyboard wedge.` });
      return;
    }
    if (!running) return;
    const picked = pickScannerDevice(devices, config);
    if (!picked) {
      // After an unplug the cashier should see "disconnected", not "not configured":
      // the configuration is fine, the cable is not.
      if (lostDevice) return;
      setStatus({ connection: 'notConfigured', hint: notConfiguredHint(devices, config) });
      return;
    }
    let opened: HidDeviceLike;
    try {
      // Only a keyboard needs nonExclusive (macOS cannot seize one); a POS scanner is better held exclusively.
      opened = await backend.open(picked, { nonExclusive: config.mode === 'keyboard' });
    } catch (error) {
      // The OS listed the device but will not open it: in practice a permission problem.
      diagnose({ kind: 'deviceError', message: messageOf(error) });
      setStatus({ connection: 'accessDenied', deviceName: deviceName(picked), hint: accessDeniedHint(picked, config.mode, platform) });
      return;
    }
    if (!running) {
      await opened.close().catch(() => undefined);
      return;
    }
    attach(opened, picked);
  };

  const rescan = (): Promise<ScannerStatus> => {
    cycle ??= lookOnce().finally(() => {
      cycle = undefined;
      schedule();
    });
    return cycle.then(() => status);
  };

  return {
    async start() {
      if (running) return;
      running = true;
      reported = false;
      lostDevice = false;
      await rescan();
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await cycle;
      const old = detach();
      await old?.close().catch(() => undefined);
      status = { connection: 'disconnected' };
    },
    getStatus: () => ({ ...status }),
    rescan,
  };
}
