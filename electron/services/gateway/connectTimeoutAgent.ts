import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/** Raised on the socket when TCP (and, for https, TLS) is not up in time. Nothing was sent. */
export class ConnectTimeoutError extends Error {
  readonly code = 'ERR_CONNECT_TIMEOUT';
  constructor(ms: number) {
    super(`could not connect within ${ms} ms`);
    this.name = 'ConnectTimeoutError';
  }
}

/**
 * Axios's `timeout` covers the whole exchange; a separate, shorter connect timer lets an
 * unreachable gateway fail fast instead of eating the cashier's whole deadline.
 */
function armConnectTimer(socket: Duplex | null | undefined, ms: number, readyEvent: 'connect' | 'secureConnect'): void {
  if (!(socket instanceof net.Socket)) return;
  if (readyEvent === 'connect' && !socket.connecting) return;
  const timer = setTimeout(() => socket.destroy(new ConnectTimeoutError(ms)), ms);
  const clear = (): void => clearTimeout(timer);
  socket.once(readyEvent, clear);
  socket.once('close', clear);
}

/*
 * keepAlive is off on purpose: a pooled socket the server has just closed makes a POST
 * fail with ECONNRESET although nothing reached the gateway, and every such failure
 * costs a lookup and a worried cashier. One fresh connection per call is cheap by comparison.
 */

class HttpConnectTimeoutAgent extends http.Agent {
  readonly #connectTimeoutMs: number;
  constructor(connectTimeoutMs: number) {
    super({ keepAlive: false });
    this.#connectTimeoutMs = connectTimeoutMs;
  }
  override createConnection(
    options: http.ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    armConnectTimer(socket, this.#connectTimeoutMs, 'connect');
    return socket;
  }
}

class HttpsConnectTimeoutAgent extends https.Agent {
  readonly #connectTimeoutMs: number;
  constructor(connectTimeoutMs: number) {
    super({ keepAlive: false });
    this.#connectTimeoutMs = connectTimeoutMs;
  }
  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    armConnectTimer(socket, this.#connectTimeoutMs, 'secureConnect');
    return socket;
  }
}

export interface ConnectTimeoutAgents {
  httpAgent: http.Agent;
  httpsAgent: https.Agent;
}

export function createConnectTimeoutAgents(connectTimeoutMs: number): ConnectTimeoutAgents {
  return {
    httpAgent: new HttpConnectTimeoutAgent(connectTimeoutMs),
    httpsAgent: new HttpsConnectTimeoutAgent(connectTimeoutMs),
  };
}
