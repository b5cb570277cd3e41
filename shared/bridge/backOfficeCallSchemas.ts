import { ONLINEPAY_BANK_CODES } from '../gateway/onlinepay/onlinePayApi';
import { PRINT_PAPERS } from '../printing/printPapers';
import { z } from 'zod';
import { HISTORY_GATEWAYS, HISTORY_KINDS, HISTORY_MAX_PAGE_SIZE, HISTORY_METHODS, HISTORY_STATUSES } from '../history/historyTypes';
import { CURRENCIES, type CurrencyCode } from '../money/currencies';
import { VENDORS } from '../payments/vendors';
import { RECEIPT_PAPERS } from '../receipts/receiptModel';
import { PAYOUT_FIELD_RULES } from '../refunds/payoutDestination';
import type { BackOfficeCallArgs } from './backOfficeContract';

/** The same rule as callSchemas.ts: digits only, bounded; whether it is right is main's business. */
const pinText = z.string().max(12).regex(/^[0-9]*$/);
/** ISO 8601 UTC as toISOString() writes it (the journal's created_at). */
const isoTime = z.string().max(24).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);
const reference = z.string().min(1).max(30).regex(/^[A-Za-z0-9]+$/);
const transactionId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const currency = z.enum(Object.keys(CURRENCIES) as [CurrencyCode, ...CurrencyCode[]]);

/**
 * A bank account for an OnlinePay sale's payout. Bounded here; whether the province and
 * city are the dictionaries' (and go together) is checked in main (payoutDestination.ts), at the field.
 */
const bankPayout = z
  .object({
    bankAccount: z
      .object({
        accountHolder: z.string().max(100).regex(PAYOUT_FIELD_RULES.accountHolder),
        accountNumber: z.string().max(30).regex(PAYOUT_FIELD_RULES.accountNumber),
        bankCode: z.enum(ONLINEPAY_BANK_CODES),
      })
      .strict(),
    billing: z
      .object({
        state: z.string().max(2).regex(/^\d{2}$/),
        city: z.string().max(4).regex(/^\d{4}$/),
        countryCode: z.string().max(3).regex(PAYOUT_FIELD_RULES.countryCode),
        zip: z.string().max(10).regex(PAYOUT_FIELD_RULES.zip).optional(),
        street: z.string().max(200).regex(PAYOUT_FIELD_RULES.street).optional(),
        phone: z.string().max(20).regex(PAYOUT_FIELD_RULES.phone).optional(),
      })
      .strict(),
  })
  .strict();

/** Argument schemas of the back office's calls, merged into CALL_SCHEMAS. */
export const BACK_OFFICE_CALL_SCHEMAS = {
  getHistory: z
    .object({
      from: isoTime.optional(),
      to: isoTime.optional(),
      vendor: z.enum(VENDORS).optional(),
      gateway: z.enum(HISTORY_GATEWAYS).optional(),
      method: z.enum(HISTORY_METHODS).optional(),
      kind: z.enum(HISTORY_KINDS).optional(),
      status: z.enum(HISTORY_STATUSES).optional(),
      currency: currency.optional(),
      minAmount: amount.optional(),
      maxAmount: amount.optional(),
      // Letters and digits only: what references and ids are made of (and never a LIKE pattern).
      search: z.string().max(64).regex(/^[A-Za-z0-9]*$/).optional(),
      after: z.object({ createdAt: isoTime, reference }).strict().optional(),
      limit: z.number().int().min(1).max(HISTORY_MAX_PAGE_SIZE).optional(),
    })
    .strict(),
  getTransactionDetail: z.object({ reference }).strict(),
  refund: z
    .object({
      pin: pinText.optional(),
      transactionId,
      amount,
      currency,
      reason: z.string().trim().min(1).max(120).regex(/^[^\u0000-\u001f\u007f]*$/),
      bankPayout: bankPayout.optional(),
    })
    .strict(),
  getReceipt: z.object({ reference }).strict(),
  printPage: z.object({ paper: z.enum(PRINT_PAPERS), to: z.enum(['printer', 'pdf']) }).strict(),
  getDayReport: z.object({ kind: z.enum(['x', 'z']), closeId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() }).strict(),
  closeDay: z.object({ pin: pinText.optional() }).strict(),
  lookUpReceipt: z.object({ transactionId }).strict(),
} satisfies { [K in keyof BackOfficeCallArgs]: z.ZodType<BackOfficeCallArgs[K]> };
