/**
 * Applies the security decisions (navigationPolicy, externalLinks, permissionPolicy,
 * senderPolicy) to Electron objects. Only types come from 'electron' here, and every
 * Electron object is passed in, so this file runs under plain Node in tests with fakes.
 */
import type {
  BrowserWindow as ElectronBrowserWindow,
  BrowserWindowConstructorOptions,
  IpcMainInvokeEvent,
  Rectangle,
  Session,
  Shell,
  WebContents,
} from 'electron';
import { externalUrlToOpen } from './externalLinks';
import { isAllowedRendererRequest, isAppPage } from './navigationPolicy';
import { isDevicePermissionGranted, isPermissionGranted } from './permissionPolicy';
import type { CallName } from '../../shared/bridge/contract';
import { isCallHonoured, isTrustedSender, type IpcSender, type WindowRole } from './senderPolicy';

export type BrowserWindowConstructor = new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow;

/** What the glue needs besides the Electron objects themselves. */
export interface WindowSecurityContext {
  /** The built renderer folder; the app's pages are files in it. */
  rendererDir: string;
  /** Electron's shell; only allowlisted https URLs are ever passed to it. */
  shell: Pick<Shell, 'openExternal'>;
  /** Where refusals are reported (a navigation blocked, a request cancelled). */
  warn(message: string, fields: Record<string, unknown>): void;
}

export interface LockedDownWindowOptions {
  preload: string;
  title: string;
  /** Full screen on these bounds (the customer display on a second monitor). */
  fullscreenOn?: Rectangle;
  /** An ordinary window at these bounds (the customer display where the cashier last put it). */
  bounds?: Rectangle;
  /** DevTools only in development: a packaged POS has no console for a passer-by. */
  devTools: boolean;
}

/**
 * Creates a window whose web preferences are spelled out here, literally, at the one place
 * windows are made, so a reviewer (and electronegativity) sees them where they apply.
 */
export function createLockedDownWindow(BrowserWindow: BrowserWindowConstructor, options: LockedDownWindowOptions): ElectronBrowserWindow {
  const bounds = options.fullscreenOn;
  const placed = options.bounds;
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    ...(placed ? { x: placed.x, y: placed.y, width: placed.width, height: placed.height } : {}),
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, fullscreen: true } : {}),
    title: options.title,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // A middle click would otherwise ask for a new window; the open handler denies it
      // anyway, this removes the event altogether.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  return window;
}

/** Opens a link in the OS browser only when externalLinks allows it. True when opened. */
export function openExternalIfAllowed(shell: Pick<Shell, 'openExternal'>, url: string): boolean {
  const allowed = externalUrlToOpen(url);
  if (allowed === undefined) return false;
  void shell.openExternal(allowed).catch(() => undefined);
  return true;
}

/**
 * Every web contents (windows, and anything else Chromium creates): no navigation away
 * from our pages, no redirects, no subframe navigation, no new windows (allowlisted links
 * open in the OS browser instead), no webviews, no Bluetooth picker.
 */
export function lockDownContents(contents: WebContents, context: WindowSecurityContext): void {
  const { rendererDir } = context;
  contents.on('will-navigate', (event) => {
    if (isAppPage(event.url, rendererDir)) return;
    event.preventDefault();
    const opened = openExternalIfAllowed(context.shell, event.url);
    if (!opened) context.warn('navigation blocked', { url: event.url });
  });
  // Subframes included: our pages have none, so any frame navigation to elsewhere is refused.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame && isAppPage(event.url, rendererDir)) return;
    event.preventDefault();
    if (!event.isMainFrame) context.warn('frame navigation blocked', { url: event.url });
  });
  // Our pages are files and never redirect; a redirect means something loaded the network.
  contents.on('will-redirect', (event) => {
    if (isAppPage(event.url, rendererDir)) return;
    event.preventDefault();
    context.warn('redirect blocked', { url: event.url });
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (!openExternalIfAllowed(context.shell, url)) context.warn('new window blocked', { url });
    return { action: 'deny' };
  });
  // With no handler, Electron picks the first Bluetooth device on its own: cancel instead.
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/**
 * The session every window uses: permissions denied except the allowlist (requests and
 * the synchronous checks both), no device access or pickers, and no request leaves for the
 * network: the pages talk to main over IPC only; the gateway is called by main, not by a
 * window.
 */
export function lockDownSession(session: Session, context: WindowSecurityContext): void {
  const { rendererDir } = context;
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, rendererDir));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionGranted({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, rendererDir),
  );
  session.setDevicePermissionHandler(() => isDevicePermissionGranted());
  // Device pickers (WebHID, Web Serial, WebUSB) are cancelled, should a check ever pass.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRendererRequest(details.url, rendererDir);
    if (!allowed) context.warn('request blocked', { url: details.url.slice(0, 200) });
    callback({ cancel: !allowed });
  });
  // Chromium's spellchecker downloads dictionaries from Google; nothing here needs it.
  session.setSpellCheckerEnabled(false);
}

/** The sender of an IPC message as plain data for senderPolicy. */
export function ipcSenderOf(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): IpcSender {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

/**
 * Tracks the windows this app created and what each is for; IPC is honoured from their
 * main frames only, and each call only from a window whose role allows it.
 */
export function createSenderGate(rendererDir: string) {
  const roles = new Map<number, WindowRole>();
  return {
    trust(contents: Pick<WebContents, 'id' | 'once'>, role: WindowRole = 'cashier'): void {
      const id = contents.id;
      roles.set(id, role);
      contents.once('destroyed', () => roles.delete(id));
    },
    /** From one of our windows' main frames, showing one of our pages (whatever the call). */
    allows(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
      return isTrustedSender(ipcSenderOf(event), new Set(roles.keys()), rendererDir);
    },
    /** As `allows`, and the window's role allows this call (the display window: getDisplay only). */
    allowsCall(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, call: CallName): boolean {
      return isCallHonoured(ipcSenderOf(event), call, roles, rendererDir);
    },
  };
}
