import type { Scan, ScannerStatus } from '../../../../../shared/scanner/scanTypes';
import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { createEmulatedHidScanner, type EmulatedHidScanner, type EmulatedHidScannerOptions } from '../../../../../electron/services/scanner/emulatedHidScanner';
import { HidUnavailableError, type HidBackend, type HidDeviceInfo, type HidDeviceLike } from '../../../../../electron/services/scanner/hidBackend';
import {
  accessDeniedHint,
  createHidScannerService,
  pickScannerDevice,
  type HidScannerConfig,
  type HidScannerServiceOptions,
  type ScannerDiagnostic,
} from '../../../../../electron/services/scanner/hidScannerService';

const cashierKeyboard: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc31c, manufacturer: 'Logitech', product: 'USB Keyboard', usagePage: 0x01, usage: 0x06, path: '/dev/hidraw0' };
const mouse: HidDeviceInfo = { vendorId: 0x046d, productId: 0xc077, product: 'USB Optical Mouse', usagePage: 0x01, usage: 0x02, path: '/dev/hidraw1' };
// A Honeywell scanner lists one collection per interface.
const honeywellKeyboard: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b8f, manufacturer: 'Honeywell', product: 'Voyager 1400g', usagePage: 0x01, usage: 0x06, path: '/dev/hidraw2', interface: 0 };
const honeywellPos: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b8f, manufacturer: 'Honeywell', product: 'Voyager 1400g', usagePage: 0x8c, usage: 0x02, path: '/dev/hidraw3', interface: 1 };
const honeywellVendor: HidDeviceInfo = { vendorId: 0x0c2e, productId: 0x0b8f, manufacturer: 'Honeywell', product: 'Voyager 1400g', usagePage: 0xff00, usage: 0x01, path: '/dev/hidraw4', interface: 2 };
const zebraLibusb: HidDeviceInfo = { vendorId: 0x05e0, productId: 0x1200, product: 'Symbol Bar Code Scanner', path: '1-1:1.0' };

describe('pickScannerDevice', () => {
  const all = [cashierKeyboard, mouse, honeywellKeyboard, honeywellPos, honeywellVendor];
  it.each([
    ['pos: the barcode scanner collection', all, { mode: 'pos' }, honeywellPos],
    ['keyboard: a keyboard named like a scanner before the cashier keyboard listed first', all, { mode: 'keyboard' }, honeywellKeyboard],
    ['keyboard: any keyboard when none is named like a scanner', [mouse, cashierKeyboard], { mode: 'keyboard' }, cashierKeyboard],
    ['keyboard: never a mouse', [mouse], { mode: 'keyboard' }, undefined],
    ['pos by id', all, { mode: 'pos', vendorId: 0x0c2e, productId: 0x0b8f }, honeywellPos],
    ['keyboard by id', all, { mode: 'keyboard', vendorId: 0x0c2e, productId: 0x0b8f }, honeywellKeyboard],
    ['by vendor id alone', all, { mode: 'pos', vendorId: 0x0c2e }, honeywellPos],
    ['by id, but the device has no collection for the mode', [cashierKeyboard, honeywellKeyboard, honeywellVendor], { mode: 'pos', vendorId: 0x0c2e, productId: 0x0b8f }, undefined],
    ['by id, usage not reported (libusb driver)', [cashierKeyboard, zebraLibusb], { mode: 'pos', vendorId: 0x05e0, productId: 0x1200 }, zebraLibusb],
    ['without id, a device of unknown usage is not guessed at', [zebraLibusb], { mode: 'pos' }, undefined],
    ['usage page override', all, { mode: 'pos', usagePage: 0xff00 }, honeywellVendor],
    ['no devices', [], { mode: 'pos' }, undefined],
    ['pos: another device id given that is absent', all, { mode: 'pos', vendorId: 0x05e0 }, undefined],
  ] as const)('%s', (_name, devices, query, expected) => {
    expect(pickScannerDevice(devices, query)).toBe(expected);
  });

  it('prefers usage 0x02 among page 0x8C collections', () => {
    const attributes: HidDeviceInfo = { ...honeywellPos, usage: 0x10, path: '/dev/hidraw5' };
    expect(pickScannerDevice([attributes, honeywellPos], { mode: 'pos' })).toBe(honeywellPos);
    expect(pickScannerDevice([attributes], { mode: 'pos' })).toBe(attributes);
  });
});

describe('accessDeniedHint', () => {
  it('linux: a udev rule for this device, where to put it, how to reload', () => {
    const hint = accessDeniedHint(honeywellPos, 'pos', 'linux');
    expect(hint).toContain('KERNEL=="hidraw*", ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b8f"');
    expect(hint).toContain('/etc/udev/rules.d/');
    expect(hint).toContain('udevadm control --reload-rules');
    expect(hint).toContain('replug');
  });
  it('macOS: Input Monitoring', () => {
    expect(accessDeniedHint(honeywellKeyboard, 'keyboard', 'darwin')).toMatch(/Input Monitoring/);
  });
  it('Windows keyboard mode: switch the scanner to HID POS', () => {
    expect(accessDeniedHint(honeywellKeyboard, 'keyboard', 'win32')).toMatch(/HID POS mode/);
    expect(accessDeniedHint(honeywellPos, 'pos', 'win32')).toMatch(/Close other programs/);
  });
});

const POS_CONFIG: HidScannerConfig = { mode: 'pos', layout: 'us', terminator: 'enter', maxLength: 512, interCharTimeoutMs: 200 };
const KEYBOARD_CONFIG: HidScannerConfig = { ...POS_CONFIG, mode: 'keyboard' };

/** A service on an emulated scanner, recording everything it reports. */
function harness(scannerOptions: EmulatedHidScannerOptions, overrides: Partial<HidScannerServiceOptions> = {}, backendOverride?: (scanner: EmulatedHidScanner) => HidBackend) {
  const scanner = createEmulatedHidScanner(scannerOptions);
  const scans: Scan[] = [];
  const statuses: ScannerStatus[] = [];
  const diagnostics: ScannerDiagnostic[] = [];
  const backend = backendOverride ? backendOverride(scanner) : scanner.backend;
  const devices = vi.fn(() => backend.devices());
  const open = vi.fn((info: HidDeviceInfo, options?: { nonExclusive?: boolean }) => backend.open(info, options));
  let clock = 1_700_000_000_000;
  const service = createHidScannerService({
    backend: { devices, open },
    config: scannerOptions.mode === 'pos' ? POS_CONFIG : KEYBOARD_CONFIG,
    onScan: (scan) => scans.push(scan),
    onStatus: (status) => statuses.push(status),
    onDiagnostic: (event) => diagnostics.push(event),
    rescanIntervalMs: 5,
    now: () => clock,
    platform: 'linux',
    ...overrides,
  });
  return {
    scanner,
    service,
    scans,
    statuses,
    diagnostics,
    devices,
    open,
    setClock: (ms: number) => {
      clock = ms;
    },
  };
}

describe('HID scanner service', () => {
  const running: Array<{ stop(): Promise<void> }> = [];
  afterEach(async () => {
    for (const service of running.splice(0)) await service.stop();
  });
  const started = async (h: ReturnType<typeof harness>) => {
    running.push(h.service);
    await h.service.start();
    return h;
  };

  it('opens the HID POS scanner, reports it connected, and delivers its scans', async () => {
    const h = await started(harness({ mode: 'pos', product: 'Voyager 1400g' }));
    expect(h.statuses).toEqual([{ connection: 'connected', deviceName: 'Voyager 1400g' }]);
    expect(h.service.getStatus()).toEqual({ connection: 'connected', deviceName: 'Voyager 1400g' });
    expect(h.open).toHaveBeenCalledWith(h.scanner.info, { nonExclusive: false });
    h.setClock(1_700_000_000_500);
    await h.scanner.type(SAMPLE_PAYMENT_CODES.alipay, { symbology: 'Q1' });
    expect(h.scans).toEqual([{ data: SAMPLE_PAYMENT_CODES.alipay, source: 'hid', symbology: 'Q1', at: 1_700_000_000_500 }]);
  });

  it('reads a keyboard-mode scanner with the configured layout, opened non-exclusively', async () => {
    const h = harness({ mode: 'keyboard', layout: 'fr' }, { config: { ...KEYBOARD_CONFIG, layout: 'fr' } });
    await started(h);
    expect(h.open).toHaveBeenCalledWith(expect.anything(), { nonExclusive: true });
    await h.scanner.type(SAMPLE_PAYMENT_CODES.wechatpay);
    await h.scanner.type('A-b_C!');
    expect(h.scans.map((s) => s.data)).toEqual([SAMPLE_PAYMENT_CODES.wechatpay, 'A-b_C!']);
    expect(h.scans[0]?.source).toBe('hid');
  });

  it('reports notConfigured with a hint when no scanner is present, once, while it keeps looking', async () => {
    const h = harness({ mode: 'pos', otherDevices: [cashierKeyboard] });
    h.scanner.unplug();
    await started(h);
    expect(h.statuses).toHaveLength(1);
    expect(h.statuses[0]).toMatchObject({ connection: 'notConfigured' });
    expect(h.statuses[0]?.hint).toMatch(/HID POS mode/);
    await vi.waitFor(() => expect(h.devices.mock.calls.length).toBeGreaterThanOrEqual(4));
    expect(h.statuses).toHaveLength(1);
    // Plugging the scanner in is picked up by the polling.
    h.scanner.replug();
    await vi.waitFor(() => expect(h.service.getStatus().connection).toBe('connected'));
    expect(h.statuses.map((s) => s.connection)).toEqual(['notConfigured', 'connected']);
  });

  it('explains a configured device that is present in the wrong mode, or absent', async () => {
    const wrongMode = harness({ mode: 'keyboard', vendorId: 0x0c2e, productId: 0x0b8f, product: 'Voyager 1400g' }, { config: { ...POS_CONFIG, vendorId: 0x0c2e, productId: 0x0b8f } });
    await started(wrongMode);
    expect(wrongMode.service.getStatus()).toMatchObject({ connection: 'notConfigured' });
    expect(wrongMode.service.getStatus().hint).toMatch(/Voyager 1400g \(0c2e:0b8f\) is connected but not as a USB HID POS scanner/);

    const absent = harness({ mode: 'pos' }, { config: { ...POS_CONFIG, vendorId: 0x05e0, productId: 0x1200 } });
    await started(absent);
    expect(absent.service.getStatus().hint).toMatch(/No device 05e0:1200 is connected/);
  });

  it('reports accessDenied with the platform hint, and connects once access is granted', async () => {
    const h = harness({ mode: 'pos', vendorId: 0x0c2e, productId: 0x0b8f, product: 'Voyager 1400g' });
    h.scanner.denyAccess(true);
    await started(h);
    const status = h.service.getStatus();
    expect(status).toMatchObject({ connection: 'accessDenied', deviceName: 'Voyager 1400g' });
    expect(status.hint).toContain('ATTRS{idVendor}=="0c2e", ATTRS{idProduct}=="0b8f"');
    expect(h.diagnostics).toContainEqual({ kind: 'deviceError', message: expect.stringMatching(/Permission denied/) });
    h.scanner.denyAccess(false);
    expect(await h.service.rescan()).toEqual({ connection: 'connected', deviceName: 'Voyager 1400g' });
    expect(h.statuses.map((s) => s.connection)).toEqual(['accessDenied', 'connected']);
  });

  it('macOS keyboard mode: the access hint asks for Input Monitoring', async () => {
    const h = harness({ mode: 'keyboard' }, { platform: 'darwin' });
    h.scanner.denyAccess(true);
    await started(h);
    expect(h.service.getStatus().hint).toMatch(/Input Monitoring/);
  });

  it('survives unplug and replug without restart, and a scan cut by the unplug never comes out', async () => {
    const h = await started(harness({ mode: 'pos' }));
    await h.scanner.type('x'.repeat(100) + SAMPLE_PAYMENT_CODES.alipay, { splitReports: 8, unplugAfterReports: 3 });
    expect(h.service.getStatus()).toMatchObject({ connection: 'disconnected', deviceName: h.scanner.info.product });
    expect(h.service.getStatus().hint).toMatch(/reconnects by itself/);
    expect(h.scanner.openDeviceCount).toBe(0);
    // Still unplugged after several rescans: still "disconnected", not "notConfigured".
    const calls = h.devices.mock.calls.length;
    await vi.waitFor(() => expect(h.devices.mock.calls.length).toBeGreaterThan(calls + 2));
    expect(h.service.getStatus().connection).toBe('disconnected');

    h.scanner.replug();
    await vi.waitFor(() => expect(h.service.getStatus().connection).toBe('connected'));
    await h.scanner.type(SAMPLE_PAYMENT_CODES.unionpay);
    expect(h.scans.map((s) => s.data)).toEqual([SAMPLE_PAYMENT_CODES.unionpay]);
    expect(h.statuses.map((s) => s.connection)).toEqual(['connected', 'disconnected', 'connected']);
    expect(h.diagnostics).toContainEqual({ kind: 'deviceError', message: 'could not read from HID device' });
  });

  it('keyboard mode: a key held at the unplug does not swallow the first key after the replug', async () => {
    const h = await started(harness({ mode: 'keyboard' }));
    // Report 0 presses "1" and is the last to arrive: "1" is held when the cable goes.
    await h.scanner.type('1234', { unplugAfterReports: 1 });
    h.scanner.replug();
    await vi.waitFor(() => expect(h.service.getStatus().connection).toBe('connected'));
    await h.scanner.type('1111');
    expect(h.scans.map((s) => s.data)).toEqual(['1111']);
  });

  it('ignores data and errors from a device it already gave up, even if that device keeps emitting', async () => {
    /** A device whose removeAllListeners does nothing, as a careless backend might. */
    class LeakyDevice implements HidDeviceLike {
      readonly data: Array<(report: Uint8Array) => void> = [];
      readonly errors: Array<(error: unknown) => void> = [];
      on(event: 'data' | 'error', listener: (arg: never) => void) {
        (event === 'data' ? this.data : this.errors).push(listener as never);
        return this;
      }
      removeAllListeners() {
        return this;
      }
      async close() {}
    }
    const opened: LeakyDevice[] = [];
    const report = (code: string) => createEmulatedHidScanner({ mode: 'pos' }).reportsFor(code)[0]!;
    const scans: string[] = [];
    const statuses: string[] = [];
    const service = createHidScannerService({
      backend: {
        devices: async () => [honeywellPos],
        open: async () => {
          opened.push(new LeakyDevice());
          return opened.at(-1)!;
        },
      },
      config: POS_CONFIG,
      onScan: (scan) => scans.push(scan.data),
      onStatus: (status) => statuses.push(status.connection),
      rescanIntervalMs: 5,
    });
    running.push(service);
    await service.start();
    const [first] = opened;
    first!.errors.forEach((l) => l(new Error('could not read from HID device')));
    await vi.waitFor(() => expect(opened).toHaveLength(2));
    const second = opened[1]!;
    first!.data.forEach((l) => l(report('111111')));
    first!.errors.forEach((l) => l(new Error('late error')));
    expect(service.getStatus().connection).toBe('connected');
    second.data.forEach((l) => l(report('222222')));
    expect(scans).toEqual(['222222']);
    expect(statuses).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('turns an unusable HID library into notConfigured with the reason', async () => {
    const h = harness({ mode: 'pos' }, {}, () => ({
      devices: async () => {
        throw new HidUnavailableError('node-hid cannot be loaded: No native build was found');
      },
      open: async () => {
        throw new Error('unreachable');
      },
    }));
    await started(h);
    expect(h.service.getStatus()).toMatchObject({ connection: 'notConfigured' });
    expect(h.service.getStatus().hint).toMatch(/No native build was found.*keyboard wedge/);
  });

  it('keeps the device when the scan consumer throws', async () => {
    const scanner = createEmulatedHidScanner({ mode: 'pos' });
    const seen: string[] = [];
    const diagnostics: ScannerDiagnostic[] = [];
    const service = createHidScannerService({
      backend: scanner.backend,
      config: POS_CONFIG,
      onScan: (scan) => {
        seen.push(scan.data);
        throw new Error('checkout exploded');
      },
      onStatus: () => undefined,
      onDiagnostic: (event) => diagnostics.push(event),
    });
    running.push(service);
    await service.start();
    await scanner.type('111111');
    await scanner.type('222222');
    expect(seen).toEqual(['111111', '222222']);
    expect(service.getStatus().connection).toBe('connected');
    expect(diagnostics).toContainEqual({ kind: 'scanHandlerError', message: 'checkout exploded' });
  });

  it('reports discarded scans as diagnostics, not scans', async () => {
    const h = harness({ mode: 'pos' }, { config: { ...POS_CONFIG, maxLength: 10 } });
    await started(h);
    await h.scanner.type('12345678901');
    expect(h.scans).toEqual([]);
    expect(h.diagnostics).toContainEqual({ kind: 'discarded', reason: 'tooLong', length: 11, at: expect.any(Number) });
  });

  it('strips the configured prefix and suffix in POS mode', async () => {
    const h = harness({ mode: 'pos' }, { config: { ...POS_CONFIG, prefix: '[', suffix: ']' } });
    await started(h);
    await h.scanner.type(SAMPLE_PAYMENT_CODES.alipay, { prefix: '[', suffix: ']' });
    expect(h.scans.map((s) => s.data)).toEqual([SAMPLE_PAYMENT_CODES.alipay]);
  });

  it('stop() closes the device, stops polling and reports nothing more', async () => {
    const h = await started(harness({ mode: 'pos' }));
    expect(h.scanner.openDeviceCount).toBe(1);
    await h.service.stop();
    expect(h.scanner.openDeviceCount).toBe(0);
    expect(h.service.getStatus().connection).toBe('disconnected');
    const calls = h.devices.mock.calls.length;
    const statuses = h.statuses.length;
    h.scanner.unplug();
    h.scanner.replug();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(h.devices.mock.calls.length).toBe(calls);
    expect(h.statuses.length).toBe(statuses);
    await h.scanner.type('123456');
    expect(h.scans).toEqual([]);
  });

  it('stop() during an open in flight closes what that open returns', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const h = harness({ mode: 'pos' }, {}, (scanner) => ({
      devices: () => scanner.backend.devices(),
      open: async (info, options) => {
        await gate;
        return scanner.backend.open(info, options);
      },
    }));
    const starting = h.service.start();
    await vi.waitFor(() => expect(h.open).toHaveBeenCalled());
    const stopping = h.service.stop();
    release();
    await Promise.all([starting, stopping]);
    expect(h.scanner.openDeviceCount).toBe(0);
    expect(h.statuses).toEqual([]);
  });

  it('can be started again after stop(), and start() twice is harmless', async () => {
    const h = await started(harness({ mode: 'pos' }));
    await h.service.start();
    expect(h.open).toHaveBeenCalledTimes(1);
    await h.service.stop();
    await h.service.start();
    expect(h.service.getStatus().connection).toBe('connected');
    expect(h.statuses.map((s) => s.connection)).toEqual(['connected', 'connected']);
    await h.scanner.type('654321');
    expect(h.scans.map((s) => s.data)).toEqual(['654321']);
  });

  it('training setup: an emulated scanner per mode feeds scans synchronously from type()', async () => {
    for (const mode of ['keyboard', 'pos'] as const) {
      const device = createEmulatedHidScanner({ mode });
      const seen: Scan[] = [];
      const service = createHidScannerService({
        backend: device.backend,
        config: { mode, layout: 'us', terminator: 'enter', maxLength: 512, interCharTimeoutMs: 0 },
        onScan: (scan) => seen.push(scan),
        onStatus: () => undefined,
      });
      running.push(service);
      await service.start();
      await device.type(SAMPLE_PAYMENT_CODES.alipay);
      expect(seen.map((s) => s.data)).toEqual([SAMPLE_PAYMENT_CODES.alipay]);
    }
  });
});
