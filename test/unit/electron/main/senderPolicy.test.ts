import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import { CALL_NAMES, EVENT_NAMES } from '../../../../shared/bridge/contract';
import { createSenderGate } from '../../../../electron/main/windowSecurity';
import { DISPLAY_WINDOW_CALLS, isCallAllowedFor, isCallHonoured, isEventSentTo, isTrustedSender, type IpcSender, type WindowRole } from '../../../../electron/main/senderPolicy';

const RENDERER = path.resolve('/opt/counterpay/dist/renderer');
const cashier = pathToFileURL(path.join(RENDERER, 'index.html')).href;
const display = pathToFileURL(path.join(RENDERER, 'display.html')).href;
const ours = new Set([3, 4]);

describe('isTrustedSender', () => {
  it.each<IpcSender>([
    { webContentsId: 3, frameUrl: cashier, isMainFrame: true },
    { webContentsId: 4, frameUrl: display + '#/idle', isMainFrame: true },
  ])('honours the main frame of our window: %j', (sender) => {
    expect(isTrustedSender(sender, ours, RENDERER)).toBe(true);
  });

  it.each<[string, IpcSender]>([
    ['a web contents we did not create', { webContentsId: 9, frameUrl: cashier, isMainFrame: true }],
    ['a subframe of our window', { webContentsId: 3, frameUrl: cashier, isMainFrame: false }],
    ['our window after navigating away', { webContentsId: 3, frameUrl: 'https://evil.example/', isMainFrame: true }],
    ['a destroyed or navigated frame', { webContentsId: 3, frameUrl: undefined, isMainFrame: true }],
    ['a file that is not one of our pages', { webContentsId: 3, frameUrl: 'file:///tmp/evil.html', isMainFrame: true }],
    ['a path trick', { webContentsId: 3, frameUrl: pathToFileURL(RENDERER).href + '/%2e%2e/evil.html', isMainFrame: true }],
    ['about:blank', { webContentsId: 3, frameUrl: 'about:blank', isMainFrame: true }],
  ])('refuses %s', (_what, sender) => {
    expect(isTrustedSender(sender, ours, RENDERER)).toBe(false);
  });

  it('refuses everyone while no window is trusted', () => {
    expect(isTrustedSender({ webContentsId: 3, frameUrl: cashier, isMainFrame: true }, new Set(), RENDERER)).toBe(false);
  });
});

describe('what each window may call', () => {
  it('lets the cashier window make every call', () => {
    for (const call of CALL_NAMES) expect(isCallAllowedFor('cashier', call)).toBe(true);
  });

  it('lets the display window read its view and nothing else', () => {
    expect(CALL_NAMES.filter((call) => isCallAllowedFor('display', call))).toEqual(['getDisplay']);
    expect(DISPLAY_WINDOW_CALLS).toEqual(['getDisplay']);
  });

  it.each<(typeof CALL_NAMES)[number]>(['startSale', 'submitScan', 'simulateScan', 'refund', 'updateSettings', 'setMerchantToken', 'getSnapshot', 'startShowQr', 'createDisplayPairingCode', 'pairDisplay'])(
    'refuses %s from the display window',
    (call) => {
      expect(isCallAllowedFor('display', call)).toBe(false);
    },
  );

  it('sends the display window its view only, the cashier window everything', () => {
    expect(EVENT_NAMES.filter((event) => isEventSentTo('display', event))).toEqual(['display']);
    expect(EVENT_NAMES.filter((event) => isEventSentTo('cashier', event))).toEqual([...EVENT_NAMES]);
  });

  describe('isCallHonoured', () => {
    const roles = new Map<number, WindowRole>([
      [3, 'cashier'],
      [4, 'display'],
    ]);
    it.each<[string, IpcSender, (typeof CALL_NAMES)[number], boolean]>([
      ['the cashier starting a sale', { webContentsId: 3, frameUrl: cashier, isMainFrame: true }, 'startSale', true],
      ['the display reading its view', { webContentsId: 4, frameUrl: display, isMainFrame: true }, 'getDisplay', true],
      ['the display starting a sale', { webContentsId: 4, frameUrl: display, isMainFrame: true }, 'startSale', false],
      ['the display reading the snapshot', { webContentsId: 4, frameUrl: display, isMainFrame: true }, 'getSnapshot', false],
      // navigationPolicy lets a window show either page: the window's role still decides.
      ['the display window navigated to the cashier page', { webContentsId: 4, frameUrl: cashier, isMainFrame: true }, 'startSale', false],
      ['the display window navigated to the cashier page, changing settings', { webContentsId: 4, frameUrl: cashier, isMainFrame: true }, 'updateSettings', false],
      ['a subframe of the display', { webContentsId: 4, frameUrl: display, isMainFrame: false }, 'getDisplay', false],
      ['the display after navigating away', { webContentsId: 4, frameUrl: 'https://evil.example/', isMainFrame: true }, 'getDisplay', false],
      ['a window with no role', { webContentsId: 9, frameUrl: cashier, isMainFrame: true }, 'getDisplay', false],
    ])('%s: %s', (_what, sender, call, honoured) => {
      expect(isCallHonoured(sender, call, roles, RENDERER)).toBe(honoured);
    });
  });
});

describe('sender gate with window roles', () => {
  const contentsWithId = (id: number) => Object.assign(new EventEmitter(), { id });
  const event = (id: number, url: string) => ({ sender: { id } as WebContents, senderFrame: { url, parent: null } as never });

  it('honours each call only from a window whose role allows it, until the window is gone', () => {
    const gate = createSenderGate(RENDERER);
    const cashierContents = contentsWithId(3);
    const displayContents = contentsWithId(4);
    gate.trust(cashierContents as unknown as WebContents);
    gate.trust(displayContents as unknown as WebContents, 'display');
    expect(gate.allowsCall(event(3, cashier), 'startSale')).toBe(true);
    expect(gate.allowsCall(event(4, display), 'getDisplay')).toBe(true);
    expect(gate.allowsCall(event(4, display), 'startSale')).toBe(false);
    expect(gate.allowsCall(event(4, cashier), 'refund')).toBe(false);
    expect(gate.allowsCall(event(5, display), 'getDisplay')).toBe(false);
    displayContents.emit('destroyed');
    expect(gate.allowsCall(event(4, display), 'getDisplay')).toBe(false);
    expect(gate.allowsCall(event(3, cashier), 'startSale')).toBe(true);
  });
});
