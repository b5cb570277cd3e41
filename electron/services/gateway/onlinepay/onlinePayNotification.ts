import { z } from 'zod';
import type { Reading } from '../replyReading';

/**
 * A notification as OnlinePay POSTs it to the callback URL ("Notifications → Params"):
 * {token, type: pay|payout, status, extraReturnParam, orderNumber, walletDisplayName,
 * walletToken}. The text shows no signature, so anyone who can reach the receiver can
 * post one: it is only a hint that a payment may have changed. Nothing in it is believed
 * until `GET /api/v1/payments/{token}` with our key says the same (onlinePayNotificationReceiver.ts).
 */
export interface OnlinePayNotification {
  token: string;
  type: 'pay' | 'payout';
  /** As sent; the look-up decides what it means. */
  status: string;
  orderNumber?: string;
  /** The payer's OnlinePay wallet (only for wallet payments): a refund by payout goes there. */
  walletToken?: string;
}

const bounded = (max: number) => z.string().min(1).max(max);

const schema = z
  .object({
    token: bounded(128).regex(/^[A-Za-z0-9._~-]+$/),
    type: z.enum(['pay', 'payout']),
    status: bounded(32),
    // The text calls it a number or a string elsewhere: read as a string, like everywhere in the client.
    orderNumber: z.union([bounded(64), z.number().int().nonnegative()]).transform(String).optional(),
    walletToken: bounded(128).regex(/^[\x21-\x7e]+$/).optional().nullable(),
    extraReturnParam: z.string().max(1024).optional().nullable(),
    walletDisplayName: z.string().max(64).optional().nullable(),
  })
  .loose();

export function readOnlinePayNotification(value: unknown): Reading<OnlinePayNotification> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  const { token, type, status, orderNumber, walletToken } = parsed.data;
  return {
    ok: true,
    value: { token, type, status, ...(orderNumber !== undefined ? { orderNumber } : {}), ...(walletToken ? { walletToken } : {}) },
  };
}
