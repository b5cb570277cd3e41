import type { PosErrorData } from '../../../shared/errors/posErrors';
import type { Journal } from '../journal/journal';
import type { PinState, PinStateTable } from '../journal/pinStateTable';
import type { GuardedCredential } from './guardedCredentials';
import { hashPin, isReadablePinHash, isValidPin, needsRehash, verifyPin } from './pinHash';

/** Wrong PINs in a row that lock the keypad. */
export const MAX_PIN_FAILURES = 5;
const MINUTE_MS = 60_000;
/** The longest lock: a manager who forgot the PIN is not kept out for days (and can reset it). */
export const MAX_PIN_LOCK_MS = 60 * MINUTE_MS;

/**
 * How long the keypad locks, by how many locks came before it without a right PIN in
 * between: 1 minute, then 2, 4, 8, 16, 32, then 60 minutes each time. Five guesses an hour
 * at most once it is capped: a 4-digit PIN then takes months to walk through, a 6-digit one
 * decades, while a manager who mistyped five times waits a minute.
 */
export function pinLockMs(previousLocks: number): number {
  return Math.min(MINUTE_MS * 2 ** Math.min(previousLocks, 30), MAX_PIN_LOCK_MS);
}

export interface ManagerPinOptions {
  /** The journal's manager_pin row: the hash, the failure count and the lock survive restarts there. */
  table: PinStateTable;
  now: () => number;
  maxFailures?: number;
  lockMs?: (previousLocks: number) => number;
  /** The comparison (scrypt); tests wrap it to count how many guesses were really compared. */
  verify?: (pin: string, stored: string) => Promise<boolean>;
}

export type ManagerPinStatus = 'none' | 'set' | 'unreadable';

/** What a check does when no PIN is set: ordinary manager actions are open, credentials never are. */
export type WhenNoPin = 'allow' | 'refuse';

/** The hash an older app kept in settings.json, as read at start-up. */
export interface LegacyPinHash {
  /** The value of managerPinHash; undefined when the key is absent. */
  hash: string | undefined;
  /** The settings file could not be read (set aside): whether it held a PIN is unknown. */
  settingsUnreadable: boolean;
}

export type CarryOutcome = 'carried' | 'noPin' | 'unreadable' | 'alreadyCarried';

export interface ManagerPin {
  status(): ManagerPinStatus;
  /** A PIN exists (readable or not): windows ask for it. */
  isSet(): boolean;
  /**
   * Resolves undefined when the PIN is right, or when none is set and `whenNoPin` is
   * 'allow'. Checks take turns: one comparison at a time, each counted before it starts.
   */
  check(pin: string | undefined, whenNoPin?: WhenNoPin): Promise<PosErrorData | undefined>;
  /** Sets the first PIN, or changes it (the current one is checked like any other attempt). */
  change(currentPin: string | undefined, newPin: string): Promise<PosErrorData | undefined>;
  /** Forgets the PIN and the lock: only from the command line (--reset-manager-pin). */
  reset(): void;
  /** Takes over the hash an older app kept in settings.json, once. */
  carryFromSettings(legacy: LegacyPinHash): CarryOutcome;
}

/** Stored in place of a hash when the settings file that held it could not be read. */
const UNREADABLE_SETTINGS_MARK = 'unreadable: settings.json could not be read when the PIN moved to the journal';

/**
 * The manager PIN that guards refunds, settings and credentials: a salted scrypt hash in
 * the journal, with a lockout that holds against parallel guesses and restarts.
 *
 * - Every attempt is counted in the journal before the slow comparison starts, so neither a
 *   crash nor a second call during the comparison gets a free guess.
 * - Checks take turns (one comparison at a time): 1,000 guesses sent at once are compared
 *   one by one, and after the fifth wrong one the rest meet the lock without being compared.
 * - The count, the lock and the number of locks are in the journal: a restart keeps them.
 * - A stored hash that cannot be read means locked, never "no PIN": only a reset from the
 *   command line (the merchant's own account) clears it.
 */
export function createManagerPin(options: ManagerPinOptions): ManagerPin {
  const maxFailures = options.maxFailures ?? MAX_PIN_FAILURES;
  const lockMs = options.lockMs ?? pinLockMs;
  const verify = options.verify ?? verifyPin;
  const { table } = options;

  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = turn.then(work, work);
    turn = run.catch(() => undefined);
    return run;
  };

  const lockFrom = (state: PinState, now: number): PinState => ({ ...state, failures: 0, lockedUntil: now + lockMs(state.lockCount), lockCount: state.lockCount + 1 });
  const lockedFor = (state: PinState, now: number): number => Math.ceil((state.lockedUntil - now) / 1000);

  /** The row as it stands now, with a lock left unapplied or a clock set back put right (and written). */
  const current = (now: number): PinState => {
    let state = table.read();
    let changed = false;
    // The run before ended between counting a fifth wrong attempt and locking: lock now.
    if (state.failures >= maxFailures) {
      state = lockFrom(state, now);
      changed = true;
    }
    // A clock set back would stretch the lock by as much: it never lasts longer than it was set for.
    const longest = state.lockCount > 0 ? lockMs(state.lockCount - 1) : 0;
    if (state.lockedUntil - now > longest) {
      state = { ...state, lockedUntil: now + longest };
      changed = true;
    }
    if (changed) table.write(state);
    return state;
  };

  /** One attempt, inside a turn. */
  const attempt = async (pin: string | undefined, whenNoPin: WhenNoPin): Promise<PosErrorData | undefined> => {
    const now = options.now();
    const state = current(now);
    if (state.hash === null) return whenNoPin === 'allow' ? undefined : { code: 'PIN_NOT_SET' };
    if (!isReadablePinHash(state.hash)) return { code: 'PIN_UNREADABLE' };
    if (now < state.lockedUntil) return { code: 'PIN_LOCKED', params: { seconds: lockedFor(state, now) } };
    if (pin === undefined || pin === '') return { code: 'PIN_REQUIRED' };

    // Counted (durably) before comparing.
    table.write({ ...state, failures: state.failures + 1 });
    const right = await verify(pin, state.hash);
    const after = table.read();
    if (right) {
      const hash = needsRehash(after.hash) && isValidPin(pin) ? await hashPin(pin) : after.hash;
      table.write({ ...after, hash, failures: 0, lockedUntil: 0, lockCount: 0 });
      return undefined;
    }
    if (after.failures >= maxFailures) {
      const locked = lockFrom(after, options.now());
      table.write(locked);
      // Still PIN_WRONG (it was compared, and wrong); none left: the message says the keypad is locked.
      return { code: 'PIN_WRONG', params: { remaining: 0, count: 0, seconds: lockedFor(locked, options.now()) } };
    }
    // `count` is the same number: it is what the translation picks its singular or plural by.
    const remaining = maxFailures - after.failures;
    return { code: 'PIN_WRONG', params: { remaining, count: remaining } };
  };

  const status = (): ManagerPinStatus => {
    const { hash } = table.read();
    if (hash === null) return 'none';
    return isReadablePinHash(hash) ? 'set' : 'unreadable';
  };

  return {
    status,
    isSet: () => status() !== 'none',
    check: (pin, whenNoPin = 'allow') => inTurn(() => attempt(pin, whenNoPin)),
    change: (currentPin, newPin) =>
      inTurn(async () => {
        // A malformed new PIN is no guess at the current one: refused before anything is counted.
        if (!isValidPin(newPin)) return { code: 'PIN_FORMAT' } satisfies PosErrorData;
        const refused = await attempt(currentPin, 'allow');
        if (refused) return refused;
        const hash = await hashPin(newPin);
        table.write({ ...table.read(), hash, failures: 0, lockedUntil: 0, lockCount: 0 });
        return undefined;
      }),
    reset() {
      table.write({ hash: null, failures: 0, lockedUntil: 0, lockCount: 0, carriedFromSettings: true });
    },
    carryFromSettings(legacy) {
      const state = table.read();
      if (state.carriedFromSettings) return 'alreadyCarried';
      let hash = state.hash;
      if (hash === null && legacy.settingsUnreadable) hash = UNREADABLE_SETTINGS_MARK;
      else if (hash === null && legacy.hash !== undefined) hash = legacy.hash;
      table.write({ ...state, hash, carriedFromSettings: true });
      if (hash === null) return 'noPin';
      return isReadablePinHash(hash) ? 'carried' : 'unreadable';
    },
  };
}

/**
 * The check in front of a manager action: the PIN, and a refused one written to the
 * audit log under the action's name. Undefined when the action may go ahead.
 *
 * `credentials` names what the action would change among the guarded credentials
 * (guardedCredentials.ts): with any of them, "no PIN set" refuses instead of allowing.
 */
export function auditedPinCheck(
  managerPin: ManagerPin,
  journal: Pick<Journal, 'audit'>,
): (action: string, pin: string | undefined, credentials?: readonly GuardedCredential[]) => Promise<PosErrorData | undefined> {
  return async (action, pin, credentials = []) => {
    const error = await managerPin.check(pin, credentials.length > 0 ? 'refuse' : 'allow');
    if (error) journal.audit({ action, outcome: 'refused', detail: credentials.length > 0 ? `${error.code} ${credentials.join(',')}` : error.code });
    return error;
  };
}
