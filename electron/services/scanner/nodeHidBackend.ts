import type { HIDAsync } from 'node-hid';
import { HidUnavailableError, type HidBackend, type HidDeviceInfo, type HidDeviceLike, type HidOpenOptions } from './hidBackend';

/**
 * The one file that touches node-hid. It is loaded on first use, not at import: node-hid
 * is a native module, and a missing or mismatched binary (wrong Electron ABI, an
 * unsupported platform) must become a HidUnavailableError the service can show as a
 * status, not an exception that stops the app from starting.
 */

/** The part of node-hid this backend calls. */
export interface NodeHidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string, options?: { nonExclusive?: boolean }): Promise<HIDAsync>; open(vid: number, pid: number, options?: { nonExclusive?: boolean }): Promise<HIDAsync> };
  /** Loads the native binding synchronously; used as the "does it work here" probe. */
  getHidapiVersion(): string;
}

export interface NodeHidBackendOptions {
  /** Replaces the dynamic import, for tests. */
  load?: () => Promise<NodeHidModule>;
}

export interface NodeHidBackend extends HidBackend {
  /** hidapi's version once loaded, or the reason HID cannot be used. Never throws. */
  probe(): Promise<{ available: true; hidapiVersion: string } | { available: false; reason: string }>;
}

async function importNodeHid(): Promise<NodeHidModule> {
  const imported = (await import('node-hid')) as unknown as NodeHidModule & { default?: NodeHidModule };
  // node-hid is CommonJS: depending on the loader, its exports are the namespace or its default.
  return imported.default ?? imported;
}

export function createNodeHidBackend(options: NodeHidBackendOptions = {}): NodeHidBackend {
  const load = options.load ?? importNodeHid;
  // A binary that failed to load will not appear while the app runs, so the outcome
  // (success or failure) is kept rather than retried on every rescan.
  let loaded: Promise<NodeHidModule> | undefined;

  const hid = (): Promise<NodeHidModule> => {
    loaded ??= (async () => {
      try {
        const module = await load();
        module.getHidapiVersion();
        return module;
      } catch (error) {
        throw new HidUnavailableError(`node-hid cannot be loaded: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    })();
    return loaded;
  };

  return {
    async devices() {
      const module = await hid();
      const devices = await module.devicesAsync();
      return devices.map(toDeviceInfo);
    },
    async open(info, openOptions?: HidOpenOptions) {
      const module = await hid();
      const nodeOptions = { nonExclusive: openOptions?.nonExclusive ?? false };
      const device = info.path ? await module.HIDAsync.open(info.path, nodeOptions) : await module.HIDAsync.open(info.vendorId, info.productId, nodeOptions);
      return new NodeHidDevice(device);
    },
    async probe() {
      try {
        const module = await hid();
        return { available: true, hidapiVersion: module.getHidapiVersion() };
      } catch (error) {
        return { available: false, reason: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

/** Keeps only the fields of HidDeviceInfo: node-hid adds serial numbers and release numbers we do not pass on. */
function toDeviceInfo(device: HidDeviceInfo): HidDeviceInfo {
  const info: HidDeviceInfo = { vendorId: device.vendorId, productId: device.productId };
  if (device.path !== undefined) info.path = device.path;
  if (device.product !== undefined) info.product = device.product;
  if (device.manufacturer !== undefined) info.manufacturer = device.manufacturer;
  if (device.usagePage !== undefined) info.usagePage = device.usagePage;
  if (device.usage !== undefined) info.usage = device.usage;
  if (device.interface !== undefined) info.interface = device.interface;
  return info;
}

// EventEmitter's own signature; the overloads of `on` below give callers the precise types.
type Listener = (...args: any[]) => void;

class NodeHidDevice implements HidDeviceLike {
  private readonly added: Array<{ event: 'data' | 'error'; listener: Listener }> = [];

  constructor(private readonly device: HIDAsync) {
    // After an unplug node-hid may emit read errors again; an 'error' event nobody
    // listens to is thrown by EventEmitter and would take the main process down. This
    // listener stays for the device's whole life, whatever the service removes.
    device.on('error', () => undefined);
  }

  on(event: 'data', listener: (report: Uint8Array) => void): this;
  on(event: 'error', listener: (error: unknown) => void): this;
  on(event: 'data' | 'error', listener: Listener): this {
    this.device.on(event, listener);
    this.added.push({ event, listener });
    return this;
  }

  removeAllListeners(): this {
    // Only ours: HIDAsync's own listeners start and stop its read loop.
    for (const { event, listener } of this.added.splice(0)) this.device.off(event, listener);
    return this;
  }

  async close(): Promise<void> {
    try {
      await this.device.close();
    } catch {
      // Closing a device that was unplugged can fail; it is closed either way.
    }
  }
}
