/**
 * What the scanner service needs from a HID library, and nothing more. node-hid sits
 * behind it in production (nodeHidBackend.ts); the emulated scanner sits behind it in
 * tests and training mode, so both run the same service and decoders.
 */

/** One HID collection as the OS lists it (a composite scanner lists several). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  /** Platform path used to open this exact collection (hidraw node, IOService path, Windows device path). */
  path?: string;
  product?: string;
  manufacturer?: string;
  /** 0x8C for a HID POS barcode scanner, 0x01 (with usage 0x06) for a keyboard. Absent with the libusb driver. */
  usagePage?: number;
  usage?: number;
  interface?: number;
}

/** An open device. Mirrors the part of node-hid's HIDAsync the service uses. */
export interface HidDeviceLike {
  /** Input reports, as the OS delivers them (report ID first when the device numbers its reports). */
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  /** A read failed: in practice the device was unplugged. No more data follows. */
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void>;
  /** Removes the listeners the service added. */
  removeAllListeners(): unknown;
}

export interface HidOpenOptions {
  /**
   * macOS only: open without seizing the device. The only way to read a device the OS
   * treats as a keyboard; macOS then asks for Input Monitoring permission.
   */
  nonExclusive?: boolean;
}

export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  /** Rejects when the device cannot be opened (permissions, gone, owned by the OS). */
  open(info: HidDeviceInfo, options?: HidOpenOptions): Promise<HidDeviceLike>;
}

/**
 * The HID library itself cannot be used here (native binary missing or built for another
 * ABI, unsupported platform). Thrown by backends so callers can tell "no HID at all"
 * from "no scanner plugged in".
 */
export class HidUnavailableError extends Error {
  readonly code = 'HID_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HidUnavailableError';
  }
}

export const HID_USAGE_PAGE_GENERIC_DESKTOP = 0x01;
export const HID_USAGE_KEYBOARD = 0x06;
export const HID_USAGE_PAGE_BARCODE_SCANNER = 0x8c;
/** Usage 0x02 of page 0x8C: "Bar Code Scanner", the collection that carries scanned data. */
export const HID_USAGE_BARCODE_SCANNER = 0x02;
