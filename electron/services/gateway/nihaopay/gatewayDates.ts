import type { DateRange } from '../../../../shared/gateway/nihaopay/nihaopayApi';

/**
 * NihaoPay's dates (`YYYYMMDD`, rate dates, download and withdrawal ranges) and times
 * (`yyyy-mm-ddThh:mm:ssZ`, list filters). Dates are calendar days with no zone; they are
 * handled as UTC midnights so that no local offset or DST can move a day.
 */

const DAY_MS = 86_400_000;

/** "The starting and end dates should be within a 10-day interval": 10 days, both ends included. */
export const MAX_DOWNLOAD_WINDOW_DAYS = 10;
/** A longer range is a mistake (or a year-long report done one window at a time); this bounds the calls. */
export const MAX_DOWNLOAD_RANGE_DAYS = 366;

/** The day as UTC milliseconds, or undefined when the text is not a real YYYYMMDD date. */
export function parseGatewayDate(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 20240231 over to March; a real date survives the round trip.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1970) return undefined;
  return time;
}

export function formatGatewayDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10).replace(/-/g, '');
}

/** The gateway's list-filter time, to the second, in UTC with a Z. */
export function isGatewayTime(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return false;
  const time = Date.parse(text);
  return Number.isFinite(time) && new Date(time).toISOString().replace('.000Z', 'Z') === text;
}

/** Why a range cannot be asked for, or undefined when it can. */
export function dateRangeProblem(range: DateRange, maxDays: number): string | undefined {
  const start = parseGatewayDate(range?.startDate);
  const end = parseGatewayDate(range?.endDate);
  if (start === undefined) return 'startDate must be a YYYYMMDD date';
  if (end === undefined) return 'endDate must be a YYYYMMDD date';
  if (end < start) return 'endDate must not be before startDate';
  const days = (end - start) / DAY_MS + 1;
  if (days > maxDays) return `the range spans ${days} days; at most ${maxDays} can be asked for`;
  return undefined;
}

/**
 * Splits an inclusive range into consecutive windows of at most `windowDays` days, in
 * order, covering every day exactly once. The range must already be valid.
 */
export function splitDateRange(range: DateRange, windowDays = MAX_DOWNLOAD_WINDOW_DAYS): DateRange[] {
  const start = parseGatewayDate(range.startDate);
  const end = parseGatewayDate(range.endDate);
  if (start === undefined || end === undefined || end < start) throw new RangeError('not a valid date range');
  if (!Number.isSafeInteger(windowDays) || windowDays < 1) throw new RangeError('windowDays must be a positive integer');
  const windows: DateRange[] = [];
  for (let from = start; from <= end; from += windowDays * DAY_MS) {
    const to = Math.min(from + (windowDays - 1) * DAY_MS, end);
    windows.push({ startDate: formatGatewayDate(from), endDate: formatGatewayDate(to) });
  }
  return windows;
}

/** True when `date` (YYYYMMDD) lies within the inclusive range. */
export function isDateInRange(date: string, range: DateRange): boolean {
  return date >= range.startDate && date <= range.endDate;
}
