import type http from 'node:http';
import type { WebSocket } from 'ws';

/**
 * Bounds on what one client can make a host hold, for the browser host and the LAN display
 * host alike: a connection that never sends its request, or a WebSocket whose reader
 * stopped reading, must cost a bounded amount of memory and time, not grow with the app's
 * events until the till slows down.
 */

export interface HttpTimeouts {
  /** The request line and headers must be in by then (a silent or trickling connection is closed with 408). */
  headersTimeoutMs: number;
  /** The whole request. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection between requests. */
  keepAliveTimeoutMs: number;
  /** How often Node checks the two above. */
  connectionsCheckingIntervalMs: number;
  /** TCP connections at once, upgraded WebSockets included; more are closed as they arrive. */
  maxConnections: number;
}

/**
 * A page load is a handful of requests on loopback or the store's network: seconds are
 * plenty. Node's defaults (60 s for headers, 300 s a request, checked every 30 s) let
 * thousands of silent connections pile up.
 */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  connectionsCheckingIntervalMs: 1_000,
  maxConnections: 128,
};

/** Options for http.createServer that apply the timeouts. */
export function httpServerOptions(timeouts: HttpTimeouts): http.ServerOptions {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: timeouts.connectionsCheckingIntervalMs,
  };
}

/** What applies after creation (Node takes it as a property, not an option). */
export function applyConnectionLimit(server: http.Server, timeouts: HttpTimeouts): void {
  server.maxConnections = timeouts.maxConnections;
}

/**
 * Sends `data` unless the socket already holds more than `maxBufferedBytes` unsent: a
 * reader that stopped reading (a frozen page, a hostile client) would otherwise keep every
 * later event in memory. Such a socket is cut at once — a close frame would only queue
 * behind the backlog — and a live page reconnects and asks for the state afresh.
 * Returns false when the socket was cut or is not open.
 */
export function sendBounded(ws: WebSocket, data: Buffer | string, maxBufferedBytes: number): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount > maxBufferedBytes) {
    ws.terminate();
    return false;
  }
  // A Buffer is sent as a text frame without a copy, so one event shared by many sockets is held once.
  ws.send(data, { binary: false });
  return true;
}
