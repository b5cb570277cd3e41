import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Display } from 'electron';
import { DISPLAY_WINDOW_STATE_FILE, openDisplayWindow, type DisplayWindowOptions } from '../../../../electron/main/displayWindow';
import type { DisplayWindowPlacement, Rect } from '../../../../electron/main/displayWindowPlacement';
import { makeTempDir } from '../../../fixtures/tempDir';

const monitor = (id: number, x: number, width = 1920, height = 1080) => ({ id, bounds: { x, y: 0, width, height }, workArea: { x, y: 0, width, height: height - 40 } }) as unknown as Display;

/** Electron's screen, as far as the glue uses it: monitors that can be plugged and unplugged. */
class FakeScreen extends EventEmitter {
  displays: Display[] = [monitor(1, 0)];
  getAllDisplays = () => this.displays;
  getPrimaryDisplay = () => this.displays[0]!;
  getDisplayMatching = (rect: Rect) => this.displays.find((d) => rect.x >= d.bounds.x && rect.x < d.bounds.x + d.bounds.width) ?? this.displays[0]!;
  plug(display: Display) {
    this.displays = [...this.displays, display];
    this.emit('display-added', {}, display);
  }
  unplug(id: number) {
    this.displays = this.displays.filter((d) => d.id !== id);
    this.emit('display-removed', {}, {});
  }
}

/** A BrowserWindow that records what was done to it. Leaving full screen is immediate, as on Windows and Linux. */
class FakeWindow extends EventEmitter {
  bounds: Rect;
  fullScreen: boolean;
  destroyed = false;
  log: string[] = [];
  constructor(placement: DisplayWindowPlacement) {
    super();
    this.bounds = { ...placement.bounds };
    this.fullScreen = placement.mode === 'fullscreen';
  }
  isDestroyed = () => this.destroyed;
  isFullScreen = () => this.fullScreen;
  getBounds = () => ({ ...this.bounds });
  setBounds(bounds: Rect) {
    this.bounds = { ...bounds };
    this.log.push(`bounds ${bounds.x},${bounds.y} ${bounds.width}x${bounds.height}`);
  }
  setFullScreen(on: boolean) {
    this.log.push(on ? 'fullscreen' : 'windowed');
    const was = this.fullScreen;
    this.fullScreen = on;
    if (was && !on) this.emit('leave-full-screen');
  }
  /** The cashier drags it. */
  drag(bounds: Rect) {
    this.bounds = bounds;
    this.emit('move');
  }
}

describe('the display window glue', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let screen: FakeScreen;
  let cashier: FakeWindow;
  let created: DisplayWindowPlacement[];
  let window: FakeWindow;
  beforeEach(() => {
    vi.useFakeTimers();
    temp = makeTempDir();
    screen = new FakeScreen();
    cashier = new FakeWindow({ mode: 'window', bounds: { x: 100, y: 100, width: 1280, height: 800 } });
    created = [];
  });
  afterEach(() => {
    vi.useRealTimers();
    temp.cleanup();
  });
  const open = () => {
    const options: DisplayWindowOptions = {
      screen: screen as unknown as DisplayWindowOptions['screen'],
      create: (placement) => {
        created.push(placement);
        window = new FakeWindow(placement);
        return window as unknown as BrowserWindow;
      },
      cashierWindow: () => cashier as unknown as BrowserWindow,
      dataDir: temp.dir,
      warn: () => undefined,
    };
    return openDisplayWindow(options);
  };

  it('opens full screen on the second monitor when there is one', () => {
    screen.displays = [monitor(1, 0), monitor(2, 1920, 1024, 768)];
    open();
    expect(created).toEqual([{ mode: 'fullscreen', displayId: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 } }]);
  });

  it('follows a monitor plugged in and unplugged, and remembers where the cashier put it', () => {
    open();
    expect(created[0]).toMatchObject({ mode: 'window' });
    window.drag({ x: 300, y: 200, width: 900, height: 700 });
    vi.advanceTimersByTime(600);
    expect(JSON.parse(fs.readFileSync(path.join(temp.dir, DISPLAY_WINDOW_STATE_FILE), 'utf8'))).toEqual({ bounds: { x: 300, y: 200, width: 900, height: 700 } });

    screen.plug(monitor(2, 1920, 1024, 768));
    vi.advanceTimersByTime(300);
    expect(window.fullScreen).toBe(true);
    expect(window.bounds).toEqual({ x: 1920, y: 0, width: 1024, height: 768 });

    // Metrics that change nothing about the placement leave the window alone.
    window.log = [];
    screen.emit('display-metrics-changed', {}, {}, []);
    vi.advanceTimersByTime(300);
    expect(window.log).toEqual([]);

    screen.unplug(2);
    vi.advanceTimersByTime(300);
    expect(window.fullScreen).toBe(false);
    expect(window.bounds).toEqual({ x: 300, y: 200, width: 900, height: 700 });
  });

  it('moves from one external monitor to another through windowed, as full screen ignores bounds', () => {
    screen.displays = [monitor(1, 0), monitor(2, 1920, 1024, 768), monitor(3, 2944, 1280, 1024)];
    open();
    expect(created[0]).toMatchObject({ displayId: 2 });
    window.log = [];
    screen.unplug(2);
    vi.advanceTimersByTime(300);
    expect(window.log).toEqual(['windowed', 'bounds 2944,0 1280x1024', 'fullscreen']);
  });

  it('reopens where it was left, and ignores a damaged state file', () => {
    fs.writeFileSync(path.join(temp.dir, DISPLAY_WINDOW_STATE_FILE), JSON.stringify({ bounds: { x: 50, y: 60, width: 700, height: 500 } }));
    open();
    expect(created[0]).toEqual({ mode: 'window', bounds: { x: 50, y: 60, width: 700, height: 500 } });
    fs.writeFileSync(path.join(temp.dir, DISPLAY_WINDOW_STATE_FILE), '{broken');
    open();
    expect(created[1]).toMatchObject({ mode: 'window', bounds: { width: 1024, height: 768 } });
  });

  it('stops following monitors once closed', () => {
    open();
    window.emit('closed');
    expect(screen.listenerCount('display-added')).toBe(0);
    expect(cashier.listenerCount('move')).toBe(0);
  });
});
