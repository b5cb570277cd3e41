import { z } from 'zod';
import type { AccountCallArgs } from './accountContract';

const pinText = z.string().max(12).regex(/^[0-9]*$/);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
// Goes into the URL path: the client's own rule for an id (1-64 letters, digits, "-" or "_").
const withdrawalId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** Argument schemas of accountContract.ts's calls, merged into CALL_SCHEMAS by callSchemas.ts. */
export const ACCOUNT_CALL_SCHEMAS = {
  getAccountBalances: z.object({ pin: pinText.optional(), refresh: z.boolean().optional() }).strict(),
  getWithdrawals: z.object({ pin: pinText.optional(), from: isoDay, to: isoDay, refresh: z.boolean().optional() }).strict(),
  getWithdrawalDetail: z.object({ pin: pinText.optional(), withdrawalId, refresh: z.boolean().optional() }).strict(),
  checkWithdrawalSettlement: z.object({ pin: pinText.optional(), withdrawalId, refresh: z.boolean().optional() }).strict(),
  checkSettlementDays: z.object({ pin: pinText.optional(), from: isoDay, to: isoDay, refresh: z.boolean().optional() }).strict(),
} satisfies { [K in keyof AccountCallArgs]: z.ZodType<AccountCallArgs[K]> };
