import type { CallName, EventName } from '../../shared/bridge/contract';

/**
 * What each window may ask of main and hear from it, by the role main gave the window.
 * One rule for both ways a window reaches main: Electron's IPC (electron/main/senderPolicy.ts)
 * and the browser host's WebSocket (electron/host/browserHost.ts).
 */
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

