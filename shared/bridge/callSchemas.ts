import { z } from 'zod';
import { LANGUAGES } from '../settings/settingsView';
import { MAX_SCAN_LENGTH } from '../scanner/scanTypes';
import type { CallArgs, CallName } from './contract';

const noArgs = z.object({}).strict();

/**
 * The check every call's arguments pass in main (or in the browser host) before use:
 * `unknown` in, typed value out. Strict objects, so unexpected keys are refused too.
 */
export const CALL_SCHEMAS = {
  getSnapshot: noArgs,
  startSale: z.object({ amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), confirmDuplicate: z.boolean().optional() }).strict(),
  submitScan: z.object({ code: z.string().max(MAX_SCAN_LENGTH), source: z.enum(['wedge', 'manual']) }).strict(),
  retryScan: noArgs,
  cancelSale: noArgs,
  newSale: noArgs,
  setLanguage: z.object({ language: z.enum(LANGUAGES) }).strict(),
  dismissAttention: noArgs,
  recheckAttention: noArgs,
  // Printable ASCII only: what the emulated scanner's US layout can type.
  simulateScan: z.object({ code: z.string().min(1).max(MAX_SCAN_LENGTH).regex(/^[\x20-\x7e]+$/), mode: z.enum(['keyboard', 'pos']) }).strict(),
} satisfies { [K in CallName]: z.ZodType<CallArgs[K]> };

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CALL_SCHEMAS, value);
}
