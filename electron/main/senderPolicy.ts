/**
 * Whose IPC messages the main process honours. Every call can move money, so a message
 * counts only when it comes from the main frame of a window this app created, currently
 * showing one of the app's own pages. A subframe, a page that navigated elsewhere, a
 * destroyed frame or any other web contents (DevTools, a stray webview) gets nothing.
 */
import type { CallName } from '../../shared/bridge/contract';
import { isAppPage } from './navigationPolicy';
import { isCallAllowedFor, type WindowRole } from '../app/windowRoles';

// The roles themselves are the app's (the browser host applies them too): ../app/windowRoles.ts.
export { DISPLAY_WINDOW_CALLS, DISPLAY_WINDOW_EVENTS, isCallAllowedFor, isEventSentTo, type WindowRole } from '../app/windowRoles';

/** What Electron tells about the sender of an IPC message, reduced to plain data. */
export interface IpcSender {
  /** `event.sender.id`: the web contents the message came from. */
  webContentsId: number;
  /** `event.senderFrame.url`; undefined when the frame is gone (navigated or destroyed). */
  frameUrl: string | undefined;
  /** True for the top-level frame of its web contents. */
  isMainFrame: boolean;
}

export function isTrustedSender(sender: IpcSender, trustedWebContentsIds: ReadonlySet<number>, rendererDir: string): boolean {
  return (
    trustedWebContentsIds.has(sender.webContentsId) &&
    sender.isMainFrame &&
    sender.frameUrl !== undefined &&
    isAppPage(sender.frameUrl, rendererDir)
  );
}

/**
 * Whether main honours `call` from `sender`: a trusted sender (as above) whose window's
 * role allows that call. A window with no role is not ours.
 */
export function isCallHonoured(sender: IpcSender, call: CallName, windowRoles: ReadonlyMap<number, WindowRole>, rendererDir: string): boolean {
  const role = windowRoles.get(sender.webContentsId);
  return role !== undefined && isTrustedSender(sender, new Set(windowRoles.keys()), rendererDir) && isCallAllowedFor(role, call);
}
