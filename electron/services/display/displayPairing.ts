import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Pairing of LAN customer displays. The cashier's screen shows a one-time six-digit code;
 * a tablet that types it gets a random token and from then on receives display events.
 *
 * - A code is good for one pairing, for `codeLifetimeMs`, and for `maxWrongTries` wrong
 *   guesses in all: then it is void and the cashier makes a new one. With the LAN host's
 *   rate limit on top, guessing one of a million codes is hopeless.
 * - Tokens are 32 random bytes; only their SHA-256 is kept, compared in constant time.
 * - Everything is in memory: a restart (or turning the LAN display off) unpairs every
 *   tablet, which is the safe direction.
 */

export interface DisplayPairingOptions {
  /** ms, any monotonic-enough clock. */
  now: () => number;
  randomBytes: (size: number) => Uint8Array;
  codeLifetimeMs?: number;
  maxWrongTries?: number;
  /** Most displays paired at once; pairing another forgets the oldest. */
  maxDisplays?: number;
}

export type PairingResult = { ok: true; token: string } | { ok: false };

export interface DisplayPairing {
  /** A new one-time code; any earlier code is void. */
  newCode(): { code: string; expiresAt: number };
  /** With a code: pairs (once) and returns a new token. With a token: true if it is paired. */
  pair(input: { code?: string; token?: string }): PairingResult;
  isPaired(token: string): boolean;
  /** Unpairs every display and voids the code (the LAN display was turned off). */
  revokeAll(): void;
  readonly pairedCount: number;
}

export const PAIRING_CODE_LIFETIME_MS = 5 * 60_000;
export const PAIRING_MAX_WRONG_TRIES = 5;

const hash = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Six uniform decimal digits from random bytes (rejection sampling: no digit is likelier). */
export function sixDigitCode(randomBytes: (size: number) => Uint8Array): string {
  for (;;) {
    const bytes = randomBytes(4);
    const value = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    // 4_294_000_000 is the largest multiple of 1_000_000 below 2^32.
    if (value < 4_294_000_000) return String(value % 1_000_000).padStart(6, '0');
  }
}

export function createDisplayPairing(options: DisplayPairingOptions): DisplayPairing {
  const lifetime = options.codeLifetimeMs ?? PAIRING_CODE_LIFETIME_MS;
  const maxWrong = options.maxWrongTries ?? PAIRING_MAX_WRONG_TRIES;
  const maxDisplays = options.maxDisplays ?? 8;
  let current: { code: Buffer; expiresAt: number; wrong: number } | undefined;
  // Insertion-ordered: the first is the oldest.
  const tokens = new Map<string, Buffer>();

  const isPaired = (token: string): boolean => {
    const digest = hash(token);
    let found = false;
    for (const stored of tokens.values()) if (timingSafeEqual(stored, digest)) found = true;
    return found;
  };

  return {
    newCode() {
      const code = sixDigitCode(options.randomBytes);
      current = { code: hash(code), expiresAt: options.now() + lifetime, wrong: 0 };
      return { code, expiresAt: current.expiresAt };
    },
    pair(input) {
      if (input.token !== undefined) return isPaired(input.token) ? { ok: true, token: input.token } : { ok: false };
      if (input.code === undefined || !current) return { ok: false };
      if (options.now() >= current.expiresAt || current.wrong >= maxWrong) {
        current = undefined;
        return { ok: false };
      }
      if (!timingSafeEqual(hash(input.code), current.code)) {
        current.wrong += 1;
        if (current.wrong >= maxWrong) current = undefined;
        return { ok: false };
      }
      current = undefined;
      const token = Buffer.from(options.randomBytes(32)).toString('base64url');
      const digest = hash(token);
      tokens.set(digest.toString('hex'), digest);
      while (tokens.size > maxDisplays) tokens.delete(tokens.keys().next().value as string);
      return { ok: true, token };
    },
    isPaired,
    revokeAll() {
      current = undefined;
      tokens.clear();
    },
    get pairedCount() {
      return tokens.size;
    },
  };
}
