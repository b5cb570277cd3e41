import { z } from 'zod';
import { VENDORS } from '../payments/vendors';
import type { DisplayCallArgs } from './displayContract';

/** Argument schemas of displayContract.ts's calls, merged into CALL_SCHEMAS by callSchemas.ts. */

const noArgs = z.object({}).strict();
const pinText = z.string().max(12).regex(/^[0-9]*$/);

/** What pairing hands out: 43 base64url characters (32 random bytes). */
export const DISPLAY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
export const PAIRING_CODE_PATTERN = /^[0-9]{6}$/;

export const DISPLAY_CALL_SCHEMAS = {
  getDisplay: noArgs,
  startShowQr: z.object({ vendor: z.enum(VENDORS).optional() }).strict(),
  stopWaitingForQr: noArgs,
  createStoreQr: z.object({ pin: pinText.optional() }).strict(),
  getStoreQrPoster: noArgs,
  createDisplayPairingCode: z.object({ pin: pinText.optional() }).strict(),
  pairDisplay: z
    .object({
      code: z.string().max(6).regex(PAIRING_CODE_PATTERN).optional(),
      token: z.string().max(43).regex(DISPLAY_TOKEN_PATTERN).optional(),
    })
    .strict(),
  simulateQrPayment: z.object({ outcome: z.enum(['pay', 'fail']) }).strict(),
} satisfies { [K in keyof DisplayCallArgs]: z.ZodType<DisplayCallArgs[K]> };
