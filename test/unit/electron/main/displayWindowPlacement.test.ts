import { DEFAULT_DISPLAY_WINDOW_SIZE, placeDisplayWindow, rememberedBoundsOf, samePlacement, type DisplayWindowPlacement, type PlacementInput, type Rect, type ScreenInfo } from '../../../../electron/main/displayWindowPlacement';

const monitor = (id: number, x: number, y: number, width: number, height: number, primary = false, taskbar = 40): ScreenInfo => ({
  id,
  bounds: { x, y, width, height },
  workArea: { x, y, width, height: height - taskbar },
  primary,
});

const LAPTOP = monitor(1, 0, 0, 1920, 1080, true);
const RIGHT = monitor(2, 1920, 0, 1024, 768);
const LEFT = monitor(3, -1280, 0, 1280, 1024);
const ABOVE = monitor(4, 0, -1080, 1920, 1080);
const SMALL = monitor(5, 0, 0, 800, 600, true);

describe('placeDisplayWindow', () => {
  it.each<[string, PlacementInput, DisplayWindowPlacement]>([
    // Two monitors: full screen on the one the cashier is not on.
    ['second monitor on the right', { displays: [LAPTOP, RIGHT], cashierDisplayId: 1, remembered: undefined }, { mode: 'fullscreen', displayId: 2, bounds: RIGHT.bounds }],
    ['listed before the primary', { displays: [RIGHT, LAPTOP], cashierDisplayId: 1, remembered: undefined }, { mode: 'fullscreen', displayId: 2, bounds: RIGHT.bounds }],
    ['cashier on the secondary monitor: the primary is the display', { displays: [LAPTOP, RIGHT], cashierDisplayId: 2, remembered: undefined }, { mode: 'fullscreen', displayId: 1, bounds: LAPTOP.bounds }],
    ['no cashier window yet: it is taken to be on the primary', { displays: [LAPTOP, RIGHT], cashierDisplayId: undefined, remembered: undefined }, { mode: 'fullscreen', displayId: 2, bounds: RIGHT.bounds }],
    ['an unknown cashier monitor id counts as the primary', { displays: [LAPTOP, RIGHT], cashierDisplayId: 99, remembered: undefined }, { mode: 'fullscreen', displayId: 2, bounds: RIGHT.bounds }],
    ['monitor at negative coordinates', { displays: [LAPTOP, LEFT], cashierDisplayId: 1, remembered: undefined }, { mode: 'fullscreen', displayId: 3, bounds: LEFT.bounds }],
    // Three monitors: the leftmost other one, unless the cashier last put the window on another.
    ['three monitors: leftmost other', { displays: [LAPTOP, RIGHT, LEFT], cashierDisplayId: 1, remembered: undefined }, { mode: 'fullscreen', displayId: 3, bounds: LEFT.bounds }],
    [
      'three monitors: where it was last dragged',
      { displays: [LAPTOP, RIGHT, LEFT], cashierDisplayId: 1, remembered: { x: 2000, y: 100, width: 800, height: 600 } },
      { mode: 'fullscreen', displayId: 2, bounds: RIGHT.bounds },
    ],
    [
      'three monitors: remembered on the cashier monitor does not count',
      { displays: [LAPTOP, RIGHT, LEFT], cashierDisplayId: 1, remembered: { x: 100, y: 100, width: 800, height: 600 } },
      { mode: 'fullscreen', displayId: 3, bounds: LEFT.bounds },
    ],
    ['same x: the upper one first', { displays: [LAPTOP, ABOVE, monitor(6, 0, 1080, 1920, 1080)], cashierDisplayId: 1, remembered: undefined }, { mode: 'fullscreen', displayId: 4, bounds: ABOVE.bounds }],
    // One monitor: a window the cashier places.
    [
      'one monitor, never placed: centred on it',
      { displays: [LAPTOP], cashierDisplayId: 1, remembered: undefined },
      { mode: 'window', bounds: { x: (1920 - 1024) / 2, y: Math.floor((1040 - 768) / 2), width: DEFAULT_DISPLAY_WINDOW_SIZE.width, height: DEFAULT_DISPLAY_WINDOW_SIZE.height } },
    ],
    ['one monitor, where the cashier left it', { displays: [LAPTOP], cashierDisplayId: 1, remembered: { x: 900, y: 50, width: 800, height: 600 } }, { mode: 'window', bounds: { x: 900, y: 50, width: 800, height: 600 } }],
    [
      'one monitor, remembered hanging off the right edge but grabbable',
      { displays: [LAPTOP], cashierDisplayId: 1, remembered: { x: 1700, y: 50, width: 800, height: 600 } },
      { mode: 'window', bounds: { x: 1700, y: 50, width: 800, height: 600 } },
    ],
    [
      'remembered on a monitor that was unplugged: back on the one left',
      { displays: [LAPTOP], cashierDisplayId: 1, remembered: { x: 2000, y: 100, width: 800, height: 600 } },
      { mode: 'window', bounds: { x: 448, y: 136, width: 1024, height: 768 } },
    ],
    [
      'remembered with its title bar above the screen: re-centred',
      { displays: [LAPTOP], cashierDisplayId: 1, remembered: { x: 100, y: -500, width: 800, height: 600 } },
      { mode: 'window', bounds: { x: 448, y: 136, width: 1024, height: 768 } },
    ],
    [
      'remembered larger than the work area: shrunk to it',
      { displays: [SMALL], cashierDisplayId: 5, remembered: { x: 0, y: 0, width: 1600, height: 1200 } },
      { mode: 'window', bounds: { x: 0, y: 0, width: 800, height: 560 } },
    ],
    ['small monitor, never placed: the whole work area', { displays: [SMALL], cashierDisplayId: 5, remembered: undefined }, { mode: 'window', bounds: { x: 0, y: 0, width: 800, height: 560 } }],
    ['no monitor reported at all', { displays: [], cashierDisplayId: undefined, remembered: undefined }, { mode: 'window', bounds: { x: 0, y: 0, width: 1024, height: 768 } }],
  ])('%s', (_what, input, expected) => {
    expect(placeDisplayWindow(input)).toEqual(expected);
  });

  it('returns copies, not the monitor objects themselves', () => {
    const placement = placeDisplayWindow({ displays: [LAPTOP, RIGHT], cashierDisplayId: 1, remembered: undefined });
    expect(placement.bounds).not.toBe(RIGHT.bounds);
  });
});

describe('rememberedBoundsOf', () => {
  it.each<[unknown, Rect | undefined]>([
    [{ x: 10, y: -20, width: 800, height: 600 }, { x: 10, y: -20, width: 800, height: 600 }],
    [{ x: 10, y: 20, width: 800, height: 600, extra: true }, { x: 10, y: 20, width: 800, height: 600 }],
    [{ x: 10, y: 20, width: 100, height: 600 }, undefined],
    [{ x: 10, y: 20, width: 800.5, height: 600 }, undefined],
    [{ x: '10', y: 20, width: 800, height: 600 }, undefined],
    [{ x: 10, y: 20, width: 800, height: 1e9 }, undefined],
    [{ x: Number.NaN, y: 20, width: 800, height: 600 }, undefined],
    [{ y: 20, width: 800, height: 600 }, undefined],
    [null, undefined],
    ['x', undefined],
    [undefined, undefined],
  ])('%j → %j', (stored, expected) => {
    expect(rememberedBoundsOf(stored)).toEqual(expected);
  });
});

describe('samePlacement', () => {
  const full: DisplayWindowPlacement = { mode: 'fullscreen', displayId: 2, bounds: RIGHT.bounds };
  const window: DisplayWindowPlacement = { mode: 'window', bounds: { x: 1, y: 2, width: 800, height: 600 } };
  it('tells a real change from the same placement', () => {
    expect(samePlacement(full, { ...full, bounds: { ...RIGHT.bounds } })).toBe(true);
    expect(samePlacement(full, { ...full, displayId: 3 })).toBe(false);
    expect(samePlacement(full, { ...full, bounds: { ...RIGHT.bounds, width: 1280 } })).toBe(false);
    expect(samePlacement(full, { mode: 'window', bounds: RIGHT.bounds })).toBe(false);
    expect(samePlacement(window, { mode: 'window', bounds: { x: 1, y: 2, width: 800, height: 600 } })).toBe(true);
    expect(samePlacement(window, { mode: 'window', bounds: { x: 1, y: 3, width: 800, height: 600 } })).toBe(false);
    expect(samePlacement(undefined, window)).toBe(false);
  });
});
