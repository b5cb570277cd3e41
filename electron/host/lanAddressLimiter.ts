import { createTokenBucket, type TokenBucket, type TokenBucketOptions } from '../services/network/tokenBucket';

/**
 * One token bucket per remote address, for the LAN display host: a device on the store's
 * network gets a budget of requests and of pairing attempts, whatever number of
 * connections it opens. The map is bounded: buckets that have refilled completely carry
 * no state worth keeping and are dropped when it grows.
 */
export interface AddressLimiter {
  /** Takes one token from `address`'s bucket; false when it is empty. */
  take(address: string): boolean;
  /** Addresses with a bucket now (for tests). */
  readonly size: number;
}

/** Buckets kept before full ones are dropped. */
const PRUNE_ABOVE = 1024;

export function createAddressLimiter(options: TokenBucketOptions): AddressLimiter {
  const buckets = new Map<string, TokenBucket>();
  const prune = () => {
    for (const [address, bucket] of buckets) if (bucket.available() >= options.capacity) buckets.delete(address);
  };
  return {
    take(address) {
      let bucket = buckets.get(address);
      if (!bucket) {
        if (buckets.size >= PRUNE_ABOVE) prune();
        bucket = createTokenBucket(options);
        buckets.set(address, bucket);
      }
      return bucket.take();
    },
    get size() {
      return buckets.size;
    },
  };
}

/** `::ffff:192.168.1.20` (an IPv4 client of a dual-stack socket) and `192.168.1.20` are one device. */
export function remoteAddressOf(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
