// The scorecard in a PDF as plain data (SPEC §8): targets against actuals, loss reasons and the trend charts' points.
import type { Locale } from '../../shared/locale.ts';
import type { FrozenScorecard, FrozenTarget } from '../../shared/persona/types.ts';
import type { Metric } from '../../shared/scorecard/metrics.ts';
import { toDrawable } from './fonts.ts';
import { formatDate } from './strings.ts';
import { formatFigure, metricLabel, periodLabel, scT } from './scorecardStrings.ts';

export interface PdfScorecardRow {
  label: string;
  target: string;
  actual: string;
  met: boolean | null;
  result: string;
  agreed: boolean;
  /** "Agreed by Ana (marketing) and Sam (sales)", or "Proposed…". */
  agreedText: string;
}

export interface PdfTrendChart {
  label: string;
  /** One value per import, oldest first; null where the import had no deal to measure. */
  values: (number | null)[];
  target: number | null;
  /** The value axis, from 0 to a round top above every value and the target. */
  top: number;
  topText: string;
  targetText: string | null;
  /** The first and last import's dates, under the axis. */
  firstText: string;
  lastText: string;
}

export interface PdfScorecard {
  title: string;
  basis: string;
  columns: { metric: string; target: string; actual: string; result: string };
  rows: PdfScorecardRow[];
  lossTitle: string;
  lossReasons: string[];
  trendTitle: string;
  charts: PdfTrendChart[];
}

/** A frozen scorecard may carry the imports' figures, oldest first, for the chart. */
export interface TrendFigures {
  at: string;
  winRate: number | null;
  avgDealSize: number | null;
  salesCycleDays: number | null;
  dealsWon: number | null;
  pipelineCreated: number | null;
}

export function buildScorecardLayout(
  lang: Locale,
  scorecard: FrozenScorecard & { trend?: TrendFigures[] | undefined },
  targets: readonly FrozenTarget[],
): PdfScorecard {
  const d = (text: string) => toDrawable(text);
  const signersOf = new Map(targets.map((target) => [target.id, target.signoffs]));
  const rows = scorecard.targets.map((target): PdfScorecardRow => {
    const signoffs = signersOf.get(target.id);
    const agreedText = !target.agreed
      ? scT(lang, 'scorecard.proposed')
      : signoffs?.marketing && signoffs.sales
        ? scT(lang, 'scorecard.agreed', { marketing: signoffs.marketing.by, sales: signoffs.sales.by })
        : scT(lang, 'scorecard.agreedBoth');
    const result = target.met === null ? scT(lang, 'scorecard.noActual') : scT(lang, target.met ? 'scorecard.met' : 'scorecard.notMet');
    return {
      label: d(metricLabel(lang, target.metric)),
      target: formatFigure(lang, target.metric, target.value),
      actual: formatFigure(lang, target.metric, target.actual),
      met: target.met,
      result: d(result),
      agreed: target.agreed,
      agreedText: d(agreedText),
    };
  });
  const basis = scorecard.basis
    ? scT(lang, 'scorecard.basis', { date: formatDate(lang, scorecard.basis.at), deals: scorecard.basis.deals })
    : scT(lang, 'scorecard.noImport');
  const metrics = [...new Set(scorecard.targets.map((target) => target.metric))];
  const trend = scorecard.trend ?? [];
  const charts = trend.length === 0 ? [] : metrics.map((metric) => chartOf(lang, metric, trend, scorecard.targets.find((t) => t.metric === metric)?.value ?? null));
  return {
    title: d(scT(lang, 'scorecard.title', { period: periodLabel(lang, scorecard.period) })),
    basis: d(basis),
    columns: {
      metric: d(scT(lang, 'scorecard.column.metric')),
      target: d(scT(lang, 'scorecard.column.target')),
      actual: d(scT(lang, 'scorecard.column.actual')),
      result: d(scT(lang, 'scorecard.column.result')),
    },
    rows,
    lossTitle: d(scT(lang, 'scorecard.lossReasons')),
    lossReasons:
      scorecard.actuals.lossReasons.length === 0
        ? [d(scT(lang, 'scorecard.noLosses'))]
        : scorecard.actuals.lossReasons.map(({ reason, count }) => d(scT(lang, 'scorecard.lossReason', { reason, count }))),
    trendTitle: d(scT(lang, 'scorecard.trend')),
    charts,
  };
}

function chartOf(lang: Locale, metric: Metric, trend: readonly TrendFigures[], target: number | null): PdfTrendChart {
  const values = trend.map((point) => point[metric]);
  const highest = Math.max(0, target ?? 0, ...values.filter((v): v is number => v !== null));
  const top = niceCeiling(highest);
  return {
    label: toDrawable(metricLabel(lang, metric)),
    values,
    target,
    top,
    topText: formatFigure(lang, metric, top),
    targetText: target === null ? null : toDrawable(scT(lang, 'scorecard.targetLine', { value: formatFigure(lang, metric, target) })),
    firstText: formatDate(lang, trend[0]?.at ?? ''),
    lastText: formatDate(lang, trend.at(-1)?.at ?? ''),
  };
}

/** 1, 2 or 5 times a power of ten, at or above the value (1 for nothing). */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
