import { DEFAULT_PIN_HASH_PARAMS, hashPin, isValidPin, needsRehash, verifyPin, type PinHashParams } from '../../../../../electron/services/auth/pinHash';

// Cheap parameters keep these tests fast; one test uses the defaults.
const FAST: PinHashParams = { logN: 10, r: 8, p: 1 };

describe('PIN hashes', () => {
  it('verifies the right PIN and refuses others', async () => {
    const stored = await hashPin('482913', FAST);
    await expect(verifyPin('482913', stored)).resolves.toBe(true);
    for (const wrong of ['482914', '48291', '4829130', '0482913', '']) await expect(verifyPin(wrong, stored)).resolves.toBe(false);
  });

  it('salts every hash: the same PIN twice gives different hashes, both valid', async () => {
    const a = await hashPin('1234', FAST);
    const b = await hashPin('1234', FAST);
    expect(a).not.toBe(b);
    expect(a.split('$')[4]).not.toBe(b.split('$')[4]);
    await expect(verifyPin('1234', a)).resolves.toBe(true);
    await expect(verifyPin('1234', b)).resolves.toBe(true);
  });

  it('stores the parameters with the hash, and never the PIN', async () => {
    const stored = await hashPin('90817263', FAST);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(stored).not.toContain('90817263');
  });

  it('uses scrypt N=2^15, r=8 by default, and verifies with the stored parameters after they change', async () => {
    expect(DEFAULT_PIN_HASH_PARAMS).toEqual({ logN: 15, r: 8, p: 1 });
    const strong = await hashPin('5555');
    expect(strong.startsWith('scrypt$15$8$1$')).toBe(true);
    await expect(verifyPin('5555', strong)).resolves.toBe(true);
    const old = await hashPin('5555', FAST);
    await expect(verifyPin('5555', old)).resolves.toBe(true);
  });

  it('says when a stored hash is weaker than the current parameters', async () => {
    const old = await hashPin('2468', FAST);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, FAST)).toBe(false);
    expect(needsRehash('not a hash')).toBe(true);
  });

  it('refuses to hash something that is not a PIN', async () => {
    for (const bad of ['123', '1234567890123', '12a4', ' 1234', '１２３４', '']) await expect(hashPin(bad, FAST)).rejects.toThrow(TypeError);
    await expect(hashPin(1234 as unknown as string, FAST)).rejects.toThrow(TypeError);
    expect(isValidPin('0000')).toBe(true);
  });

  it('refuses parameters that are too weak or too costly', async () => {
    await expect(hashPin('1234', { logN: 8, r: 8, p: 1 })).rejects.toThrow(RangeError);
    await expect(hashPin('1234', { logN: 20, r: 16, p: 1 })).rejects.toThrow(RangeError); // 2 GiB
    await expect(hashPin('1234', { logN: 15.5, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });

  it('answers false, never throws, for malformed or hostile stored values', async () => {
    const good = await hashPin('1357', FAST);
    const [, , , , salt = '', hash = ''] = good.split('$');
    const hostile = [
      undefined,
      null,
      42,
      '',
      'scrypt',
      good.replace('scrypt', 'bcrypt'),
      good + '$extra',
      good.slice(0, -4),
      `scrypt$30$8$1$${salt}$${hash}`, // would need terabytes
      `scrypt$20$16$1$${salt}$${hash}`, // 2 GiB
      `scrypt$10$8$99$${salt}$${hash}`,
      `scrypt$10$8$1$${Buffer.alloc(4).toString('base64')}$${hash}`, // short salt
      `scrypt$10$8$1$${salt}$${Buffer.alloc(16).toString('base64')}`, // short hash
      `scrypt$10$8$1$${salt}$${hash.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`,
    ];
    for (const stored of hostile) await expect(verifyPin('1357', stored), String(stored)).resolves.toBe(false);
    await expect(verifyPin(1357, good)).resolves.toBe(false);
    await expect(verifyPin({ toString: () => '1357' }, good)).resolves.toBe(false);
  });
});
