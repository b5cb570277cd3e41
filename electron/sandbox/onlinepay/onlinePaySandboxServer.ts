import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from '../nihaopay/sandboxRequestBody';
import { answerApiRequest, isAuthorized } from './onlinePayApi';
import { OnlinePayBook, isOnlinePayBookState, type Balance, type OnlinePayOperation } from './onlinePayBook';
import { openSandboxStateFile } from '../sandboxStateFile';
import type { OnlinePayContext } from './onlinePayContext';
import { answerControlRequest, decline, payByCard, payByWallet, snapshot, type CardByControl, type CustomerActionResult } from './onlinePayControl';
import type { OnlinePayCurrency } from './onlinePayDictionaries';
import { errorReply, type OnlinePayReply } from './onlinePayErrors';
import { OnlinePayFaultSlot, mutateBody, replacesProcessing, writeReplacingFault, type OnlinePayFault, type ParsedOnlinePayFault } from './onlinePayFaults';
import { OnlinePayNotifier, type NotificationDelivery } from './onlinePayNotifier';
import { answerPageRequest } from './onlinePayPageRoutes';
import { settlePayout } from './onlinePayPayoutsApi';
import { httpUrlOf } from './onlinePayRequestFields';

/**
 * The built-in OnlinePay Business API v1 gateway: real HTTP on loopback for training
 * mode and tests, with the hosted payment page a phone can open. Merchant API under
 * /api/v1 (Bearer key), hosted pages under /p (no key), control under /__sandbox (key).
 */

const CONTROL_PREFIX = '/__sandbox/';
export const MAX_RECORDED_REQUESTS = 1000;

export interface OnlinePaySandboxOptions {
  /** The merchant private key clients must send as `Authorization: Bearer …`. */
  privateKey: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback only: the sandbox approves test cards for anyone, so it must never face a network. */
  host?: '127.0.0.1' | '::1';
  now?: () => Date;
  /** Where status notifications go (the text has no request field for it). */
  callbackUrl?: string | null;
  /** Starting `available` balances in minor units; every currency otherwise starts at 0. */
  balances?: Partial<Record<OnlinePayCurrency, number>>;
  /** Time allowed for one notification post. Default 2 s. */
  notificationTimeoutMs?: number;
  /** Keep the books in this file between runs (training does, in the data folder); in memory only without it. */
  stateFile?: string;
}

export interface OnlinePayRecordedRequest {
  method: string;
  path: string;
  query?: string;
  authorization?: string;
  body: string;
  time: string;
}

export interface OnlinePaySandbox {
  /** e.g. http://127.0.0.1:49152, the client's base URL. */
  url: string;
  privateKey: string;
  close(): Promise<void>;
  /** Merchant API requests in arrival order (not pages, not control). */
  readonly requests: readonly OnlinePayRecordedRequest[];
  /** Copies of every payment and payout, oldest first. */
  payments(): OnlinePayOperation[];
  payment(token: string): OnlinePayOperation | undefined;
  /** The customer's phone: card entered, then 3-D Secure passed or failed. */
  payByCard(token: string, card: CardByControl): CustomerActionResult;
  /** The customer's phone: "Pay with OnlinePay wallet" (same phone, same walletToken). */
  payByWallet(token: string, options?: { phone?: string }): CustomerActionResult;
  /** The customer cancels on the page. */
  decline(token: string): CustomerActionResult;
  /** Settles a pending payout (amount ending 61). */
  settlePayout(token: string, outcome: 'approved' | 'declined'): OnlinePayReply;
  seedBalance(currency: OnlinePayCurrency, available: number): void;
  balance(currency: OnlinePayCurrency): Balance;
  setCallbackUrl(url: string | null): void;
  /** Validates (throws if invalid) and sets the one active fault; null clears it. */
  setFault(fault: OnlinePayFault | null): void;
  /** Forgets payments, balances, wallets, requests, notifications and the fault. */
  reset(): void;
  readonly notifications: readonly NotificationDelivery[];
  /** Resolves when every queued notification has been posted (or failed). */
  notificationsIdle(): Promise<void>;
}

export async function startOnlinePaySandbox(options: OnlinePaySandboxOptions): Promise<OnlinePaySandbox> {
  const { privateKey } = options;
  if (typeof privateKey !== 'string' || !/^[\x21-\x7e]+$/.test(privateKey)) throw new TypeError('privateKey must be a non-empty string of visible ASCII characters');
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') throw new TypeError('the sandbox listens on loopback only');
  const initialCallback = options.callbackUrl ?? null;
  if (initialCallback !== null && httpUrlOf(initialCallback) === undefined) throw new TypeError('callbackUrl must be an http(s) URL');

  const now = options.now ?? (() => new Date());
  const book = new OnlinePayBook();
  const faults = new OnlinePayFaultSlot();
  const notifier = new OnlinePayNotifier(now, options.notificationTimeoutMs);
  const requests: OnlinePayRecordedRequest[] = [];
  const context: OnlinePayContext = {
    book,
    now,
    baseUrl: '',
    callbackUrl: initialCallback,
    onStatusChange(operation) {
      if (context.callbackUrl) notifier.notify(context.callbackUrl, operation);
    },
  };
  const seed = (): void => {
    for (const [currency, available] of Object.entries(options.balances ?? {})) book.seedBalance(currency as OnlinePayCurrency, available);
  };
  const stateFile = options.stateFile ? openSandboxStateFile(options.stateFile, isOnlinePayBookState) : undefined;
  const restored = stateFile?.load();
  // A restart keeps the books; the starting balances are only for books that start empty.
  if (restored) book.restore(restored);
  else seed();
  /** Before a reply leaves: what the client or the phone is told is on the books is on disk. */
  const persist = (): void => stateFile?.save(book.toState());
  const after = <T,>(result: T): T => {
    persist();
    return result;
  };

  function reset(): void {
    book.reset();
    seed();
    faults.set(null);
    notifier.reset();
    requests.length = 0;
  }
  const setCallbackUrl = (url: string | null): void => {
    if (url !== null && httpUrlOf(url) === undefined) throw new TypeError('the callback URL must be http(s)');
    context.callbackUrl = url;
  };

  async function handleApi(request: IncomingMessage, response: ServerResponse, method: string, path: string, query: string, bodyText: string | undefined): Promise<void> {
    const entry: OnlinePayRecordedRequest = { method, path, body: bodyText ?? '', time: now().toISOString() };
    if (query) entry.query = query;
    if (request.headers.authorization !== undefined) entry.authorization = request.headers.authorization;
    requests.push(entry);
    if (requests.length > MAX_RECORDED_REQUESTS) requests.splice(0, requests.length - MAX_RECORDED_REQUESTS);

    const fault: ParsedOnlinePayFault | null = faults.take(method, path);
    if (fault?.latencyMs) await delay(fault.latencyMs);
    if (fault?.action && replacesProcessing(fault.action)) return writeReplacingFault(response, fault.action);
    const reply = answerApiRequest({ method, path, query: new URLSearchParams(query), authorization: request.headers.authorization, bodyText }, privateKey, context);
    persist();
    // The payment is on the books (the payout debited); the client never hears of it.
    if (fault?.action?.kind === 'dropAfterCommit') return writeReplacingFault(response, fault.action);
    if (fault?.action?.kind === 'mutateReply') reply.body = mutateBody(reply.body, fault.action.set);
    writeJson(response, reply);
  }

  const server = http.createServer((request, response) => {
    const method = (request.method ?? 'GET').toUpperCase();
    const target = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const path = target.pathname;
    const query = target.search.replace(/^\?/, '');
    const handle = async (): Promise<void> => {
      const bytes = await readRequestBody(request);
      const bodyText = bytes.ok ? bytes.bytes.toString('utf8') : undefined;
      if (path.startsWith(CONTROL_PREFIX)) {
        if (!isAuthorized(request.headers.authorization, privateKey)) return writeJson(response, errorReply('incorrect_private_key'));
        const hooks = { setFault: (fault: OnlinePayFault | null) => faults.set(fault), setCallbackUrl, reset, notifications: () => notifier.deliveries(), requests: () => requests.map(redact) };
        return writeJson(response, after(answerControlRequest(`${method} ${path.slice(CONTROL_PREFIX.length)}`, bodyText ?? '', context, hooks)));
      }
      if (path === '/p' || path.startsWith('/p/')) {
        const page = after(answerPageRequest(method, path, target.searchParams, bodyText ?? '', context));
        const headers: http.OutgoingHttpHeaders = { 'cache-control': 'no-store' };
        if (page.location) headers['location'] = page.location;
        if (page.html !== undefined) headers['content-type'] = 'text/html; charset=utf-8';
        response.writeHead(page.status, headers);
        return void response.end(page.html ?? '');
      }
      return handleApi(request, response, method, path, query, bodyText);
    };
    handle().catch(() => {
      // A sandbox bug must look like the gateway's own api_error, not take the server down.
      if (!response.headersSent) writeJson(response, errorReply('internal_error'));
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
  const url = `http://${host === '::1' ? '[::1]' : host}:${(server.address() as AddressInfo).port}`;
  context.baseUrl = url;

  let closing: Promise<void> | undefined;
  return {
    url,
    privateKey,
    close() {
      notifier.reset();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Ends keep-alive sockets and never-ending replies, which would hold close() open.
        server.closeAllConnections();
      });
      return closing;
    },
    get requests() {
      return requests.map((entry) => ({ ...entry }));
    },
    payments: () => book.all().map(snapshot),
    payment: (token) => {
      const operation = book.byToken(token);
      return operation ? snapshot(operation) : undefined;
    },
    payByCard: (token, card) => after(payByCard(context, token, card)),
    payByWallet: (token, walletOptions) => after(payByWallet(context, token, walletOptions?.phone)),
    decline: (token) => after(decline(context, token)),
    settlePayout: (token, outcome) => after(settlePayout(token, outcome, context)),
    seedBalance: (currency, available) => after(book.seedBalance(currency, available)),
    balance: (currency) => ({ ...book.balance(currency) }),
    setCallbackUrl,
    setFault(fault) {
      faults.set(fault);
    },
    reset() {
      reset();
      persist();
    },
    get notifications() {
      return notifier.deliveries();
    },
    notificationsIdle: () => notifier.idle(),
  };
}

function writeJson(response: ServerResponse, reply: OnlinePayReply): void {
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The control endpoint may end up in logs; the last four characters tell keys apart. */
function redact(entry: OnlinePayRecordedRequest): OnlinePayRecordedRequest {
  if (entry.authorization === undefined) return { ...entry };
  const secret = entry.authorization.replace(/^Bearer[ ]+/i, '');
  return { ...entry, authorization: `Bearer …${secret.length > 8 ? secret.slice(-4) : ''}` };
}

/** Unref'd: an injected latency must not keep a process alive after close(). */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
