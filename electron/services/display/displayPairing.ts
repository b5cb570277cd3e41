import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Pairing of LAN customer displays. The cashier's screen shows a one-time six-digit code;
 * a tablet that types it gets a random token and from then on receives display events.
 *
 * - A code is good for one pairing and for `codeLifetimeMs`. Wrong guesses are counted per
 *   address: after `maxWrongTries` from one address the code refuses that address only, so
 *   a device guessing (or a child tapping) cannot void it for the tablet the cashier is
 *   pairing. Past `maxWrongTriesInAll` from all addresses together the code is void, which
 *   bounds what many addresses can guess: 50 tries at one in a million. With the LAN host's
 *   rate limit per address on top, guessing a code is hopeless.
 * - Tokens are 32 random bytes; only their SHA-256 is kept, compared in constant time.
 * - Everything is in memory: a restart (or turning the LAN display off) unpairs every
 *   tablet, which is the safe direction.
 */

export interface DisplayPairingOptions {
  /** ms, any monotonic-enough clock. */
  now: () => number;
  randomBytes: (size: number) => Uint8Array;
  codeLifetimeMs?: number;
  /** Wrong guesses one address may make at a code. */
  maxWrongTries?: number;
  /** Wrong guesses from all addresses together before the code is void. */
  maxWrongTriesInAll?: number;
  /** Most displays paired at once; pairing another forgets the oldest. */
  maxDisplays?: number;
}

export type PairingResult = { ok: true; token: string } | { ok: false };

export interface PairingInput {
  code?: string;
  token?: string;
  /** Where the attempt comes from (the LAN host gives the remote address); wrong codes are counted per `from`. */
  from?: string;
}

export interface DisplayPairing {
  /** A new one-time code; any earlier code is void. */
  newCode(): { code: string; expiresAt: number };
  /** With a code: pairs (once) and returns a new token. With a token: true if it is paired. */
  pair(input: PairingInput): PairingResult;
  isPaired(token: string): boolean;
  /** Unpairs every display and voids the code (the LAN display was turned off). */
  revokeAll(): void;
  readonly pairedCount: number;
}

export const PAIRING_CODE_LIFETIME_MS = 5 * 60_000;
export const PAIRING_MAX_WRONG_TRIES = 5;
export const PAIRING_MAX_WRONG_TRIES_IN_ALL = 50;
/** Attempts that name no address (the cashier contract's pairDisplay) share this one. */
const NO_ADDRESS = '';

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
  const maxWrongInAll = options.maxWrongTriesInAll ?? PAIRING_MAX_WRONG_TRIES_IN_ALL;
  const maxDisplays = options.maxDisplays ?? 8;
  // `wrongBy` has at most maxWrongInAll entries: each holds at least one wrong try.
  let current: { code: Buffer; expiresAt: number; wrong: number; wrongBy: Map<string, number> } | undefined;
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
      current = { code: hash(code), expiresAt: options.now() + lifetime, wrong: 0, wrongBy: new Map() };
      return { code, expiresAt: current.expiresAt };
    },
    pair(input) {
      if (input.token !== undefined) return isPaired(input.token) ? { ok: true, token: input.token } : { ok: false };
      if (input.code === undefined || !current) return { ok: false };
      if (options.now() >= current.expiresAt || current.wrong >= maxWrongInAll) {
        current = undefined;
        return { ok: false };
      }
      const from = input.from ?? NO_ADDRESS;
      const wrongFromThere = current.wrongBy.get(from) ?? 0;
      // This address has had its tries: even the right code is refused to it, and only to it.
      if (wrongFromThere >= maxWrong) return { ok: false };
      if (!timingSafeEqual(hash(input.code), current.code)) {
        current.wrong += 1;
        current.wrongBy.set(from, wrongFromThere + 1);
        if (current.wrong >= maxWrongInAll) current = undefined;
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
