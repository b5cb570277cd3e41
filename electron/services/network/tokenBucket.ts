/**
 * A token bucket: up to `capacity` actions at once, refilled at `refillPerSecond`. The
 * browser host gives one to each WebSocket connection for its API calls; the LAN customer
 * display will reuse it for pairing attempts and connections. Pure: the clock is passed in.
 */
export interface TokenBucketOptions {
  /** Largest burst; the bucket starts full. */
  capacity: number;
  /** Tokens added per second, up to `capacity`. */
  refillPerSecond: number;
  /** Milliseconds from a monotonic clock. Default: performance.now. */
  now?: () => number;
}

export interface TokenBucket {
  /** Takes `cost` tokens (default 1) when that many are there; false (and takes none) otherwise. */
  take(cost?: number): boolean;
  /** Tokens there now, refill included. */
  available(): number;
}

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { capacity, refillPerSecond } = options;
  if (!Number.isFinite(capacity) || capacity <= 0) throw new RangeError('capacity must be a positive number');
  if (!Number.isFinite(refillPerSecond) || refillPerSecond < 0) throw new RangeError('refillPerSecond must be a non-negative number');
  const now = options.now ?? (() => performance.now());
  let tokens = capacity;
  let last = now();

  const refill = () => {
    const at = now();
    // A clock that goes backwards (or NaN) refills nothing, and is taken as the new mark.
    const elapsed = at - last;
    if (elapsed > 0) tokens = Math.min(capacity, tokens + (elapsed / 1000) * refillPerSecond);
    last = at;
  };

  return {
    take(cost = 1) {
      if (!Number.isFinite(cost) || cost <= 0) throw new RangeError('cost must be a positive number');
      refill();
      if (tokens < cost) return false;
      tokens -= cost;
      return true;
    },
    available() {
      refill();
      return tokens;
    },
  };
}
