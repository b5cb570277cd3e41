/**
 * Whose IPC messages the main process honours. Every call can move money, so a message
 * counts only when it comes from the main frame of a window this app created, currently
 * showing one of the app's own pages. A subframe, a page that navigated elsewhere, a
 * destroyed frame or any other web contents (DevTools, a stray webview) gets nothing.
 */
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
