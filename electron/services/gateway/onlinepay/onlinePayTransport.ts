import axios from 'axios';
import type { OnlinePayRequestKind } from '../../../../shared/gateway/onlinepay/onlinePayErrors';
import { createConnectTimeoutAgents } from '../connectTimeoutAgent';
import { createGatewayError, type RedactionContext } from '../gatewayError';
import type { Reading } from '../replyReading';
import { onlinePayBadReply, onlinePayErrorFromItems, onlinePayErrorFromStatus, onlinePayTransportError } from './onlinePayGatewayError';
import { envelopeSchema } from './onlinePayReplies';

/** A cashier will not wait longer than this for one call, whatever the settings say. */
export const MAX_DEADLINE_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** A full page of 500 payments is a few hundred kilobytes; a megabyte is already absurd. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface OnlinePayClientOptions {
  /** https://business.onlinepay.com, https://business.sandbox.onlinepay.com, or a loopback sandbox (http allowed there only). */
  baseUrl: string;
  /** The merchant's private key, sent as a bearer token. Never logged, never placed in an error. */
  privateKey: string;
  /** Time allowed for TCP (and TLS) to come up; capped by the deadline. */
  connectTimeoutMs?: number;
  /** Overall time for one call, connect to last byte. Default and maximum 30000. */
  deadlineMs?: number;
  /** Largest reply body read; a larger one fails the call. Default 1 MiB. */
  maxBodyBytes?: number;
  userAgent?: string;
}

export interface ResolvedOnlinePayOptions {
  /** Without a trailing slash. */
  baseUrl: string;
  privateKey: string;
  connectTimeoutMs: number;
  deadlineMs: number;
  maxBodyBytes: number;
  userAgent: string;
}

/** 127.0.0.0/8, ::1 and localhost: where the built-in sandbox listens. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Settings mistakes are configuration errors, thrown at creation and never with the key in them. */
export function resolveOnlinePayOptions(options: OnlinePayClientOptions): ResolvedOnlinePayOptions {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new TypeError('baseUrl is not a URL');
  }
  // "All API requests must be made through HTTPS." Plain http is only for a sandbox on this machine.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new TypeError('baseUrl must be https (http only on a loopback address)');
  }
  if (url.username || url.password || url.search || url.hash) throw new TypeError('baseUrl must not carry credentials, a query or a fragment');
  if (typeof options.privateKey !== 'string' || !/^[\x21-\x7e]+$/.test(options.privateKey)) {
    throw new TypeError('privateKey must be a non-empty string of visible ASCII characters');
  }
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (!Number.isSafeInteger(deadlineMs) || deadlineMs <= 0 || deadlineMs > MAX_DEADLINE_MS) {
    throw new RangeError(`deadlineMs must be an integer from 1 to ${MAX_DEADLINE_MS}`);
  }
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, deadlineMs);
  if (!Number.isSafeInteger(connectTimeoutMs) || connectTimeoutMs <= 0) throw new RangeError('connectTimeoutMs must be a positive integer');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) throw new RangeError('maxBodyBytes must be a positive integer');
  const userAgent = options.userAgent ?? 'Counterpay';
  if (!/^[\x20-\x7e]{1,200}$/.test(userAgent)) throw new TypeError('userAgent must be 1-200 printable ASCII characters');
  return { baseUrl: url.href.replace(/\/+$/, ''), privateKey: options.privateKey, connectTimeoutMs, deadlineMs, maxBodyBytes, userAgent };
}

export interface OnlinePayCall<T> {
  method: 'GET' | 'POST';
  /** Path and query, starting with /api/v1. */
  path: string;
  /** Sent as JSON. */
  body?: Record<string, unknown>;
  /** Decides how strictly an error reply is read (see classifyOnlinePayError). */
  request: OnlinePayRequestKind;
  /** Reads a `success: true` reply; a failed reading is a bad reply. */
  read: (value: unknown) => Reading<T>;
}

/**
 * One bounded HTTP exchange with OnlinePay and the reading of its envelope. Every failure
 * leaves here as a GatewayError from the one factory, with the key redacted.
 */
export interface OnlinePayTransport {
  readonly settings: Readonly<Omit<ResolvedOnlinePayOptions, 'privateKey'>>;
  readonly redaction: RedactionContext;
  call<T>(call: OnlinePayCall<T>): Promise<T>;
  /** Throws the invalid_request error for a request that must not be sent. */
  refuse(problem: string): never;
}

export function createOnlinePayTransport(options: OnlinePayClientOptions): OnlinePayTransport {
  const { privateKey, ...settings } = resolveOnlinePayOptions(options);
  const redaction: RedactionContext = { secret: privateKey };
  const { httpAgent, httpsAgent } = createConnectTimeoutAgents(settings.connectTimeoutMs);
  const http = axios.create({
    // Node's http adapter is the one that honours the agents and byte limits below.
    adapter: 'http',
    // Also an idle and connect-phase timer inside axios; the overall deadline is our AbortController.
    timeout: settings.deadlineMs,
    maxContentLength: settings.maxBodyBytes,
    maxBodyLength: settings.maxBodyBytes,
    // A redirect from a payment API is never followed: it would resend the key and the body elsewhere.
    maxRedirects: 0,
    // Environment proxies are not for payment traffic; the key must go only where configured.
    proxy: false,
    httpAgent,
    httpsAgent,
    // Error bodies carry the codes, so every status is read; we decide what it means.
    validateStatus: () => true,
    // We parse JSON ourselves so that an HTML page with status 200 is a bad reply, not a string.
    responseType: 'text',
    responseEncoding: 'utf8',
    transformResponse: [(data: unknown) => data],
  });

  async function exchange(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<{ status: number; text: string }> {
    const controller = new AbortController();
    let deadlinePassed = false;
    const timer = setTimeout(() => {
      deadlinePassed = true;
      controller.abort();
    }, settings.deadlineMs);
    try {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${privateKey}`,
        Accept: 'application/json',
        'User-Agent': settings.userAgent,
      };
      if (body) headers['Content-Type'] = 'application/json';
      const response = await http.request<unknown>({
        method,
        url: settings.baseUrl + path,
        headers,
        data: body ? JSON.stringify(body) : undefined,
        signal: controller.signal,
      });
      return { status: response.status, text: typeof response.data === 'string' ? response.data : '' };
    } catch (err) {
      throw onlinePayTransportError(err, deadlinePassed ? { ...redaction, deadlineMs: settings.deadlineMs } : redaction);
    } finally {
      clearTimeout(timer);
    }
  }

  async function call<T>({ method, path, body, request, read }: OnlinePayCall<T>): Promise<T> {
    const { status, text } = await exchange(method, path, body);
    let value: unknown;
    let isJson = true;
    try {
      value = JSON.parse(text);
    } catch {
      isJson = false;
    }
    const envelope = isJson ? envelopeSchema.safeParse(value) : undefined;
    if (status < 200 || status > 299) {
      // An envelope that admits failure (or lists errors) is read by the table; anything else by its status alone.
      if (envelope?.success && (!envelope.data.success || envelope.data.errors.length > 0)) {
        throw onlinePayErrorFromItems(status, envelope.data.errors, request, text, redaction);
      }
      throw onlinePayErrorFromStatus(status, text, redaction);
    }
    if (!isJson) throw onlinePayBadReply(status, 'the reply is not JSON', text, redaction);
    if (!envelope?.success) throw onlinePayBadReply(status, 'the reply has no success flag', text, redaction);
    // success: false inside a 200 is an error, read from its errors; never a result.
    if (!envelope.data.success) throw onlinePayErrorFromItems(status, envelope.data.errors, request, text, redaction);
    const reading = read(value);
    if (!reading.ok) throw onlinePayBadReply(status, reading.problem, text, redaction);
    return reading.value;
  }

  return {
    settings,
    redaction,
    call,
    refuse(problem: string): never {
      throw createGatewayError('invalid_request', `Not sent to OnlinePay: ${problem}`, {}, redaction);
    },
  };
}
