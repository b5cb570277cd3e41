import type { PayoutBankAccount, PayoutBilling } from '../gateway/onlinepay/onlinePayApi';
import { isCityOfState, isOnlinePayBankCode, isOnlinePayStateCode } from '../gateway/onlinepay/onlinePayDictionaries';

/**
 * Where a refund of an OnlinePay sale is paid out (OnlinePay has no refund call): the
 * payer's OnlinePay wallet when main knows it from the sale's notification (the token never
 * reaches the renderer), else this: a bank account the manager types in, with the billing
 * province and city the text's dictionaries list.
 */
export interface BankPayout {
  bankAccount: PayoutBankAccount;
  billing: PayoutBilling;
}

/** Which field of the bank form is wrong; the form shows its message at that field. */
export type PayoutField = 'accountHolder' | 'accountNumber' | 'bankCode' | 'state' | 'city' | 'countryCode' | 'zip' | 'street' | 'phone';

/** The bounds the call schema and the form share: what the sandbox and the text accept. */
export const PAYOUT_FIELD_RULES = {
  accountHolder: /^[^\u0000-\u001f\u007f]{1,100}$/,
  /** Chinese account and card numbers run from 10 to 30 digits. */
  accountNumber: /^\d{10,30}$/,
  /** ISO 3166-1: two or three Latin letters, or three digits. */
  countryCode: /^(?:[A-Za-z]{2,3}|\d{3})$/,
  zip: /^[A-Za-z0-9 -]{3,10}$/,
  street: /^[^\u0000-\u001f\u007f]{1,200}$/,
  /** "Valid customer phone number 20)": at most 20 characters. */
  phone: /^\+?[0-9 ()-]{5,20}$/,
} as const;

/**
 * The first wrong field of a bank payout, or undefined when it may be sent. The schema
 * already bounded every string; this adds what only the dictionaries know: a listed bank,
 * and a listed city of the chosen province.
 */
export function bankPayoutProblem(destination: BankPayout): PayoutField | undefined {
  const { bankAccount, billing } = destination;
  if (!PAYOUT_FIELD_RULES.accountHolder.test(bankAccount.accountHolder.trim())) return 'accountHolder';
  if (!PAYOUT_FIELD_RULES.accountNumber.test(bankAccount.accountNumber)) return 'accountNumber';
  if (!isOnlinePayBankCode(bankAccount.bankCode)) return 'bankCode';
  if (!isOnlinePayStateCode(billing.state)) return 'state';
  if (!isCityOfState(billing.city, billing.state)) return 'city';
  if (!PAYOUT_FIELD_RULES.countryCode.test(billing.countryCode)) return 'countryCode';
  if (billing.zip !== undefined && !PAYOUT_FIELD_RULES.zip.test(billing.zip)) return 'zip';
  if (billing.street !== undefined && !PAYOUT_FIELD_RULES.street.test(billing.street)) return 'street';
  if (billing.phone !== undefined && !PAYOUT_FIELD_RULES.phone.test(billing.phone)) return 'phone';
  return undefined;
}

/** An account number as audits and logs may show it: the last four digits only. */
export function maskAccountNumber(accountNumber: string): string {
  return `****${accountNumber.slice(-4)}`;
}
