import { useTranslation } from 'react-i18next';
import { isCurrencyCode } from '../../../shared/money/currencies';
import type { HourlySales } from '../../../shared/reports/hourlySales';
import type { Language } from '../../../shared/settings/settingsView';
import { BarChart, SERIES_COLOURS, type ChartBar } from '../charts/BarChart';
import { localeOf, money } from '../money/localeMoney';

const HOUR_MS = 3_600_000;
/** Each wallet keeps its colour in every chart (its own brand's hue where the palette has one). */
const WALLET_COLOURS: Readonly<Record<string, string>> = { alipay: SERIES_COLOURS[0], wechatpay: SERIES_COLOURS[2], unionpay: SERIES_COLOURS[5], onlinepay: SERIES_COLOURS[3] };
/** Up to two days, every hour is a bar (a quiet hour shows as a gap); a longer first day shows only the hours that sold. */
const CONTINUOUS_HOURS = 48;

/** The hours to draw: every hour from the first sale's to the last one's, or only those with sales over a long span. */
function hoursOf(cells: readonly HourlySales[]): string[] {
  const hours = [...new Set(cells.map((c) => c.hourStart))].sort();
  const first = Date.parse(hours[0]!);
  const last = Date.parse(hours[hours.length - 1]!);
  if ((last - first) / HOUR_MS + 1 > CONTINUOUS_HOURS) return hours;
  const all: string[] = [];
  for (let at = first; at <= last; at += HOUR_MS) all.push(new Date(at).toISOString());
  return all;
}

/**
 * The day's approved sales per hour and wallet (issue 17): for each currency (and training
 * apart from live money), a chart and the table it is drawn from. Both read the report's
 * `hourly` cells and nothing else, so a bar and its cell cannot disagree. Shown on screen
 * and on A4; a receipt roll is too narrow for either (DayReportView leaves them out).
 */
export function HourlySalesChart({ cells, language }: { cells: readonly HourlySales[]; language: Language }) {
  const { t } = useTranslation();
  const groups = new Map<string, HourlySales[]>();
  for (const cell of cells) {
    const key = `${cell.training}|${cell.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const hourLabel = new Intl.DateTimeFormat(localeOf(language), { hour: '2-digit', minute: '2-digit' });
  const showTraining = new Set(cells.map((c) => c.training)).size > 1;
  return (
    <section className="hourly-sales" data-testid="hourly-sales">
      <h2>{t('report.hourly.title')}</h2>
      {[...groups.entries()].map(([key, group]) => {
        const currency = group[0]!.currency;
        const training = group[0]!.training;
        const amount = (value: number) => (isCurrencyCode(currency) ? money(value, currency, language) : String(value));
        const vendors = [...new Set(group.map((c) => c.vendor))].sort();
        const series = vendors.map((v) => ({ id: v, label: t(`vendor.${v}`, { defaultValue: v }), ...(WALLET_COLOURS[v] ? { colour: WALLET_COLOURS[v] } : {}) }));
        const hours = hoursOf(group);
        const cellOf = (hour: string, vendor: string) => group.find((c) => c.hourStart === hour && c.vendor === vendor);
        const bars: ChartBar[] = hours.map((hour) => ({
          key: hour,
          label: hourLabel.format(new Date(hour)),
          segments: vendors.flatMap((vendor) => {
            const cell = cellOf(hour, vendor);
            return cell ? [{ series: vendor, value: cell.amount, text: `${cell.count} · ${amount(cell.amount)}` }] : [];
          }),
        }));
        const title = `${t('report.hourly.chartTitle', { currency })}${showTraining && training ? ` (${t('report.training')})` : ''}`;
        return (
          <div key={key} className="hourly-sales-group" data-currency={currency} data-training={training}>
            <BarChart title={title} bars={bars} series={series} maxText={amount} testId={`hourly-chart-${currency}${training ? '-training' : ''}`} />
            <table className="report-table hourly-table" aria-label={t('report.hourly.tableTitle', { currency })}>
              <thead>
                <tr>
                  <th scope="col">{t('report.hourly.hour')}</th>
                  {series.map((s) => (
                    <th key={s.id} scope="col" className="num">
                      {s.label}
                    </th>
                  ))}
                  <th scope="col" className="num">{t('report.hourly.total')}</th>
                </tr>
              </thead>
              <tbody>
                {hours
                  .filter((hour) => vendors.some((v) => cellOf(hour, v)))
                  .map((hour) => (
                    <tr key={hour} data-hour={hour}>
                      <th scope="row">{hourLabel.format(new Date(hour))}</th>
                      {vendors.map((vendor) => {
                        const cell = cellOf(hour, vendor);
                        return (
                          <td key={vendor} className="num" data-vendor={vendor} data-minor={cell?.amount ?? 0}>
                            {cell ? `${cell.count} · ${amount(cell.amount)}` : '—'}
                          </td>
                        );
                      })}
                      <td className="num" data-field="total" data-minor={vendors.reduce((sum, v) => sum + (cellOf(hour, v)?.amount ?? 0), 0)}>
                        {amount(vendors.reduce((sum, v) => sum + (cellOf(hour, v)?.amount ?? 0), 0))}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}
