import { z } from 'zod';
import type { ExchangeRate, ExchangeRateQuery, ListTransactionsQuery } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import type { GatewayTransaction } from '../../../../shared/gateway/nihaopay/nihaopayTypes';
import { VENDORS } from '../../../../shared/payments/vendors';
import { readWith, type Reading } from '../replyReading';
import { toGatewayTransaction, transactionReplySchema } from './replySchemas';

/** Replies of the list and exchange-rate endpoints. */

/** "Returns a transactions array of transaction objects." One unbelievable entry spoils the list. */
export const transactionListReplySchema = z.object({
  transactions: z.array(transactionReplySchema).max(100),
});

/** The gateway's default page size when no limit is given. */
const DEFAULT_LIST_LIMIT = 10;

export function readTransactionListReply(value: unknown, query: ListTransactionsQuery): Reading<GatewayTransaction[]> {
  return readWith(transactionListReplySchema, value, 'a transaction list', (reply) => {
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    if (reply.transactions.length > limit) return { ok: false, problem: `${reply.transactions.length} transactions where at most ${limit} were asked for` };
    const after = query.startingAfter === undefined ? undefined : Date.parse(query.startingAfter);
    const before = query.endingBefore === undefined ? undefined : Date.parse(query.endingBefore);
    for (const transaction of reply.transactions) {
      // Times the gateway writes loosely ("01:05:0Z" in the document) are not held against it.
      const time = Date.parse(transaction.time);
      if (Number.isNaN(time)) continue;
      if ((after !== undefined && time < after) || (before !== undefined && time > before)) {
        return { ok: false, problem: `transaction ${transaction.id} at ${transaction.time} is outside the range asked for` };
      }
    }
    return { ok: true, value: reply.transactions.map(toGatewayTransaction) };
  });
}

const rateSchema = z.object({
  rate_date: z.string(),
  /** Lower case in the document's example ("usd"). */
  currency: z.string().regex(/^[A-Za-z]{3}$/).transform((code) => code.toUpperCase()),
  vendor: z.enum(VENDORS),
  /** A decimal string; never parsed into a float here. */
  rate: z.union([z.string(), z.number().positive().transform(String)]).pipe(z.string().regex(/^\d{1,6}(\.\d{1,12})?$/)),
});

export const exchangeRateReplySchema = z.object({ rates: z.array(rateSchema).max(100) });

export function readExchangeRateReply(value: unknown, query: ExchangeRateQuery): Reading<ExchangeRate[]> {
  return readWith(exchangeRateReplySchema, value, 'an exchange rate list', (reply) => {
    for (const rate of reply.rates) {
      if (rate.rate_date !== query.rateDate) return { ok: false, problem: `a rate for ${JSON.stringify(rate.rate_date)} where ${query.rateDate} was asked` };
      if (rate.currency !== query.currency) return { ok: false, problem: `a rate for ${rate.currency} where ${query.currency} was asked` };
      if (query.vendor !== undefined && rate.vendor !== query.vendor) return { ok: false, problem: `a rate for ${rate.vendor} where ${query.vendor} was asked` };
    }
    return { ok: true, value: reply.rates.map((rate) => ({ rateDate: rate.rate_date, currency: rate.currency, vendor: rate.vendor, rate: rate.rate })) };
  });
}
