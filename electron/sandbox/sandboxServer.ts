import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerApiRequest, errorReply, isAuthorized, type ApiReply } from './sandboxApi';
import { FaultSlot, replacesProcessing, sandboxFaultSchema, writeReplacingFault, type SandboxFault } from './sandboxFaults';
import { SandboxLedger, type SandboxLedgerView } from './sandboxLedger';
import { parseBodyFields, readRequestBody, type BodyFields } from './sandboxRequestBody';

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
}

/** One gateway request as received (control requests are not recorded). */
export interface RecordedRequest {
  method: string;
  /** The URL path, percent-encoded as sent, without the query. */
  path: string;
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
  /** Forgets requests, transactions and the fault. */
  reset(): void;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  if (typeof options.token !== 'string' || !/^[\x21-\x7e]+$/.test(options.token)) {
    throw new TypeError('token must be a non-empty string of visible ASCII characters');
  }
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') throw new TypeError('the sandbox listens on loopback only');
  const pendingLookups = options.pendingLookups ?? DEFAULT_PENDING_LOOKUPS;
  if (!Number.isSafeInteger(pendingLookups) || pendingLookups < 0) throw new RangeError('pendingLookups must be a non-negative integer');

  const token = options.token;
  const now = options.now ?? (() => new Date());
  const ledger = new SandboxLedger();
  const faults = new FaultSlot();
  const requests: RecordedRequest[] = [];

  function reset(): void {
    requests.length = 0;
    ledger.reset();
    faults.set(null);
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
    record({ method, path, headers, body: body.ok ? body.fields : {}, time: now().toISOString() });

    const fault = faults.take(method, path);
    if (fault?.latencyMs) await delay(fault.latencyMs);
    const action = fault?.action;
    if (action && replacesProcessing(action)) {
      writeReplacingFault(response, action);
      return;
    }
    const reply = answerApiRequest({ method, path, authorization: request.headers.authorization, body }, { token, ledger, now, pendingLookups });
    if (action?.kind === 'dropAfterCommit') {
      // The payment is on the books; the client never hears of it.
      request.socket.destroy();
      return;
    }
    if (action?.kind === 'mutateReply' && isRecord(reply.body)) reply.body = { ...reply.body, ...action.set };
    writeJson(response, reply);
  }

  async function handleControl(request: IncomingMessage, response: ServerResponse, method: string, path: string): Promise<void> {
    const bytes = await readRequestBody(request);
    if (!isAuthorized(request.headers.authorization, token)) return writeJson(response, errorReply('301'));
    const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
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
        return writeJson(response, { status: 200, body: { reset: true } });
      default:
        return writeJson(response, { status: 404, body: { code: 404, message: 'Unknown sandbox control endpoint.' } });
    }
  }

  const server = http.createServer((request, response) => {
    const method = (request.method ?? 'GET').toUpperCase();
    const path = pathOf(request.url);
    const handler = path.startsWith(CONTROL_PREFIX) ? handleControl : handleGateway;
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

  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    close() {
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
    reset,
  };
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://sandbox.invalid').pathname;
  } catch {
    return '/';
  }
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
