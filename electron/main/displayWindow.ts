/**
 * The customer display window's glue: asks displayWindowPlacement.ts where the window
 * goes, applies it at start and on every monitor change, and remembers where the cashier
 * puts it (a small JSON in the data folder). Only types come from 'electron'; the screen
 * and the window are passed in.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Display, Screen } from 'electron';
import { OWNER_ONLY_FILE_MODE } from '../services/settings/ownerOnly';
import { placeDisplayWindow, rememberedBoundsOf, samePlacement, type DisplayWindowPlacement, type Rect, type ScreenInfo } from './displayWindowPlacement';

/** In the data folder, next to settings.json: the display window's last bounds in window mode. */
export const DISPLAY_WINDOW_STATE_FILE = 'displayWindow.json';

export interface DisplayWindowOptions {
  screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay' | 'getDisplayMatching' | 'on' | 'removeListener'>;
  /** Creates the (locked-down) window for the first placement and loads the display page. */
  create(placement: DisplayWindowPlacement): BrowserWindow;
  cashierWindow(): BrowserWindow | undefined;
  dataDir: string;
  warn(message: string, fields: Record<string, unknown>): void;
}

const screenInfoOf = (display: Display, primaryId: number): ScreenInfo => ({
  id: display.id,
  bounds: { ...display.bounds },
  workArea: { ...display.workArea },
  primary: display.id === primaryId,
});

function readRemembered(file: string): Rect | undefined {
  try {
    return rememberedBoundsOf((JSON.parse(fs.readFileSync(file, 'utf8')) as { bounds?: unknown }).bounds);
  } catch {
    return undefined;
  }
}

function writeRemembered(file: string, bounds: Rect): void {
  const temp = `${file}.tmp`;
  // Private to this OS user, like everything in the data folder; the mode applies because each write creates the temp file.
  fs.writeFileSync(temp, JSON.stringify({ bounds }), { mode: OWNER_ONLY_FILE_MODE });
  fs.renameSync(temp, file);
}

/** Opens the display window where it belongs and keeps it there; returns it. */
export function openDisplayWindow(options: DisplayWindowOptions): BrowserWindow {
  const { screen } = options;
  const stateFile = path.join(options.dataDir, DISPLAY_WINDOW_STATE_FILE);
  let remembered = readRemembered(stateFile);

  const place = (): DisplayWindowPlacement => {
    const primaryId = screen.getPrimaryDisplay().id;
    const cashier = options.cashierWindow();
    const cashierDisplayId = cashier && !cashier.isDestroyed() ? screen.getDisplayMatching(cashier.getBounds()).id : undefined;
    return placeDisplayWindow({ displays: screen.getAllDisplays().map((d) => screenInfoOf(d, primaryId)), cashierDisplayId, remembered });
  };

  let applied = place();
  const window = options.create(applied);

  const apply = (placement: DisplayWindowPlacement) => {
    if (window.isDestroyed()) return;
    applied = placement;
    if (placement.mode === 'fullscreen') {
      // Bounds are ignored while full screen: leave it, move to the monitor, fill it again.
      if (window.isFullScreen()) {
        window.once('leave-full-screen', () => apply(placement));
        window.setFullScreen(false);
        return;
      }
      window.setBounds(placement.bounds);
      window.setFullScreen(true);
    } else {
      if (window.isFullScreen()) {
        window.once('leave-full-screen', () => !window.isDestroyed() && window.setBounds(placement.bounds));
        window.setFullScreen(false);
        return;
      }
      window.setBounds(placement.bounds);
    }
  };

  // Remember where the cashier puts the window (window mode only), a moment after they stop dragging.
  let saveTimer: NodeJS.Timeout | undefined;
  const remember = () => {
    if (window.isDestroyed() || applied.mode !== 'window' || window.isFullScreen()) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => {
      if (window.isDestroyed() || window.isFullScreen()) return;
      remembered = window.getBounds();
      applied = { mode: 'window', bounds: remembered };
      try {
        writeRemembered(stateFile, remembered);
      } catch (error) {
        options.warn('display window position not saved', { error });
      }
    }, 500);
  };
  window.on('move', remember);
  window.on('resize', remember);

  // Monitors plugged, unplugged, rearranged or rescaled: place it again (only a real change moves it).
  let replaceTimer: NodeJS.Timeout | undefined;
  const replace = () => {
    clearTimeout(replaceTimer);
    replaceTimer = setTimeout(() => {
      if (window.isDestroyed()) return;
      const next = place();
      if (!samePlacement(applied, next)) apply(next);
    }, 250);
  };
  const events = ['display-added', 'display-removed', 'display-metrics-changed'] as const;
  for (const event of events) screen.on(event as 'display-added', replace);
  // The cashier window moved to another monitor: the display makes way.
  const cashier = options.cashierWindow();
  cashier?.on('move', replace);
  window.once('closed', () => {
    clearTimeout(saveTimer);
    clearTimeout(replaceTimer);
    for (const event of events) screen.removeListener(event as 'display-added', replace);
    if (cashier && !cashier.isDestroyed()) cashier.removeListener('move', replace);
  });
  return window;
}
