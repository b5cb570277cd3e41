import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What every gateway-notification receiver shares (NihaoPay's IPN, OnlinePay's callbacks):
 * a small HTTP server for POSTs, a body read up to a cap, short timeouts against peers that
 * dribble, and plain-text replies. What a post means is the caller's.
 */

export interface PostReceiver {
  /** e.g. http://127.0.0.1:49152/nihaopay/ipn */
  url: string;
  close(): Promise<void>;
}

export async function listenForPosts(
  where: { host: string; port: number },
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  path: string,
): Promise<PostReceiver> {
  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) reply(response, 500, 'try again');
      else response.destroy();
    });
  });
  // A peer that opens a connection and dribbles must not hold it for ever.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}${path}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}


export function reply(response: ServerResponse, status: number, text: string, close = false): void {
  const headers: Record<string, string | number> = { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) };
  if (close) headers['connection'] = 'close';
  response.writeHead(status, headers);
  response.end(text);
}


