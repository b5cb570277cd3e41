import { z } from 'zod';
import type { CustomerDisplayView } from './customerDisplayView';

/**
 * The LAN customer display's WebSocket protocol (`/display-api` on the LAN display host).
 * Deliberately not the cashier contract: a tablet can send exactly one kind of message,
 * pairing, and afterwards only receives the display's view. Nothing here can move money
 * or read anything but what the customer already sees.
 *
 *   tablet → host   { pair: { code: '123456' } }   or   { pair: { token } }
 *   host → tablet   { type: 'paired', token, view }   then   { type: 'display', view } on every change
 *                   { type: 'refused', reason }        (wrong or used code, unknown token, too many tries)
 *
 * The host closes a socket that sends anything else, or anything after it is paired
 * (1008), and closes a paired socket with LAN_DISPLAY_UNPAIRED when its token is revoked
 * (the LAN display was turned off): the tablet then forgets the token and asks for a code.
 */

/** The path of the LAN display's WebSocket on the LAN host. */
export const LAN_DISPLAY_API_PATH = '/display-api';

/** Close code (private range 4000–4999): this token is no longer paired; pair again with a new code. */
export const LAN_DISPLAY_UNPAIRED = 4001;

/**
 * The LAN host marks the display page it serves with `<meta name="counterpay-host"
 * content="lan-display">`: the page then pairs over /display-api instead of calling the
 * cashier contract (which the LAN host does not serve). Only the LAN host adds it.
 */
export const LAN_DISPLAY_MARKER = { name: 'counterpay-host', content: 'lan-display' } as const;

/** localStorage key of the tablet's token. */
export const LAN_DISPLAY_TOKEN_KEY = 'counterpay.lanDisplayToken';

/** Six decimal digits, as the cashier's screen shows them. */
export const PAIRING_CODE_PATTERN = /^\d{6}$/;

/** 32 random bytes in base64url, as displayPairing makes them. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const pairMessageSchema = z
  .object({
    pair: z.union([z.object({ code: z.string().regex(PAIRING_CODE_PATTERN) }).strict(), z.object({ token: z.string().regex(TOKEN_PATTERN) }).strict()]),
  })
  .strict();

export type LanPairRequest = { code: string } | { token: string };
export type LanDisplayClientMessage = { pair: LanPairRequest };

export type LanRefusal = 'wrong' | 'rateLimited';

export type LanDisplayServerMessage =
  | { type: 'paired'; token: string; view: CustomerDisplayView }
  | { type: 'display'; view: CustomerDisplayView }
  | { type: 'refused'; reason: LanRefusal };

/** A frame from a tablet, checked: the pairing request it holds, or undefined for anything else. */
export function parseLanDisplayMessage(text: string): LanPairRequest | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = pairMessageSchema.safeParse(frame);
  return parsed.success ? parsed.data.pair : undefined;
}

/** Keeps the digits of what was typed or pasted, at most six (a code pasted with spaces still works). */
export function normalizePairingCode(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, 6);
}
