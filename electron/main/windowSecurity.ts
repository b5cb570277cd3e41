import type { IpcMainInvokeEvent, WebContents, WebPreferences } from 'electron';
import { pathToFileURL } from 'node:url';

/** Every window: isolated, sandboxed, no Node, web security on. */
export function lockedDownPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** True when a URL is one of the app's own pages (files of the built renderer). */
export function isAppPage(url: string, rendererDir: string): boolean {
  try {
    const parsed = new URL(url);
    const root = pathToFileURL(rendererDir + '/').href;
    return parsed.protocol === 'file:' && parsed.href.startsWith(root) && /\.html$/.test(parsed.pathname);
  } catch {
    return false;
  }
}

/** IPC is honoured only from the main frame of one of our own pages. */
export function isTrustedSender(event: IpcMainInvokeEvent, rendererDir: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppPage(frame.url, rendererDir);
}

/** No navigation away from the app, no new windows, no permissions. */
export function lockDownContents(contents: WebContents, rendererDir: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, rendererDir)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
