import type { PosErrorData } from './posErrors';

/**
 * The params of each error that are amounts. Main sends them as exact decimal strings with
 * the currency beside them ("4.00", "USD"); here they are written as every other amount on
 * screen is ("$4.00", "JP¥500"), by the one formatter (renderer/features/errors/errorText.ts);
 * main's cashierMessage, which has no formatter, writes the decimal with its currency code.
 */
export const MONEY_PARAMS: Partial<Record<PosErrorData['code'], readonly string[]>> = {
  AMOUNT_OVER_MAXIMUM: ['maximum'],
  POSSIBLE_DUPLICATE: ['amount'],
  REFUND_OVER_BALANCE: ['remaining'],
  PAYOUT_OVER_AVAILABLE_BALANCE: ['available'],
};
