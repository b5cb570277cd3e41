/**
 * Delay before the n-th look-up of a pending or unknown payment: 1 s, 2 s, 4 s, capped
 * at 8 s, each with ±25 % jitter so a room of terminals recovering from the same outage
 * does not hit the gateway in step. `random` yields [0, 1).
 */
export const LOOKUP_FIRST_DELAY_MS = 1_000;
export const LOOKUP_MAX_DELAY_MS = 8_000;

export function lookupDelayMs(checksDone: number, random: () => number): number {
  const base = Math.min(LOOKUP_MAX_DELAY_MS, LOOKUP_FIRST_DELAY_MS * 2 ** Math.min(checksDone, 10));
  const jitter = 0.75 + random() * 0.5;
  return Math.round(base * jitter);
}

/** After a 429 (label 39) the next look-up waits at least this long. */
export const RATE_LIMITED_DELAY_MS = 15_000;

/**
 * The pause before the next look-up when the last answer (to the money request itself, or to
 * a look-up) was a 429: never shorter than RATE_LIMITED_DELAY_MS, so a gateway that asked us
 * to slow down is not asked again within the second.
 */
export function lookupDelayAfterMs(checksDone: number, random: () => number, rateLimited: boolean): number {
  const delay = lookupDelayMs(checksDone, random);
  return rateLimited ? Math.max(delay, RATE_LIMITED_DELAY_MS) : delay;
}
