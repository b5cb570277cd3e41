import http from 'node:http';
import https from 'node:https';
import { signIpn, type IpnFields } from '../../services/ipn/ipnSignature';
import { gatewayTime, type SandboxTransaction } from './sandboxLedger';
import { sysReserve } from './sandboxPayments';

/**
 * Posts signed IPNs to a transaction's ipn_url, as NihaoPay does when a payment
 * completes: the document's "Asynchronous Response" fields, form-encoded, signed with
 * the merchant token. A delivery counts when the receiver answers 2xx; otherwise it is
 * tried again after each delay in turn, and given up after the last.
 */

/**
 * NihaoPay's own notification schedule, from the document's auto-debit section: at most
 * 7 notifications, after 0, 1, 2, 4, 8, 20 and 30 minutes.
 */
export const DEFAULT_IPN_RETRY_DELAYS_MS: readonly number[] = [0, 60_000, 120_000, 240_000, 480_000, 1_200_000, 1_800_000];
export const DEFAULT_IPN_ATTEMPT_TIMEOUT_MS = 5_000;
/** The receiver's reply is read only to free the socket; it is never kept whole. */
const MAX_IPN_REPLY_BYTES = 4096;
const MAX_DELIVERIES_KEPT = 1000;

export interface IpnAttempt {
  at: string;
  httpStatus?: number;
  error?: string;
}

export interface IpnDelivery {
  transactionId: string;
  reference: string;
  status: string;
  url: string;
  /** The form as posted, verify_sign included. */
  fields: Record<string, string>;
  attempts: IpnAttempt[];
  delivered: boolean;
  /** True once every try failed. */
  gaveUp: boolean;
}

export interface IpnSenderOptions {
  token: string;
  now: () => Date;
  /** Delay before each try; the length is the number of tries. */
  retryDelaysMs?: readonly number[];
  attemptTimeoutMs?: number;
}

/** The document's IPN fields for a transaction; a note never set is posted as "null", as in its example. */
export function ipnFieldsFor(transaction: SandboxTransaction, token: string): Record<string, string> {
  const fields: Record<string, string> = {
    id: transaction.id,
    amount: String(transaction.amount),
    currency: transaction.currency,
    rmb_amount: String(transaction.rmbAmount ?? transaction.amount),
    reference: transaction.reference,
    sys_reserve: sysReserve(transaction),
    status: transaction.status,
    time: transaction.time,
    note: transaction.note ?? 'null',
  };
  return { ...fields, verify_sign: signIpn(fields as IpnFields, token) };
}

export class IpnSender {
  readonly #options: Required<IpnSenderOptions>;
  readonly #deliveries: IpnDelivery[] = [];
  readonly #sleeps = new Map<NodeJS.Timeout, (awake: boolean) => void>();
  readonly #requests = new Set<http.ClientRequest>();
  readonly #running = new Set<Promise<void>>();
  #closed = false;
  /** Bumped by reset and close, so deliveries started before them stop. */
  #generation = 0;

  constructor(options: IpnSenderOptions) {
    const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_IPN_RETRY_DELAYS_MS;
    if (retryDelaysMs.length === 0 || retryDelaysMs.some((ms) => !Number.isSafeInteger(ms) || ms < 0)) {
      throw new RangeError('retryDelaysMs must be one or more non-negative integers');
    }
    this.#options = { attemptTimeoutMs: DEFAULT_IPN_ATTEMPT_TIMEOUT_MS, ...options, retryDelaysMs };
  }

  /** Starts delivering the IPN for a settled transaction; returns at once. */
  notify(transaction: SandboxTransaction): void {
    if (this.#closed || !transaction.ipnUrl) return;
    const delivery: IpnDelivery = {
      transactionId: transaction.id,
      reference: transaction.reference,
      status: transaction.status,
      url: transaction.ipnUrl,
      fields: ipnFieldsFor(transaction, this.#options.token),
      attempts: [],
      delivered: false,
      gaveUp: false,
    };
    this.#deliveries.push(delivery);
    if (this.#deliveries.length > MAX_DELIVERIES_KEPT) this.#deliveries.splice(0, this.#deliveries.length - MAX_DELIVERIES_KEPT);
    const run = this.#deliver(delivery).finally(() => this.#running.delete(run));
    this.#running.add(run);
  }

  /** Copies of every delivery, oldest first. */
  deliveries(): IpnDelivery[] {
    return this.#deliveries.map((d) => structuredClone(d));
  }

  /** Resolves when no delivery is waiting or in flight (tests). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  /** Forgets the deliveries and stops those under way. */
  reset(): void {
    this.#stopAll();
    this.#deliveries.length = 0;
  }

  close(): void {
    this.#closed = true;
    this.#stopAll();
  }

  #stopAll(): void {
    this.#generation += 1;
    // Waiting deliveries end now rather than hang: their sleep resolves false.
    for (const [timer, wake] of this.#sleeps) {
      clearTimeout(timer);
      wake(false);
    }
    this.#sleeps.clear();
    for (const request of this.#requests) request.destroy(new Error('sandbox stopped'));
    this.#requests.clear();
  }

  async #deliver(delivery: IpnDelivery): Promise<void> {
    const generation = this.#generation;
    const body = new URLSearchParams(delivery.fields).toString();
    for (const delay of this.#options.retryDelaysMs) {
      if (delay > 0 && !(await this.#sleep(delay))) return;
      if (this.#closed || generation !== this.#generation) return;
      const attempt: IpnAttempt = { at: gatewayTime(this.#options.now()) };
      try {
        attempt.httpStatus = await this.#post(delivery.url, body);
      } catch (error) {
        attempt.error = error instanceof Error ? error.message : String(error);
      }
      if (generation !== this.#generation) return;
      delivery.attempts.push(attempt);
      if (attempt.httpStatus !== undefined && attempt.httpStatus >= 200 && attempt.httpStatus < 300) {
        delivery.delivered = true;
        return;
      }
    }
    delivery.gaveUp = true;
  }

  /** Resolves true after `ms`, or false as soon as the sender is stopped. */
  #sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#sleeps.delete(timer);
        resolve(!this.#closed);
      }, ms);
      // Waiting to retry must not keep a finished test run or a closed sandbox alive.
      timer.unref();
      this.#sleeps.set(timer, resolve);
    });
  }

  #post(url: string, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        reject(new Error('ipn_url is not a URL'));
        return;
      }
      const transport = target.protocol === 'https:' ? https : http;
      const request = transport.request(
        target,
        {
          method: 'POST',
          agent: false,
          timeout: this.#options.attemptTimeoutMs,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'user-agent': 'NihaoPay-Sandbox-IPN' },
        },
        (response) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_IPN_REPLY_BYTES) response.destroy();
          });
          response.on('close', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(response.statusCode ?? 0));
        },
      );
      this.#requests.add(request);
      request.on('timeout', () => request.destroy(new Error(`no reply within ${this.#options.attemptTimeoutMs} ms`)));
      request.on('error', reject);
      request.on('close', () => this.#requests.delete(request));
      request.end(body);
    });
  }
}
