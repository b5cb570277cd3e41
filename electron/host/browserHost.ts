import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { WireMessage } from '../../shared/bridge/contract';
import type { PosApp } from '../app/posApp';
import { allowedOrigins, isAllowedFetchSite, isAllowedHost, securityHeaders } from './contentSecurity';
import { resolveStaticFile } from './staticFiles';
import { createTokenBucket, type TokenBucketOptions } from './tokenBucket';

export interface BrowserHostOptions {
  app: PosApp;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** API calls per connection. Default: bursts of 120, 30 a second after that. */
  callRateLimit?: Pick<TokenBucketOptions, 'capacity' | 'refillPerSecond'>;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
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

/**
 * Browser mode: the built renderer over HTTP and the same call contract as Electron's
 * IPC over a WebSocket at /api. Bound to 127.0.0.1 only; a page from another origin
 * can neither call the API nor read its events (Host, Origin and Sec-Fetch-Site checks).
 * Each connection's calls are rate-limited, and a malformed frame costs only that
 * connection, never the host.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app } = options;
  let port = 0;
  const server = http.createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, port)) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    // Browsers say where a request comes from; a page of another site gets nothing here.
    if (!isAllowedFetchSite(request.headers['sec-fetch-site'])) {
      response.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const found = resolveStaticFile(options.rendererDir, pathname);
    if (!found) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const origin = `http://${request.headers.host}`;
    response.writeHead(200, {
      'Content-Type': found.type,
      'Cache-Control': found.type.startsWith('text/html') ? 'no-store' : 'public, max-age=31536000, immutable',
      ...securityHeaders(origin),
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(found.file).pipe(response);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request, socket, head) => {
    // A client that resets mid-handshake must not take the host down.
    socket.on('error', () => socket.destroy());
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const origin = request.headers.origin;
    if (pathname !== '/api' || !isAllowedHost(request.headers.host, port) || !origin || !allowedOrigins(port).includes(origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  const send = (ws: WebSocket, message: WireMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const rateLimit = options.callRateLimit ?? DEFAULT_CALL_RATE_LIMIT;
  sockets.on('connection', (ws: WebSocket) => {
    const unsubscribe = app.subscribe((event, payload) => send(ws, { type: 'event', event, payload }));
    ws.on('close', unsubscribe);
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
        send(ws, { type: 'result', id, result: await app.call(call, args) });
      } catch {
        send(ws, { type: 'result', id, result: { ok: false, error: { code: 'INVALID_CALL' } } });
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
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
