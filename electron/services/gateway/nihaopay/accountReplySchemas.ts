import { z } from 'zod';
import type { DateRange, MerchantAccount, Withdrawal } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { isCurrencyCode, type CurrencyCode } from '../../../../shared/money/currencies';
import { decimalToMinorUnits } from './decimalAmount';
import { isDateInRange } from './gatewayDates';
import { readWith, type Reading } from '../replyReading';

/**
 * Replies of the account endpoints. The gateway writes these amounts as decimal strings
 * of major units ("100.00", "0.30"); they become integers of minor units here. A number
 * where the document shows a string is refused: the withdrawal table calls amount an
 * "int" while its example shows "100.00", so a bare number could mean cents or dollars,
 * and a reconciliation must not guess.
 */

const decimalText = z.string().regex(/^\s*-?\d{1,15}(\.\d{1,8})?\s*$/, 'not a decimal string');
const currencyCode = z.string().refine(isCurrencyCode, 'not a NihaoPay currency');

export const accountsReplySchema = z.object({
  accounts: z
    .array(
      z.object({
        currency: currencyCode,
        balance: decimalText,
        pending_amount: decimalText,
        freeze_amount: decimalText,
      }),
    )
    .max(50),
});

export function readAccountsReply(value: unknown): Reading<MerchantAccount[]> {
  return readWith(accountsReplySchema, value, 'an account list', (reply) => {
    const accounts: MerchantAccount[] = [];
    for (const account of reply.accounts) {
      const currency = account.currency as CurrencyCode;
      const balance = decimalToMinorUnits(account.balance, currency);
      const pendingAmount = decimalToMinorUnits(account.pending_amount, currency);
      const freezeAmount = decimalToMinorUnits(account.freeze_amount, currency);
      if (balance === undefined || pendingAmount === undefined || freezeAmount === undefined) {
        return { ok: false, problem: `the ${currency} account has an amount with more decimals than ${currency} has` };
      }
      accounts.push({ currency, balance, pendingAmount, freezeAmount });
    }
    return { ok: true, value: accounts };
  });
}

export const withdrawalHistoryReplySchema = z.object({
  withdrawal: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        status: z.string().min(1).max(32),
        amount: decimalText,
        currency: currencyCode,
        fee: decimalText,
        fee_currency: currencyCode,
        date: z.string().regex(/^\d{8}$/),
      }),
    )
    .max(10_000)
    .nullish(),
});

export function readWithdrawalHistoryReply(value: unknown, range: DateRange): Reading<Withdrawal[]> {
  return readWith(withdrawalHistoryReplySchema, value, 'a withdrawal history', (reply) => {
    const withdrawals: Withdrawal[] = [];
    for (const entry of reply.withdrawal ?? []) {
      if (!isDateInRange(entry.date, range)) return { ok: false, problem: `withdrawal ${entry.id} on ${entry.date} is outside ${range.startDate}–${range.endDate}` };
      const currency = entry.currency as CurrencyCode;
      const feeCurrency = entry.fee_currency as CurrencyCode;
      const amount = decimalToMinorUnits(entry.amount, currency);
      const fee = decimalToMinorUnits(entry.fee, feeCurrency);
      if (amount === undefined || fee === undefined) return { ok: false, problem: `withdrawal ${entry.id} has an amount with more decimals than its currency has` };
      withdrawals.push({ id: entry.id, status: entry.status, amount, currency, fee, feeCurrency, date: entry.date });
    }
    return { ok: true, value: withdrawals };
  });
}
