/**
 * Web permissions (camera, notifications, WebHID, …) the app's pages may use. Deny by
 * default; a permission is granted only when it is on the allowlist AND asked for by the
 * main frame of one of our own pages.
 *
 * The allowlist is empty, on purpose:
 * - `fullscreen`: the customer display is made full screen by the main process
 *   (BrowserWindow option), not by the page's Fullscreen API, so the page needs nothing.
 * - `media` (camera/microphone): payment codes come from HID or keyboard-wedge scanners,
 *   never a camera. A page with camera access could film the counter.
 * - `hid`, `serial`, `usb` and Bluetooth: the scanner is read by the main process with
 *   node-hid. A page with WebHID could read payment codes from the scanner directly or
 *   claim the device from the main process.
 * - clipboard, notifications, geolocation, idle detection, MIDI, `openExternal`: unused.
 * A later feature that needs one adds it here with a test; nothing is granted by accident.
 */
import { isAppPage } from './navigationPolicy';

export const PERMISSION_ALLOWLIST: readonly string[] = [];

/** A permission request or check as Electron describes it. */
export interface PermissionQuery {
  permission: string;
  /** The URL of the frame asking; undefined when Electron does not say. */
  requestingUrl: string | undefined;
  isMainFrame: boolean;
}

export function isPermissionGranted(query: PermissionQuery, rendererDir: string, allowlist: readonly string[] = PERMISSION_ALLOWLIST): boolean {
  return (
    allowlist.includes(query.permission) &&
    query.isMainFrame &&
    query.requestingUrl !== undefined &&
    isAppPage(query.requestingUrl, rendererDir)
  );
}

/** Device access (WebHID, Web Serial, WebUSB) for a page: never. See the note above. */
export function isDevicePermissionGranted(): false {
  return false;
}
