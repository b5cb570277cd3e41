import { setTimeout as sleep } from 'node:timers/promises';
import {
  createExchangeRateService,
  decideRateRequest,
  EXCHANGE_RATE_MIN_INTERVAL_MS,
  RATE_NOT_PUBLISHED_RETRY_MS,
  type ExchangeRateService,
  type RateRequestDecision,
  type RateRequestInputs,
} from '../../../../../electron/services/exchange/exchangeRates';
import { createNihaoPayClient } from '../../../../../electron/services/gateway/nihaopay/nihaopayClient';
import { createLogger } from '../../../../../electron/services/log/logger';
import { startSandbox, type Sandbox } from '../../../../../electron/sandbox/nihaopay/sandboxServer';

const MIN = 60_000;
/** 11:00 in China (UTC+8) on 22 November: today's rates (published 10:30) are out. */
const AFTER_PUBLICATION = Date.parse('2026-11-22T03:00:00Z');

describe('decideRateRequest', () => {
  const at = (iso: string | number) => new Date(iso);
  const none = new Map<string, number>();
  it.each<[string, RateRequestInputs, RateRequestDecision]>([
    ['nothing cached, nothing asked yet → today', { now: at(AFTER_PUBLICATION), notPublishedAt: none }, { kind: 'ask', rateDate: '20261122' }],
    ['today cached → nothing', { now: at(AFTER_PUBLICATION), cachedDate: '20261122', notPublishedAt: none, lastRequestAt: AFTER_PUBLICATION - 1_000 }, { kind: 'none' }],
    ['today cached, long ago asked → still nothing', { now: at(AFTER_PUBLICATION), cachedDate: '20261122', notPublishedAt: none, lastRequestAt: AFTER_PUBLICATION - 86_400_000 }, { kind: 'none' }],
    ['yesterday cached, last request 20 s ago → wait the other 40 s', { now: at(AFTER_PUBLICATION), cachedDate: '20261121', notPublishedAt: none, lastRequestAt: AFTER_PUBLICATION - 20_000 }, { kind: 'wait', ms: 40_000 }],
    ['last request 59 999 ms ago → wait 1 ms', { now: at(AFTER_PUBLICATION), notPublishedAt: none, lastRequestAt: AFTER_PUBLICATION - 59_999 }, { kind: 'wait', ms: 1 }],
    ['last request exactly a minute ago → ask', { now: at(AFTER_PUBLICATION), notPublishedAt: none, lastRequestAt: AFTER_PUBLICATION - MIN }, { kind: 'ask', rateDate: '20261122' }],
    ['a shorter interval is honoured', { now: at(AFTER_PUBLICATION), notPublishedAt: none, lastRequestAt: AFTER_PUBLICATION - 100, minIntervalMs: 250 }, { kind: 'wait', ms: 150 }],
    [
      'today not published 10 min ago, nothing cached → the day before',
      { now: at(AFTER_PUBLICATION), notPublishedAt: new Map([['20261122', AFTER_PUBLICATION - 10 * MIN]]), lastRequestAt: AFTER_PUBLICATION - 10 * MIN },
      { kind: 'ask', rateDate: '20261121' },
    ],
    [
      'today not published 30 s ago → the day before, after the minute',
      { now: at(AFTER_PUBLICATION), notPublishedAt: new Map([['20261122', AFTER_PUBLICATION - 30_000]]), lastRequestAt: AFTER_PUBLICATION - 30_000 },
      { kind: 'wait', ms: 30_000 },
    ],
    [
      'today not published 10 min ago, the day before cached → nothing',
      { now: at(AFTER_PUBLICATION), cachedDate: '20261121', notPublishedAt: new Map([['20261122', AFTER_PUBLICATION - 10 * MIN]]), lastRequestAt: AFTER_PUBLICATION - 10 * MIN },
      { kind: 'none' },
    ],
    [
      'today not published 29 min 59 s ago → not yet asked again',
      { now: at(AFTER_PUBLICATION), cachedDate: '20261121', notPublishedAt: new Map([['20261122', AFTER_PUBLICATION - 30 * MIN + 1_000]]), lastRequestAt: AFTER_PUBLICATION - 29 * MIN },
      { kind: 'none' },
    ],
    [
      'today not published 30 min ago → asked for again',
      { now: at(AFTER_PUBLICATION), cachedDate: '20261121', notPublishedAt: new Map([['20261122', AFTER_PUBLICATION - 30 * MIN]]), lastRequestAt: AFTER_PUBLICATION - 29 * MIN },
      { kind: 'ask', rateDate: '20261122' },
    ],
    [
      'neither today nor the day before published lately → nothing',
      { now: at(AFTER_PUBLICATION), notPublishedAt: new Map([['20261122', AFTER_PUBLICATION - 5 * MIN], ['20261121', AFTER_PUBLICATION - 4 * MIN]]), lastRequestAt: AFTER_PUBLICATION - 4 * MIN },
      { kind: 'none' },
    ],
    ['10:29 in China: today is not out yet, so yesterday', { now: at('2026-11-22T02:29:00Z'), notPublishedAt: none }, { kind: 'ask', rateDate: '20261121' }],
    ['10:30 in China: today', { now: at('2026-11-22T02:30:00Z'), notPublishedAt: none }, { kind: 'ask', rateDate: '20261122' }],
    ['23:30 UTC is 07:30 the next day in China: still that day’s “yesterday”', { now: at('2026-11-22T23:30:00Z'), notPublishedAt: none }, { kind: 'ask', rateDate: '20261122' }],
    ['across a month end', { now: at('2026-12-01T01:00:00Z'), notPublishedAt: none }, { kind: 'ask', rateDate: '20261130' }],
  ])('%s', (_name, inputs, expected) => {
    expect(decideRateRequest(inputs)).toEqual(expected);
  });

  it('uses the documented limits by default', () => {
    expect(EXCHANGE_RATE_MIN_INTERVAL_MS).toBe(60_000);
    expect(RATE_NOT_PUBLISHED_RETRY_MS).toBe(30 * 60_000);
  });
});

describe('exchange rate service against the sandbox', () => {
  let sandbox: Sandbox;
  /** The sandbox's clock (its "today in China" decides what is published). */
  let sandboxNow: number;
  let service: ExchangeRateService | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ token: 'rates-test-token-0123456789', port: 0, now: () => new Date(sandboxNow) });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.reset();
    sandboxNow = AFTER_PUBLICATION;
  });
  afterEach(() => service?.close());

  const rateRequests = () => sandbox.requests.filter((r) => r.path === '/v1.2/exchangerate/').map((r) => new URLSearchParams(r.query));
  /** A clock that starts at `start` and runs in real time, so the service's own timers line up with it. */
  const runningClock = (start: number) => {
    const t0 = Date.now();
    return () => new Date(start + (Date.now() - t0));
  };
  function open(now: () => Date, extra: { minIntervalMs?: number; notPublishedRetryMs?: number } = {}) {
    const changes: number[] = [];
    /** Real time each request left (the sandbox records its own, test-set clock). */
    const sentAt: number[] = [];
    const client = createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token });
    const gateway = {
      getExchangeRates: (query: Parameters<typeof client.getExchangeRates>[0]) => {
        sentAt.push(Date.now());
        return client.getExchangeRates(query);
      },
    };
    service = createExchangeRateService({ gateway: () => gateway, now, log: createLogger(() => undefined, () => []), onChange: () => changes.push(Date.now()), ...extra });
    return { service, changes, sentAt };
  }

  it('makes one request however often the rate is wanted within the minute, then serves the day from cache', async () => {
    const { service, changes } = open(() => new Date(AFTER_PUBLICATION));
    for (let i = 0; i < 50; i += 1) service.rate('USD', i % 2 ? 'alipay' : 'wechatpay');
    expect(service.rate('USD', 'alipay')).toBeUndefined(); // still on its way
    await service.idle();
    expect(service.rate('USD', 'alipay')).toEqual({ rate: '6.921791', rateDate: '20261122' });
    expect(service.rate('USD', 'wechatpay')).toEqual({ rate: '6.921911', rateDate: '20261122' });
    expect(service.rate('USD', 'unionpay')).toEqual({ rate: '6.948700', rateDate: '20261122' });
    for (let i = 0; i < 50; i += 1) service.rate('USD', 'unionpay');
    await service.idle();
    expect(rateRequests()).toHaveLength(1);
    expect(service.requests).toBe(1);
    expect(Object.fromEntries(rateRequests()[0]!)).toEqual({ rate_date: '20261122', currency: 'USD' });
    expect(changes).toHaveLength(1);
  });

  it('never sends two requests within the minute, not even for another currency', async () => {
    const now = runningClock(AFTER_PUBLICATION);
    const { service } = open(now);
    service.rate('USD', 'alipay');
    await service.idle();
    for (let i = 0; i < 20; i += 1) expect(service.rate('JPY', 'alipay')).toBeUndefined();
    await sleep(100);
    await service.idle();
    expect(rateRequests()).toHaveLength(1);
  });

  it('asks for the second currency once the (shortened) interval has passed, by itself', async () => {
    const now = runningClock(AFTER_PUBLICATION);
    const { service, changes, sentAt } = open(now, { minIntervalMs: 300 });
    service.rate('USD', 'alipay');
    await service.idle();
    service.rate('JPY', 'alipay');
    await vi.waitFor(() => expect(changes).toHaveLength(2), { timeout: 2_000, interval: 20 });
    await service.idle();
    expect(service.rate('JPY', 'alipay')).toEqual({ rate: '0.048105', rateDate: '20261122' });
    const requests = sandbox.requests.filter((r) => r.path === '/v1.2/exchangerate/');
    expect(requests.map((r) => new URLSearchParams(r.query).get('currency'))).toEqual(['USD', 'JPY']);
    expect(sentAt).toHaveLength(2);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(300);
  });

  it('falls back to the day before when today’s rate is not published (404/93), by itself after the interval, and tries today again later', async () => {
    // The gateway's day is still the 21st: the 22nd answers 404/93, as NihaoPay does for a date not yet published.
    sandboxNow = Date.parse('2026-11-21T03:00:00Z');
    const now = runningClock(AFTER_PUBLICATION);
    const { service, changes, sentAt } = open(now, { minIntervalMs: 200, notPublishedRetryMs: 800 });
    expect(service.rate('USD', 'alipay')).toBeUndefined();
    await service.idle();
    expect(rateRequests().map((q) => q.get('rate_date'))).toEqual(['20261122']);
    // Nobody asks again: the service itself asks for the 21st once the interval has passed.
    await vi.waitFor(() => expect(changes).toHaveLength(1), { timeout: 2_000, interval: 20 });
    await service.idle();
    expect(rateRequests().map((q) => q.get('rate_date'))).toEqual(['20261122', '20261121']);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(200);
    expect(service.rate('USD', 'alipay')).toEqual({ rate: '6.921791', rateDate: '20261121' });
    // Within the retry time, today is not asked for again however often the rate is wanted.
    for (let i = 0; i < 10; i += 1) service.rate('USD', 'alipay');
    await service.idle();
    expect(rateRequests()).toHaveLength(2);
    // The gateway publishes; after the retry time today's rate is fetched and replaces yesterday's.
    sandboxNow = AFTER_PUBLICATION;
    await sleep(850);
    service.rate('USD', 'alipay');
    await service.idle();
    expect(rateRequests().map((q) => q.get('rate_date'))).toEqual(['20261122', '20261121', '20261122']);
    expect(service.rate('USD', 'alipay')).toEqual({ rate: '6.921791', rateDate: '20261122' });
  });

  it('retries a failed request by itself, only after the interval', async () => {
    sandbox.setFault({ action: { kind: 'error', label: '99' }, pathPrefix: '/v1.2/exchangerate', times: 1 });
    const now = runningClock(AFTER_PUBLICATION);
    const { service, changes, sentAt } = open(now, { minIntervalMs: 250 });
    service.rate('USD', 'unionpay');
    await service.idle();
    expect(rateRequests()).toHaveLength(1);
    await vi.waitFor(() => expect(changes).toHaveLength(1), { timeout: 2_000, interval: 20 });
    await service.idle();
    expect(rateRequests()).toHaveLength(2);
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(250);
    expect(service.rate('USD', 'unionpay')).toEqual({ rate: '6.948700', rateDate: '20261122' });
  });

  it('forgets its rates on reset, and drops a reply that arrives after it', async () => {
    sandbox.setFault({ latencyMs: 150, pathPrefix: '/v1.2/exchangerate', action: { kind: 'mutateReply', set: {} }, times: 1 });
    const { service, changes } = open(runningClock(AFTER_PUBLICATION), { minIntervalMs: 200 });
    service.rate('USD', 'alipay');
    service.reset();
    await service.idle();
    // The reply to the request made before the reset is not taken…
    expect(changes).toHaveLength(0);
    expect(service.rate('USD', 'alipay')).toBeUndefined();
    // …and the rate is asked for again, within the limit.
    await vi.waitFor(() => expect(changes).toHaveLength(1), { timeout: 2_000, interval: 20 });
    await service.idle();
    expect(service.rate('USD', 'alipay')).toEqual({ rate: '6.921791', rateDate: '20261122' });
    expect(rateRequests()).toHaveLength(2);
    service.reset();
    expect(service.rate('USD', 'alipay')).toBeUndefined();
  });

  it('asks nothing without a gateway, nor after close', async () => {
    const quiet = createExchangeRateService({ gateway: () => undefined, now: () => new Date(AFTER_PUBLICATION), log: createLogger(() => undefined, () => []), onChange: () => undefined });
    expect(quiet.rate('USD', 'alipay')).toBeUndefined();
    await quiet.idle();
    expect(quiet.requests).toBe(0);
    const { service } = open(() => new Date(AFTER_PUBLICATION));
    service.close();
    expect(service.rate('USD', 'alipay')).toBeUndefined();
    await service.idle();
    expect(rateRequests()).toHaveLength(0);
  });
});
