import type { DayReportDocument } from '../../shared/bridge/backOfficeContract';
import { groupAttempts } from '../../shared/reports/attemptGroups';
import { hourlySales } from '../../shared/reports/hourlySales';
import { buildDayReport, dayReportCsv, type DayReport } from '../../shared/reports/dayReport';
import { CATALOGUES } from '../../shared/i18n/catalogues';
import { cashierLanguageOf, cashierLanguagesOf } from '../../shared/settings/languages';
import { auditedPinCheck, type ManagerPin } from '../services/auth/managerPin';
import { summarize } from '../services/checkout/paymentRecovery';
import type { Journal } from '../services/journal/journal';
import type { SettingsStore } from '../services/settings/settingsStore';
import type { CallHandlers } from './callDispatcher';

export interface ReportCallsContext {
  journal: Journal;
  settings: SettingsStore;
  managerPin: ManagerPin;
  now: () => Date;
}

/** Before any journal row: only used to read the first day's rows, never shown as its start. */
const BEFORE_ANY_ROW = '1970-01-01T00:00:00.000Z';

/**
 * X and Z reports. The business day runs from the end of the last Z to now; a Z closes
 * it (kept in day_closes exactly as printed, audited, behind the manager PIN) and the next
 * day starts where it ended, so no attempt falls between two days or into both.
 */
export function createReportCalls(ctx: ReportCallsContext): Pick<CallHandlers, 'getDayReport' | 'closeDay'> {
  // The CSV's headings in the language the cashier reads the report in.
  const document = (report: DayReport): DayReportDocument => {
    const s = ctx.settings.get();
    const language = cashierLanguageOf(s.language, cashierLanguagesOf(s.cashierLanguages));
    return { report, csv: dayReportCsv(report, CATALOGUES[language].csvHeaders.dayReport) };
  };
  const reportOfDay = (kind: 'x' | 'z', toAt: string): DayReport => {
    const lastEnd = ctx.journal.lastDayClose()?.toAt;
    const readFrom = lastEnd ?? BEFORE_ANY_ROW;
    const attempts = [...ctx.journal.between('sale', readFrom, toAt), ...ctx.journal.between('refund', readFrom, toAt)];
    // The first business day starts at the first journal row (the ISO strings sort as times),
    // or now when there is none yet: a report never says it covers the days since 1970.
    const fromAt = lastEnd ?? attempts.reduce((first, attempt) => (attempt.createdAt < first ? attempt.createdAt : first), toAt);
    const s = ctx.settings.get();
    return buildDayReport({
      kind,
      fromAt,
      toAt,
      store: { merchantName: s.merchantName, storeName: s.storeName, terminalName: s.terminalName },
      // Every attempt of the day, grouped here by gateway and method too (totals() has neither).
      groups: groupAttempts(attempts),
      needsAttention: ctx.journal.unfinished().map(summarize),
      hourly: hourlySales(attempts),
    });
  };

  return {
    getDayReport({ kind, closeId }) {
      if (kind === 'x') return { ok: true, value: document(reportOfDay('x', ctx.now().toISOString())) };
      const close = closeId === undefined ? ctx.journal.lastDayClose() : ctx.journal.dayClose(closeId);
      if (!close) return { ok: false, error: { code: 'DAY_CLOSE_NOT_FOUND' } };
      return { ok: true, value: document({ ...(JSON.parse(close.report) as DayReport), closeId: close.id }) };
    },

    async closeDay({ pin }) {
      const error = await auditedPinCheck(ctx.managerPin, ctx.journal)('day.close', pin);
      if (error) return { ok: false, error };
      const closedAt = ctx.now().toISOString();
      const report = reportOfDay('z', closedAt);
      const closeId = ctx.journal.recordDayClose({ fromAt: report.fromAt, toAt: report.toAt, closedAt, report: JSON.stringify(report) });
      ctx.journal.audit({ action: 'day.close', outcome: 'ok', detail: `Z${closeId} ${report.fromAt} ${report.toAt}` });
      return { ok: true, value: document({ ...report, closeId }) };
    },
  };
}
