/**
 * The Electron shell: windows, IPC registration, safeStorage. Everything that decides
 * or moves money is in the plain-Node services composed by createPosApp; every security
 * decision is a pure function in this folder, applied by windowSecurity.ts.
 */
import { app, BrowserWindow, dialog, ipcMain, safeStorage, screen, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_NAMES, callChannel, eventChannel } from '../../shared/bridge/contract';
import { parseLaunchOptions } from '../app/launchOptions';
import { createPosApp, type PosApp } from '../app/posApp';
import { runLanDisplay, type LanDisplayRunner } from '../host/lanDisplayRunner';
import { createNodeHidBackend } from '../services/scanner/nodeHidBackend';
import type { SettingsBackend } from '../services/settings/settingsStore';
import { isAppPage } from './navigationPolicy';
import { createSafeStorageSecretStore } from './safeStorageSecretStore';
import { createElectronPagePrinter } from './electronPagePrinter';
import { openDisplayWindow } from './displayWindow';
import type { DisplayWindowPlacement } from './displayWindowPlacement';
import { isEventSentTo, type WindowRole } from './senderPolicy';
import { createLockedDownWindow, createSenderGate, lockDownContents, lockDownSession, type WindowSecurityContext } from './windowSecurity';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '../renderer');
const preload = path.resolve(here, '../preload/preload.cjs');

const parsed = parseLaunchOptions(process.argv.slice(app.isPackaged ? 1 : 2));
if (!parsed.ok) {
  console.error(`counterpay: ${parsed.message}`);
  app.exit(2);
}

if (!app.requestSingleInstanceLock()) app.quit();

// Every renderer sandboxed, whatever a window's preferences say.
app.enableSandbox();

let posApp: PosApp | undefined;
const security: WindowSecurityContext = {
  rendererDir,
  shell,
  warn: (message, fields) => (posApp ? posApp.log.warn(message, fields) : console.warn(`counterpay: ${message}`, fields)),
};
// Any web contents Chromium creates, ours or not, gets the same locks before it loads.
app.on('web-contents-created', (_event, contents) => lockDownContents(contents, security));

const senders = createSenderGate(rendererDir);
/** Our windows and what each is for: the role decides which calls and events it gets (senderPolicy.ts). */
const windows = new Map<BrowserWindow, WindowRole>();
let cashierWindow: BrowserWindow | undefined;
let lanDisplay: LanDisplayRunner | undefined;

function openWindow(role: WindowRole, placement?: DisplayWindowPlacement): BrowserWindow {
  const window = createLockedDownWindow(BrowserWindow, {
    preload,
    title: role === 'cashier' ? 'Counterpay' : 'Counterpay — customer display',
    ...(placement?.mode === 'fullscreen' ? { fullscreenOn: placement.bounds } : {}),
    ...(placement?.mode === 'window' ? { bounds: placement.bounds } : {}),
    devTools: !app.isPackaged,
  });
  senders.trust(window.webContents, role);
  windows.set(window, role);
  window.on('closed', () => windows.delete(window));
  void window.loadFile(path.join(rendererDir, role === 'cashier' ? 'index.html' : 'display.html'));
  return window;
}

async function start(): Promise<PosApp> {
  lockDownSession(session.defaultSession, security);
  const dataDir = (parsed.ok && parsed.options.dataDir) || process.env.POS_DATA_DIR || app.getPath('userData');
  // The merchant has no way yet to accept plaintext storage (the settings screen comes
  // later), so on Linux without a keychain the token is used from the environment only.
  const secretStore = createSafeStorageSecretStore({ dataDir, safeStorage, acceptPlaintextOnLinux: false });
  const env = { ...process.env };
  // Sandboxed preloads receive a copy of main's environment: the token must not be in it.
  delete process.env.POS_NIHAOPAY_TOKEN;
  const pos = await createPosApp({
    dataDir,
    env,
    settingsBackend: (options) => new ElectronStore(options) as unknown as SettingsBackend,
    secretStore,
    hidBackend: createNodeHidBackend(),
    printer: createElectronPagePrinter({ cashierWindow: () => cashierWindow, dialog }),
    resetManagerPin: parsed.ok && parsed.options.resetManagerPin === true,
  });
  if (secretStore.warning) pos.log.warn(secretStore.warning);
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event, args: unknown) =>
      senders.allowsCall(event, name) ? pos.call(name, args) : { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } },
    );
  }
  pos.subscribe((event, payload) => {
    for (const [window, role] of windows) {
      const contents = window.webContents;
      // Events go only to a live window that still shows one of our pages, and the display
      // window only gets its own view.
      if (isEventSentTo(role, event) && !contents.isDestroyed() && isAppPage(contents.getURL(), rendererDir)) contents.send(eventChannel(event), payload);
    }
  });
  const cashier = openWindow('cashier');
  cashierWindow = cashier;
  // Closing the cashier window ends the app, even while the display window is still open.
  cashier.on('closed', () => app.quit());
  // The customer display: full screen on a second monitor when there is one (and follows
  // monitor changes), otherwise a window the cashier places.
  openDisplayWindow({
    screen,
    create: (placement) => openWindow('display', placement),
    cashierWindow: () => cashierWindow,
    dataDir,
    warn: (message, fields) => pos.log.warn(message, fields),
  });
  // The display window must not take the keyboard: a wedge scanner types into the focused window.
  cashier.focus();
  // The LAN customer display (off by default) follows its settings from here on.
  lanDisplay = runLanDisplay({ app: pos, rendererDir });
  return pos;
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => {
  // Tablets are told the host is going (they come back with their token), then the app closes.
  void (lanDisplay?.close() ?? Promise.resolve()).finally(() => posApp?.close());
});
void app.whenReady().then(async () => {
  posApp = await start();
});
