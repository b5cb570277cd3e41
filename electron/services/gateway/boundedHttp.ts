import axios from 'axios';
import { createConnectTimeoutAgents } from './connectTimeoutAgent';
import { gatewayErrorFromTransport, type TransportContext } from './gatewayError';

/**
 * The one bounded HTTP exchange every gateway client uses (NihaoPay's and OnlinePay's
 * transports add their own headers, bodies and reply reading): a connect timeout, an overall
 * deadline, a reply size cap, no redirects, no proxy, and every failure to get a complete
 * reply turned into an `indeterminate` GatewayError with the secret redacted.
 */

/** A cashier will not wait longer than this for one call, whatever the settings say. */
export const MAX_DEADLINE_MS = 30_000;
export const DEFAULT_DEADLINE_MS = 30_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Gateway replies are a few hundred bytes (a full OnlinePay page of 500 payments, a few hundred kilobytes): a megabyte is already absurd. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface HttpBounds {
  connectTimeoutMs: number;
  deadlineMs: number;
  maxBodyBytes: number;
}

/** Defaults filled in and each bound checked; a bad one is a configuration error, thrown at creation. */
export function resolveHttpBounds(options: Partial<HttpBounds>): HttpBounds {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  if (!Number.isSafeInteger(deadlineMs) || deadlineMs <= 0 || deadlineMs > MAX_DEADLINE_MS) {
    throw new RangeError(`deadlineMs must be an integer from 1 to ${MAX_DEADLINE_MS}`);
  }
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, deadlineMs);
  if (!Number.isSafeInteger(connectTimeoutMs) || connectTimeoutMs <= 0) throw new RangeError('connectTimeoutMs must be a positive integer');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) throw new RangeError('maxBodyBytes must be a positive integer');
  return { connectTimeoutMs, deadlineMs, maxBodyBytes };
}

export interface BoundedRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  data?: string;
}

export interface BoundedReply {
  status: number;
  text: string;
  contentType: string;
}

/** `context`: the gateway's name for messages and the secret to redact. */
export function createBoundedHttp(bounds: HttpBounds, context: TransportContext): (request: BoundedRequest) => Promise<BoundedReply> {
  const { httpAgent, httpsAgent } = createConnectTimeoutAgents(bounds.connectTimeoutMs);
  const http = axios.create({
    // Node's http adapter is the one that honours the agents and byte limits below.
    adapter: 'http',
    // Also an idle and connect-phase timer inside axios; the overall deadline is our AbortController.
    timeout: bounds.deadlineMs,
    maxContentLength: bounds.maxBodyBytes,
    maxBodyLength: bounds.maxBodyBytes,
    // A redirect from a payment API is never followed: it would resend the credential and the body elsewhere.
    maxRedirects: 0,
    // Environment proxies are not for payment traffic; a credential must go only where configured.
    proxy: false,
    httpAgent,
    httpsAgent,
    // Error bodies carry the labels and codes, so every status is read; the caller decides what it means.
    validateStatus: () => true,
    // The caller parses the body, so that an HTML page with status 200 is a bad reply, not a string.
    responseType: 'text',
    responseEncoding: 'utf8',
    transformResponse: [(data: unknown) => data],
  });

  return async function exchange(request: BoundedRequest): Promise<BoundedReply> {
    const controller = new AbortController();
    let deadlinePassed = false;
    const timer = setTimeout(() => {
      deadlinePassed = true;
      controller.abort();
    }, bounds.deadlineMs);
    try {
      const response = await http.request<unknown>({ ...request, signal: controller.signal });
      const text = typeof response.data === 'string' ? response.data : '';
      return { status: response.status, text, contentType: String(response.headers['content-type'] ?? '') };
    } catch (err) {
      throw gatewayErrorFromTransport(err, { ...context, ...(deadlinePassed ? { deadlineMs: bounds.deadlineMs } : {}) });
    } finally {
      clearTimeout(timer);
    }
  };
}
