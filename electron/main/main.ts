/**
 * The Electron shell: windows, IPC registration, safeStorage. Everything that decides
 * or moves money is in the plain-Node services composed by createPosApp.
 */
import { app, BrowserWindow, ipcMain, screen } from 'electron';
import ElectronStore from 'electron-store';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_NAMES, callChannel, eventChannel } from '../../shared/bridge/contract';
import { parseLaunchOptions } from '../app/launchOptions';
import { createPosApp, type PosApp } from '../app/posApp';
import { createNodeHidBackend } from '../services/scanner/nodeHidBackend';
import type { SettingsBackend } from '../services/settings/settingsStore';
import { createSafeStorageSecretStore } from './safeStorageSecretStore';
import { isTrustedSender, lockDownContents, lockedDownPreferences } from './windowSecurity';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.resolve(here, '../renderer');
const preload = path.resolve(here, '../preload/preload.cjs');

const parsed = parseLaunchOptions(process.argv.slice(app.isPackaged ? 1 : 2));
if (!parsed.ok) {
  console.error(`counterpay: ${parsed.message}`);
  app.exit(2);
}

if (!app.requestSingleInstanceLock()) app.quit();

const windows = new Set<BrowserWindow>();

function createWindow(page: 'index.html' | 'display.html', bounds: Electron.Rectangle | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    ...(bounds ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, fullscreen: true } : {}),
    title: page === 'index.html' ? 'Counterpay' : 'Counterpay — customer display',
    webPreferences: lockedDownPreferences(preload),
  });
  lockDownContents(window.webContents, rendererDir);
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  void window.loadFile(path.join(rendererDir, page));
  return window;
}

async function start(): Promise<PosApp> {
  const dataDir = (parsed.ok && parsed.options.dataDir) || process.env.POS_DATA_DIR || app.getPath('userData');
  const posApp = await createPosApp({
    dataDir,
    env: process.env,
    settingsBackend: (options) => new ElectronStore(options) as unknown as SettingsBackend,
    secretStore: createSafeStorageSecretStore(dataDir, false),
    hidBackend: createNodeHidBackend(),
  });
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), (event, args: unknown) =>
      isTrustedSender(event, rendererDir) ? posApp.call(name, args) : { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } },
    );
  }
  posApp.subscribe((event, payload) => {
    for (const window of windows) window.webContents.send(eventChannel(event), payload);
  });
  createWindow('index.html', undefined);
  // The customer display goes full screen on a second monitor when there is one.
  const external = screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id);
  createWindow('display.html', external?.bounds);
  return posApp;
}

let posApp: PosApp | undefined;
app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => void posApp?.close());
void app.whenReady().then(async () => {
  posApp = await start();
});
