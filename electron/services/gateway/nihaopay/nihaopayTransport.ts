import axios from 'axios';
import type { CsvTable } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { createConnectTimeoutAgents } from '../connectTimeoutAgent';
import { readCsvTable } from './csvTable';
import { createGatewayError, gatewayErrorFromTransport, type RedactionContext } from '../gatewayError';
import { badReplyError, gatewayErrorFromReply } from './nihaopayGatewayError';
import type { Reading } from '../replyReading';
import { errorReplySchema } from './replySchemas';

/** A cashier will not wait longer than this for one call, whatever the settings say. */
export const MAX_DEADLINE_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** NihaoPay's replies are a few hundred bytes; a megabyte is already absurd. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface NihaoPayClientOptions {
  /** e.g. https://api.nihaopay.com, or the sandbox's URL; paths start at /v1.2. */
  baseUrl: string;
  /** The merchant's bearer token. Never logged, never placed in an error. */
  token: string;
  /** Time allowed for TCP (and TLS) to come up; capped by the deadline. */
  connectTimeoutMs?: number;
  /** Overall time for one call, connect to last byte. Default and maximum 30000. */
  deadlineMs?: number;
  /** Largest reply body read; a larger one fails the call. Default 1 MiB. */
  maxBodyBytes?: number;
  userAgent?: string;
}

interface ResolvedOptions {
  baseUrl: string;
  token: string;
  connectTimeoutMs: number;
  deadlineMs: number;
  maxBodyBytes: number;
  userAgent: string;
}

/** Settings mistakes are programming or configuration errors, thrown at creation and never with the token in them. */
function resolveOptions(options: NihaoPayClientOptions): ResolvedOptions {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new TypeError('baseUrl is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('baseUrl must be http or https');
  if (url.username || url.password || url.search || url.hash) throw new TypeError('baseUrl must not carry credentials, a query or a fragment');
  if (typeof options.token !== 'string' || !/^[\x21-\x7e]+$/.test(options.token)) {
    throw new TypeError('token must be a non-empty string of visible ASCII characters');
  }
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (!Number.isSafeInteger(deadlineMs) || deadlineMs <= 0 || deadlineMs > MAX_DEADLINE_MS) {
    throw new RangeError(`deadlineMs must be an integer from 1 to ${MAX_DEADLINE_MS}`);
  }
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, deadlineMs);
  if (!Number.isSafeInteger(connectTimeoutMs) || connectTimeoutMs <= 0) throw new RangeError('connectTimeoutMs must be a positive integer');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) throw new RangeError('maxBodyBytes must be a positive integer');
  return {
    baseUrl: url.href.replace(/\/+$/, ''),
    token: options.token,
    connectTimeoutMs,
    deadlineMs,
    maxBodyBytes,
    userAgent: options.userAgent ?? 'Counterpay',
  };
}

export interface RawReply {
  status: number;
  text: string;
  contentType: string;
}

/**
 * One bounded HTTP exchange with NihaoPay and the reading of its reply. Every failure
 * leaves here as a GatewayError built by the one factory in gatewayError.ts.
 */
export interface NihaoPayTransport {
  /** Sends one request; a transport failure (timeout, reset, oversized body) is indeterminate. */
  exchange(method: 'GET' | 'POST', path: string, form?: URLSearchParams): Promise<RawReply>;
  /** A call whose 2xx reply is JSON read by `read`; error objects become typed errors. */
  json<T>(method: 'GET' | 'POST', path: string, form: URLSearchParams | undefined, read: (value: unknown) => Reading<T>): Promise<T>;
  /** A GET whose 2xx reply is a CSV file. */
  csv(path: string): Promise<CsvTable>;
  /** Throws the invalid_request error for a request that must not be sent. */
  refuse(problem: string): never;
}

export function createNihaoPayTransport(options: NihaoPayClientOptions): NihaoPayTransport {
  const settings = resolveOptions(options);
  const redaction: RedactionContext = { secret: settings.token };
  const { httpAgent, httpsAgent } = createConnectTimeoutAgents(settings.connectTimeoutMs);
  const http = axios.create({
    // Node's http adapter is the one that honours the agents and byte limits below.
    adapter: 'http',
    // Also an idle and connect-phase timer inside axios; the overall deadline is our AbortController.
    timeout: settings.deadlineMs,
    maxContentLength: settings.maxBodyBytes,
    maxBodyLength: settings.maxBodyBytes,
    // A redirect from a payment API is never followed: it would resend the token and the form elsewhere.
    maxRedirects: 0,
    // Environment proxies are not for payment traffic; a token must go only where configured.
    proxy: false,
    httpAgent,
    httpsAgent,
    // Error bodies carry the label, so every status is read; we decide what it means.
    validateStatus: () => true,
    // We parse JSON ourselves so that an HTML page with status 200 is a bad reply, not a string.
    responseType: 'text',
    responseEncoding: 'utf8',
    transformResponse: [(data: unknown) => data],
  });

  async function exchange(method: 'GET' | 'POST', path: string, form?: URLSearchParams): Promise<RawReply> {
    const controller = new AbortController();
    let deadlinePassed = false;
    const timer = setTimeout(() => {
      deadlinePassed = true;
      controller.abort();
    }, settings.deadlineMs);
    try {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${settings.token}`,
        Accept: 'application/json, text/csv;q=0.9',
        'User-Agent': settings.userAgent,
      };
      if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const response = await http.request<unknown>({
        method,
        url: settings.baseUrl + path,
        headers,
        data: form?.toString(),
        signal: controller.signal,
      });
      const text = typeof response.data === 'string' ? response.data : '';
      const contentType = String(response.headers['content-type'] ?? '');
      return { status: response.status, text, contentType };
    } catch (err) {
      throw gatewayErrorFromTransport(err, { ...redaction, gatewayName: 'NihaoPay', ...(deadlinePassed ? { deadlineMs: settings.deadlineMs } : {}) });
    } finally {
      clearTimeout(timer);
    }
  }

  async function json<T>(method: 'GET' | 'POST', path: string, form: URLSearchParams | undefined, read: (value: unknown) => Reading<T>): Promise<T> {
    const { status, text } = await exchange(method, path, form);
    if (status < 200 || status > 299) throw gatewayErrorFromReply(status, text, redaction);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw badReplyError(status, 'the reply is not JSON', text, redaction);
    }
    if (isErrorObject(value)) throw gatewayErrorFromReply(status, text, redaction);
    const reading = read(value);
    if (!reading.ok) throw badReplyError(status, reading.problem, text, redaction);
    return reading.value;
  }

  async function csv(path: string): Promise<CsvTable> {
    const { status, text, contentType } = await exchange('GET', path);
    if (status < 200 || status > 299) throw gatewayErrorFromReply(status, text, redaction);
    const body = text.replace(/^\uFEFF/, '');
    const start = body.trimStart();
    // A CSV download never starts with a brace or a tag: that is an error object or a portal page.
    if (start.startsWith('{') || start.startsWith('[')) {
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        value = undefined;
      }
      if (isErrorObject(value)) throw gatewayErrorFromReply(status, text, redaction);
      throw badReplyError(status, 'expected a CSV file, got JSON', text, redaction);
    }
    if (/html/i.test(contentType) || start.startsWith('<')) throw badReplyError(status, 'expected a CSV file, got an HTML page', text, redaction);
    const table = readCsvTable(body);
    if (!table.ok) throw badReplyError(status, `not a CSV table (${table.problem})`, text, redaction);
    return table.value;
  }

  return {
    exchange,
    json,
    csv,
    refuse(problem: string): never {
      throw createGatewayError('invalid_request', `Not sent to NihaoPay: ${problem}`, {}, redaction);
    },
  };
}

/** A 2xx body that is an error object rather than a reply (it has a label and no id). */
function isErrorObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('id' in value) && errorReplySchema.safeParse(value).success;
}
