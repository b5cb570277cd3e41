import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PERMISSION_ALLOWLIST, isDevicePermissionGranted, isPermissionGranted } from '../../../../electron/main/permissionPolicy';

const RENDERER = path.resolve('/opt/counterpay/dist/renderer');
const page = pathToFileURL(path.join(RENDERER, 'display.html')).href;

describe('permission policy', () => {
  it('grants nothing by default, even to our own page', () => {
    expect(PERMISSION_ALLOWLIST).toEqual([]);
    const every = ['fullscreen', 'media', 'hid', 'serial', 'usb', 'notifications', 'geolocation', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'midiSysex', 'idle-detection', 'display-capture', 'window-management', 'unknown'];
    for (const permission of every) {
      expect(isPermissionGranted({ permission, requestingUrl: page, isMainFrame: true }, RENDERER)).toBe(false);
    }
  });

  describe('with an allowlist', () => {
    const allow = ['fullscreen'];
    it('grants a listed permission to the main frame of our page', () => {
      expect(isPermissionGranted({ permission: 'fullscreen', requestingUrl: page, isMainFrame: true }, RENDERER, allow)).toBe(true);
    });
    it.each([
      ['an unlisted permission', { permission: 'media', requestingUrl: page, isMainFrame: true }],
      ['a subframe', { permission: 'fullscreen', requestingUrl: page, isMainFrame: false }],
      ['another origin', { permission: 'fullscreen', requestingUrl: 'https://evil.example/', isMainFrame: true }],
      ['a file outside the renderer', { permission: 'fullscreen', requestingUrl: 'file:///tmp/x.html', isMainFrame: true }],
      ['an unknown requester', { permission: 'fullscreen', requestingUrl: undefined, isMainFrame: true }],
    ])('refuses %s', (_what, query) => {
      expect(isPermissionGranted(query, RENDERER, allow)).toBe(false);
    });
  });

  it('never grants device access (WebHID, serial, USB)', () => {
    expect(isDevicePermissionGranted()).toBe(false);
  });
});
