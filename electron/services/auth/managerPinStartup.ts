import type { Journal } from '../journal/journal';
import type { Logger } from '../log/logger';
import type { SettingsStore } from '../settings/settingsStore';
import type { ManagerPin } from './managerPin';

export interface ManagerPinStartup {
  managerPin: ManagerPin;
  settings: SettingsStore;
  journal: Pick<Journal, 'audit'>;
  log: Logger;
  /** --reset-manager-pin was given: forget the PIN and its lock, and show first-run setup again. */
  reset: boolean;
}

/**
 * What start-up does with the manager PIN before any call is answered.
 *
 * 1. The hash an app before journal schema 4 kept in settings.json moves into the journal,
 *    once, and leaves the settings file. A hash that is there but unreadable (an empty
 *    string, garbage), or a settings file that cannot be read at that moment, is carried as
 *    "unreadable": locked, never open.
 * 2. `--reset-manager-pin` clears it. Whoever can start the app with a flag can use the
 *    merchant's account (and its data folder) anyway: that account is the trust boundary,
 *    not the keypad. The reset is audited, and the first-run setup asks for a new PIN.
 */
export function prepareManagerPin(ctx: ManagerPinStartup): void {
  const legacyHash = ctx.settings.get().managerPinHash;
  const carried = ctx.managerPin.carryFromSettings({ hash: legacyHash, settingsUnreadable: ctx.settings.problem !== undefined });
  if (carried === 'carried') ctx.journal.audit({ action: 'manager.pin.carry', outcome: 'ok', detail: 'moved from settings.json to the journal' });
  if (carried === 'unreadable') {
    ctx.journal.audit({ action: 'manager.pin.carry', outcome: 'refused', detail: 'unreadable: locked until --reset-manager-pin' });
    ctx.log.warn('the manager PIN in settings.json could not be read; manager actions stay locked until Counterpay is started with --reset-manager-pin');
  }
  if (carried === 'alreadyCarried' && legacyHash !== undefined) {
    // A settings file restored from an old backup: the journal's PIN stands, this one is dropped.
    ctx.log.warn('settings.json holds a manager PIN hash again; the one in the journal is used and this one removed');
  }
  if (legacyHash !== undefined) ctx.settings.delete('managerPinHash');

  if (ctx.reset) {
    ctx.managerPin.reset();
    ctx.settings.set('setupComplete', false);
    ctx.journal.audit({ action: 'manager.pin.reset', outcome: 'ok', detail: 'command line --reset-manager-pin' });
    ctx.log.warn('manager PIN reset from the command line (--reset-manager-pin): setup will ask for a new one');
  }
}
