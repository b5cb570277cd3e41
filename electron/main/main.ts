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
import { createNodeHidBackend } from '../services/scanner/nodeHidBackend';
import type { SettingsBackend } from '../services/settings/settingsStore';
import { isAppPage } from './navigationPolicy';
import { createSafeStorageSecretStore } from './safeStorageSecretStore';
import { createElectronPagePrinter } from './electronPagePrinter';
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
const windows = new Set<BrowserWindow>();
let cashierWindow: BrowserWindow | undefined;

function openWindow(page: 'index.html' | 'display.html', fullscreenOn: Electron.Rectangle | undefined): void {
  const window = createLockedDownWindow(BrowserWindow, {
    preload,
    title: page === 'index.html' ? 'Counterpay' : 'Counterpay — customer display',
    ...(fullscreenOn ? { fullscreenOn } : {}),
    devTools: !app.isPackaged,
  });
  senders.trust(window.webContents);
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  if (page === 'index.html') cashierWindow = window;
  void window.loadFile(path.join(rendererDir, page));
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
  });
  if (secretStore.warning) pos.log.warn(secretStore.warning);
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event, args: unknown) =>
      senders.allows(event) ? pos.call(name, args) : { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } },
    );
  }
  pos.subscribe((event, payload) => {
    for (const window of windows) {
      const contents = window.webContents;
      // Snapshots go only to a live window that still shows one of our pages.
      if (!contents.isDestroyed() && isAppPage(contents.getURL(), rendererDir)) contents.send(eventChannel(event), payload);
    }
  });
  openWindow('index.html', undefined);
  // The customer display goes full screen on a second monitor when there is one.
  const external = screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id);
  openWindow('display.html', external?.bounds);
  return pos;
}

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => void posApp?.close());
void app.whenReady().then(async () => {
  posApp = await start();
});
