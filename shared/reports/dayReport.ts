import type { AttemptSummary } from '../checkout/attention';
import { writeCsv } from '../csv/csv';
import { minorToDecimalString } from '../money/amount';
import { isCurrencyCode } from '../money/currencies';
import type { PaymentState } from '../payments/paymentState';
import type { HourlySales } from './hourlySales';

/** One group of journal rows as the journal's totals() returns it. */
export interface TotalsGroup {
  kind: 'sale' | 'refund';
  vendor: string | null;
  currency: string;
  state: PaymentState;
  training: boolean;
  /** Which gateway and method (absent in groups from before the second gateway). */
  gateway?: string;
  method?: string;
  count: number;
  /** Integer minor units. */
  amount: number;
}

/** Sales and refunds of one vendor in one currency; amounts in integer minor units. */
export interface ReportLine {
  /** The vendor, or "all" on a currency's total line and on gateway lines. */
  vendor: string;
  /** Gateway lines only: the gateway, and its method or "all" on the gateway's subtotal. */
  gateway?: string;
  method?: string;
  currency: string;
  training: boolean;
  salesCount: number;
  salesAmount: number;
  refundsCount: number;
  refundsAmount: number;
  /** Sales less refunds. */
  netAmount: number;
  /** Sales and refunds that failed or were declined (counted, not summed into money). */
  failedCount: number;
}

export interface DayReport {
  /** X: the business day so far, nothing closed. Z: the day closed, numbered. */
  kind: 'x' | 'z';
  /** The Z number (the day close's id). */
  closeId?: number;
  /** The business day: [fromAt, toAt), ISO 8601 UTC; it starts where the last Z ended. */
  fromAt: string;
  toAt: string;
  merchantName: string;
  storeName: string;
  terminalName: string;
  /** One line per vendor and currency, live before training. */
  lines: ReportLine[];
  /** One line per currency: the day's takings. */
  totals: ReportLine[];
  /**
   * Per currency, gateway and method, with each gateway's subtotal (method "all"): what each
   * gateway should hold. Absent on Z reports closed before the second gateway.
   */
  gateways?: ReportLine[];
  /** Attempts of the day whose outcome is not settled: never counted as money, always listed. */
  needsAttention: AttemptSummary[];
  /** Approved sales per hour and wallet (the chart and its table). Absent on Z reports closed before it existed. */
  hourly?: HourlySales[];
}

const emptyLine = (vendor: string, currency: string, training: boolean): ReportLine => ({
  vendor,
  currency,
  training,
  salesCount: 0,
  salesAmount: 0,
  refundsCount: 0,
  refundsAmount: 0,
  netAmount: 0,
  failedCount: 0,
});

function add(line: ReportLine, group: TotalsGroup): void {
  if (group.state === 'success') {
    if (group.kind === 'sale') {
      line.salesCount += group.count;
      line.salesAmount += group.amount;
    } else {
      line.refundsCount += group.count;
      line.refundsAmount += group.amount;
    }
    line.netAmount = line.salesAmount - line.refundsAmount;
  } else if (group.state === 'failure') {
    line.failedCount += group.count;
  }
}

const order = (a: ReportLine, b: ReportLine) =>
  Number(a.training) - Number(b.training) || a.currency.localeCompare(b.currency) || a.vendor.localeCompare(b.vendor);

/** A gateway's subtotal ("all") before its methods, methods in the journal's order of names. */
const gatewayOrder = (a: ReportLine, b: ReportLine) =>
  Number(a.training) - Number(b.training) ||
  a.currency.localeCompare(b.currency) ||
  (a.gateway ?? '').localeCompare(b.gateway ?? '') ||
  Number(b.method === 'all') - Number(a.method === 'all') ||
  (a.method ?? '').localeCompare(b.method ?? '');

/**
 * X and Z reports from the journal's grouped totals: only settled money counts (approved
 * sales, completed refunds); unsettled attempts are listed for attention instead. Training
 * and live money are never added together.
 */
export function buildDayReport(input: {
  kind: 'x' | 'z';
  closeId?: number;
  fromAt: string;
  toAt: string;
  store: { merchantName: string; storeName: string; terminalName: string };
  groups: readonly TotalsGroup[];
  needsAttention: readonly AttemptSummary[];
  hourly?: readonly HourlySales[];
}): DayReport {
  const lines = new Map<string, ReportLine>();
  const totals = new Map<string, ReportLine>();
  const gateways = new Map<string, ReportLine>();
  const gatewayLine = (key: string, group: TotalsGroup, method: string) => {
    if (!gateways.has(key)) gateways.set(key, { ...emptyLine('all', group.currency, group.training), gateway: group.gateway, method });
    return gateways.get(key)!;
  };
  for (const group of input.groups) {
    // Unsettled attempts are not money: they are listed under needsAttention, not as empty lines.
    if (group.state !== 'success' && group.state !== 'failure') continue;
    const vendor = group.vendor ?? 'unknown';
    const lineKey = `${group.training}|${group.currency}|${vendor}`;
    const totalKey = `${group.training}|${group.currency}`;
    if (!lines.has(lineKey)) lines.set(lineKey, emptyLine(vendor, group.currency, group.training));
    if (!totals.has(totalKey)) totals.set(totalKey, emptyLine('all', group.currency, group.training));
    add(lines.get(lineKey)!, group);
    add(totals.get(totalKey)!, group);
    if (group.gateway !== undefined) {
      add(gatewayLine(`${totalKey}|${group.gateway}|*`, group, 'all'), group);
      add(gatewayLine(`${totalKey}|${group.gateway}|${group.method ?? ''}`, group, group.method ?? 'unknown'), group);
    }
  }
  return {
    kind: input.kind,
    ...(input.closeId !== undefined ? { closeId: input.closeId } : {}),
    fromAt: input.fromAt,
    toAt: input.toAt,
    ...input.store,
    lines: [...lines.values()].sort(order),
    totals: [...totals.values()].sort(order),
    gateways: [...gateways.values()].sort(gatewayOrder),
    needsAttention: [...input.needsAttention],
    ...(input.hourly ? { hourly: [...input.hourly] } : {}),
  };
}

const decimal = (amount: number, currency: string) => (isCurrencyCode(currency) ? minorToDecimalString(amount, currency) : String(amount));

/** The report as CSV (RFC 4180, CRLF): one row per line, per currency total and per item needing attention. */
/** The day report CSV's columns, in order; their headings are the catalogue's `csvHeaders.dayReport`. */
export const DAY_REPORT_COLUMNS = ['report', 'z_number', 'from', 'to', 'section', 'vendor', 'gateway', 'method', 'currency', 'training', 'sales_count', 'sales_amount', 'refunds_count', 'refunds_amount', 'net_amount', 'failed_count', 'reference', 'state'] as const;
export type DayReportColumn = (typeof DAY_REPORT_COLUMNS)[number];

/**
 * The report as CSV. `headings` names the columns in the cashier's language (the catalogue's
 * `csvHeaders.dayReport`); without it, the column names themselves. The cells stay
 * machine-readable in every language: decimal amounts with a point, codes and ISO times.
 */
export function dayReportCsv(report: DayReport, headings?: Readonly<Record<DayReportColumn, string>>): string {
  const header = DAY_REPORT_COLUMNS.map((column) => headings?.[column] ?? column);
  const lead = [report.kind.toUpperCase(), report.closeId ?? '', report.fromAt, report.toAt];
  const moneyRow = (section: string, line: ReportLine) => [
    ...lead,
    section,
    line.vendor,
    line.gateway ?? '',
    line.method ?? '',
    line.currency,
    line.training,
    line.salesCount,
    decimal(line.salesAmount, line.currency),
    line.refundsCount,
    decimal(line.refundsAmount, line.currency),
    decimal(line.netAmount, line.currency),
    line.failedCount,
    '',
    '',
  ];
  const rows = [
    header,
    ...report.lines.map((line) => moneyRow('vendor', line)),
    ...report.totals.map((line) => moneyRow('total', line)),
    ...(report.gateways ?? []).map((line) => moneyRow('gateway', line)),
    ...report.needsAttention.map((item) => [
      ...lead,
      'needs_attention',
      item.vendor ?? '',
      '',
      '',
      item.currency,
      '',
      item.kind === 'sale' ? 1 : 0,
      item.kind === 'sale' ? decimal(item.amount, item.currency) : '',
      item.kind === 'refund' ? 1 : 0,
      item.kind === 'refund' ? decimal(item.amount, item.currency) : '',
      '',
      '',
      item.reference,
      item.state,
    ]),
  ];
  return writeCsv(rows);
}
