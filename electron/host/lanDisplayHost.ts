import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { CustomerDisplayView } from '../../shared/display/customerDisplayView';
import { LAN_DISPLAY_API_PATH, LAN_DISPLAY_UNPAIRED, parseLanDisplayMessage, type LanDisplayServerMessage } from '../../shared/display/lanDisplayWire';
import type { CustomerDisplayAccess } from '../app/displayCalls';
import { isAllowedFetchSite, securityHeaders } from './contentSecurity';
import { createAddressLimiter, remoteAddressOf } from './lanAddressLimiter';
import { LAN_DISPLAY_PAGE_PATHS, lanDisplayFilesOf } from './lanDisplayFiles';
import { applyConnectionLimit, DEFAULT_HTTP_TIMEOUTS, httpServerOptions, sendBounded, type HttpTimeouts } from './socketBounds';
import type { TokenBucketOptions } from '../services/network/tokenBucket';

/**
 * The LAN customer display host: lets a tablet on the store's network show what the
 * customer display shows. It is a separate server from the browser host, on its own port
 * and on every interface, and it serves nothing of the cashier:
 *
 * - HTTP: the built display page (at `/` and `/display`) and the assets that page loads.
 *   No `/api`, no cashier page, nothing else (404).
 * - WebSocket at `/display-api`: the tablet's only message is pairing (a one-time code
 *   from the cashier's screen, or the token an earlier pairing gave it). A paired socket
 *   then receives `display` views until its token is revoked; anything else it sends
 *   closes it. No call of the cashier contract, not even getSnapshot, is reachable.
 *
 * A tablet reaches this by the terminal's LAN address, so there is no Host allowlist; the
 * WebSocket's Origin must be this very host (the page we served), and requests and pairing
 * attempts are rate-limited per remote address. Six-digit codes are also single-use, and
 * refuse an address after a few wrong tries from it (displayPairing.ts). Sockets that have
 * not paired yet are few per address, so one device cannot crowd a tablet out.
 */
export interface LanDisplayHostOptions {
  access: Pick<CustomerDisplayAccess, 'view' | 'pair' | 'isPaired'>;
  /** Subscribes to main's `display` views. */
  onDisplay(listener: (view: CustomerDisplayView) => void): () => void;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on. Default 0.0.0.0 (every IPv4 interface: that is the point). */
  address?: string;
  limits?: Partial<LanDisplayLimits>;
  /** Told of every pairing attempt (for the audit log); never given a code or token. */
  onPairing?(attempt: LanPairingAttempt): void;
}

export interface LanPairingAttempt {
  outcome: 'paired' | 'wrong' | 'rateLimited';
  /** A fresh code, or resuming with a token after a reload or reconnect. */
  by: 'code' | 'token';
  remoteAddress: string;
}

export interface LanDisplayLimits extends HttpTimeouts {
  /** Pairing messages per remote address. */
  pairing: Pick<TokenBucketOptions, 'capacity' | 'refillPerSecond'>;
  /** HTTP requests and WebSocket handshakes per remote address. */
  requests: Pick<TokenBucketOptions, 'capacity' | 'refillPerSecond'>;
  /** Open sockets in all; paired sockets per remote address (a newer one replaces the oldest). */
  maxSockets: number;
  maxSocketsPerAddress: number;
  /**
   * Sockets not paired yet, per remote address and in all. Past either, the new socket
   * replaces the oldest unpaired one of its own address, or of the address holding most:
   * a newcomer is never turned away for want of room, and one device holds only a few.
   */
  maxUnpairedPerAddress: number;
  maxUnpaired: number;
  /** Unsent bytes a paired socket may hold before it is cut (the tablet stopped reading). */
  maxBufferedBytes: number;
  /** A socket that has not paired by then is closed. */
  unpairedTimeoutMs: number;
  /** Pings paired sockets this often; one that did not answer the last ping is dropped. */
  heartbeatMs: number;
}

/**
 * A tablet pairs once and resumes after a reload or a dropped Wi-Fi: a handful of
 * attempts, then one every 6 s. Guessing a code at that pace is hopeless (a code is
 * void after five wrong tries and five minutes anyway).
 */
export const DEFAULT_LAN_DISPLAY_LIMITS: LanDisplayLimits = {
  ...DEFAULT_HTTP_TIMEOUTS,
  pairing: { capacity: 6, refillPerSecond: 1 / 6 },
  // A page load is five or six requests; a reloading tablet a few dozen a minute.
  requests: { capacity: 60, refillPerSecond: 2 },
  maxSockets: 32,
  maxSocketsPerAddress: 4,
  maxUnpairedPerAddress: 2,
  maxUnpaired: 16,
  // A display view with its QR code is some tens of kilobytes.
  maxBufferedBytes: 1024 * 1024,
  unpairedTimeoutMs: 120_000,
  heartbeatMs: 30_000,
};

export interface LanDisplayHost {
  readonly port: number;
  /** Paired sockets open now. */
  readonly pairedCount: number;
  /** Sockets open now that have not paired (yet). */
  readonly unpairedCount: number;
  /** Closes every socket (paired tablets included) and stops listening. */
  close(): Promise<void>;
}

/** Largest frame a tablet may send: a pairing message is well under 100 bytes. */
export const LAN_MAX_FRAME_BYTES = 1024;

/** WebSocket close codes (RFC 6455). */
const CLOSE_POLICY_VIOLATION = 1008;
const CLOSE_GOING_AWAY = 1001;

/**
 * A Host header as a browser sends it: a name or IPv4 address, or a bracketed IPv6
 * address, with an optional port. It goes into the CSP header and the Origin check, so
 * anything else (spaces, semicolons, userinfo) is refused outright.
 */
export function lanHostOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader || hostHeader.length > 255) return undefined;
  return /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(hostHeader) ? hostHeader.toLowerCase() : undefined;
}

/** The WebSocket is ours only when opened by the page this host served: Origin = http://<Host>. */
export function isSameOriginAsHost(origin: string | undefined, hostHeader: string | undefined): boolean {
  const host = lanHostOf(hostHeader);
  return host !== undefined && origin !== undefined && origin.toLowerCase() === `http://${host}`;
}

interface Tablet {
  ws: WebSocket;
  remoteAddress: string;
  /** Set once paired. */
  token?: string;
  alive: boolean;
  timer?: NodeJS.Timeout;
}

export async function startLanDisplayHost(options: LanDisplayHostOptions): Promise<LanDisplayHost> {
  const limits: LanDisplayLimits = { ...DEFAULT_LAN_DISPLAY_LIMITS, ...options.limits };
  const files = lanDisplayFilesOf(options.rendererDir);
  const requests = createAddressLimiter(limits.requests);
  const pairing = createAddressLimiter(limits.pairing);
  const tablets = new Set<Tablet>();

  const server = http.createServer(httpServerOptions(limits), (request, response) => {
    const remote = remoteAddressOf(request.socket.remoteAddress);
    if (!requests.take(remote)) {
      response.writeHead(429, { 'Content-Type': 'text/plain', 'Retry-After': '5' }).end('Too many requests');
      return;
    }
    const host = lanHostOf(request.headers.host);
    if (!host) {
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
    if (!isAllowedFetchSite(request.headers['sec-fetch-site'])) {
      response.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', 'http://lan-display.invalid').pathname;
    } catch {
      pathname = '';
    }
    const headers = securityHeaders(`http://${host}`);
    if (LAN_DISPLAY_PAGE_PATHS.has(pathname) && files.page !== undefined) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      response.end(request.method === 'HEAD' ? undefined : files.page);
      return;
    }
    const asset = files.asset(pathname);
    if (!asset) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'public, max-age=31536000, immutable', ...headers });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(asset.file).on('error', () => response.destroy()).pipe(response);
  });
  // A client that resets mid-request (or sends no request in time) must not take the host down.
  server.on('clientError', (_error, socket) => socket.destroy());
  applyConnectionLimit(server, limits);

  const sockets = new WebSocketServer({ noServer: true, maxPayload: LAN_MAX_FRAME_BYTES });
  const refuseUpgrade = (socket: Duplex, status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    const remote = remoteAddressOf(request.socket.remoteAddress);
    if (!requests.take(remote)) return refuseUpgrade(socket, '429 Too Many Requests');
    let pathname = '';
    try {
      pathname = new URL(request.url ?? '/', 'http://lan-display.invalid').pathname;
    } catch {
      // stays '', refused below
    }
    if (pathname !== LAN_DISPLAY_API_PATH || !isSameOriginAsHost(request.headers.origin, request.headers.host)) return refuseUpgrade(socket, '403 Forbidden');
    // Full of paired tablets: nothing to give up for a newcomer.
    if (tablets.size >= limits.maxSockets && unpaired().length === 0) return refuseUpgrade(socket, '503 Service Unavailable');
    sockets.handleUpgrade(request, socket, head, (ws) => {
      // Room is made only for a handshake that succeeded, so a broken one evicts nobody.
      makeRoomFor(remote);
      welcome(ws, remote);
    });
  });

  const send = (tablet: Tablet, message: LanDisplayServerMessage | Buffer) =>
    sendBounded(tablet.ws, Buffer.isBuffer(message) ? message : JSON.stringify(message), limits.maxBufferedBytes);
  const drop = (tablet: Tablet, code: number, reason: string) => {
    if (tablet.timer) clearTimeout(tablet.timer);
    tablets.delete(tablet);
    tablet.ws.close(code, reason);
  };
  const unpaired = (address?: string) => [...tablets].filter((t) => t.token === undefined && (address === undefined || t.remoteAddress === address));
  /**
   * Before a new socket from `remote`: its address keeps at most maxUnpairedPerAddress - 1
   * waiting sockets (its newest attempt replaces its oldest: a reloading tablet never locks
   * itself out), and a full waiting room or host gives up the oldest waiting socket of the
   * address holding most of them. Tablets are insertion-ordered: the first is the oldest.
   */
  const makeRoomFor = (remote: string) => {
    const mine = unpaired(remote);
    if (mine.length >= limits.maxUnpairedPerAddress) drop(mine[0]!, CLOSE_POLICY_VIOLATION, 'replaced by a newer connection');
    const waiting = unpaired();
    if (waiting.length < limits.maxUnpaired && tablets.size < limits.maxSockets) return;
    const held = new Map<string, number>();
    for (const tablet of waiting) held.set(tablet.remoteAddress, (held.get(tablet.remoteAddress) ?? 0) + 1);
    const most = Math.max(0, ...held.values());
    const victim = waiting.find((tablet) => held.get(tablet.remoteAddress) === most);
    if (victim) drop(victim, CLOSE_POLICY_VIOLATION, 'replaced by a newer connection');
  };
  /** Closes paired sockets whose token is no longer paired (LAN display turned off, or forgotten for a newer tablet). */
  const dropRevoked = () => {
    for (const tablet of [...tablets]) if (tablet.token !== undefined && !options.access.isPaired(tablet.token)) drop(tablet, LAN_DISPLAY_UNPAIRED, 'unpaired');
  };

  const welcome = (ws: WebSocket, remoteAddress: string) => {
    const tablet: Tablet = { ws, remoteAddress, alive: true };
    tablets.add(tablet);
    tablet.timer = setTimeout(() => drop(tablet, CLOSE_POLICY_VIOLATION, 'not paired'), limits.unpairedTimeoutMs);
    tablet.timer.unref();
    // Oversize frames and protocol errors arrive here after ws began closing with the right code.
    ws.on('error', () => undefined);
    ws.on('pong', () => {
      tablet.alive = true;
    });
    ws.on('close', () => {
      if (tablet.timer) clearTimeout(tablet.timer);
      tablets.delete(tablet);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!tablets.has(tablet)) return;
      // A paired tablet only listens: whatever it sends now is not ours to act on.
      if (tablet.token !== undefined) return drop(tablet, CLOSE_POLICY_VIOLATION, 'a paired display only receives');
      const request = isBinary ? undefined : parseLanDisplayMessage(data.toString());
      if (!request) return drop(tablet, CLOSE_POLICY_VIOLATION, 'pairing only');
      const by = 'code' in request ? 'code' : 'token';
      if (!pairing.take(remoteAddress)) {
        options.onPairing?.({ outcome: 'rateLimited', by, remoteAddress });
        send(tablet, { type: 'refused', reason: 'rateLimited' });
        return drop(tablet, CLOSE_POLICY_VIOLATION, 'too many pairing attempts');
      }
      const result = options.access.pair({ ...request, from: remoteAddress });
      if (!result.ok) {
        options.onPairing?.({ outcome: 'wrong', by, remoteAddress });
        send(tablet, { type: 'refused', reason: 'wrong' });
        return;
      }
      tablet.token = result.token;
      if (tablet.timer) clearTimeout(tablet.timer);
      tablet.timer = undefined;
      // A tablet that reconnects leaves sockets behind until the heartbeat finds them: the newest paired ones from an address stay.
      const pairedThere = [...tablets].filter((t) => t.token !== undefined && t.remoteAddress === remoteAddress);
      for (const stale of pairedThere.slice(0, Math.max(0, pairedThere.length - limits.maxSocketsPerAddress))) drop(stale, CLOSE_GOING_AWAY, 'replaced by a newer connection');
      options.onPairing?.({ outcome: 'paired', by, remoteAddress });
      send(tablet, { type: 'paired', token: result.token, view: options.access.view() });
      // Pairing one more tablet may have forgotten the oldest.
      if (by === 'code') dropRevoked();
    });
  };

  const unsubscribe = options.onDisplay((view) => {
    dropRevoked();
    // Serialised once for every tablet; a tablet that stopped reading is cut (socketBounds.ts).
    let frame: Buffer | undefined;
    for (const tablet of [...tablets]) {
      if (tablet.token === undefined) continue;
      frame ??= Buffer.from(JSON.stringify({ type: 'display', view } satisfies LanDisplayServerMessage));
      send(tablet, frame);
    }
  });

  const heartbeat = setInterval(() => {
    for (const tablet of [...tablets]) {
      if (!tablet.alive) {
        tablets.delete(tablet);
        tablet.ws.terminate();
        continue;
      }
      tablet.alive = false;
      tablet.ws.ping();
    }
  }, limits.heartbeatMs);
  heartbeat.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.address ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(heartbeat);
    unsubscribe();
    throw error;
  }
  // After listening, a server error (rare: the interface went away) is logged by nobody and must not crash main.
  server.on('error', () => undefined);
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    get pairedCount() {
      return [...tablets].filter((t) => t.token !== undefined).length;
    },
    get unpairedCount() {
      return unpaired().length;
    },
    async close() {
      unsubscribe();
      clearInterval(heartbeat);
      // Tablets whose token went with the setting learn they must pair again; the others
      // (a port change, the app quitting) reconnect with their token.
      dropRevoked();
      for (const tablet of [...tablets]) drop(tablet, CLOSE_GOING_AWAY, 'LAN display host stopping');
      sockets.close();
      // Give the close frames a moment to leave, then cut whatever is left.
      await new Promise((resolve) => setTimeout(resolve, 50));
      for (const client of sockets.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
