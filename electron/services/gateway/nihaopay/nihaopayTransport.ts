import type { CsvTable } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { createBoundedHttp, resolveHttpBounds } from '../boundedHttp';
import { readCsvTable } from './csvTable';
import { createGatewayError, type RedactionContext } from '../gatewayError';
import { badReplyError, gatewayErrorFromReply } from './nihaopayGatewayError';
import type { Reading } from '../replyReading';
import { errorReplySchema } from './replySchemas';

export { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_DEADLINE_MS, DEFAULT_MAX_BODY_BYTES, MAX_DEADLINE_MS } from '../boundedHttp';

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
  const { connectTimeoutMs, deadlineMs, maxBodyBytes } = resolveHttpBounds(options);
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
  const send = createBoundedHttp(settings, { ...redaction, gatewayName: 'NihaoPay' });

  function exchange(method: 'GET' | 'POST', path: string, form?: URLSearchParams): Promise<RawReply> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${settings.token}`,
      Accept: 'application/json, text/csv;q=0.9',
      'User-Agent': settings.userAgent,
    };
    if (form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return send({ method, url: settings.baseUrl + path, headers, ...(form ? { data: form.toString() } : {}) });
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
