/**
 * Whose IPC messages the main process honours. Every call can move money, so a message
 * counts only when it comes from the main frame of a window this app created, currently
 * showing one of the app's own pages. A subframe, a page that navigated elsewhere, a
 * destroyed frame or any other web contents (DevTools, a stray webview) gets nothing.
 */
import type { CallName, EventName } from '../../shared/bridge/contract';
import { isAppPage } from './navigationPolicy';

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

/** What a window of ours is for; decided by main when it creates the window, never by the page. */
export type WindowRole = 'cashier' | 'display';

/**
 * The customer display window faces the customer and shows; it never acts. Its page may
 * read the display's view and nothing else: not the snapshot (settings, the journal's
 * references), and no call that starts, charges, refunds or changes anything. Should the
 * page be subverted, or the window navigate to the cashier page (navigationPolicy allows
 * both pages in every window), main still refuses the rest: the role belongs to the
 * window, not to the page it shows.
 */
export const DISPLAY_WINDOW_CALLS: readonly CallName[] = ['getDisplay'];

/** The display window is sent its own view only (the `display` event), never the snapshot. */
export const DISPLAY_WINDOW_EVENTS: readonly EventName[] = ['display'];

export function isCallAllowedFor(role: WindowRole, call: CallName): boolean {
  return role === 'cashier' || DISPLAY_WINDOW_CALLS.includes(call);
}

export function isEventSentTo(role: WindowRole, event: EventName): boolean {
  return role === 'cashier' || DISPLAY_WINDOW_EVENTS.includes(event);
}

/**
 * Whether main honours `call` from `sender`: a trusted sender (as above) whose window's
 * role allows that call. A window with no role is not ours.
 */
export function isCallHonoured(sender: IpcSender, call: CallName, windowRoles: ReadonlyMap<number, WindowRole>, rendererDir: string): boolean {
  const role = windowRoles.get(sender.webContentsId);
  return role !== undefined && isTrustedSender(sender, new Set(windowRoles.keys()), rendererDir) && isCallAllowedFor(role, call);
}
