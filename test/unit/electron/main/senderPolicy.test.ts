import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTrustedSender, type IpcSender } from '../../../../electron/main/senderPolicy';

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
