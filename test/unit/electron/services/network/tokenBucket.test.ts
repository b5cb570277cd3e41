import { createTokenBucket } from '../../../../../electron/services/network/tokenBucket';

describe('token bucket', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('allows a burst up to capacity, then refuses', () => {
    const bucket = createTokenBucket({ capacity: 5, refillPerSecond: 1, now });
    expect(Array.from({ length: 7 }, () => bucket.take())).toEqual([true, true, true, true, true, false, false]);
  });

  it('refills at the given rate, never beyond capacity', () => {
    const bucket = createTokenBucket({ capacity: 3, refillPerSecond: 2, now });
    for (let i = 0; i < 3; i += 1) bucket.take();
    clock += 499;
    expect(bucket.take()).toBe(false); // 0.998 tokens
    clock += 1;
    expect(bucket.take()).toBe(true); // exactly one more after 500 ms at 2/s
    clock += 60_000;
    expect(bucket.available()).toBe(3);
  });

  it('takes a cost atomically: all of it or none', () => {
    const bucket = createTokenBucket({ capacity: 10, refillPerSecond: 0, now });
    expect(bucket.take(7)).toBe(true);
    expect(bucket.take(4)).toBe(false);
    expect(bucket.available()).toBe(3);
    expect(bucket.take(3)).toBe(true);
  });

  it('does not refill when the clock goes backwards, then resumes from the new time', () => {
    const bucket = createTokenBucket({ capacity: 2, refillPerSecond: 1, now });
    bucket.take();
    bucket.take();
    clock -= 10_000;
    expect(bucket.take()).toBe(false);
    clock += 1_000;
    expect(bucket.take()).toBe(true);
  });

  it('refuses nonsense parameters', () => {
    expect(() => createTokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => createTokenBucket({ capacity: Infinity, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => createTokenBucket({ capacity: 1, refillPerSecond: -1 })).toThrow(RangeError);
    expect(() => createTokenBucket({ capacity: 1, refillPerSecond: NaN })).toThrow(RangeError);
    const bucket = createTokenBucket({ capacity: 1, refillPerSecond: 1, now });
    expect(() => bucket.take(0)).toThrow(RangeError);
    expect(() => bucket.take(NaN)).toThrow(RangeError);
  });

  it('uses a real monotonic clock by default', () => {
    const bucket = createTokenBucket({ capacity: 1, refillPerSecond: 1000 });
    expect(bucket.take()).toBe(true);
    expect(bucket.available()).toBeGreaterThanOrEqual(0);
  });
});
