import http from 'node:http';
import https from 'node:https';
import type { OnlinePayOperation } from './onlinePayBook';

/**
 * Posts the text's notification JSON to the merchant's callback URL on every status
 * change. Best effort, as the text promises nothing more: one try with a short timeout,
 * no retry. Posts go out one at a time in order, so a receiver sees pending before
 * approved. Every delivery is recorded for tests and the trainer.
 */

export const DEFAULT_NOTIFICATION_TIMEOUT_MS = 2_000;
const MAX_DELIVERIES_KEPT = 1000;
const MAX_REPLY_BYTES = 4096;

export interface NotificationBody {
  token: string;
  type: 'pay' | 'payout';
  status: string;
  extraReturnParam: string | null;
  orderNumber: string;
  /** Only when a wallet took part (a wallet payment, or a payout to a wallet). */
  walletDisplayName?: string;
  walletToken?: string;
}

export interface NotificationDelivery {
  url: string;
  body: NotificationBody;
  at: string;
  httpStatus?: number;
  error?: string;
  delivered: boolean;
}

export function notificationBodyFor(operation: OnlinePayOperation): NotificationBody {
  const body: NotificationBody = {
    token: operation.token,
    type: operation.operationType,
    status: operation.status,
    extraReturnParam: operation.extraReturnParam,
    orderNumber: operation.orderNumber,
  };
  if (operation.walletToken) {
    body.walletDisplayName = operation.walletDisplayName ?? '';
    body.walletToken = operation.walletToken;
  }
  return body;
}

export class OnlinePayNotifier {
  readonly #deliveries: NotificationDelivery[] = [];
  readonly #requests = new Set<http.ClientRequest>();
  #queue: Promise<void> = Promise.resolve();
  #generation = 0;

  constructor(
    private readonly now: () => Date,
    private readonly timeoutMs = DEFAULT_NOTIFICATION_TIMEOUT_MS,
  ) {}

  /** Queues a post; returns at once. The body is taken now, so later changes do not leak into it. */
  notify(url: string, operation: OnlinePayOperation): void {
    const delivery: NotificationDelivery = { url, body: notificationBodyFor(operation), at: this.now().toISOString(), delivered: false };
    const generation = this.#generation;
    this.#queue = this.#queue.then(async () => {
      if (generation !== this.#generation) return;
      try {
        delivery.httpStatus = await this.#post(url, JSON.stringify(delivery.body));
        delivery.delivered = delivery.httpStatus >= 200 && delivery.httpStatus < 300;
      } catch (error) {
        delivery.error = error instanceof Error ? error.message : String(error);
      }
      if (generation !== this.#generation) return;
      this.#deliveries.push(delivery);
      if (this.#deliveries.length > MAX_DELIVERIES_KEPT) this.#deliveries.splice(0, this.#deliveries.length - MAX_DELIVERIES_KEPT);
    });
  }

  /** Finished deliveries, oldest first (copies). */
  deliveries(): NotificationDelivery[] {
    return this.#deliveries.map((delivery) => structuredClone(delivery));
  }

  /** Resolves once every queued post has finished. */
  async idle(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.#queue) {
      seen = this.#queue;
      await seen;
    }
  }

  /** Forgets deliveries and abandons posts under way (reset and close). */
  reset(): void {
    this.#generation += 1;
    for (const request of this.#requests) request.destroy(new Error('sandbox stopped'));
    this.#requests.clear();
    this.#deliveries.length = 0;
  }

  #post(url: string, body: string): Promise<number> {
    return new Promise((resolve, reject) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        reject(new Error('the callback URL is not a URL'));
        return;
      }
      const transport = target.protocol === 'https:' ? https : http;
      const request = transport.request(
        target,
        {
          method: 'POST',
          agent: false,
          timeout: this.timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'OnlinePay-Sandbox-Notification' },
        },
        (response) => {
          let read = 0;
          response.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_REPLY_BYTES) response.destroy();
          });
          response.on('close', () => resolve(response.statusCode ?? 0));
          response.on('error', () => resolve(response.statusCode ?? 0));
        },
      );
      this.#requests.add(request);
      request.on('timeout', () => request.destroy(new Error(`no reply within ${this.timeoutMs} ms`)));
      request.on('error', reject);
      request.on('close', () => this.#requests.delete(request));
      request.end(body);
    });
  }
}
