import { createManagerPin, MAX_PIN_LOCK_MS, pinLockMs, type ManagerPin } from '../../../../../electron/services/auth/managerPin';
import { hashPin, verifyPin } from '../../../../../electron/services/auth/pinHash';
import { openJournal, type Journal } from '../../../../../electron/services/journal/journal';
import { makeTempDir } from '../../../../fixtures/tempDir';

/** Cheap parameters for the stored hash (the first right entry re-hashes with the real ones). */
const FAST = { logN: 10, r: 8, p: 1 };
const PIN = '246810';
const MINUTE = 60_000;

describe('the manager PIN, kept in the journal', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let clock: number;
  let compared: number;
  const open = (): ManagerPin => {
    journal = openJournal(temp.dir, () => new Date(clock));
    return createManagerPin({
      table: journal.pinState,
      now: () => clock,
      verify: (pin, stored) => {
        compared += 1;
        return verifyPin(pin, stored);
      },
    });
  };
  const restart = (): ManagerPin => {
    journal.close();
    return open();
  };
  const withPin = async (): Promise<ManagerPin> => {
    const pin = open();
    journal.pinState.write({ ...journal.pinState.read(), hash: await hashPin(PIN, FAST) });
    return pin;
  };

  beforeEach(() => {
    temp = makeTempDir();
    clock = Date.parse('2026-03-01T10:00:00.000Z');
    compared = 0;
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  it('compares 1,000 parallel guesses one at a time and locks after the fifth wrong one, the right PIN among them', async () => {
    const pin = await withPin();
    const guesses = Array.from({ length: 1000 }, (_, i) => (i === 7 || i === 500 || i === 999 ? PIN : String(100000 + i)));
    const results = await Promise.all(guesses.map((guess) => pin.check(guess)));
    const accepted = results.filter((r) => r === undefined).length;
    console.log(`1,000 parallel checks (right PIN at #8, #501, #1000): ${compared} compared, ${accepted} accepted, ${results.filter((r) => r?.code === 'PIN_LOCKED').length} refused by the lock`);
    expect(compared).toBe(5);
    expect(accepted).toBe(0);
    expect(results.slice(0, 4).map((r) => r?.params?.remaining)).toEqual([4, 3, 2, 1]);
    expect(results[4]).toEqual({ code: 'PIN_WRONG', params: { remaining: 0, count: 0, seconds: 60 } });
    expect(results.slice(5).every((r) => r?.code === 'PIN_LOCKED')).toBe(true);
    expect(journal.pinState.read()).toMatchObject({ failures: 0, lockCount: 1, lockedUntil: clock + MINUTE });
  });

  it('lets a right PIN in when it comes before the fifth wrong one, and starts the count again', async () => {
    const pin = await withPin();
    const results = await Promise.all(['1111', '2222', PIN, '3333'].map((guess) => pin.check(guess)));
    expect(results.map((r) => r?.code)).toEqual(['PIN_WRONG', 'PIN_WRONG', undefined, 'PIN_WRONG']);
    expect(results[3]?.params).toEqual({ remaining: 4, count: 4 });
    expect(compared).toBe(4);
  });

  it('keeps the failure count, the lock and the lock count across a restart', async () => {
    let pin = await withPin();
    for (const guess of ['1111', '2222', '3333']) await pin.check(guess);
    pin = restart();
    await expect(pin.check('4444')).resolves.toMatchObject({ code: 'PIN_WRONG', params: { remaining: 1 } });
    await expect(pin.check('5555')).resolves.toMatchObject({ code: 'PIN_WRONG', params: { remaining: 0 } });
    pin = restart();
    await expect(pin.check(PIN)).resolves.toEqual({ code: 'PIN_LOCKED', params: { seconds: 60 } });
    clock += 30_000;
    pin = restart();
    await expect(pin.check(PIN)).resolves.toEqual({ code: 'PIN_LOCKED', params: { seconds: 30 } });
    expect(compared).toBe(5);
    clock += 30_000;
    await expect(pin.check(PIN)).resolves.toBeUndefined();
    expect(journal.pinState.read()).toMatchObject({ failures: 0, lockCount: 0, lockedUntil: 0 });
  });

  it('counts an attempt before comparing it: a run killed during the comparison does not give the guess back', async () => {
    const pin = await withPin();
    let release!: () => void;
    const stalled = createManagerPin({ table: journal.pinState, now: () => clock, verify: () => new Promise<boolean>((resolve) => (release = () => resolve(false))) });
    const pending = stalled.check('1111');
    await vi.waitFor(() => expect(release).toBeDefined());
    // What a process killed here leaves in the journal: the attempt already counted.
    expect(journal.pinState.read().failures).toBe(1);
    release();
    await pending;
    // Four counted, and the fifth compared before the "kill" that left the lock unwritten:
    journal.pinState.write({ ...journal.pinState.read(), failures: 5 });
    await expect(pin.check(PIN)).resolves.toMatchObject({ code: 'PIN_LOCKED' });
    expect(journal.pinState.read()).toMatchObject({ failures: 0, lockCount: 1 });
  });

  it('locks for longer each time (1, 2, 4 … minutes, capped at an hour) until a right PIN', async () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 40].map(pinLockMs)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60].map((m) => m * MINUTE));
    expect(MAX_PIN_LOCK_MS).toBe(60 * MINUTE);
    const pin = await withPin();
    const lockOnce = async () => {
      const results = await Promise.all(['1', '2', '3', '4', '5'].map((n) => pin.check(n.repeat(4))));
      return results[4]?.params?.seconds;
    };
    expect(await lockOnce()).toBe(60);
    clock += MINUTE;
    expect(await lockOnce()).toBe(120);
    clock += 2 * MINUTE;
    expect(await lockOnce()).toBe(240);
    clock += 4 * MINUTE;
    await expect(pin.check(PIN)).resolves.toBeUndefined();
    expect(await lockOnce()).toBe(60);
  });

  it('does not stretch a lock when the clock is set back', async () => {
    const pin = await withPin();
    for (const n of ['1', '2', '3', '4', '5']) await pin.check(n.repeat(4));
    clock -= 24 * 60 * MINUTE;
    await expect(pin.check(PIN)).resolves.toEqual({ code: 'PIN_LOCKED', params: { seconds: 60 } });
    clock += MINUTE;
    await expect(pin.check(PIN)).resolves.toBeUndefined();
  });

  it('is open for ordinary actions while no PIN is set, never for credentials', async () => {
    const pin = open();
    expect(pin.status()).toBe('none');
    await expect(pin.check(undefined)).resolves.toBeUndefined();
    await expect(pin.check(undefined, 'refuse')).resolves.toEqual({ code: 'PIN_NOT_SET' });
  });

  it('treats a stored hash it cannot read as locked, whatever PIN is typed, and never compares', async () => {
    for (const stored of ['', 'garbage', 'scrypt$15$8$1$AAAA$BBBB']) {
      const pin = open();
      journal.pinState.write({ ...journal.pinState.read(), hash: stored });
      expect(pin.status()).toBe('unreadable');
      expect(pin.isSet()).toBe(true);
      for (const guess of [undefined, '', '0000', PIN]) await expect(pin.check(guess)).resolves.toEqual({ code: 'PIN_UNREADABLE' });
      await expect(pin.change(undefined, '13579')).resolves.toEqual({ code: 'PIN_UNREADABLE' });
      journal.close();
    }
    expect(compared).toBe(0);
    open();
  });

  it('sets a first PIN, then changes it only with the current one (counted like any attempt)', async () => {
    const pin = open();
    await expect(pin.change(undefined, '12ab')).resolves.toEqual({ code: 'PIN_FORMAT' });
    await expect(pin.change(undefined, PIN)).resolves.toBeUndefined();
    expect(pin.status()).toBe('set');
    await expect(pin.change(undefined, '13579')).resolves.toEqual({ code: 'PIN_REQUIRED' });
    await expect(pin.change('000000', '13579')).resolves.toMatchObject({ code: 'PIN_WRONG', params: { remaining: 4 } });
    await expect(pin.change(PIN, '13579')).resolves.toBeUndefined();
    await expect(pin.check(PIN)).resolves.toMatchObject({ code: 'PIN_WRONG' });
    await expect(pin.check('13579')).resolves.toBeUndefined();
    expect(JSON.stringify(journal.pinState.read())).not.toContain('13579');
  });

  it('forgets the PIN and the lock on reset', async () => {
    const pin = await withPin();
    for (const n of ['1', '2', '3', '4', '5']) await pin.check(n.repeat(4));
    pin.reset();
    expect(pin.status()).toBe('none');
    expect(journal.pinState.read()).toMatchObject({ hash: null, failures: 0, lockedUntil: 0, lockCount: 0 });
  });

  describe('carrying the hash an older app kept in settings.json', () => {
    it('takes a valid hash over once', async () => {
      const pin = open();
      const hash = await hashPin(PIN, FAST);
      expect(pin.carryFromSettings({ hash, settingsUnreadable: false })).toBe('carried');
      await expect(pin.check(PIN)).resolves.toBeUndefined();
      // Later runs ignore whatever settings.json says.
      expect(pin.carryFromSettings({ hash: undefined, settingsUnreadable: false })).toBe('alreadyCarried');
      expect(pin.status()).toBe('set');
    });
    it('locks on an empty or garbage hash, and when the settings file could not be read', () => {
      for (const legacy of [{ hash: '', settingsUnreadable: false }, { hash: 'not-a-hash', settingsUnreadable: false }, { hash: undefined, settingsUnreadable: true }]) {
        const pin = open();
        expect(pin.carryFromSettings(legacy)).toBe('unreadable');
        expect(pin.status()).toBe('unreadable');
        journal.close();
        temp.cleanup();
        temp = makeTempDir();
      }
      open();
    });
    it('finds no PIN on an install that never set one', () => {
      const pin = open();
      expect(pin.carryFromSettings({ hash: undefined, settingsUnreadable: false })).toBe('noPin');
      expect(pin.status()).toBe('none');
    });
  });
});
