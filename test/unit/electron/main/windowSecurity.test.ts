import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import {
  createLockedDownWindow,
  createSenderGate,
  ipcSenderOf,
  lockDownContents,
  lockDownSession,
  openExternalIfAllowed,
  type BrowserWindowConstructor,
  type WindowSecurityContext,
} from '../../../../electron/main/windowSecurity';

// Electron cannot be loaded here; these fakes record what the glue asks of it.
const RENDERER = path.resolve('/opt/counterpay/dist/renderer');
const page = (name: string) => pathToFileURL(path.join(RENDERER, name)).href;

function fakeEvent(fields: Record<string, unknown> = {}) {
  return { ...fields, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
}

function setup() {
  const opened: string[] = [];
  const warnings: string[] = [];
  const context: WindowSecurityContext = {
    rendererDir: RENDERER,
    shell: { openExternal: async (url: string) => void opened.push(url) },
    warn: (message) => void warnings.push(message),
  };
  const contents = Object.assign(new EventEmitter(), {
    openHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler;
    },
  });
  lockDownContents(contents as unknown as WebContents, context);
  return { contents, opened, warnings, context };
}

describe('lockDownContents', () => {
  it('lets the main frame move between our pages only', () => {
    const { contents, opened, warnings } = setup();
    const ok = fakeEvent({ url: page('display.html'), isMainFrame: true });
    contents.emit('will-navigate', ok);
    expect(ok.defaultPrevented).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', page('../secrets.html'), 'javascript:alert(1)']) {
      const event = fakeEvent({ url, isMainFrame: true });
      contents.emit('will-navigate', event);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(opened).toEqual([]);
    expect(warnings).toHaveLength(4);
  });

  it('opens an allowlisted link in the OS browser instead of navigating to it', () => {
    const { contents, opened } = setup();
    const event = fakeEvent({ url: 'https://www.nihaopay.com/help', isMainFrame: true });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(opened).toEqual(['https://www.nihaopay.com/help']);
  });

  it('refuses every subframe navigation, and redirects away from our pages', () => {
    const { contents } = setup();
    const sub = fakeEvent({ url: page('index.html'), isMainFrame: false });
    contents.emit('will-frame-navigate', sub);
    expect(sub.defaultPrevented).toBe(true);
    const main = fakeEvent({ url: page('index.html'), isMainFrame: true });
    contents.emit('will-frame-navigate', main);
    expect(main.defaultPrevented).toBe(false);
    const redirect = fakeEvent({ url: 'http://127.0.0.1:8080/', isMainFrame: true });
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
  });

  it('denies every new window; an allowlisted https link goes to the OS browser', () => {
    const { contents, opened } = setup();
    for (const url of ['https://www.nihaopay.com/', 'https://evil.example/', page('index.html'), 'file:///bin/sh', 'smb://host/share']) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.nihaopay.com/']);
  });

  it('refuses webviews and cancels the Bluetooth picker', () => {
    const { contents } = setup();
    const attach = fakeEvent();
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
    const picked: string[] = [];
    const bluetooth = fakeEvent();
    contents.emit('select-bluetooth-device', bluetooth, [{ deviceId: 'scanner', deviceName: 'BT scanner' }], (id: string) => picked.push(id));
    expect(bluetooth.defaultPrevented).toBe(true);
    expect(picked).toEqual(['']);
  });
});

describe('openExternalIfAllowed', () => {
  it('passes only the normalised allowlisted URL to shell.openExternal', () => {
    const opened: string[] = [];
    const shell = { openExternal: async (url: string) => void opened.push(url) };
    expect(openExternalIfAllowed(shell, 'HTTPS://WWW.NIHAOPAY.COM/a')).toBe(true);
    expect(openExternalIfAllowed(shell, 'https://www.nihaopay.com@evil.example/')).toBe(false);
    expect(openExternalIfAllowed(shell, 'file:///etc/passwd')).toBe(false);
    expect(opened).toEqual(['https://www.nihaopay.com/a']);
  });
});

describe('lockDownSession', () => {
  function fakeSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = Object.assign(new EventEmitter(), {
      spellchecker: true,
      setPermissionRequestHandler: (h: never) => void (handlers.request = h),
      setPermissionCheckHandler: (h: never) => void (handlers.check = h),
      setDevicePermissionHandler: (h: never) => void (handlers.device = h),
      setSpellCheckerEnabled(enabled: boolean) {
        this.spellchecker = enabled;
      },
      webRequest: { onBeforeRequest: (h: never) => void (handlers.beforeRequest = h) },
    });
    return { session, handlers };
  }

  it('denies permission requests and checks, device access and pickers; cancels remote requests', () => {
    const { session, handlers } = fakeSession();
    const { context, warnings } = setup();
    lockDownSession(session as unknown as Session, context);
    const details = { requestingUrl: page('index.html'), isMainFrame: true };
    for (const permission of ['media', 'fullscreen', 'notifications', 'hid', 'openExternal']) {
      let granted: boolean | undefined;
      (handlers.request as (...a: unknown[]) => void)({}, permission, (g: boolean) => (granted = g), details);
      expect(granted, permission).toBe(false);
      expect((handlers.check as (...a: unknown[]) => boolean)({}, permission, 'file:///', details)).toBe(false);
    }
    expect((handlers.device as (...a: unknown[]) => boolean)({ deviceType: 'hid', origin: 'file://' })).toBe(false);

    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (handlers.beforeRequest as (...a: unknown[]) => void)({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide(page('assets/index-1.js'))).toBe(false);
    expect(decide('https://fonts.googleapis.com/css')).toBe(true);
    expect(decide('ws://127.0.0.1:9/')).toBe(true);
    expect(warnings).toEqual(['request blocked', 'request blocked']);

    const hid: string[] = [];
    const hidEvent = fakeEvent();
    session.emit('select-hid-device', hidEvent, { deviceList: [{ deviceId: 'x' }] }, (id?: string) => hid.push(String(id)));
    expect(hidEvent.defaultPrevented).toBe(true);
    expect(hid).toEqual(['undefined']);
    const ports: string[] = [];
    session.emit('select-serial-port', fakeEvent(), [{ portId: 'p' }], {}, (id: string) => ports.push(id));
    expect(ports).toEqual(['']);
    expect(session.spellchecker).toBe(false);
  });
});

describe('createLockedDownWindow', () => {
  it('creates every window isolated, sandboxed, without Node, with web security', () => {
    const created: BrowserWindowConstructorOptions[] = [];
    const FakeWindow = class {
      readonly webContents = {};
      constructor(options: BrowserWindowConstructorOptions) {
        created.push(options);
      }
    } as unknown as BrowserWindowConstructor;
    createLockedDownWindow(FakeWindow, { preload: '/p.cjs', title: 'Counterpay', devTools: false });
    createLockedDownWindow(FakeWindow, { preload: '/p.cjs', title: 'Display', devTools: true, fullscreenOn: { x: 1920, y: 0, width: 1024, height: 768 } });
    for (const options of created) {
      expect(options.webPreferences).toMatchObject({
        preload: '/p.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
      });
      expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    }
    expect(created[0]!.webPreferences!.devTools).toBe(false);
    expect(created[1]).toMatchObject({ x: 1920, fullscreen: true });
  });
});

describe('sender gate', () => {
  const frame = (url: string, parent: object | null = null) => ({ url, parent });
  function contentsWithId(id: number) {
    return Object.assign(new EventEmitter(), { id });
  }

  it('turns an IPC event into plain data', () => {
    expect(ipcSenderOf({ sender: { id: 7 } as WebContents, senderFrame: frame(page('index.html')) as never })).toEqual({ webContentsId: 7, frameUrl: page('index.html'), isMainFrame: true });
    expect(ipcSenderOf({ sender: { id: 7 } as WebContents, senderFrame: frame(page('index.html'), {}) as never }).isMainFrame).toBe(false);
    expect(ipcSenderOf({ sender: { id: 7 } as WebContents, senderFrame: null })).toEqual({ webContentsId: 7, frameUrl: undefined, isMainFrame: false });
  });

  it('honours our windows\' main frames, until the window is destroyed', () => {
    const gate = createSenderGate(RENDERER);
    const ours = contentsWithId(3);
    gate.trust(ours as unknown as WebContents);
    const event = (id: number, f: ReturnType<typeof frame> | null) => ({ sender: { id } as WebContents, senderFrame: f as never });
    expect(gate.allows(event(3, frame(page('index.html'))))).toBe(true);
    expect(gate.allows(event(4, frame(page('index.html'))))).toBe(false);
    expect(gate.allows(event(3, frame(page('index.html'), {})))).toBe(false);
    expect(gate.allows(event(3, frame('https://evil.example/')))).toBe(false);
    expect(gate.allows(event(3, null))).toBe(false);
    ours.emit('destroyed');
    expect(gate.allows(event(3, frame(page('index.html'))))).toBe(false);
  });
});
