import axios from 'axios';
import type { GatewayTransaction, PaymentGateway, ScanQrCodeRequest } from '../../../../shared/gateway/nihaopayTypes';
import { isValidReference } from '../../../../shared/payments/reference';
import { createConnectTimeoutAgents } from './connectTimeoutAgent';
import {
  badReplyError,
  createGatewayError,
  gatewayErrorFromReply,
  gatewayErrorFromTransport,
  type RedactionContext,
} from './gatewayError';
import { errorReplySchema, readTransactionReply } from './replySchemas';
import { isPlausibleTransactionId, scanRequestForm, scanRequestProblem } from './scanRequestForm';

// Callers import the typed errors from here, next to the client that throws them.
export {
  GatewayAuthenticationError,
  GatewayBadReplyError,
  GatewayDeclinedError,
  GatewayDuplicateReferenceError,
  GatewayError,
  GatewayIndeterminateError,
  GatewayInvalidRequestError,
  GatewayMerchantConfigurationError,
  GatewayNotFoundError,
  GatewayRateLimitedError,
} from './gatewayError';

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

interface RawReply {
  status: number;
  text: string;
}

/**
 * The NihaoPay v1.2 client for the in-store calls. Every reply is validated before it is
 * believed and must be about the request that was sent; anything else is a typed
 * GatewayError. A 200 with status "failure" is a transaction, returned for the caller to judge.
 */
export function createNihaoPayClient(options: NihaoPayClientOptions): PaymentGateway {
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
        Accept: 'application/json',
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
      return { status: response.status, text };
    } catch (err) {
      throw gatewayErrorFromTransport(err, deadlinePassed ? { ...redaction, deadlineMs: settings.deadlineMs } : redaction);
    } finally {
      clearTimeout(timer);
    }
  }

  /** `mismatch` names how a well-formed transaction contradicts the request, if it does. */
  async function transactionCall(
    method: 'GET' | 'POST',
    path: string,
    form: URLSearchParams | undefined,
    mismatch: (transaction: GatewayTransaction) => string | undefined,
  ): Promise<GatewayTransaction> {
    const { status, text } = await exchange(method, path, form);
    if (status < 200 || status > 299) throw gatewayErrorFromReply(status, text, redaction);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw badReplyError(status, 'the reply is not JSON', text, redaction);
    }
    if (isErrorObject(value)) throw gatewayErrorFromReply(status, text, redaction);
    const reading = readTransactionReply(value);
    if (!reading.ok) throw badReplyError(status, reading.problem, text, redaction);
    const problem = mismatch(reading.transaction);
    if (problem !== undefined) throw badReplyError(status, problem, text, redaction);
    return reading.transaction;
  }

  function refuse(problem: string): never {
    throw createGatewayError('invalid_request', `Not sent to NihaoPay: ${problem}`, {}, redaction);
  }

  return {
    async scanQrCode(request: ScanQrCodeRequest): Promise<GatewayTransaction> {
      const problem = scanRequestProblem(request);
      if (problem !== undefined) refuse(problem);
      return transactionCall('POST', '/v1.2/transactions/scanqrcode', scanRequestForm(request), (t) =>
        differences(t, { reference: request.reference, amount: request.amount, currency: request.currency }),
      );
    },

    async getTransactionByReference(reference: string): Promise<GatewayTransaction> {
      if (!isValidReference(reference)) refuse('reference must be 1-30 letters and digits');
      return transactionCall('GET', `/v1.2/transactions/merchant/${encodeURIComponent(reference)}`, undefined, (t) =>
        differences(t, { reference }),
      );
    },

    async getTransaction(id: string): Promise<GatewayTransaction> {
      if (!isPlausibleTransactionId(id)) refuse('transaction id must be 1-64 letters, digits, "-" or "_"');
      return transactionCall('GET', `/v1.2/transactions/${encodeURIComponent(id)}`, undefined, (t) => differences(t, { id }));
    },
  };
}

/** A 2xx body that is an error object rather than a transaction (it has a label and no id). */
function isErrorObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('id' in value) && errorReplySchema.safeParse(value).success;
}

/** A reply about another payment must never be taken for this one's outcome. */
function differences(transaction: GatewayTransaction, expected: Partial<Pick<GatewayTransaction, 'id' | 'reference' | 'amount' | 'currency'>>): string | undefined {
  const found: string[] = [];
  for (const key of ['id', 'reference', 'amount', 'currency'] as const) {
    const want = expected[key];
    if (want !== undefined && transaction[key] !== want) found.push(`${key} ${JSON.stringify(transaction[key])} where ${JSON.stringify(want)} was asked`);
  }
  return found.length > 0 ? `the reply is about another transaction: ${found.join(', ')}` : undefined;
}
