import type { CustomerDisplayView } from '../../shared/display/customerDisplayView';
import {
  LAN_DISPLAY_API_PATH,
  LAN_DISPLAY_MARKER,
  LAN_DISPLAY_TOKEN_KEY,
  LAN_DISPLAY_UNPAIRED,
  type LanDisplayServerMessage,
  type LanPairRequest,
} from '../../shared/display/lanDisplayWire';

/**
 * The LAN customer display's side of /display-api (see shared/display/lanDisplayWire.ts).
 * A tablet has no preload and the LAN host serves none of the cashier contract, so this is
 * not the contract's bridge: it pairs once with the code from the cashier's screen, keeps
 * the token in localStorage, resumes with it after a reload or a dropped connection, and
 * hands every view it is sent to the page.
 */

/** What the tablet shows. */
export type LanDisplayState =
  /** No token: the pairing form, with why the last attempt failed, if it did. */
  | { phase: 'pairing'; busy: boolean; problem?: LanPairingProblem }
  /** A token from an earlier pairing, being tried. */
  | { phase: 'resuming' }
  /** Paired: the customer display; `connected` false while it reconnects (the last view stays). */
  | { phase: 'paired'; view: CustomerDisplayView; connected: boolean };

export type LanPairingProblem = 'wrong' | 'rateLimited' | 'unpaired' | 'offline';

/** True when the page was served by the LAN display host (it marks the page it serves). */
export function isLanDisplayPage(doc: Pick<Document, 'querySelector'>): boolean {
  return doc.querySelector(`meta[name="${LAN_DISPLAY_MARKER.name}"]`)?.getAttribute('content') === LAN_DISPLAY_MARKER.content;
}

/** ws(s)://<this host>/display-api */
export function lanDisplayApiUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${LAN_DISPLAY_API_PATH}`;
}

/** The part of the browser's WebSocket this client uses (a fake one in tests). */
export type LanSocket = Pick<WebSocket, 'onopen' | 'onmessage' | 'onclose' | 'onerror' | 'send' | 'close'>;

export interface LanDisplayClientOptions {
  url: string;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  openSocket: (url: string) => LanSocket;
  onState: (state: LanDisplayState) => void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface LanDisplayClient {
  /** Resumes with a stored token, or shows the pairing form. */
  start(): void;
  /** Pairs with the six digits typed. */
  submitCode(code: string): void;
  stop(): void;
}

/**
 * Reconnecting with the token, after a drop: quickly at first, then every 10 s. Each try
 * counts against the host's pairing budget for this address (a few, then one per 6 s), so
 * the steady pace stays under it.
 */
const RETRY_MS = [1_000, 2_000, 4_000, 8_000, 10_000];

export function createLanDisplayClient(options: LanDisplayClientOptions): LanDisplayClient {
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let socket: LanSocket | undefined;
  let retry: unknown;
  let retries = 0;
  let stopped = false;
  let view: CustomerDisplayView | undefined;

  const set = (state: LanDisplayState) => {
    if (!stopped) options.onState(state);
  };
  const token = () => options.storage.getItem(LAN_DISPLAY_TOKEN_KEY) ?? undefined;
  const forgetToken = () => {
    options.storage.removeItem(LAN_DISPLAY_TOKEN_KEY);
    view = undefined;
  };
  const hangUp = () => {
    const current = socket;
    socket = undefined;
    if (current) {
      current.onopen = current.onmessage = current.onclose = current.onerror = null;
      current.close();
    }
  };
  const scheduleResume = () => {
    if (retry !== undefined || stopped) return;
    const delay = RETRY_MS[Math.min(retries, RETRY_MS.length - 1)]!;
    retries += 1;
    retry = setTimer(() => {
      retry = undefined;
      const stored = token();
      if (stored) connect({ token: stored });
      else set({ phase: 'pairing', busy: false, problem: 'unpaired' });
    }, delay);
  };

  const connect = (request: LanPairRequest) => {
    hangUp();
    const ws = options.openSocket(options.url);
    socket = ws;
    let answered = false;
    ws.onopen = () => ws.send(JSON.stringify({ pair: request }));
    ws.onmessage = (event) => {
      let message: LanDisplayServerMessage;
      try {
        message = JSON.parse(String(event.data)) as LanDisplayServerMessage;
      } catch {
        return;
      }
      if (message.type === 'paired') {
        answered = true;
        retries = 0;
        options.storage.setItem(LAN_DISPLAY_TOKEN_KEY, message.token);
        view = message.view;
        set({ phase: 'paired', view, connected: true });
      } else if (message.type === 'display' && view !== undefined) {
        view = message.view;
        set({ phase: 'paired', view, connected: true });
      } else if (message.type === 'refused') {
        answered = true;
        // Only the LAN host's "wrong" voids a token; over the rate limit it is kept and tried later.
        if ('token' in request && message.reason === 'wrong') {
          forgetToken();
          hangUp();
          set({ phase: 'pairing', busy: false, problem: 'unpaired' });
        } else if ('token' in request) {
          hangUp();
          scheduleResume();
        } else {
          hangUp();
          set({ phase: 'pairing', busy: false, problem: message.reason });
        }
      }
    };
    ws.onerror = () => undefined;
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = undefined;
      if (event.code === LAN_DISPLAY_UNPAIRED) {
        forgetToken();
        set({ phase: 'pairing', busy: false, problem: 'unpaired' });
        return;
      }
      if ('code' in request && !answered) {
        set({ phase: 'pairing', busy: false, problem: 'offline' });
        return;
      }
      // Paired (or resuming) and the connection dropped: keep the last view, come back with the token.
      if (token()) {
        set(view ? { phase: 'paired', view, connected: false } : { phase: 'resuming' });
        scheduleResume();
      }
    };
  };

  return {
    start() {
      const stored = token();
      if (stored) {
        set({ phase: 'resuming' });
        connect({ token: stored });
      } else set({ phase: 'pairing', busy: false });
    },
    submitCode(code) {
      if (retry !== undefined) clearTimer(retry);
      retry = undefined;
      set({ phase: 'pairing', busy: true });
      connect({ code });
    },
    stop() {
      stopped = true;
      if (retry !== undefined) clearTimer(retry);
      hangUp();
    },
  };
}
