import type { PosErrorData } from '../../../shared/errors/posErrors';
import type { Journal } from '../journal/journal';
import { hashPin, isValidPin, needsRehash, verifyPin } from './pinHash';

export interface ManagerPinStore {
  get(): string | undefined;
  set(hash: string): void;
}

export interface ManagerPinOptions {
  store: ManagerPinStore;
  now: () => number;
  /** Wrong PINs in a row before the keypad locks. */
  maxFailures?: number;
  lockMs?: number;
  /** Called on every check, for the audit log. */
  onCheck?: (outcome: 'ok' | 'refused', reason?: string) => void;
}

export interface ManagerPin {
  isSet(): boolean;
  /** Resolves undefined when the PIN is right, or when none is set yet (first run). */
  check(pin: string | undefined): Promise<PosErrorData | undefined>;
  /** Sets or changes the PIN; once one exists the current one is required. */
  change(currentPin: string | undefined, newPin: string): Promise<PosErrorData | undefined>;
}

/**
 * The manager PIN that guards refunds and settings. Stored only as a salted scrypt hash;
 * after `maxFailures` wrong entries in a row the keypad locks for `lockMs`, so a 4-digit
 * PIN cannot be walked through at the counter.
 */
export function createManagerPin(options: ManagerPinOptions): ManagerPin {
  const maxFailures = options.maxFailures ?? 5;
  const lockMs = options.lockMs ?? 60_000;
  let failures = 0;
  let lockedUntil = 0;

  const check = async (pin: string | undefined): Promise<PosErrorData | undefined> => {
    const stored = options.store.get();
    if (!stored) return undefined;
    if (options.now() < lockedUntil) {
      options.onCheck?.('refused', 'locked');
      return { code: 'PIN_LOCKED', params: { seconds: Math.ceil((lockedUntil - options.now()) / 1000) } };
    }
    if (pin === undefined || pin === '') {
      return { code: 'PIN_REQUIRED' };
    }
    if (!(await verifyPin(pin, stored))) {
      failures += 1;
      if (failures >= maxFailures) {
        lockedUntil = options.now() + lockMs;
        failures = 0;
      }
      options.onCheck?.('refused', 'wrong PIN');
      return { code: 'PIN_WRONG' };
    }
    failures = 0;
    if (needsRehash(stored)) options.store.set(await hashPin(pin));
    options.onCheck?.('ok');
    return undefined;
  };

  return {
    isSet: () => options.store.get() !== undefined,
    check,
    async change(currentPin, newPin) {
      const refused = await check(currentPin);
      if (refused) return refused;
      if (!isValidPin(newPin)) return { code: 'PIN_FORMAT' };
      options.store.set(await hashPin(newPin));
      return undefined;
    },
  };
}

/**
 * The check in front of a manager action: the PIN, and a refused one written to the
 * audit log under the action's name. Undefined when the action may go ahead.
 */
export function auditedPinCheck(managerPin: ManagerPin, journal: Pick<Journal, 'audit'>): (action: string, pin: string | undefined) => Promise<PosErrorData | undefined> {
  return async (action, pin) => {
    const error = await managerPin.check(pin);
    if (error) journal.audit({ action, outcome: 'refused', detail: error.code });
    return error;
  };
}
