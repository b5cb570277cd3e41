/**
 * Where the customer display window goes. Pure: the monitors, the cashier window's
 * monitor and the bounds the cashier last gave the window go in; a placement comes out,
 * and displayWindow.ts applies it to Electron (at start and on every monitor change).
 *
 * - With a second monitor, the display goes full screen on a monitor the cashier window
 *   is not on: the one the cashier last dragged it to if that is still there, otherwise
 *   the first from the left (then top), so the choice is stable across restarts.
 * - With one monitor, it is an ordinary window the cashier places: where it was left if
 *   enough of it (its title bar) is still on a screen, otherwise centred on the cashier's
 *   monitor. A window is never larger than the work area it is on.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A monitor, reduced from Electron's `Display`. */
export interface ScreenInfo {
  id: number;
  /** The whole monitor (full screen covers this). */
  bounds: Rect;
  /** Without the task bar or menu bar (a window is kept inside this). */
  workArea: Rect;
  primary: boolean;
}

export interface PlacementInput {
  displays: readonly ScreenInfo[];
  /** The monitor the cashier window is on; undefined before it exists (taken as the primary). */
  cashierDisplayId: number | undefined;
  /** Where the cashier last left the display window, in window mode. */
  remembered: Rect | undefined;
}

export type DisplayWindowPlacement = { mode: 'fullscreen'; displayId: number; bounds: Rect } | { mode: 'window'; bounds: Rect };

/** Size of a display window nobody has placed yet (a 4:3 window a customer can read). */
export const DEFAULT_DISPLAY_WINDOW_SIZE = { width: 1024, height: 768 } as const;
/** Smallest window worth remembering, and largest (anything else is a corrupt file). */
const MIN_SIZE = 200;
const MAX_SIZE = 16_384;
/** How much of the top edge (the title bar) must be on a screen for the window to be reachable. */
const GRAB_WIDTH = 100;
const TITLE_BAR_HEIGHT = 32;

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

const contains = (rect: Rect, x: number, y: number) => x >= rect.x && x < rect.x + rect.width && y >= rect.y && y < rect.y + rect.height;

/** Bounds read back from disk, or undefined when they are not sane integers. */
export function rememberedBoundsOf(stored: unknown): Rect | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const { x, y, width, height } = stored as Record<string, unknown>;
  const int = (value: unknown, min: number, max: number) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
  if (!int(x, -MAX_SIZE * 4, MAX_SIZE * 4) || !int(y, -MAX_SIZE * 4, MAX_SIZE * 4)) return undefined;
  if (!int(width, MIN_SIZE, MAX_SIZE) || !int(height, MIN_SIZE, MAX_SIZE)) return undefined;
  return { x: x as number, y: y as number, width: width as number, height: height as number };
}

export function placeDisplayWindow(input: PlacementInput): DisplayWindowPlacement {
  const { displays, remembered } = input;
  const cashier = displays.find((d) => d.id === input.cashierDisplayId) ?? displays.find((d) => d.primary) ?? displays[0];
  const others = displays.filter((d) => d !== cashier);

  if (others.length > 0) {
    const ordered = [...others].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y || a.id - b.id);
    const centre = remembered ? { x: remembered.x + remembered.width / 2, y: remembered.y + remembered.height / 2 } : undefined;
    const chosen = (centre && ordered.find((d) => contains(d.bounds, centre.x, centre.y))) ?? ordered[0]!;
    return { mode: 'fullscreen', displayId: chosen.id, bounds: { ...chosen.bounds } };
  }

  if (remembered) {
    const titleBar = { x: remembered.x, y: remembered.y, width: remembered.width, height: TITLE_BAR_HEIGHT };
    let best: { area: Rect; width: number } | undefined;
    for (const d of displays) {
      const seen = overlap(titleBar, d.workArea);
      if (seen.width >= GRAB_WIDTH && seen.height >= TITLE_BAR_HEIGHT / 2 && (!best || seen.width > best.width)) best = { area: d.workArea, width: seen.width };
    }
    if (best) {
      return { mode: 'window', bounds: { x: remembered.x, y: remembered.y, width: Math.min(remembered.width, best.area.width), height: Math.min(remembered.height, best.area.height) } };
    }
  }

  const area = cashier?.workArea ?? { x: 0, y: 0, ...DEFAULT_DISPLAY_WINDOW_SIZE };
  const width = Math.min(DEFAULT_DISPLAY_WINDOW_SIZE.width, area.width);
  const height = Math.min(DEFAULT_DISPLAY_WINDOW_SIZE.height, area.height);
  return {
    mode: 'window',
    bounds: { x: area.x + Math.floor((area.width - width) / 2), y: area.y + Math.floor((area.height - height) / 2), width, height },
  };
}

export function samePlacement(a: DisplayWindowPlacement | undefined, b: DisplayWindowPlacement): boolean {
  if (!a || a.mode !== b.mode) return false;
  if (a.mode === 'fullscreen' && b.mode === 'fullscreen' && a.displayId !== b.displayId) return false;
  return a.bounds.x === b.bounds.x && a.bounds.y === b.bounds.y && a.bounds.width === b.bounds.width && a.bounds.height === b.bounds.height;
}
