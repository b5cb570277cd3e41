import { z } from 'zod';
import type { RegisterCallArgs } from './registerContract';

const pinText = z.string().max(12).regex(/^[0-9]*$/);

/** Argument schemas of registerContract.ts's calls, merged into CALL_SCHEMAS by callSchemas.ts. */
export const REGISTER_CALL_SCHEMAS = {
  saveRegisterSettings: z
    .object({
      pin: pinText.optional(),
      enabled: z.boolean().optional(),
      port: z.number().int().min(0).max(65535).optional(),
      openToStoreNetwork: z.boolean().optional(),
      allowUnencryptedOnLoopback: z.boolean().optional(),
      // As the register's security key carries them: printable ASCII, bounded.
      keyIdentifier: z.string().max(128).regex(/^[\x21-\x7e]*$/).optional(),
      keyVersion: z.number().int().min(0).max(1_000_000).optional(),
      passphrase: z.string().max(256).regex(/^[\x20-\x7e]*$/).optional(),
    })
    .strict(),
  exportRegisterCa: z.object({}).strict(),
} satisfies { [K in keyof RegisterCallArgs]: z.ZodType<RegisterCallArgs[K]> };
