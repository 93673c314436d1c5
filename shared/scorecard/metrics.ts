// The scorecard's figures (SPEC §8): their units and which way is better. Pure, Yjs-free.
// PROVISIONAL client copy until i16-server's shared/scorecard lands.

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

/** Met: actual ≥ value, except the sales cycle, where shorter is better; null without an actual. */
export function isMet(metric: Metric, value: number, actual: number | null): boolean | null {
  if (actual === null) return null;
  return metric === 'salesCycleDays' ? actual <= value : actual >= value;
}
