import type { ExchangeRate, ExchangeRateCurrency, NihaoPayApi } from '../../../shared/gateway/nihaopay/nihaopayApi';
import { currentRateDate, previousRateDate } from '../../../shared/money/rmbEquivalent';
import type { Vendor } from '../../../shared/payments/vendors';
import { GatewayError } from '../gateway/gatewayError';
import type { Logger } from '../log/logger';

/**
 * The day's NihaoPay exchange rates for the RMB equivalent on the customer display.
 *
 * The document: rates update once a day at 10:30 China time; "Frequency limit: 1 time
 * per minute, it is recommended to query only once a day". So a rate is cached for its
 * day, and no two requests — for any currency, retries included — are ever less than a
 * minute apart. A day whose rate is not published yet (404/93) falls back to the day
 * before, shown with its date, and is asked for again half an hour later.
 */

export const EXCHANGE_RATE_MIN_INTERVAL_MS = 60_000;
export const RATE_NOT_PUBLISHED_RETRY_MS = 30 * 60_000;

export type RateRequestDecision =
  /** The cached rate is the one to have (or nothing more can be had for now). */
  | { kind: 'none' }
  /** A request is due but the minute since the last one has not passed. */
  | { kind: 'wait'; ms: number }
  | { kind: 'ask'; rateDate: string };

export interface RateRequestInputs {
  now: Date;
  /** The date of the rates cached for this currency, if any. */
  cachedDate?: string;
  /** When each date was answered "not published" (ms since the epoch). */
  notPublishedAt: ReadonlyMap<string, number>;
  /** When the last request of any kind went out (ms since the epoch). */
  lastRequestAt?: number;
  minIntervalMs?: number;
  notPublishedRetryMs?: number;
}

/** Pure: whether to ask the gateway for a rate now, and for which date. */
export function decideRateRequest(inputs: RateRequestInputs): RateRequestDecision {
  const minInterval = inputs.minIntervalMs ?? EXCHANGE_RATE_MIN_INTERVAL_MS;
  const retry = inputs.notPublishedRetryMs ?? RATE_NOT_PUBLISHED_RETRY_MS;
  const at = inputs.now.getTime();
  const recentlyMissing = (date: string) => {
    const when = inputs.notPublishedAt.get(date);
    return when !== undefined && at - when < retry;
  };
  let wanted = currentRateDate(inputs.now);
  if (inputs.cachedDate === wanted) return { kind: 'none' };
  if (recentlyMissing(wanted)) {
    wanted = previousRateDate(wanted);
    if (inputs.cachedDate === wanted || recentlyMissing(wanted)) return { kind: 'none' };
  }
  if (inputs.lastRequestAt !== undefined && at - inputs.lastRequestAt < minInterval) return { kind: 'wait', ms: minInterval - (at - inputs.lastRequestAt) };
  return { kind: 'ask', rateDate: wanted };
}

export interface CachedRate {
  /** RMB per unit of the currency, as the gateway wrote it. */
  rate: string;
  /** YYYYMMDD */
  rateDate: string;
}

export interface ExchangeRateServiceOptions {
  /** The client, while a gateway is configured. */
  gateway: () => Pick<NihaoPayApi, 'getExchangeRates'> | undefined;
  now: () => Date;
  log: Logger;
  /** A new rate arrived (the display should show it). */
  onChange: () => void;
  minIntervalMs?: number;
  notPublishedRetryMs?: number;
}

export interface ExchangeRateService {
  /**
   * The newest cached rate of `currency` for `vendor` (whatever its date), and, within
   * the limit, a request for a newer one in the background.
   */
  rate(currency: ExchangeRateCurrency, vendor: Vendor): CachedRate | undefined;
  /** Resolves when no request is running (tests). */
  idle(): Promise<void>;
  /** Forgets every rate: the gateway changed (training rates are not production's). */
  reset(): void;
  close(): void;
  /** Requests sent so far (for the figures and the tests). */
  readonly requests: number;
}

export function createExchangeRateService(options: ExchangeRateServiceOptions): ExchangeRateService {
  const cache = new Map<ExchangeRateCurrency, { rateDate: string; rates: ExchangeRate[] }>();
  const notPublishedAt = new Map<string, number>();
  let lastRequestAt: number | undefined;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let generation = 0;
  let requests = 0;

  const ensure = (currency: ExchangeRateCurrency): void => {
    if (closed || running || !options.gateway()) return;
    const now = options.now();
    const cached = cache.get(currency);
    const decision = decideRateRequest({
      now,
      notPublishedAt: new Map([...notPublishedAt].filter(([key]) => key.startsWith(`${currency}:`)).map(([key, at]) => [key.slice(currency.length + 1), at])),
      ...(cached ? { cachedDate: cached.rateDate } : {}),
      ...(lastRequestAt !== undefined ? { lastRequestAt } : {}),
      ...(options.minIntervalMs !== undefined ? { minIntervalMs: options.minIntervalMs } : {}),
      ...(options.notPublishedRetryMs !== undefined ? { notPublishedRetryMs: options.notPublishedRetryMs } : {}),
    });
    if (decision.kind === 'wait') {
      // One timer at a time: whoever wants a rate during the minute is served when it ends.
      timer ??= setTimeout(() => {
        timer = undefined;
        ensure(currency);
      }, decision.ms + 5);
      timer.unref();
      return;
    }
    if (decision.kind !== 'ask') return;
    running = fetchRates(currency, decision.rateDate).finally(() => {
      running = undefined;
      // Whatever happened, the next try (the day before, or a retry) waits for the minute.
      // Here, not at the end of fetchRates: while `running` is set, ensure() does nothing.
      ensure(currency);
    });
  };

  async function fetchRates(currency: ExchangeRateCurrency, rateDate: string): Promise<void> {
    const gateway = options.gateway();
    if (!gateway) return;
    const started = generation;
    lastRequestAt = options.now().getTime();
    requests += 1;
    try {
      const rates = await gateway.getExchangeRates({ rateDate, currency });
      if (started !== generation) return;
      if (rates.length === 0) {
        notPublishedAt.set(`${currency}:${rateDate}`, options.now().getTime());
      } else {
        cache.set(currency, { rateDate, rates });
        options.onChange();
      }
    } catch (error) {
      if (started !== generation) return;
      if (error instanceof GatewayError && error.label === '93') {
        notPublishedAt.set(`${currency}:${rateDate}`, options.now().getTime());
        options.log.info('exchange rate not published yet', { currency, rateDate });
      } else {
        options.log.warn('exchange rate request failed', { currency, rateDate, error });
      }
    }
  }

  return {
    rate(currency, vendor) {
      ensure(currency);
      const cached = cache.get(currency);
      const found = cached?.rates.find((rate) => rate.vendor === vendor);
      return cached && found ? { rate: found.rate, rateDate: cached.rateDate } : undefined;
    },
    idle: async () => {
      while (running) await running;
    },
    reset() {
      generation += 1;
      cache.clear();
      notPublishedAt.clear();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    get requests() {
      return requests;
    },
  };
}
