/**
 * Cashier and manager PINs, stored as salted scrypt hashes. A PIN has little entropy (a
 * 6-digit PIN is 10^6 guesses), so the hash only slows an offline attack on a copied
 * journal file; limiting attempts at the keypad is managerPin.ts's job.
 *
 * Stored form: `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`. The parameters are
 * kept with each hash so they can be raised later: `needsRehash` tells when a stored hash
 * was made with weaker ones, and the caller re-hashes after the next correct entry.
 */
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { isValidPin } from '../../../shared/auth/pinFormat';

const scrypt = promisify(crypto.scrypt) as (password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>;

export interface PinHashParams {
  /** log2 of scrypt's cost N. */
  logN: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/** About 50–100 ms on a POS-class CPU, 32 MiB of memory: once per login is fine. */
export const DEFAULT_PIN_HASH_PARAMS: PinHashParams = { logN: 15, r: 8, p: 1 };

/**
 * Bounds on parameters, also applied to ones read back from storage, so an edited file
 * cannot make verify take gigabytes or minutes.
 */
const LIMITS = { logN: [10, 20], r: [1, 16], p: [1, 4] } as const;
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/** The PIN format is shared with the windows, which check it before sending. */
export { isValidPin, PIN_PATTERN } from '../../../shared/auth/pinFormat';

function checkParams(params: PinHashParams): void {
  for (const key of ['logN', 'r', 'p'] as const) {
    const [min, max] = LIMITS[key];
    const value = params[key];
    if (!Number.isSafeInteger(value) || value < min || value > max) throw new RangeError(`pin hash ${key} must be an integer in [${min}, ${max}]`);
  }
  if (128 * 2 ** params.logN * params.r > MAX_MEMORY_BYTES) throw new RangeError('pin hash parameters need more than 256 MiB');
}

function derive(pin: string, salt: Buffer, params: PinHashParams): Promise<Buffer> {
  const N = 2 ** params.logN;
  // scrypt needs about 128·N·r bytes; Node's default cap (32 MiB) is exactly what the
  // default parameters need and would refuse them, so the cap is set with room to spare.
  return scrypt(pin, salt, HASH_BYTES, { N, r: params.r, p: params.p, maxmem: 2 * 128 * N * params.r });
}

/** Hashes a PIN with a fresh random salt. Throws a TypeError for a string that is not a PIN. */
export async function hashPin(pin: string, params: PinHashParams = DEFAULT_PIN_HASH_PARAMS): Promise<string> {
  if (!isValidPin(pin)) throw new TypeError('a PIN is 4 to 12 digits');
  checkParams(params);
  const salt = crypto.randomBytes(SALT_BYTES);
  const hash = await derive(pin, salt, params);
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

interface ParsedHash {
  params: PinHashParams;
  salt: Buffer;
  hash: Buffer;
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function parseStored(stored: unknown): ParsedHash | undefined {
  if (typeof stored !== 'string') return undefined;
  const match = STORED.exec(stored);
  if (!match) return undefined;
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  try {
    checkParams(params);
  } catch {
    return undefined;
  }
  const salt = Buffer.from(match[4]!, 'base64');
  const hash = Buffer.from(match[5]!, 'base64');
  if (salt.length < SALT_BYTES || hash.length !== HASH_BYTES) return undefined;
  return { params, salt, hash };
}

/**
 * True when `pin` matches `stored`. False — never an exception — for a wrong PIN, a
 * malformed PIN or a stored value that is not a hash this module made. The comparison is
 * constant-time.
 */
export async function verifyPin(pin: unknown, stored: unknown): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed || !isValidPin(pin)) return false;
  const candidate = await derive(pin, parsed.salt, parsed.params);
  return crypto.timingSafeEqual(candidate, parsed.hash);
}

/**
 * True when `stored` is a hash this module can verify against. Anything else (an empty
 * string, a truncated or edited value) is no PIN at all to compare with, and the caller must
 * treat it as locked: reading it as "no PIN set" would open every manager action.
 */
export function isReadablePinHash(stored: unknown): stored is string {
  return parseStored(stored) !== undefined;
}

/** True when `stored` is unreadable or was made with weaker parameters than `params`. */
export function needsRehash(stored: unknown, params: PinHashParams = DEFAULT_PIN_HASH_PARAMS): boolean {
  const parsed = parseStored(stored);
  if (!parsed) return true;
  return parsed.params.logN < params.logN || parsed.params.r < params.r || parsed.params.p < params.p;
}
