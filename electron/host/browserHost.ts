import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireMessage } from '../../shared/bridge/contract';
import type { PosApp } from '../app/posApp';
import { allowedOrigins, isAllowedHost, securityHeaders } from './contentSecurity';
import { resolveStaticFile } from './staticFiles';

export interface BrowserHostOptions {
  app: PosApp;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Largest frame a window may send; real calls are a few hundred bytes. */
const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Browser mode: the built renderer over HTTP and the same call contract as Electron's
 * IPC over a WebSocket at /api. Bound to 127.0.0.1 only; a page from another origin
 * can neither call the API nor read its events.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { app } = options;
  let port = 0;
  const server = http.createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, port)) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
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
  sockets.on('connection', (ws: WebSocket) => {
    const unsubscribe = app.subscribe((event, payload) => send(ws, { type: 'event', event, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', async (data, isBinary) => {
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
