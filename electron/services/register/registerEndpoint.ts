import https from 'node:https';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { failureResponse } from '../../../shared/register/nexoMessages';
import { readCapped } from '../network/cappedBody';
import { parseNexoRequest, securedRequestSchema, type NexoMessageHeader, type NexoRequest } from '../../../shared/register/nexoSchemas';
import type { Logger } from '../log/logger';
import { createTokenBucket, type TokenBucket } from '../network/tokenBucket';
import { CRYPTO_ERRORS, decryptNexoRequest, encryptNexoResponse, type CryptoErrorCode, type NexoKey } from './nexoCrypto';
import type { RegisterRequestContext } from './registerSession';
import type { TerminalCertificate } from './terminalCertificate';

/**
 * The local Terminal API endpoint: HTTPS, `POST /nexo/`, where registers built for Adyen's
 * local integration look for a terminal. It only reads, checks and answers messages; what a
 * message does is the session's (registerSession.ts).
 */

/** A PaymentRequest is well under 4 KiB; an encrypted one a third more. Anything near this is not a register. */
export const MAX_BODY_BYTES = 64 * 1024;
/** The whole body must arrive within this (a register sends it at once, chunked). */
export const BODY_TIMEOUT_MS = 10_000;
/** Per remote address: a burst, then a steady rate well above any register's (one sale at a time). */
export const RATE_LIMIT = { capacity: 30, refillPerSecond: 10 } as const;
const MAX_ADDRESSES_TRACKED = 1024;

/** Adyen's libraries use this error when encryption is required and a plain message arrives. */
export const NOT_ENCRYPTED = 8 as const;

export interface RegisterEndpointOptions {
  certificate: TerminalCertificate;
  /** 127.0.0.1 unless the merchant opened it to the store's network (0.0.0.0). */
  host: string;
  port: number;
  /** The one security key configured, read per message (never cached here). */
  key: () => NexoKey | undefined;
  allowUnencryptedOnLoopback: () => boolean;
  handle: (request: NexoRequest, context: RegisterRequestContext) => Promise<object | undefined>;
  /** One audit line per register request (and per refused message), never with key material. */
  audit: (entry: { outcome: 'ok' | 'refused'; detail: string }) => void;
  log: Logger;
  now?: () => number;
}

export interface RegisterEndpoint {
  readonly port: number;
  readonly address: string;
  close(): Promise<void>;
}

const isLoopback = (address: string | undefined) => address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

function describe(header: NexoMessageHeader | undefined): string {
  return header ? `${header.MessageCategory} SaleID=${header.SaleID} ServiceID=${header.ServiceID}` : 'unreadable message';
}

export async function startRegisterEndpoint(options: RegisterEndpointOptions): Promise<RegisterEndpoint> {
  const now = options.now ?? (() => performance.now());
  // One bucket per remote address (the browser host's token bucket, pure), a bounded number of them.
  const buckets = new Map<string, TokenBucket>();
  const take = (address: string): boolean => {
    let bucket = buckets.get(address);
    if (!bucket) {
      if (buckets.size >= MAX_ADDRESSES_TRACKED) buckets.delete(buckets.keys().next().value!);
      bucket = createTokenBucket({ ...RATE_LIMIT, now });
      buckets.set(address, bucket);
    }
    return bucket.take();
  };

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  const cryptoError = (res: http.ServerResponse, code: CryptoErrorCode | typeof NOT_ENCRYPTED, remote: string, header?: NexoMessageHeader) => {
    options.audit({ outcome: 'refused', detail: `crypto error (${code}) ${describe(header)} from ${remote}` });
    // As Adyen terminals answer it: 401 with the error in Adyen's words.
    sendJson(res, 401, { errors: [`Nexo Service: crypto error (${code})`] });
  };

  /** The body within its limits, or undefined once it has been answered: 413 past the size, 408 past the time. */
  const readBody = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<Buffer | undefined> => {
    const timer = setTimeout(() => {
      sendJson(res, 408, { errors: ['Nexo Service: request body timed out'] });
      req.destroy();
    }, BODY_TIMEOUT_MS);
    try {
      const body = await readCapped(req, MAX_BODY_BYTES);
      if (body === undefined) {
        // Declared too large, or a chunked body cut as soon as it passed the limit.
        res.setHeader('Connection', 'close');
        sendJson(res, 413, { errors: ['Nexo Service: message too large'] });
        req.destroy();
      }
      return body;
    } catch {
      // The register went away (or was cut for being slow): nothing to answer.
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== '/nexo/' && pathname !== '/nexo') {
      sendJson(res, 404, { errors: ['Not found'] });
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendJson(res, 405, { errors: ['Method not allowed'] });
      return;
    }
    if (!take(remote)) {
      sendJson(res, 429, { errors: ['Nexo Service: too many requests'] });
      return;
    }
    const raw = await readBody(req, res);
    if (!raw) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.toString('utf8'));
    } catch {
      options.audit({ outcome: 'refused', detail: `not JSON from ${remote}` });
      sendJson(res, 400, { errors: ['Nexo Service: message is not JSON'] });
      return;
    }
    // Encrypted when it carries a NexoBlob; then every answer is encrypted with the same key.
    const envelope = (parsed as { SaleToPOIRequest?: Record<string, unknown> } | null)?.SaleToPOIRequest;
    const encrypted = typeof envelope === 'object' && envelope !== null && ('NexoBlob' in envelope || 'SecurityTrailer' in envelope);
    let message: unknown = parsed;
    let key: NexoKey | undefined;
    if (encrypted) {
      const secured = securedRequestSchema.safeParse(parsed);
      if (!secured.success) return cryptoError(res, CRYPTO_ERRORS.decryption, remote);
      const opened = decryptNexoRequest(secured.data, options.key());
      if (!opened.ok) return cryptoError(res, opened.code, remote, secured.data.SaleToPOIRequest.MessageHeader);
      try {
        message = JSON.parse(opened.plaintext);
      } catch {
        return cryptoError(res, CRYPTO_ERRORS.notJson, remote, secured.data.SaleToPOIRequest.MessageHeader);
      }
      const outer = secured.data.SaleToPOIRequest.MessageHeader;
      const inner = (message as { SaleToPOIRequest?: { MessageHeader?: NexoMessageHeader } } | null)?.SaleToPOIRequest?.MessageHeader;
      // The header travels in clear beside the blob: the one inside, under the HMAC, must say the same.
      if (!inner || inner.ServiceID !== outer.ServiceID || inner.SaleID !== outer.SaleID || inner.MessageCategory !== outer.MessageCategory) {
        return cryptoError(res, CRYPTO_ERRORS.headerMismatch, remote, outer);
      }
      key = opened.key;
    } else if (!isLoopback(remote) || !options.allowUnencryptedOnLoopback()) {
      return cryptoError(res, NOT_ENCRYPTED, remote);
    }

    const answer = (status: number, body: object | undefined) => {
      if (res.writableEnded || res.destroyed) return;
      if (body === undefined) {
        // An AbortRequest: 200 with no body, as Adyen terminals answer it.
        res.writeHead(200, { 'Content-Length': 0 });
        res.end();
        return;
      }
      if (!key) return sendJson(res, status, body);
      const header = (body as { SaleToPOIResponse: { MessageHeader: NexoMessageHeader } }).SaleToPOIResponse.MessageHeader;
      sendJson(res, status, encryptNexoResponse(header, JSON.stringify(body), key));
    };

    const request = parseNexoRequest(message);
    if (!request.ok) {
      options.audit({ outcome: 'refused', detail: `${request.reason} ${describe(request.header)} from ${remote}: ${request.detail}` });
      if (!request.header) return sendJson(res, 400, { errors: [`Nexo Service: ${request.detail}`] });
      return answer(200, failureResponse(request.header, 'MessageFormat', request.detail));
    }
    const closed = new AbortController();
    res.on('close', () => {
      if (!res.writableEnded) closed.abort();
    });
    let body: object | undefined;
    try {
      body = await options.handle(request.request, { closed: closed.signal });
    } catch (error) {
      // Never a crash, never a hung register: a well-formed Failure, and the log says why.
      options.log.error('register request failed', { category: request.request.category, error });
      body = failureResponse(request.request.header, 'UnavailableService', 'internal error');
    }
    const result = body ? resultOf(body) : 'no body';
    options.audit({ outcome: result.startsWith('Success') || result === 'no body' ? 'ok' : 'refused', detail: `${describe(request.request.header)} from ${remote}: ${result}${closed.signal.aborted ? ' (register had gone)' : ''}` });
    answer(200, body);
  }

  const server = https.createServer({ key: options.certificate.keyPem, cert: options.certificate.certPem, minVersion: 'TLSv1.2' }, (req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      options.log.error('register endpoint failed a request', { error });
      if (!res.headersSent) sendJson(res, 500, { errors: ['Nexo Service: internal error'] });
      else res.destroy();
    });
  });
  // A PaymentRequest is held open while the customer pays: no server-side request deadline
  // (the register has its own); headers must still come quickly, and the body has BODY_TIMEOUT_MS.
  server.requestTimeout = 0;
  server.headersTimeout = 10_000;
  server.maxHeadersCount = 64;
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    address: address.address,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** "Success", or "Failure Busy …" from a response body, for the audit line. */
function resultOf(body: object): string {
  const response = Object.values((body as { SaleToPOIResponse?: Record<string, unknown> }).SaleToPOIResponse ?? {}).find(
    (value): value is { Response: { Result: string; ErrorCondition?: string } } => typeof value === 'object' && value !== null && 'Response' in value,
  );
  if (!response) return 'answered';
  return [response.Response.Result, response.Response.ErrorCondition].filter(Boolean).join(' ');
}
