import type { OnlinePayRequestKind } from '../../../../shared/gateway/onlinepay/onlinePayErrors';
import { createBoundedHttp, resolveHttpBounds } from '../boundedHttp';
import { createGatewayError, type RedactionContext } from '../gatewayError';
import { isLoopbackHost } from '../loopbackHost';
import type { Reading } from '../replyReading';
import { onlinePayBadReply, onlinePayErrorFromItems, onlinePayErrorFromStatus } from './onlinePayGatewayError';
import { envelopeSchema } from './onlinePayReplies';

export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_DEADLINE_MS, DEFAULT_MAX_BODY_BYTES, MAX_DEADLINE_MS } from '../boundedHttp';

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

export { isLoopbackHost } from '../loopbackHost';

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
  const { connectTimeoutMs, deadlineMs, maxBodyBytes } = resolveHttpBounds(options);
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
  const send = createBoundedHttp(settings, { ...redaction, gatewayName: 'OnlinePay' });

  async function exchange(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${privateKey}`,
      Accept: 'application/json',
      'User-Agent': settings.userAgent,
    };
    if (body) headers['Content-Type'] = 'application/json';
    return send({ method, url: settings.baseUrl + path, headers, ...(body ? { data: JSON.stringify(body) } : {}) });
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
