/**
 * Reading the JSON body's values the way the text's clients send them: PHP and curl
 * send numbers, the Python example forwards form fields, so numbers may arrive as text.
 * Each reader returns the value or undefined; the endpoint picks the error code.
 */

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(text: string): JsonObject | undefined {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isJsonObject(value) ? value : undefined;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A positive integer of minor units: 1000 or "1000"; never 10.5, "10.50", 0 or -1. */
export function positiveMinorUnits(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

/** The longest order number the sandbox keeps; the text names no limit. */
export const MAX_ORDER_NUMBER_LENGTH = 64;

/** A non-blank string, or an integer (the payout example's "10001" is often sent as 10001). */
export function orderNumberOf(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : '';
  return text !== '' && text.length <= MAX_ORDER_NUMBER_LENGTH ? text : undefined;
}

/** A non-blank string, trimmed, or undefined. */
export function textOf(value: unknown, maxLength = 255): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text !== '' && text.length <= maxLength ? text : undefined;
}

/** An absolute http(s) URL, or undefined; the result page only links to these. */
export function httpUrlOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
