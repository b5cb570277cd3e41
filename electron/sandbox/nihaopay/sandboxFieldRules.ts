import { isIP } from 'node:net';
import { CURRENCIES, isInStoreCurrency } from '../../../shared/money/currencies';
import { isValidReference } from '../../../shared/payments/reference';
import { isVendor } from '../../../shared/payments/vendors';
import { errorReply, type ApiReply } from './sandboxReplies';
import type { BodyFields } from './sandboxRequestBody';

/**
 * How the sandbox judges request fields, as the document's tables describe them: the
 * first required field that is absent or blank is named in 500/92 ("The {0} field is
 * required."), in the order of the endpoint's table; then any field that breaks its rule
 * gives 400/90 ("The field not valid.").
 */

export type FieldRule = (value: string) => boolean;

export const isPositiveInteger: FieldRule = (value) => /^[1-9]\d{0,15}$/.test(value) && Number.isSafeInteger(Number(value));
export const isSettlementCurrency: FieldRule = (value) => Object.prototype.hasOwnProperty.call(CURRENCIES, value) && value !== 'CNY';
export const isHttpUrl: FieldRule = (value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && value.length <= 1024;
  } catch {
    return false;
  }
};
export const isShortText: FieldRule = (value) => value.length <= 256;
export const isTimeoutMinutes: FieldRule = (value) => /^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= 1440;

/** Rules by field name; an endpoint picks the ones its table lists. */
export const FIELD_RULES = {
  currency: isInStoreCurrency as FieldRule,
  trade_currency: isInStoreCurrency as FieldRule,
  amount: isPositiveInteger,
  rmb_amount: isPositiveInteger,
  vendor: isVendor as FieldRule,
  reference: isValidReference as FieldRule,
  buyer_identity_code: (value: string) => /^\d{1,64}$/.test(value),
  client_ip: (value: string) => isIP(value) !== 0,
  ipn_url: isHttpUrl,
  callback_url: isHttpUrl,
  qrcode: isHttpUrl,
  timeout: isTimeoutMinutes,
  description: isShortText,
  note: isShortText,
  reason: isShortText,
  seller_name: isShortText,
  store_name: isShortText,
  store_no: isShortText,
} satisfies Record<string, FieldRule>;

/** 92 for the first missing required field, else 90 for the first broken rule, else undefined. */
export function checkFields(fields: BodyFields, required: readonly string[], rules: Readonly<Record<string, FieldRule>>): ApiReply | undefined {
  for (const name of required) {
    if ((fields[name] ?? '').trim() === '') return errorReply('92', name);
  }
  for (const [name, rule] of Object.entries(rules)) {
    const value = fields[name];
    if (value !== undefined && !rule(value)) return errorReply('90');
  }
  return undefined;
}

/** Picks the named rules from FIELD_RULES, overriding some for one endpoint. */
export function rulesFor(names: ReadonlyArray<keyof typeof FIELD_RULES>, overrides: Readonly<Record<string, FieldRule>> = {}): Record<string, FieldRule> {
  const rules: Record<string, FieldRule> = {};
  for (const name of names) rules[name] = FIELD_RULES[name];
  return { ...rules, ...overrides };
}
