import { useTranslation } from 'react-i18next';
import { isCurrencyCode } from '../../../shared/money/currencies';
import type { ReceiptPaper } from '../../../shared/receipts/receiptModel';
import type { DayReport, ReportLine } from '../../../shared/reports/dayReport';
import type { Language } from '../../../shared/settings/settingsView';
import { dateTime, money } from '../money/localeMoney';
import { HourlySalesChart } from './HourlySalesChart';
import './dayReportPaper.css';

const BEGINNING = '1970-01-01T00:00:00.000Z';

/** An X or Z report as tables: per currency, per gateway and method, per wallet, then what needs attention. */
export function DayReportView({ report, language, paper }: { report: DayReport; language: Language; paper: ReceiptPaper }) {
  const { t } = useTranslation();
  const amount = (value: number, currency: string) => (isCurrencyCode(currency) ? money(value, currency, language) : String(value));
  // A roll is too narrow for six columns: the currency shows in every amount's symbol, failures below the totals.
  const narrow = paper !== 'A4';
  // Training and live money are separate lines; only a report that mixes them marks each line.
  const allTraining = report.totals.length > 0 && report.totals.every((line) => line.training);
  const lineName = (line: ReportLine) => {
    if (line.gateway !== undefined) {
      const gateway = t(`gatewaysBackOffice.gateways.${line.gateway}`, { defaultValue: line.gateway });
      return line.method === 'all' ? gateway : `${gateway} · ${t(`gatewaysBackOffice.methods.${line.method}`, { defaultValue: line.method })}`;
    }
    return line.vendor === 'all' ? (narrow ? line.currency : t('report.all')) : t(`vendor.${line.vendor}`, { defaultValue: line.vendor });
  };
  const lineData = (line: ReportLine) => ({
    'data-vendor': line.vendor,
    'data-currency': line.currency,
    'data-training': line.training,
    ...(line.gateway !== undefined ? { 'data-gateway': line.gateway, 'data-method': line.method } : {}),
  });
  const name = (line: ReportLine) => (
    <>
      {lineName(line)} {line.training && !allTraining && <em>({t('report.training')})</em>}
    </>
  );
  // A roll: the line's name on a row of its own across the width, then the three amounts
  // under their headers, each count above its amount, so no amount is ever broken.
  const row = (line: ReportLine, key: string) =>
    narrow ? (
      <tbody key={key} className="report-line">
        <tr className="report-line-name">
          <th scope="rowgroup" colSpan={3}>
            {name(line)}
          </th>
        </tr>
        <tr {...lineData(line)}>
          <td className="num" data-field="sales">
            <span className="count">{line.salesCount}×</span> <span className="amount">{amount(line.salesAmount, line.currency)}</span>
          </td>
          <td className="num" data-field="refunds">
            <span className="count">{line.refundsCount}×</span> <span className="amount">{amount(line.refundsAmount, line.currency)}</span>
          </td>
          <td className="num" data-field="net">
            <span className="amount">{amount(line.netAmount, line.currency)}</span>
          </td>
        </tr>
      </tbody>
    ) : (
      <tr key={key} {...lineData(line)}>
        <th scope="row">{name(line)}</th>
        <td>{line.currency}</td>
        <td className="num" data-field="sales">
          {line.salesCount} · {amount(line.salesAmount, line.currency)}
        </td>
        <td className="num" data-field="refunds">
          {line.refundsCount} · {amount(line.refundsAmount, line.currency)}
        </td>
        <td className="num" data-field="net">
          {amount(line.netAmount, line.currency)}
        </td>
        <td className="num">{line.failedCount}</td>
      </tr>
    );
  // Each header sits over its column and aligns as its figures do (numbers to the right).
  const head = (firstColumn: string) => (
    <thead>
      {narrow ? (
        <tr>
          <th scope="col" className="num">{t('report.sales')}</th>
          <th scope="col" className="num">{t('report.refunds')}</th>
          <th scope="col" className="num">{t('report.net')}</th>
        </tr>
      ) : (
        <tr>
          <th scope="col">{firstColumn}</th>
          <th scope="col">{t('report.currency')}</th>
          <th scope="col" className="num">{t('report.sales')}</th>
          <th scope="col" className="num">{t('report.refunds')}</th>
          <th scope="col" className="num">{t('report.net')}</th>
          <th scope="col" className="num">{t('report.failed')}</th>
        </tr>
      )}
    </thead>
  );
  const body = (lines: readonly ReportLine[], keyOf: (line: ReportLine) => string) =>
    narrow ? lines.map((line) => row(line, keyOf(line))) : <tbody>{lines.map((line) => row(line, keyOf(line)))}</tbody>;
  return (
    <article className={`day-report paper-${paper}`} data-testid="day-report" data-kind={report.kind} lang={language}>
      {allTraining && <p className="receipt-training">{t('receipt.training')}</p>}
      <h1>{report.kind === 'z' ? t('report.zTitle', { number: report.closeId ?? '' }) : t('report.xTitle')}</h1>
      <p>
        {report.merchantName} · {report.storeName} · {report.terminalName}
      </p>
      <p>{t('report.period', { from: report.fromAt === BEGINNING ? t('report.sinceStart') : dateTime(report.fromAt, language), to: dateTime(report.toAt, language) })}</p>
      {report.totals.length === 0 ? (
        <p>{t('report.noPayments')}</p>
      ) : (
        <>
          <h2>{t('report.totals')}</h2>
          <table className="report-table" data-testid="report-totals">
            {head(t('report.vendor'))}
            {body(report.totals, (line) => `${line.training}-${line.currency}`)}
          </table>
          {narrow && (
            <p>
              {t('report.failed')}: {report.totals.reduce((sum, line) => sum + line.failedCount, 0)}
            </p>
          )}
          {report.gateways && report.gateways.length > 0 && (
            <>
              <h2>{t('gatewaysBackOffice.byGateway')}</h2>
              <table className="report-table" data-testid="report-gateways">
                {head(`${t('gatewaysBackOffice.gateway')} · ${t('gatewaysBackOffice.method')}`)}
                {body(report.gateways, (line) => `${line.training}-${line.currency}-${line.gateway}-${line.method}`)}
              </table>
            </>
          )}
          <h2>{t('report.byVendor')}</h2>
          <table className="report-table" data-testid="report-lines">
            {head(t('report.vendor'))}
            {body(report.lines, (line) => `${line.training}-${line.currency}-${line.vendor}`)}
          </table>
          {/* A picture of the day where there is room for one: on screen and A4, never on a roll. */}
          {!narrow && report.hourly && report.hourly.length > 0 && <HourlySalesChart cells={report.hourly} language={language} />}
        </>
      )}
      <h2>{t('report.needsAttention')}</h2>
      {report.needsAttention.length === 0 ? (
        <p>{t('report.noAttention')}</p>
      ) : (
        <ul className="report-attention">
          {report.needsAttention.map((item) => (
            <li key={item.reference}>
              {t(`history.kinds.${item.kind}`)} {amount(item.amount, item.currency)} · {t(`history.states.${item.state}`)} · <span className="mono">{item.reference}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
