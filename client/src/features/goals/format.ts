// How targets, figures and periods read, in the reader's language.
import type { Metric } from '../../../../shared/scorecard/metrics.ts';
import { METRIC_UNITS } from '../../../../shared/scorecard/metrics.ts';
import { parsePeriod } from '../../../../shared/scorecard/periods.ts';
import type { Translate } from '../../i18n/index.ts';

export function metricLabel(t: Translate, metric: Metric): string {
  return t(`goals.metric.${metric}`);
}

/** A figure with its unit: `42 %`, `12,500`, `30 days`, `7`; an en dash when there is none. */
export function formatFigure(t: Translate, locale: string, metric: Metric, value: number | null): string {
  if (value === null) return '–';
  switch (METRIC_UNITS[metric]) {
    case 'percent':
      return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
    case 'amount':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case 'days': {
      const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
      return value === 1 ? t('goals.unit.days.one') : t('goals.unit.days.other', { count: days });
    }
    case 'count':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  }
}

/** `2027`, `Q1 2027`, `January 2027`. */
export function periodLabel(t: Translate, locale: string, period: string): string {
  const parsed = parsePeriod(period);
  if (!parsed) return period;
  if (parsed.kind === 'year' || parsed.part === null) return String(parsed.year);
  if (parsed.kind === 'quarter') return t('goals.period.quarterLabel', { quarter: parsed.part, year: parsed.year });
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(parsed.year, parsed.part - 1, 1)));
}

/** The sales cycle is better short: its target is a ceiling; every other one a floor. */
export function directionLabel(t: Translate, metric: Metric): string {
  return metric === 'salesCycleDays' ? t('goals.direction.atMost') : t('goals.direction.atLeast');
}

/** One line for a target: `Win rate at least 30 % · Q1 2027`. */
export function targetLabel(t: Translate, locale: string, target: { metric: Metric; value: number; period: string }): string {
  return `${metricLabel(t, target.metric)} ${directionLabel(t, target.metric)} ${formatFigure(t, locale, target.metric, target.value)} · ${periodLabel(t, locale, target.period)}`;
}
