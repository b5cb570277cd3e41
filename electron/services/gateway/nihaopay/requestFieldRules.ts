import type { AmountOrRmbAmount } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { isMinorUnitAmount } from '../../../../shared/money/amount';

/**
 * Checks shared by the request forms of several endpoints. Each returns the problem in
 * words, or undefined. Only what we can know for certain locally is checked; the gateway
 * stays the judge of everything else and names it with label 90 or 92.
 */

/** "amount" and "rmb_amount" are mutually exclusive: exactly one, a positive integer of minor units. */
export function amountOrRmbAmountProblem(request: AmountOrRmbAmount): string | undefined {
  const hasAmount = request.amount !== undefined;
  const hasRmb = request.rmbAmount !== undefined;
  if (hasAmount && hasRmb) return 'amount and rmbAmount are mutually exclusive; give one';
  if (!hasAmount && !hasRmb) return 'amount or rmbAmount is required';
  if (hasAmount && !isMinorUnitAmount(request.amount)) return 'amount must be a positive safe integer of minor units';
  if (hasRmb && !isMinorUnitAmount(request.rmbAmount)) return 'rmbAmount must be a positive safe integer of fen';
  return undefined;
}

/** ipn_url and callback_url: an absolute http(s) URL without credentials. */
export function urlProblem(name: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return `${name} must be an http(s) URL`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${name} must be an http(s) URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${name} must be an http(s) URL`;
  if (url.username || url.password) return `${name} must not carry credentials`;
  return undefined;
}

/** "Acceptable values are 1 - 1440" minutes. */
export function timeoutProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= 1440 ? undefined : 'timeoutMinutes must be a whole number from 1 to 1440';
}

export function optionalTextProblem(request: object, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = (request as Record<string, unknown>)[field];
    if (value !== undefined && typeof value !== 'string') return `${field} must be a string when given`;
  }
  return undefined;
}

export function requiredTextProblem(request: object, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = (request as Record<string, unknown>)[field];
    if (typeof value !== 'string' || value.trim() === '') return `${field} is required`;
  }
  return undefined;
}

/**
 * The form in NihaoPay's names. Empty fields are left out rather than sent blank, so
 * the gateway's "field is required" names the one missing.
 */
export function formOf(fields: ReadonlyArray<readonly [string, string | number | undefined]>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of fields) {
    if (value !== undefined && value !== '') form.append(name, String(value));
  }
  return form;
}

/** Transaction and withdrawal ids are opaque to us but go into a URL path; this keeps them harmless there. */
export function isPlausibleGatewayId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}
