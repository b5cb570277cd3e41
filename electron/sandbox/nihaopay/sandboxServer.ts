import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isInStoreCurrency, type InStoreCurrency } from '../../../shared/money/currencies';
import { withdraw, withdrawalBody } from './sandboxAccounts';
import { answerApiRequest, errorReply, isAuthorized, type ApiContext, type ApiReply } from './sandboxApi';
import { FaultSlot, replacesProcessing, sandboxFaultSchema, writeReplacingFault, type SandboxFault } from './sandboxFaults';
import { IpnSender, type IpnDelivery } from './sandboxIpnSender';
import { SandboxLedger, isSandboxLedgerState, type SandboxLedgerView, type SandboxWithdrawal } from './sandboxLedger';
import { openSandboxStateFile } from '../sandboxStateFile';
import { parseBodyFields, readRequestBody, type BodyFields } from './sandboxRequestBody';
import { DEFAULT_SHOWN_QR_TIMING, settleByControl, settleDueShownQrs } from './sandboxShownQr';

/**
 * The built-in NihaoPay-compatible gateway: real HTTP on loopback for training mode
 * and tests. Outcomes follow sandboxBehaviour.ts; faults come from sandboxFaults.ts.
 */

export const DEFAULT_PENDING_LOOKUPS = 2;
/** Training mode may run all day; the log keeps the most recent requests only. */
export const MAX_RECORDED_REQUESTS = 1000;
const CONTROL_PREFIX = '/__sandbox/';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the sandbox approves any payment code, so it must never face a network. */
  host?: '127.0.0.1' | '::1';
  /** The bearer token clients must send, as with NihaoPay. */
  token: string;
  now?: () => Date;
  /** Lookups that answer pending before a pending scan (amount ending 61/62) shows its outcome. */
  pendingLookups?: number;
  /** After how long a shown QR ending 81 is paid (82: fails). Default 5 s. */
  shownQrPaidAfterMs?: number;
  /** After how long a shown QR ending 83 expires. Default 10 s. */
  shownQrExpiresAfterMs?: number;
  /** Delay before each IPN try; its length is the number of tries. Default NihaoPay's 0, 1, 2, 4, 8, 20, 30 minutes. */
  ipnRetryDelaysMs?: readonly number[];
  /** Time allowed for one IPN post. Default 5 s. */
  ipnAttemptTimeoutMs?: number;
  /** Keep the books in this file between runs (training does, in the data folder); in memory only without it. */
  stateFile?: string;
}

/** One gateway request as received (control requests are not recorded). */
export interface RecordedRequest {
  method: string;
  /** The URL path, percent-encoded as sent, without the query. */
  path: string;
  /** The query string without "?", when there is one. */
  query?: string;
  headers: { authorization?: string; 'content-type'?: string };
  /** The body's fields as text, whatever encoding they came in. */
  body: BodyFields;
  /** ISO 8601, from the sandbox's clock. */
  time: string;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:49152, to be used as the client's baseUrl. */
  url: string;
  token: string;
  close(): Promise<void>;
  /** Gateway requests in arrival order, unredacted (the test already holds the token). */
  readonly requests: readonly RecordedRequest[];
  readonly transactions: SandboxLedgerView;
  /** Validates and sets the one active fault; null clears it. Throws on an invalid fault. */
  setFault(fault: SandboxFault | null): void;
  /** Forgets requests, transactions, withdrawals, IPN deliveries and the fault. */
  reset(): void;
  /** The trainer's button: the customer paid the shown QR code (by transaction id or reference). */
  payShownQr(idOrReference: string): ApiReply;
  /** The trainer's button: the customer's payment of the shown QR code failed. */
  failShownQr(idOrReference: string): ApiReply;
  /** Pays out the settled balance of one currency (the document has no endpoint for it). */
  withdraw(currency: InStoreCurrency): { ok: true; withdrawal: SandboxWithdrawal } | { ok: false; reply: ApiReply };
  /** Settles the shown QR codes that have fallen due by the sandbox's clock (a test moving its own clock). */
  settleDue(): void;
  /** IPN posts so far, with each try. */
  readonly ipnDeliveries: readonly IpnDelivery[];
  /** Resolves when no IPN is waiting for a retry or in flight. */
  ipnIdle(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  if (typeof options.token !== 'string' || !/^[\x21-\x7e]+$/.test(options.token)) {
    throw new TypeError('token must be a non-empty string of visible ASCII characters');
  }
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') throw new TypeError('the sandbox listens on loopback only');
  const pendingLookups = options.pendingLookups ?? DEFAULT_PENDING_LOOKUPS;
  if (!Number.isSafeInteger(pendingLookups) || pendingLookups < 0) throw new RangeError('pendingLookups must be a non-negative integer');

  const shownQr = {
    paidAfterMs: options.shownQrPaidAfterMs ?? DEFAULT_SHOWN_QR_TIMING.paidAfterMs,
    expiresAfterMs: options.shownQrExpiresAfterMs ?? DEFAULT_SHOWN_QR_TIMING.expiresAfterMs,
  };
  for (const [name, value] of Object.entries(shownQr)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer of milliseconds`);
  }

  const token = options.token;
  const now = options.now ?? (() => new Date());
  const ledger = new SandboxLedger();
  const stateFile = options.stateFile ? openSandboxStateFile(options.stateFile, isSandboxLedgerState) : undefined;
  const restored = stateFile?.load();
  if (restored) ledger.restore(restored);
  /** Before a reply leaves: what the client is told is on the books is on disk. */
  const persist = (): void => stateFile?.save(ledger.toState());
  const faults = new FaultSlot();
  const requests: RecordedRequest[] = [];
  const ipn = new IpnSender({
    token,
    now,
    ...(options.ipnRetryDelaysMs ? { retryDelaysMs: options.ipnRetryDelaysMs } : {}),
    ...(options.ipnAttemptTimeoutMs ? { attemptTimeoutMs: options.ipnAttemptTimeoutMs } : {}),
  });
  const wakeTimers = new Set<NodeJS.Timeout>();
  const context: ApiContext = {
    token,
    ledger,
    now,
    pendingLookups,
    shownQr,
    onSettled: (transaction) => ipn.notify(transaction),
    wakeAt(time) {
      const arm = (): void => {
        const armedAt = now().getTime();
        // Unref'd: a QR that will be paid in five seconds must not keep a closing process alive.
        const timer = setTimeout(() => {
          wakeTimers.delete(timer);
          const at = now().getTime();
          // Timers run on a monotonic clock and may fire a millisecond before the wall clock agrees;
          // a clock that stands still (a test's) is left to settle on the next request instead.
          if (at < time && at > armedAt) arm();
          else {
            settleDueShownQrs(context);
            persist();
          }
        }, Math.max(0, time - armedAt));
        timer.unref();
        wakeTimers.add(timer);
      };
      arm();
    },
  };

  function reset(): void {
    requests.length = 0;
    ledger.reset();
    faults.set(null);
    ipn.reset();
    for (const timer of wakeTimers) clearTimeout(timer);
    wakeTimers.clear();
  }

  function record(entry: RecordedRequest): void {
    requests.push(entry);
    if (requests.length > MAX_RECORDED_REQUESTS) requests.splice(0, requests.length - MAX_RECORDED_REQUESTS);
  }

  async function handleGateway(request: IncomingMessage, response: ServerResponse, method: string, path: string): Promise<void> {
    const bytes = await readRequestBody(request);
    const body = bytes.ok ? await parseBodyFields(request.headers['content-type'], bytes.bytes) : bytes;
    const headers: RecordedRequest['headers'] = {};
    if (request.headers.authorization !== undefined) headers.authorization = request.headers.authorization;
    if (request.headers['content-type'] !== undefined) headers['content-type'] = request.headers['content-type'];
    const query = queryOf(request.url);
    const entry: RecordedRequest = { method, path, headers, body: body.ok ? body.fields : {}, time: now().toISOString() };
    if (query !== '') entry.query = query;
    record(entry);

    const fault = faults.take(method, path);
    if (fault?.latencyMs) await delay(fault.latencyMs);
    const action = fault?.action;
    if (action && replacesProcessing(action)) {
      writeReplacingFault(response, action);
      return;
    }
    const reply = answerApiRequest({ method, path, query: new URLSearchParams(query), authorization: request.headers.authorization, body }, context);
    persist();
    if (action?.kind === 'dropAfterCommit') {
      // The payment is on the books; the client never hears of it.
      request.socket.destroy();
      return;
    }
    if (action?.kind === 'mutateReply' && isRecord(reply.body)) reply.body = { ...reply.body, ...action.set };
    writeReply(response, reply);
  }

  async function handleControl(request: IncomingMessage, response: ServerResponse, method: string, path: string): Promise<void> {
    const bytes = await readRequestBody(request);
    if (!isAuthorized(request.headers.authorization, token)) return writeJson(response, errorReply('301'));
    const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
    const qr = /^POST qr\/([^/]+)\/(pay|fail)$/.exec(route);
    if (qr?.[1]) {
      const key = decodeURIComponent(qr[1]);
      const settled = settleByControl(key, qr[2] === 'pay' ? 'success' : 'failure', context);
      persist();
      return writeJson(response, settled);
    }
    switch (route) {
      case 'POST fault': {
        const text = bytes.ok ? bytes.bytes.toString('utf8') : '';
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          return writeJson(response, { status: 400, body: { code: 400, label: '90', message: 'The body must be JSON: a fault or null.' } });
        }
        if (value === null) {
          faults.set(null);
          return writeJson(response, { status: 200, body: { fault: null } });
        }
        const parsed = sandboxFaultSchema.safeParse(value);
        if (!parsed.success) {
          const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(fault)'}: ${i.message}`).join('; ');
          return writeJson(response, { status: 400, body: { code: 400, label: '90', message } });
        }
        faults.set(parsed.data);
        return writeJson(response, { status: 200, body: { fault: parsed.data } });
      }
      case 'GET requests':
        return writeJson(response, { status: 200, body: { requests: requests.map(redactRecordedRequest) } });
      case 'GET transactions':
        return writeJson(response, { status: 200, body: { transactions: ledger.all() } });
      case 'POST reset':
        reset();
        persist();
        return writeJson(response, { status: 200, body: { reset: true } });
      case 'GET ipns':
        return writeJson(response, { status: 200, body: { deliveries: ipn.deliveries() } });
      case 'POST withdrawals': {
        let currency: unknown;
        try {
          currency = (JSON.parse(bytes.ok ? bytes.bytes.toString('utf8') : '') as { currency?: unknown }).currency;
        } catch {
          currency = undefined;
        }
        if (!isInStoreCurrency(currency)) return writeJson(response, { status: 400, body: { code: 400, label: '90', message: 'The body must be JSON: {"currency": "USD" or "JPY"}.' } });
        const result = withdraw(currency, context);
        persist();
        return writeJson(response, result.ok ? { status: 200, body: { withdrawal: withdrawalBody(result.withdrawal, now()) } } : result.reply);
      }
      default:
        return writeJson(response, { status: 404, body: { code: 404, message: 'Unknown sandbox control endpoint.' } });
    }
  }

  const server = http.createServer((request, response) => {
    const method = (request.method ?? 'GET').toUpperCase();
    const path = pathOf(request.url);
    const handler = path.startsWith(CONTROL_PREFIX) ? handleControl : handleGateway;
    // Codes that fell due while nobody asked settle (and post their IPNs) before anything else.
    settleDueShownQrs(context);
    handler(request, response, method, path).catch(() => {
      // A sandbox bug must look like a gateway's own failure, not take the server down.
      if (!response.headersSent) writeJson(response, errorReply('99'));
      else response.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host === '::1' ? '[::1]' : host}:${address.port}`;

  /** The result of a change made through the object (tests, the CLI), once it is on disk. */
  const after = <T,>(result: T): T => {
    persist();
    return result;
  };
  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    close() {
      ipn.close();
      for (const timer of wakeTimers) clearTimeout(timer);
      wakeTimers.clear();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Ends keep-alive sockets and never-ending replies, which would otherwise hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
    get requests() {
      return requests.map((entry) => structuredClone(entry));
    },
    // A view, not the ledger itself: readers cannot add or reset through it.
    transactions: {
      all: () => ledger.all(),
      byId: (id) => ledger.byId(id),
      byReference: (reference) => ledger.byReference(reference),
    },
    setFault(fault) {
      faults.set(fault);
    },
    reset() {
      reset();
      persist();
    },
    payShownQr: (key) => after(settleByControl(key, 'success', context)),
    failShownQr: (key) => after(settleByControl(key, 'failure', context)),
    withdraw: (currency) => after(withdraw(currency, context)),
    settleDue() {
      settleDueShownQrs(context);
      persist();
    },
    get ipnDeliveries() {
      return ipn.deliveries();
    },
    ipnIdle: () => ipn.idle(),
  };
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://sandbox.invalid').pathname;
  } catch {
    return '/';
  }
}

function queryOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://sandbox.invalid').search.replace(/^\?/, '');
  } catch {
    return '';
  }
}

/** JSON, or the text of a CSV download. */
function writeReply(response: ServerResponse, reply: ApiReply): void {
  if (reply.contentType === undefined || typeof reply.body !== 'string') return writeJson(response, reply);
  response.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body) });
  response.end(reply.body);
}

function writeJson(response: ServerResponse, reply: ApiReply): void {
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The control endpoint may end up in logs; the last four characters are enough to tell tokens apart. */
export function redactAuthorization(value: string): string {
  const match = /^(Bearer[ ]+)(.*)$/i.exec(value);
  const scheme = match?.[1] ?? '';
  const secret = match?.[2] ?? value;
  return `${scheme}…${secret.length > 8 ? secret.slice(-4) : ''}`;
}

function redactRecordedRequest(entry: RecordedRequest): RecordedRequest {
  const copy = structuredClone(entry);
  if (copy.headers.authorization !== undefined) copy.headers.authorization = redactAuthorization(copy.headers.authorization);
  return copy;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Unref'd: an injected latency must not keep a process alive after close(). */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
