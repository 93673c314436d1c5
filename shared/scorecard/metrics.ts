// The five scorecard metrics (SPEC §8), their units, and when an actual meets a target.
export const METRICS = ['winRate', 'avgDealSize', 'salesCycleDays', 'dealsWon', 'pipelineCreated'] as const;
export type Metric = (typeof METRICS)[number];

export type MetricUnit = 'percent' | 'amount' | 'days' | 'count';

export const METRIC_UNITS: Readonly<Record<Metric, MetricUnit>> = {
  winRate: 'percent',
  avgDealSize: 'amount',
  salesCycleDays: 'days',
  dealsWon: 'count',
  pipelineCreated: 'amount',
};

export function isMetric(value: unknown): value is Metric {
  return typeof value === 'string' && (METRICS as readonly string[]).includes(value);
}

/** Lower is better only for the sales cycle. */
export function lowerIsBetter(metric: Metric): boolean {
  return metric === 'salesCycleDays';
}

/** SPEC §8: actual ≥ value, except salesCycleDays (actual ≤ value); null when there is no actual. */
export function isMet(metric: Metric, value: number, actual: number | null): boolean | null {
  if (actual === null) return null;
  return lowerIsBetter(metric) ? actual <= value : actual >= value;
}

/** The largest value a target of the metric may have (a win rate is a percentage). */
export function maxTargetValue(metric: Metric): number {
  return metric === 'winRate' ? 100 : 1e15;
}
