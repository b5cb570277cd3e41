import crypto from 'node:crypto';
import { REFERENCE_MAX_LENGTH, isValidReference, makeReference } from '../../../../shared/payments/reference';

describe('references', () => {
  it('are alphanumeric, at most 30 characters, prefixed by the terminal', () => {
    const ref = makeReference('t-1 front', new Date('2026-11-22T10:11:12.345Z'), new Uint8Array([0, 1, 35, 36, 255, 7, 8, 9]));
    expect(ref).toMatch(/^[A-Z0-9]+$/);
    expect(ref.length).toBeLessThanOrEqual(REFERENCE_MAX_LENGTH);
    expect(ref.startsWith('T1FR261122101112345')).toBe(true);
    expect(isValidReference(ref)).toBe(true);
  });
  it('do not collide across 100,000 made in the same millisecond', () => {
    const now = new Date();
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(makeReference('T1', now, crypto.randomBytes(8)));
    expect(seen.size).toBe(100_000);
  });
  it('validation refuses what NihaoPay refuses', () => {
    expect(isValidReference('a'.repeat(30))).toBe(true);
    expect(isValidReference('a'.repeat(31))).toBe(false);
    expect(isValidReference('ab-c')).toBe(false);
    expect(isValidReference('')).toBe(false);
    expect(isValidReference(12)).toBe(false);
  });
});
