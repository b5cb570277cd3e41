import { EventEmitter } from 'node:events';
import type { HIDAsync } from 'node-hid';
import { HidUnavailableError } from '../../../../../electron/services/scanner/hidBackend';
import { createNodeHidBackend, type NodeHidModule } from '../../../../../electron/services/scanner/nodeHidBackend';

/** Stands in for node-hid's HIDAsync: an EventEmitter with listeners of its own, as the real one has. */
class FakeHidAsync extends EventEmitter {
  closed = false;
  failClose = false;
  constructor() {
    super();
    // HIDAsync starts and stops its read loop from these; removing them would break it.
    this.on('newListener', () => undefined);
    this.on('removeListener', () => undefined);
  }
  async close() {
    if (this.failClose) throw new Error('device has been closed');
    this.closed = true;
  }
}

function fakeModule(devices: unknown[] = []) {
  const opened: FakeHidAsync[] = [];
  const open = vi.fn(async (..._args: unknown[]) => {
    const device = new FakeHidAsync();
    opened.push(device);
    return device as unknown as HIDAsync;
  });
  const module: NodeHidModule = {
    devicesAsync: async () => devices as never,
    HIDAsync: { open: open as unknown as NodeHidModule['HIDAsync']['open'] },
    getHidapiVersion: () => '0.15.0',
  };
  return { module, open, opened };
}

describe('node-hid backend', () => {
  it('loads the real node-hid lazily and lists devices (none on this machine is fine)', async () => {
    const backend = createNodeHidBackend();
    const probe = await backend.probe();
    expect(probe).toEqual({ available: true, hidapiVersion: expect.stringMatching(/^\d+\.\d+/) });
    expect(Array.isArray(await backend.devices())).toBe(true);
  });

  it('turns a library that cannot load into HidUnavailableError, once', async () => {
    const load = vi.fn(async () => {
      throw new Error("No native build was found for platform=linux arch=x64 runtime=electron abi=999");
    });
    const backend = createNodeHidBackend({ load });
    await expect(backend.devices()).rejects.toBeInstanceOf(HidUnavailableError);
    await expect(backend.devices()).rejects.toThrow(/No native build was found/);
    await expect(backend.open({ vendorId: 1, productId: 2, path: '/dev/hidraw0' })).rejects.toBeInstanceOf(HidUnavailableError);
    expect(await backend.probe()).toEqual({ available: false, reason: expect.stringMatching(/node-hid cannot be loaded/) });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('probes the native binding at load: a module whose binding is missing is unavailable', async () => {
    const { module } = fakeModule();
    module.getHidapiVersion = () => {
      throw new Error('Cannot find module ./build/Release/HID_hidraw.node');
    };
    const error = await createNodeHidBackend({ load: async () => module }).devices().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HidUnavailableError);
    expect((error as HidUnavailableError).code).toBe('HID_UNAVAILABLE');
  });

  it('passes on only the HidDeviceInfo fields', async () => {
    const { module } = fakeModule([
      { vendorId: 0x0c2e, productId: 0x0b8f, path: '/dev/hidraw3', serialNumber: 'X1', manufacturer: 'Honeywell', product: 'Voyager', release: 0x100, interface: 1, usagePage: 0x8c, usage: 2 },
      { vendorId: 1, productId: 2, release: 0, interface: -1 },
    ]);
    expect(await createNodeHidBackend({ load: async () => module }).devices()).toEqual([
      { vendorId: 0x0c2e, productId: 0x0b8f, path: '/dev/hidraw3', manufacturer: 'Honeywell', product: 'Voyager', interface: 1, usagePage: 0x8c, usage: 2 },
      { vendorId: 1, productId: 2, interface: -1 },
    ]);
  });

  it('opens by path, or by vendor and product id, passing nonExclusive', async () => {
    const { module, open } = fakeModule();
    const backend = createNodeHidBackend({ load: async () => module });
    await backend.open({ vendorId: 1, productId: 2, path: '/dev/hidraw7' }, { nonExclusive: true });
    await backend.open({ vendorId: 1, productId: 2 });
    expect(open.mock.calls).toEqual([
      ['/dev/hidraw7', { nonExclusive: true }],
      [1, 2, { nonExclusive: false }],
    ]);
  });

  it('forwards reports, removes only its own listeners, and never lets a late error crash', async () => {
    const { module, opened } = fakeModule();
    const device = await createNodeHidBackend({ load: async () => module }).open({ vendorId: 1, productId: 2, path: 'p' });
    const raw = opened[0]!;
    const reports: Uint8Array[] = [];
    const errors: unknown[] = [];
    device.on('data', (report) => reports.push(report));
    device.on('error', (error) => errors.push(error));
    raw.emit('data', Buffer.from([1, 2, 3]));
    raw.emit('error', new Error('could not read from HID device'));
    expect(reports).toEqual([Buffer.from([1, 2, 3])]);
    expect(errors).toHaveLength(1);

    device.removeAllListeners();
    expect(raw.listenerCount('newListener')).toBe(1);
    expect(raw.listenerCount('removeListener')).toBe(1);
    expect(raw.listenerCount('data')).toBe(0);
    // An EventEmitter throws on an 'error' nobody listens to; the adapter keeps a listener for good.
    expect(() => raw.emit('error', new Error('could not read from HID device'))).not.toThrow();
    expect(errors).toHaveLength(1);

    raw.failClose = true;
    await expect(device.close()).resolves.toBeUndefined();
  });
});
