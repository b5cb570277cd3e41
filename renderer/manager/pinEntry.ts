import { isValidPin } from '../../shared/auth/pinFormat';

/** What is wrong with a new PIN as typed (twice), as an i18n key; undefined when it may be sent. */
export function pinEntryProblem(newPin: string, confirmation: string): 'errors.PIN_FORMAT' | 'manager.pinMismatch' | undefined {
  if (!isValidPin(newPin)) return 'errors.PIN_FORMAT';
  if (confirmation !== newPin) return 'manager.pinMismatch';
  return undefined;
}
