import { z } from 'zod';
import type { OnlinePayCallArgs } from './onlinePayContract';

const pinText = z.string().max(12).regex(/^[0-9]*$/);

/** Argument schemas of onlinePayContract.ts's calls, merged into CALL_SCHEMAS by callSchemas.ts. */
export const ONLINEPAY_CALL_SCHEMAS = {
  startHostedPayment: z.object({}).strict(),
  // The key goes into an Authorization header: visible ASCII only, bounded.
  setOnlinePayKey: z.object({ pin: pinText.optional(), key: z.string().max(512).regex(/^[\x21-\x7e]*$/) }).strict(),
} satisfies { [K in keyof OnlinePayCallArgs]: z.ZodType<OnlinePayCallArgs[K]> };
