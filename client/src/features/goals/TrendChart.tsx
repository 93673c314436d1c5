import { useId, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrendPoint } from '../../../../shared/api.ts';
import type { Metric } from '../../../../shared/scorecard/metrics.ts';
import { METRICS } from '../../../../shared/scorecard/metrics.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { formatFigure, metricLabel } from './format.ts';

export interface TrendChartProps {
  trend: readonly TrendPoint[];
  /** The figure shown first (that of the first target). */
  initial: Metric;
  /** Target values per metric, drawn as a dashed line. */
  targets: Partial<Record<Metric, number>>;
}

/** Each figure over the imports, one at a time; the chart is described in words too. */
export function TrendChart({ trend, initial, targets }: TrendChartProps) {
  const t = useT();
  const locale = useLocale();
  const selectId = useId();
  const [metric, setMetric] = useState<Metric>(initial);
  if (trend.length === 0) return <p className="goals__muted">{t('goals.trend.empty')}</p>;

  const dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  const data = trend.map((point) => ({ at: dateFormat.format(new Date(point.at)), value: point[metric] }));
  const latest = trend.at(-1)?.[metric] ?? null;
  const target = targets[metric];
  const summary = t('goals.trend.summary', { figure: metricLabel(t, metric), count: trend.length, value: formatFigure(t, locale, metric, latest) });

  return (
    <figure className="trend" data-testid="trend-chart" data-metric={metric}>
      <div className="trend__head">
        <label className="field__label" htmlFor={selectId}>
          {t('goals.trend.figure')}
        </label>
        <select id={selectId} className="input input--small" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {metricLabel(t, m)}
            </option>
          ))}
        </select>
      </div>
      <div className="trend__plot" aria-hidden>
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--color-border)" strokeDasharray="3 3" />
            <XAxis dataKey="at" tick={{ fontSize: 11 }} stroke="var(--color-text-faint)" />
            <YAxis width={56} tick={{ fontSize: 11 }} stroke="var(--color-text-faint)" tickFormatter={(v: number) => formatFigure(t, locale, metric, v)} />
            <Tooltip formatter={(v) => formatFigure(t, locale, metric, typeof v === 'number' ? v : null)} />
            {target === undefined ? null : (
              <ReferenceLine
                y={target}
                stroke="var(--color-success)"
                strokeDasharray="6 4"
                label={{ value: t('goals.trend.target', { value: formatFigure(t, locale, metric, target) }), fontSize: 11, position: 'insideTopRight' }}
              />
            )}
            <Line type="monotone" dataKey="value" stroke="var(--color-accent)" strokeWidth={2} dot={{ r: 3 }} connectNulls isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="goals__muted">{summary}</figcaption>
    </figure>
  );
}
