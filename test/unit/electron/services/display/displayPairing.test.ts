import crypto from 'node:crypto';
import { createDisplayPairing, PAIRING_CODE_LIFETIME_MS, PAIRING_MAX_WRONG_TRIES, PAIRING_MAX_WRONG_TRIES_IN_ALL, sixDigitCode, type DisplayPairing } from '../../../../../electron/services/display/displayPairing';

/** Random bytes that come from a queue of given values first (then real randomness). */
function scriptedBytes(...chunks: number[][]): (size: number) => Uint8Array {
  const queue = chunks.map((chunk) => Uint8Array.from(chunk));
  return (size) => {
    const next = queue.shift();
    if (next) {
      expect(next).toHaveLength(size);
      return next;
    }
    return crypto.randomBytes(size);
  };
}

const be32 = (value: number): number[] => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];

describe('sixDigitCode', () => {
  it('is always six digits, leading zeros kept', () => {
    expect(sixDigitCode(scriptedBytes([0, 0, 0, 7]))).toBe('000007');
    expect(sixDigitCode(scriptedBytes(be32(123_456_789)))).toBe('456789');
    for (let i = 0; i < 200; i += 1) expect(sixDigitCode((n) => crypto.randomBytes(n))).toMatch(/^\d{6}$/);
  });

  it('takes the largest value below the cut-off and rejects the values at or above it (they would favour low codes)', () => {
    // 4_293_999_999 is the last accepted value; 4_294_000_000 … 2^32-1 would map to 000000–967295 a second time.
    expect(sixDigitCode(scriptedBytes(be32(4_293_999_999)))).toBe('999999');
    let calls = 0;
    const counting = (values: number[]) => {
      const inner = scriptedBytes(...values.map(be32));
      return (size: number) => {
        calls += 1;
        return inner(size);
      };
    };
    expect(sixDigitCode(counting([4_294_000_000, 0xffff_ffff, 4_294_967_295, 42]))).toBe('000042');
    expect(calls).toBe(4);
  });

  it('gives every last digit about equally often', () => {
    const counts = new Array<number>(10).fill(0);
    const draws = 20_000;
    for (let i = 0; i < draws; i += 1) counts[Number(sixDigitCode((n) => crypto.randomBytes(n)).slice(-1))]! += 1;
    // Expected 2000 each; ±5 standard deviations (~±212) is a test that only fails if the code is biased.
    for (const count of counts) expect(Math.abs(count - draws / 10)).toBeLessThan(212);
  });
});

describe('createDisplayPairing', () => {
  let clock: number;
  let pairing: DisplayPairing;
  beforeEach(() => {
    clock = 1_000_000;
    pairing = createDisplayPairing({ now: () => clock, randomBytes: (n) => crypto.randomBytes(n) });
  });

  it('pairs once with the code, and the token it gives keeps working', () => {
    const { code, expiresAt } = pairing.newCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(expiresAt).toBe(clock + PAIRING_CODE_LIFETIME_MS);
    const paired = pairing.pair({ code });
    expect(paired).toMatchObject({ ok: true });
    if (!paired.ok) return;
    expect(paired.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(pairing.isPaired(paired.token)).toBe(true);
    expect(pairing.pair({ token: paired.token })).toEqual({ ok: true, token: paired.token });
    expect(pairing.pairedCount).toBe(1);
    // One use: a second tablet typing the same code gets nothing.
    expect(pairing.pair({ code })).toEqual({ ok: false });
    expect(pairing.pairedCount).toBe(1);
  });

  it('refuses unknown tokens and a code when none was made', () => {
    expect(pairing.pair({ code: '123456' })).toEqual({ ok: false });
    expect(pairing.pair({ token: 'made-up-token' })).toEqual({ ok: false });
    expect(pairing.isPaired('')).toBe(false);
    expect(pairing.pair({})).toEqual({ ok: false });
  });

  it('takes the code up to its last millisecond', () => {
    const { code, expiresAt } = pairing.newCode();
    clock = expiresAt - 1;
    expect(pairing.pair({ code })).toMatchObject({ ok: true });
  });

  it('voids the code when it expires, for good', () => {
    const { code, expiresAt } = pairing.newCode();
    clock = expiresAt;
    expect(pairing.pair({ code })).toEqual({ ok: false });
    // Void, not just late: a clock that steps back does not revive it.
    clock = expiresAt - 10;
    expect(pairing.pair({ code })).toEqual({ ok: false });
  });

  it('voids the code after five wrong tries, even if the sixth is right', () => {
    const { code } = pairing.newCode();
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < PAIRING_MAX_WRONG_TRIES; i += 1) expect(pairing.pair({ code: wrong })).toEqual({ ok: false });
    expect(pairing.pair({ code })).toEqual({ ok: false });
    expect(pairing.pairedCount).toBe(0);
  });

  it('still pairs after four wrong tries', () => {
    const { code } = pairing.newCode();
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < PAIRING_MAX_WRONG_TRIES - 1; i += 1) pairing.pair({ code: wrong });
    expect(pairing.pair({ code })).toMatchObject({ ok: true });
  });

  it('a new code voids the previous one and starts its own count of wrong tries', () => {
    const first = pairing.newCode();
    for (let i = 0; i < PAIRING_MAX_WRONG_TRIES - 1; i += 1) pairing.pair({ code: 'abcdef' });
    let second = pairing.newCode();
    while (second.code === first.code) second = pairing.newCode();
    expect(pairing.pair({ code: first.code })).toEqual({ ok: false });
    for (let i = 0; i < PAIRING_MAX_WRONG_TRIES - 2; i += 1) pairing.pair({ code: 'abcdef' });
    expect(pairing.pair({ code: second.code })).toMatchObject({ ok: true });
  });

  it('revokeAll unpairs every display and voids the code', () => {
    const a = pairing.pair({ code: pairing.newCode().code });
    const b = pairing.pair({ code: pairing.newCode().code });
    const pending = pairing.newCode();
    expect(pairing.pairedCount).toBe(2);
    pairing.revokeAll();
    expect(pairing.pairedCount).toBe(0);
    for (const paired of [a, b]) {
      if (!paired.ok) throw new Error('pairing failed');
      expect(pairing.isPaired(paired.token)).toBe(false);
      expect(pairing.pair({ token: paired.token })).toEqual({ ok: false });
    }
    expect(pairing.pair({ code: pending.code })).toEqual({ ok: false });
  });

  it('counts wrong tries per address: one address spending its tries leaves the code good for the others', () => {
    const { code } = pairing.newCode();
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < PAIRING_MAX_WRONG_TRIES; i += 1) expect(pairing.pair({ code: wrong, from: '192.168.1.66' })).toEqual({ ok: false });
    expect(pairing.pair({ code, from: '192.168.1.66' })).toEqual({ ok: false });
    // Another address has all its tries, and the right code pairs it.
    for (let i = 0; i < PAIRING_MAX_WRONG_TRIES - 1; i += 1) pairing.pair({ code: wrong, from: '192.168.1.20' });
    expect(pairing.pair({ code, from: '192.168.1.20' })).toMatchObject({ ok: true });
    // Still one use.
    expect(pairing.pair({ code, from: '192.168.1.21' })).toEqual({ ok: false });
  });

  it('voids the code after the wrong tries of all addresses together pass the overall bound', () => {
    const { code } = pairing.newCode();
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < PAIRING_MAX_WRONG_TRIES_IN_ALL; i += 1) pairing.pair({ code: wrong, from: `10.0.${Math.floor(i / PAIRING_MAX_WRONG_TRIES)}.1` });
    expect(pairing.pair({ code, from: '10.9.9.9' })).toEqual({ ok: false });
    // A new code starts every address's count afresh.
    const next = pairing.newCode();
    expect(pairing.pair({ code: next.code, from: '10.0.0.1' })).toMatchObject({ ok: true });
  });

  it('forgets the oldest display beyond the limit', () => {
    const limited = createDisplayPairing({ now: () => clock, randomBytes: (n) => crypto.randomBytes(n), maxDisplays: 2 });
    const tokens = [1, 2, 3].map(() => {
      const paired = limited.pair({ code: limited.newCode().code });
      if (!paired.ok) throw new Error('pairing failed');
      return paired.token;
    });
    expect(limited.pairedCount).toBe(2);
    expect(tokens.map((t) => limited.isPaired(t))).toEqual([false, true, true]);
  });
});
