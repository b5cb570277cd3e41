import { SAMPLE_PAYMENT_CODES } from '../../../../../shared/payments/vendors';
import { createEmulatedHidScanner, type EmulatedHidScanner, type EmulatedHidScannerOptions } from '../../../../../electron/services/scanner/emulatedHidScanner';
import { createHidKeyboardDecoder, type HidKeyboardDecoderOptions } from '../../../../../electron/services/scanner/hidKeyboardDecoder';
import { createHidPosDecoder, type HidPosDecoderOptions } from '../../../../../electron/services/scanner/hidPosDecoder';
import { KEYBOARD_LAYOUT_IDS, type KeyboardLayoutId } from '../../../../../electron/services/scanner/keyboardLayouts';

type Outcome = { kind: 'scan'; scan: { data: string; symbology?: string } } | { kind: 'discarded'; reason: string };

/** Opens the emulated device like the service does and decodes what it sends, stamped with a fake clock. */
async function listen(scanner: EmulatedHidScanner, decoderOptions: HidKeyboardDecoderOptions & HidPosDecoderOptions = {}, clock = () => Date.now()) {
  const [info] = await scanner.backend.devices();
  const device = await scanner.backend.open(info!);
  const decoder = scanner.info.usagePage === 0x8c ? createHidPosDecoder(decoderOptions) : createHidKeyboardDecoder(decoderOptions);
  const outcomes: Outcome[] = [];
  const errors: unknown[] = [];
  let reports = 0;
  device.on('data', (report) => {
    reports++;
    outcomes.push(...(decoder.push(report, clock()) as Outcome[]));
  });
  device.on('error', (error) => errors.push(error));
  return {
    device,
    outcomes,
    errors,
    get reports() {
      return reports;
    },
    scans: () => outcomes.flatMap((o) => (o.kind === 'scan' ? [o.scan.data] : [])),
  };
}

const hex = (report: Uint8Array) => Buffer.from(report).toString('hex');

describe('emulated HID scanner', () => {
  describe('keyboard reports', () => {
    it('sends press then release per character, Shift where needed, then Enter', () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      expect(scanner.reportsFor('1A').map(hex)).toEqual([
        '00001e0000000000',
        '0000000000000000',
        '0200040000000000',
        '0000000000000000',
        '0000280000000000',
        '0000000000000000',
      ]);
    });
    it('puts the report ID first when configured, and ends with Tab or nothing on request', () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard', reportId: 1 });
      expect(scanner.reportsFor('1', { terminator: 'tab' }).map(hex)).toEqual(['0100001e0000000000', '010000000000000000', '0100002b0000000000', '010000000000000000']);
      expect(scanner.reportsFor('1', { terminator: 'none' })).toHaveLength(2);
    });
    it('sends modifiers in reports of their own with splitReports', () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      expect(scanner.reportsFor('A', { splitReports: 1, terminator: 'none' }).map(hex)).toEqual([
        '0200000000000000',
        '0200040000000000',
        '0200000000000000',
        '0000000000000000',
      ]);
    });
    it('types for its layout: AltGr on German, dead key + Space for "^"', () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard', layout: 'de' });
      expect(scanner.reportsFor('@^', { terminator: 'none' }).map(hex)).toEqual([
        '4000140000000000',
        '0000000000000000',
        '0000350000000000',
        '0000000000000000',
        '00002c0000000000',
        '0000000000000000',
      ]);
    });
    it('refuses a character its layout cannot type', () => {
      expect(() => createEmulatedHidScanner({ mode: 'keyboard' }).reportsFor('é')).toThrow(/cannot type/);
    });
  });

  describe('HID POS reports', () => {
    it('writes the documented 64-byte layout', () => {
      const scanner = createEmulatedHidScanner({ mode: 'pos' });
      const [report, ...rest] = scanner.reportsFor('12', { symbology: 'Q1' });
      expect(rest).toEqual([]);
      const expected = new Uint8Array(64);
      expected.set([0x02, 2, 0x31, 0x32]);
      expected.set([0x5d, 0x51, 0x31], 58);
      expect(report).toEqual(expected);
    });
    it('splits long codes over reports of 56 bytes, flagging all but the last', () => {
      const scanner = createEmulatedHidScanner({ mode: 'pos', reportId: 0x03 });
      const reports = scanner.reportsFor('x'.repeat(130));
      expect(reports.map((r) => [r[0], r[1], r[63]])).toEqual([
        [3, 56, 1],
        [3, 56, 1],
        [3, 18, 0],
      ]);
      expect(scanner.reportsFor('x'.repeat(130), { splitReports: 10 })).toHaveLength(13);
      expect(scanner.reportsFor('')).toHaveLength(1);
    });
  });

  describe('round trips through the decoders', () => {
    const codes = [...Object.values(SAMPLE_PAYMENT_CODES), 'A-b_C!', 'Order #42: 3 x [tea], 1 x {cake}; total=9.50 / ok?', 'q'.repeat(300)];
    const modes: Array<[string, EmulatedHidScannerOptions]> = [
      ...KEYBOARD_LAYOUT_IDS.map((layout): [string, EmulatedHidScannerOptions] => [`keyboard ${layout}`, { mode: 'keyboard', layout }]),
      ['keyboard us with report ID', { mode: 'keyboard', reportId: 1 }],
      ['pos', { mode: 'pos' }],
    ];
    for (const [name, options] of modes) {
      it.each(codes)(`${name}: %s`, async (code) => {
        const scanner = createEmulatedHidScanner(options);
        const layout: KeyboardLayoutId = options.layout ?? 'us';
        const session = await listen(scanner, { layout });
        await scanner.type(code);
        expect(session.scans()).toEqual([code]);
      });
    }

    it('layout matters: a French scanner read as US gives no digits', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard', layout: 'fr' });
      const session = await listen(scanner, { layout: 'us' });
      await scanner.type('288463639882104202');
      expect(session.scans()).toEqual(['@**$^#^#(**@!)$@)@']);
    });

    it('pos: keeps the symbology and strips AIM, prefix and suffix sent in the data', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'pos' });
      const session = await listen(scanner, { prefix: '<', suffix: '>' });
      await scanner.type(SAMPLE_PAYMENT_CODES.alipay, { symbology: 'Q1', aimInData: true, prefix: '<', suffix: '>\r\n' });
      expect(session.outcomes).toEqual([{ kind: 'scan', scan: { data: SAMPLE_PAYMENT_CODES.alipay, source: 'hid', symbology: 'Q1', at: expect.any(Number) } }]);
    });

    it('pos: splits into small reports and reassembles', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'pos' });
      const session = await listen(scanner);
      await scanner.type(SAMPLE_PAYMENT_CODES.unionpay, { splitReports: 1 });
      expect(session.reports).toBe(19);
      expect(session.scans()).toEqual([SAMPLE_PAYMENT_CODES.unionpay]);
    });

    it('keyboard: split modifier reports decode the same', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      const session = await listen(scanner);
      await scanner.type('A-b_C!', { splitReports: 1 });
      expect(session.scans()).toEqual(['A-b_C!']);
    });
  });

  describe('faults', () => {
    const code = 'Ab1-';

    it('keyboard: any single report delivered twice changes nothing (held keys do not repeat)', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      const count = scanner.reportsFor(code).length;
      for (let i = 0; i < count; i++) {
        const session = await listen(scanner);
        await scanner.type(code, { duplicateReportIndex: i });
        expect(session.scans(), `duplicate of report ${i}`).toEqual([code]);
        await session.device.close();
      }
    });

    it('keyboard: a lost release between different keys changes nothing; a lost press loses its character', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      const releases = [1, 3, 5];
      let session = await listen(scanner);
      await scanner.type(code, { dropReportIndex: releases });
      expect(session.scans()).toEqual([code]);
      session = await listen(scanner);
      await scanner.type(code, { dropReportIndex: 2 });
      expect(session.scans()).toEqual(['A1-']);
    });

    it('keyboard: a lost release between two presses of the same key loses the second (it reads as held)', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      const session = await listen(scanner);
      await scanner.type('11', { dropReportIndex: 1 });
      expect(session.scans()).toEqual(['1']);
    });

    it('keyboard: a lost terminator leaves a fragment the stall timeout discards; the next scan is clean', async () => {
      let now = 0;
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      const session = await listen(scanner, { interCharTimeoutMs: 100 }, () => now);
      const enterPress = scanner.reportsFor(code).length - 2;
      await scanner.type(code, { dropReportIndex: enterPress });
      expect(session.outcomes).toEqual([]);
      now = 5_000;
      await scanner.type('42');
      expect(session.outcomes).toEqual([
        { kind: 'discarded', reason: 'stalled', length: 4, at: 5_000 },
        { kind: 'scan', scan: { data: '42', source: 'hid', at: 5_000 } },
      ]);
    });

    it('pos: a final report delivered twice gives one scan', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'pos' });
      const session = await listen(scanner);
      await scanner.type(SAMPLE_PAYMENT_CODES.wechatpay, { duplicateReportIndex: 0 });
      expect(session.reports).toBe(2);
      expect(session.scans()).toEqual([SAMPLE_PAYMENT_CODES.wechatpay]);
    });

    it('pos: a repeated continuation report cannot be told from data and doubles its chunk', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'pos' });
      const session = await listen(scanner);
      await scanner.type('abcdefghij', { splitReports: 5, duplicateReportIndex: 0 });
      expect(session.scans()).toEqual(['abcdeabcdefghij']);
    });

    it('pos: a lost final report is discarded by the stall timeout, not glued to the next scan', async () => {
      let now = 0;
      const scanner = createEmulatedHidScanner({ mode: 'pos' });
      const session = await listen(scanner, { interCharTimeoutMs: 100 }, () => now);
      await scanner.type('abcdefghij', { splitReports: 5, dropReportIndex: 1 });
      expect(session.outcomes).toEqual([]);
      now = 1_000;
      await scanner.type(SAMPLE_PAYMENT_CODES.alipay);
      expect(session.outcomes.map((o) => o.kind)).toEqual(['discarded', 'scan']);
      expect(session.scans()).toEqual([SAMPLE_PAYMENT_CODES.alipay]);
    });

    it.each(['keyboard', 'pos'] as const)('%s: unplug mid-scan errors the device, loses the scan; replug serves a fresh device', async (mode) => {
      const scanner = createEmulatedHidScanner({ mode });
      const session = await listen(scanner);
      await scanner.type(SAMPLE_PAYMENT_CODES.alipay, { unplugAfterReports: 1, splitReports: 4 });
      expect(session.reports).toBe(1);
      expect(session.errors).toHaveLength(1);
      expect(session.scans()).toEqual([]);
      expect(scanner.plugged).toBe(false);
      expect(scanner.openDeviceCount).toBe(0);
      expect(await scanner.backend.devices()).toEqual([]);
      await expect(scanner.backend.open(scanner.info)).rejects.toThrow(/cannot open/);
      // Typing into the void delivers nothing.
      await scanner.type('123456');
      expect(session.reports).toBe(1);

      scanner.replug();
      expect(await scanner.backend.devices()).toHaveLength(1);
      const again = await listen(scanner);
      await scanner.type(SAMPLE_PAYMENT_CODES.alipay);
      expect(again.scans()).toEqual([SAMPLE_PAYMENT_CODES.alipay]);
      expect(session.scans()).toEqual([]);
    });
  });

  describe('timing', () => {
    it('with no delay, delivers every report before type() returns its promise', () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      return listen(scanner).then((session) => {
        void scanner.type('123456');
        expect(session.scans()).toEqual(['123456']);
      });
    });

    it('spaces characters by charDelayMs plus seeded jitter', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      const stamps: number[] = [];
      const session = await listen(scanner, { interCharTimeoutMs: 200 });
      session.device.on('data', () => stamps.push(performance.now()));
      const started = performance.now();
      await scanner.type('12345', { charDelayMs: 5, jitterMs: 10, seed: 7 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(5 * 5 - 1);
      expect(session.scans()).toEqual(['12345']);
      // Press and release of one key go out together; keys are apart.
      expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(4);
    });
  });

  describe('backend', () => {
    it('lists the scanner as HID POS or keyboard collection, and other devices after it', async () => {
      const keyboard = { vendorId: 0x046d, productId: 0xc31c, product: 'USB Keyboard', usagePage: 1, usage: 6, path: '/dev/hidraw0' };
      const pos = createEmulatedHidScanner({ mode: 'pos', vendorId: 0x0c2e, productId: 0x0b8f, product: 'Voyager 1400g', otherDevices: [keyboard] });
      expect(await pos.backend.devices()).toEqual([
        { vendorId: 0x0c2e, productId: 0x0b8f, product: 'Voyager 1400g', manufacturer: 'Counterpay', usagePage: 0x8c, usage: 2, interface: 0, path: pos.info.path },
        keyboard,
      ]);
      await expect(pos.backend.open(keyboard)).rejects.toThrow(/cannot open device with path \/dev\/hidraw0/);
      expect(createEmulatedHidScanner({ mode: 'keyboard' }).info).toMatchObject({ vendorId: 0x1209, productId: 0x0001, usagePage: 1, usage: 6 });
    });

    it('can refuse access until told otherwise, and records open options', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      scanner.denyAccess(true);
      await expect(scanner.backend.open(scanner.info, { nonExclusive: true })).rejects.toThrow(/Permission denied/);
      expect(scanner.lastOpenOptions).toEqual({ nonExclusive: true });
      scanner.denyAccess(false);
      const device = await scanner.backend.open({ vendorId: scanner.info.vendorId, productId: scanner.info.productId });
      expect(scanner.openDeviceCount).toBe(1);
      await device.close();
      expect(scanner.openDeviceCount).toBe(0);
    });

    it('stops delivering to a device after close or removeAllListeners', async () => {
      const scanner = createEmulatedHidScanner({ mode: 'keyboard' });
      const a = await listen(scanner);
      const b = await listen(scanner);
      a.device.removeAllListeners();
      await b.device.close();
      await scanner.type('123456');
      expect(a.reports).toBe(0);
      expect(b.reports).toBe(0);
    });
  });
});
