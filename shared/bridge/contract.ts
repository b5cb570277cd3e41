/**
 * The one contract between the windows and the main process. Both hosts (Electron IPC
 * and the browser WebSocket host) serve exactly this; the preload and the browser
 * client implement `CounterpayApi` from these names.
 *
 * This file is types and names only, so the sandboxed preload can import it without
 * pulling in a schema library. Argument schemas live in callSchemas.ts.
 */
import type { CallResult } from '../errors/posErrors';
import type { Language, SettingsChange } from '../settings/settingsView';
import type { ReconciliationReport } from '../reconciliation/reconciliationReport';
import type { HidDeviceSummary, Scan } from '../scanner/scanTypes';
import { DISPLAY_CALL_NAMES, type DisplayCallArgs, type DisplayCallReturns, type DisplayEventPayloads } from './displayContract';
import { ONLINEPAY_CALL_NAMES, type OnlinePayCallArgs, type OnlinePayCallReturns } from './onlinePayContract';
import { ACCOUNT_CALL_NAMES, type AccountCallArgs, type AccountCallReturns } from './accountContract';
import { BACK_OFFICE_CALL_NAMES, type BackOfficeCallArgs, type BackOfficeCallReturns } from './backOfficeContract';
import { REGISTER_CALL_NAMES, type RegisterCallArgs, type RegisterCallReturns } from './registerContract';

// AppSnapshot lives in its own file so that the contract's parts can name it without importing this file back.
export type { AppSnapshot } from './appSnapshot';
import type { AppSnapshot } from './appSnapshot';

/** Arguments of each call, as the windows send them. Validated again in main (callSchemas.ts). */
export interface CallArgs extends BackOfficeCallArgs, DisplayCallArgs, OnlinePayCallArgs, AccountCallArgs, RegisterCallArgs {
  getSnapshot: Record<string, never>;
  /**
   * Takes the amount (integer minor units, settings currency) and waits for a scan.
   * `confirmDuplicate` goes ahead although an unresolved sale of the same amount exists.
   */
  startSale: { amount: number; confirmDuplicate?: boolean };
  /** A payment code from the keyboard wedge or typed by hand. HID scans arrive in main directly. */
  submitScan: { code: string; source: 'wedge' | 'manual' };
  /** After a decline: wait for another code for the same amount. */
  retryScan: Record<string, never>;
  /** Leaves a sale that has not been sent (awaitingScan). */
  cancelSale: Record<string, never>;
  /** From a receipt or a decline back to amount entry. */
  newSale: Record<string, never>;
  setLanguage: { language: Language };
  /** The cashier has seen what recovery found and which sales were paid after all. */
  dismissAttention: Record<string, never>;
  /** Looks every unsettled payment up now instead of at the next background check. */
  recheckAttention: Record<string, never>;
  /** Unlocks the settings screen: checks the manager PIN (audited). */
  checkManagerPin: { pin: string };
  /** Changes settings; needs the manager PIN once one is set. */
  updateSettings: { pin?: string; change: SettingsChange };
  /** Stores the merchant token in main (an empty string removes it). It never comes back. */
  setMerchantToken: { pin?: string; token: string };
  /** Sets or changes the manager PIN; the current one is required once set. */
  setManagerPin: { pin?: string; newPin: string };
  /** HID devices for the scanner picker. */
  listScanners: Record<string, never>;
  /** Journal against the gateway's transaction file for whole UTC days (YYYY-MM-DD, inclusive). */
  reconcile: { pin?: string; from: string; to: string };
  /** Training only: feeds the code through the emulated HID scanner, byte-exact. */
  simulateScan: { code: string; mode: 'keyboard' | 'pos' };
}

export interface CallReturns extends BackOfficeCallReturns, DisplayCallReturns, OnlinePayCallReturns, AccountCallReturns, RegisterCallReturns {
  getSnapshot: AppSnapshot;
  startSale: AppSnapshot;
  submitScan: AppSnapshot;
  retryScan: AppSnapshot;
  cancelSale: AppSnapshot;
  newSale: AppSnapshot;
  setLanguage: AppSnapshot;
  dismissAttention: AppSnapshot;
  recheckAttention: AppSnapshot;
  simulateScan: AppSnapshot;
  checkManagerPin: AppSnapshot;
  updateSettings: AppSnapshot;
  setMerchantToken: AppSnapshot;
  setManagerPin: AppSnapshot;
  listScanners: HidDeviceSummary[];
  reconcile: { report: ReconciliationReport; csv: string };
}

export type CallName = keyof CallArgs & keyof CallReturns;

export const CALL_NAMES = [
  'getSnapshot',
  'startSale',
  'submitScan',
  'retryScan',
  'cancelSale',
  'newSale',
  'setLanguage',
  'dismissAttention',
  'recheckAttention',
  'simulateScan',
  'checkManagerPin',
  'updateSettings',
  'setMerchantToken',
  'setManagerPin',
  'listScanners',
  'reconcile',
  ...BACK_OFFICE_CALL_NAMES,
  ...DISPLAY_CALL_NAMES,
  ...ONLINEPAY_CALL_NAMES,
  ...ACCOUNT_CALL_NAMES,
  ...REGISTER_CALL_NAMES,
] as const satisfies readonly CallName[];

// Compile-time proof that CALL_NAMES lists every call exactly.
type MissingCalls = Exclude<CallName, (typeof CALL_NAMES)[number]>;
const allCallsListed: MissingCalls extends never ? true : MissingCalls = true;
void allCallsListed;

/** Events main pushes to the windows. */
export interface EventPayloads extends DisplayEventPayloads {
  snapshot: AppSnapshot;
}
export type EventName = keyof EventPayloads;
export const EVENT_NAMES = ['snapshot', 'display'] as const satisfies readonly EventName[];

/** What a window holds: one named method per call, plus event subscription. Never a raw channel. */
export type CounterpayApi = {
  [K in CallName]: (args: CallArgs[K]) => Promise<CallResult<CallReturns[K]>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** IPC channel names, derived from the contract's keys so they are never typed twice. */
export type CallChannel<K extends CallName = CallName> = `counterpay:call:${K}`;
export type EventChannel<E extends EventName = EventName> = `counterpay:event:${E}`;
export const callChannel = <K extends CallName>(name: K): CallChannel<K> => `counterpay:call:${name}`;
export const eventChannel = <E extends EventName>(name: E): EventChannel<E> => `counterpay:event:${name}`;

/** The browser host's WebSocket frames. */
export type WireRequest = { id: number; call: string; args: unknown };
export type WireMessage =
  | { type: 'result'; id: number; result: CallResult<unknown> }
  | { type: 'event'; event: EventName; payload: unknown };

