import { useId } from 'react';
import './barChart.css';

/** One series of a chart (a wallet, a figure): its legend text and colour. */
export interface ChartSeries {
  id: string;
  label: string;
  /** A colour of its own, so the same wallet reads the same in every chart; else its place in the list picks one. */
  colour?: string;
}

/** One bar: its label under the axis and its stacked segments, values in integer minor units. */
export interface ChartBar {
  key: string;
  label: string;
  segments: Array<{ series: string; value: number; text: string }>;
}

const WIDTH = 640;
const HEIGHT = 200;
const LEFT = 8;
const TOP = 18;
const BOTTOM = 30;
/** Okabe–Ito colours: told apart with the common colour-blindnesses, and in grey on paper by their lightness. */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const;

/**
 * A small stacked bar chart drawn as SVG from the same numbers as the table it stands beside
 * (issue 17): the table stays the exact record, the chart is for looking. Every segment
 * carries its series and value (data-series, data-minor) and a title a screen reader or a
 * hover can read; the picture as a whole is one labelled image. Negative values are drawn as
 * zero (the charts here show sales and balances, never a sign).
 */
export function BarChart({ title, bars, series, maxText, testId }: { title: string; bars: readonly ChartBar[]; series: readonly ChartSeries[]; maxText: (max: number) => string; testId: string }) {
  const titleId = useId();
  const total = (bar: ChartBar) => bar.segments.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  const max = Math.max(1, ...bars.map(total));
  const plot = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / Math.max(1, bars.length);
  const barWidth = Math.max(2, Math.min(48, slot * 0.7));
  // Labels thin out when bars are many: every n-th, so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(bars.length / 12));
  const colourOf = (id: string) => {
    const index = Math.max(0, series.findIndex((s) => s.id === id));
    return series[index]?.colour ?? SERIES_COLOURS[index % SERIES_COLOURS.length];
  };
  return (
    <figure className="bar-chart" data-testid={testId} data-max={max}>
      <figcaption id={titleId}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} preserveAspectRatio="xMidYMid meet">
        <line x1={LEFT} x2={WIDTH} y1={TOP + plot} y2={TOP + plot} className="bar-chart-axis" />
        <line x1={LEFT} x2={WIDTH} y1={TOP} y2={TOP} className="bar-chart-grid" />
        <text x={WIDTH} y={TOP - 5} textAnchor="end" className="bar-chart-max">
          {maxText(max)}
        </text>
        {bars.map((bar, index) => {
          const x = LEFT + index * slot + (slot - barWidth) / 2;
          let y = TOP + plot;
          return (
            <g key={bar.key} data-bar={bar.key} data-total={total(bar)}>
              {bar.segments.map((segment) => {
                const height = (Math.max(0, segment.value) / max) * plot;
                y -= height;
                return (
                  <rect key={segment.series} x={x} y={y} width={barWidth} height={height} fill={colourOf(segment.series)} data-series={segment.series} data-minor={segment.value}>
                    <title>{`${bar.label} · ${series.find((s) => s.id === segment.series)?.label ?? segment.series}: ${segment.text}`}</title>
                  </rect>
                );
              })}
              {index % labelEvery === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT - 10} textAnchor="middle" className="bar-chart-label">
                  {bar.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && (
        <ul className="bar-chart-legend">
          {series.map((s) => (
            <li key={s.id}>
              <span className="bar-chart-swatch" style={{ background: colourOf(s.id) }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
