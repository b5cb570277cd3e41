import type { StoredRegisterSettings } from '../settings/registerSettings';
import type { AppSnapshot } from './appSnapshot';

/** The cash-register endpoint's calls (nexo Terminal API), merged into the one contract in contract.ts. */
export interface RegisterCallArgs {
  /**
   * Changes the register endpoint's settings; manager PIN, always (it opens a way to take
   * payments, and its key decides who may). `passphrase` is stored in main's secret store
   * (an empty string removes it) and never comes back; absent, the stored one is kept.
   */
  saveRegisterSettings: StoredRegisterSettings & { pin?: string; passphrase?: string };
  /** Counterpay's register CA certificate (public), for the register to trust; made at first use. */
  exportRegisterCa: Record<string, never>;
}

export interface RegisterCallReturns {
  saveRegisterSettings: AppSnapshot;
  exportRegisterCa: { fileName: string; pem: string };
}

export const REGISTER_CALL_NAMES = ['saveRegisterSettings', 'exportRegisterCa'] as const satisfies readonly (keyof RegisterCallArgs & keyof RegisterCallReturns)[];
