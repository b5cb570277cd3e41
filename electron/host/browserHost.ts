import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { CallName, WireMessage } from '../../shared/bridge/contract';
import { en } from '../../shared/i18n/en';
import { zhCN } from '../../shared/i18n/zhCN';
import type { PosApp } from '../app/posApp';
import { isCallAllowedFor, isEventSentTo } from '../app/windowRoles';
import { allowedOrigins, isAllowedFetchSite, isAllowedHost, securityHeaders } from './contentSecurity';
import {
  ACCESS_KEY_PARAM,
  accessCookieOf,
  accessUrlOf,
  createAccessKeys,
  isPagePath,
  mayOpen,
  roleOfCookies,
  roleOfKey,
  setCookieHeader,
  type AccessCookie,
  type HostRole,
} from './hostAccess';
import { applyConnectionLimit, DEFAULT_HTTP_TIMEOUTS, httpServerOptions, sendBounded, type HttpTimeouts } from './socketBounds';
import { resolveStaticFile } from './staticFiles';
import { createTokenBucket, type TokenBucketOptions } from '../services/network/tokenBucket';

export interface BrowserHostOptions {
  app: PosApp;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** API calls per connection. Default: bursts of 120, 30 a second after that. */
  callRateLimit?: Pick<TokenBucketOptions, 'capacity' | 'refillPerSecond'>;
  limits?: Partial<BrowserHostLimits>;
}

export interface BrowserHostLimits extends HttpTimeouts {
  /** WebSockets open at once, in all and per Origin (by IP, by name). */
  maxSockets: number;
  maxSocketsPerOrigin: number;
  /** Of those, the customer display's. */
  maxDisplaySockets: number;
  /** Unsent bytes a WebSocket may hold before it is cut (its reader stopped reading). */
  maxBufferedBytes: number;
}

/**
 * A cashier window and a display window need one socket each; a few tabs and reloads
 * (the old socket closing as the new one opens) stay far below. A snapshot is a few
 * kilobytes, a display view with its QR code some tens: a page that is reading never
 * holds a megabyte unsent.
 */
export const DEFAULT_BROWSER_HOST_LIMITS: BrowserHostLimits = {
  ...DEFAULT_HTTP_TIMEOUTS,
  maxSockets: 16,
  maxSocketsPerOrigin: 8,
  maxDisplaySockets: 4,
  maxBufferedBytes: 1024 * 1024,
};

export interface RoleAccess {
  /** The page's address with this run's key, as the start line prints it. */
  url: string;
  /** The cookie the host gives in exchange, for clients that are not browsers. */
  cookie: AccessCookie;
}

export interface BrowserHost {
  /** The origin's root, without a key: what a browser that holds the cookie reloads. */
  readonly url: string;
  readonly port: number;
  /** The cashier's and the customer display's way in, for this run only. */
  readonly access: Readonly<Record<HostRole, RoleAccess>>;
  /** WebSockets open now. */
  readonly socketCount: number;
  close(): Promise<void>;
}

/** Largest frame a window may send; real calls are a few hundred bytes. */
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Far above what a cashier produces (a scan, a key, a few calls a second at most): only a
 * runaway or hostile page reaches it, and its connection is closed.
 */
export const DEFAULT_CALL_RATE_LIMIT = { capacity: 120, refillPerSecond: 30 } as const;

/** WebSocket close code 1008: policy violation (RFC 6455). */
const CLOSE_POLICY_VIOLATION = 1008;

/** What a browser without this run's key is shown: no app, just where to find the key. */
const KEY_REQUIRED_TEXT = `${en.app.accessKeyRequired}\n\n${zhCN.app.accessKeyRequired}\n`;

interface Client {
  ws: WebSocket;
  role: HostRole;
  origin: string;
}

/**
 * Browser mode: the built renderer over HTTP and the same call contract as Electron's
 * IPC over a WebSocket at /api. Bound to 127.0.0.1 only; a page from another origin
 * can neither call the API nor read its events (Host, Origin and Sec-Fetch-Site checks),
 * and nothing is served without this run's cashier or display key (hostAccess.ts): other
 * OS users of the computer reach loopback too. A display connection gets the display
 * window's calls and events only. Each connection's calls are rate-limited, connections
 * are capped, a reader that stops reading is cut (socketBounds.ts), and a malformed frame
 * costs only that connection, never the host.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app } = options;
  const limits: BrowserHostLimits = { ...DEFAULT_BROWSER_HOST_LIMITS, ...options.limits };
  const keys = createAccessKeys();
  let port = 0;
  const plain = (response: http.ServerResponse, status: number, text: string, headers: Record<string, string> = {}) =>
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(text);

  const server = http.createServer(httpServerOptions(limits), (request, response) => {
    if (!isAllowedHost(request.headers.host, port)) return plain(response, 421, 'Misdirected request');
    // Browsers say where a request comes from; a page of another site gets nothing here.
    if (!isAllowedFetchSite(request.headers['sec-fetch-site'])) return plain(response, 403, 'Forbidden');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname;
    const given = url.searchParams.get(ACCESS_KEY_PARAM);
    if (given !== null) {
      // The printed address: swap the key for a cookie and show the clean address, so the
      // key leaves the address bar and a reload needs only the cookie.
      const role = roleOfKey(given, keys);
      if (!role || !isPagePath(pathname)) return plain(response, 401, KEY_REQUIRED_TEXT);
      response.writeHead(303, { Location: pathname, 'Set-Cookie': setCookieHeader(accessCookieOf(role, keys, port)), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).end();
      return;
    }
    const role = roleOfCookies(request.headers.cookie, keys, port);
    if (!role) return plain(response, 401, KEY_REQUIRED_TEXT);
    if (!mayOpen(role, pathname)) return plain(response, 403, 'Forbidden');
    const found = resolveStaticFile(options.rendererDir, pathname);
    if (!found) return plain(response, 404, 'Not found');
    const origin = `http://${request.headers.host}`;
    response.writeHead(200, {
      'Content-Type': found.type,
      'Cache-Control': found.type.startsWith('text/html') ? 'no-store' : 'private, max-age=31536000, immutable',
      ...securityHeaders(origin),
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(found.file).on('error', () => response.destroy()).pipe(response);
  });
  applyConnectionLimit(server, limits);

  const clients = new Set<Client>();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const refuseUpgrade = (socket: Duplex, status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  server.on('upgrade', (request, socket, head) => {
    // A client that resets mid-handshake must not take the host down.
    socket.on('error', () => socket.destroy());
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const origin = request.headers.origin;
    if (pathname !== '/api' || !isAllowedHost(request.headers.host, port) || !origin || !allowedOrigins(port).includes(origin)) {
      return refuseUpgrade(socket, '403 Forbidden');
    }
    const role = roleOfCookies(request.headers.cookie, keys, port);
    if (!role) return refuseUpgrade(socket, '401 Unauthorized');
    const open = [...clients];
    if (
      open.length >= limits.maxSockets ||
      open.filter((client) => client.origin === origin).length >= limits.maxSocketsPerOrigin ||
      (role === 'display' && open.filter((client) => client.role === 'display').length >= limits.maxDisplaySockets)
    ) {
      return refuseUpgrade(socket, '503 Service Unavailable');
    }
    sockets.handleUpgrade(request, socket, head, (ws) => welcome({ ws, role, origin }));
  });

  const send = (client: Client, message: WireMessage) => sendBounded(client.ws, JSON.stringify(message), limits.maxBufferedBytes);
  // One subscription for every socket, and each event serialised once for all of them.
  const unsubscribe = app.subscribe((event, payload) => {
    let frame: Buffer | undefined;
    for (const client of clients) {
      if (!isEventSentTo(client.role, event)) continue;
      frame ??= Buffer.from(JSON.stringify({ type: 'event', event, payload } satisfies WireMessage));
      sendBounded(client.ws, frame, limits.maxBufferedBytes);
    }
  });

  const rateLimit = options.callRateLimit ?? DEFAULT_CALL_RATE_LIMIT;
  const welcome = (client: Client) => {
    const { ws } = client;
    clients.add(client);
    ws.on('close', () => clients.delete(client));
    // Oversize frames (1009), invalid UTF-8 (1007) and other protocol errors arrive here
    // after ws has already started closing that connection with the right code. Without a
    // listener the error would be thrown and end the whole process.
    ws.on('error', () => undefined);
    const answer = async (data: RawData, isBinary: boolean) => {
      let id = -1;
      try {
        if (isBinary) throw new Error('binary frame');
        const frame: unknown = JSON.parse(data.toString());
        if (!frame || typeof frame !== 'object') throw new Error('not an object');
        const { id: frameId, call, args } = frame as { id?: unknown; call?: unknown; args?: unknown };
        if (typeof frameId !== 'number' || !Number.isSafeInteger(frameId)) throw new Error('no id');
        id = frameId;
        // The display's key opens the display's calls only, as in Electron's display window.
        // (Unknown names from the cashier are main's to answer: UNKNOWN_CALL.)
        const allowed = isCallAllowedFor(client.role, call as CallName);
        send(client, { type: 'result', id, result: allowed ? await app.call(call, args) : { ok: false, error: { code: 'FORBIDDEN_ORIGIN' } } });
      } catch {
        send(client, { type: 'result', id, result: { ok: false, error: { code: 'INVALID_CALL' } } });
      }
    };
    const calls = createTokenBucket(rateLimit);
    // Over the limit, later frames are ignored and the connection is closed once the calls
    // already running have been answered: the window learns every outcome of what ran.
    let inFlight = 0;
    let limited = false;
    const closeIfLimited = () => {
      if (limited && inFlight === 0) ws.close(CLOSE_POLICY_VIOLATION, 'rate limit exceeded');
    };
    ws.on('message', async (data, isBinary) => {
      if (limited) return;
      if (!calls.take()) {
        limited = true;
        closeIfLimited();
        return;
      }
      inFlight += 1;
      try {
        await answer(data, isBinary);
      } finally {
        inFlight -= 1;
        closeIfLimited();
      }
    });
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const roleAccess = (role: HostRole): RoleAccess => ({ url: accessUrlOf(role, keys, origin), cookie: accessCookieOf(role, keys, port) });
  return {
    url: `${origin}/`,
    port,
    access: { cashier: roleAccess('cashier'), display: roleAccess('display') },
    get socketCount() {
      return clients.size;
    },
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
