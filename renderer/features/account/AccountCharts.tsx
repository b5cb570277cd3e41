import { useTranslation } from 'react-i18next';
import type { AccountBalances, WithdrawalLine } from '../../../shared/bridge/accountContract';
import type { CurrencyCode } from '../../../shared/money/currencies';
import type { Language } from '../../../shared/settings/settingsView';
import { BarChart, SERIES_COLOURS, type ChartBar } from '../charts/BarChart';
import { money } from '../money/localeMoney';
import { NIHAOPAY_FIGURES, ONLINEPAY_FIGURES } from './balanceFigures';

const DAY_MS = 86_400_000;
/** Up to two months a bar a day; a longer range shows only the days with a withdrawal. */
const CONTINUOUS_DAYS = 62;

/**
 * The balances as bars (issue 17): per currency, each gateway's figures side by side, drawn
 * from the readings the tables show. A currency with nothing anywhere draws no chart, and a
 * gateway that could not be read draws no bar (its "could not be read" stands above).
 */
export function BalanceCharts({ balances, language }: { balances: AccountBalances; language: Language }) {
  const { t } = useTranslation();
  const byCurrency = new Map<CurrencyCode, ChartBar[]>();
  // A bar a figure, coloured by its gateway: the figure's name under the bar, the gateway in the legend.
  const add = (currency: CurrencyCode, key: string, gateway: 'nihaopay' | 'onlinepay', label: string, value: number) => {
    const bars = byCurrency.get(currency) ?? [];
    bars.push({ key, label, segments: [{ series: gateway, value, text: money(value, currency, language) }] });
    byCurrency.set(currency, bars);
  };
  const series = [
    { id: 'nihaopay', label: 'NihaoPay', colour: SERIES_COLOURS[0] },
    { id: 'onlinepay', label: 'OnlinePay', colour: SERIES_COLOURS[3] },
  ];
  if (balances.nihaopay?.ok) {
    for (const line of balances.nihaopay.value) for (const f of NIHAOPAY_FIGURES) add(line.currency, `nihaopay-${f.field}`, 'nihaopay', t(f.label), f.of(line));
  }
  if (balances.onlinepay?.ok) {
    for (const line of balances.onlinepay.value) for (const f of ONLINEPAY_FIGURES) add(line.currency, `onlinepay-${f.field}`, 'onlinepay', t(f.label), f.of(line));
  }
  const charts = [...byCurrency.entries()].filter(([, bars]) => bars.some((bar) => bar.segments.some((s) => s.value !== 0)));
  if (charts.length === 0) return null;
  return (
    <div className="account-charts" data-testid="balance-charts">
      {charts.map(([currency, bars]) => (
        <BarChart
          key={currency}
          title={t('account.charts.balances', { currency })}
          bars={bars}
          series={series.filter((s) => bars.some((bar) => bar.segments.some((segment) => segment.series === s.id)))}
          maxText={(max) => money(max, currency, language)}
          testId={`balance-chart-${currency}`}
        />
      ))}
    </div>
  );
}

/** The withdrawals of the range as bars per day and currency: what was paid to the merchant, and the fee on top. */
export function WithdrawalCharts({ withdrawals, from, to, language }: { withdrawals: readonly WithdrawalLine[]; from: string; to: string; language: Language }) {
  const { t } = useTranslation();
  const currencies = [...new Set(withdrawals.map((w) => w.currency))].sort();
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const continuous = Number.isFinite(start) && Number.isFinite(end) && (end - start) / DAY_MS + 1 <= CONTINUOUS_DAYS;
  const series = [
    { id: 'amount', label: t('account.charts.paidOut') },
    { id: 'fee', label: t('account.fee') },
  ];
  return (
    <div className="account-charts" data-testid="withdrawal-charts">
      {currencies.map((currency) => {
        const ofCurrency = withdrawals.filter((w) => w.currency === currency);
        const days = continuous
          ? Array.from({ length: (end - start) / DAY_MS + 1 }, (_, i) => new Date(start + i * DAY_MS).toISOString().slice(0, 10))
          : [...new Set(ofCurrency.map((w) => w.date))].sort();
        const bars: ChartBar[] = days.map((day) => {
          const ofDay = ofCurrency.filter((w) => w.date === day);
          const amount = ofDay.reduce((sum, w) => sum + w.amount, 0);
          // The fee is drawn only when it is in the same currency as the withdrawal (it always is at NihaoPay's sandbox).
          const fee = ofDay.filter((w) => w.feeCurrency === currency).reduce((sum, w) => sum + w.fee, 0);
          return {
            key: day,
            label: day.slice(5),
            segments: ofDay.length === 0 ? [] : [
              { series: 'amount', value: amount, text: money(amount, currency, language) },
              { series: 'fee', value: fee, text: money(fee, currency, language) },
            ],
          };
        });
        return <BarChart key={currency} title={t('account.charts.withdrawals', { currency })} bars={bars} series={series} maxText={(max) => money(max, currency, language)} testId={`withdrawal-chart-${currency}`} />;
      })}
    </div>
  );
}
