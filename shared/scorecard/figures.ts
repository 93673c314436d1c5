// The scorecard's figures (SPEC §8, a contract): pure functions of a persona's deals and a period.
import type { Deal } from './deals.ts';
import type { Metric } from './metrics.ts';
import type { Period } from './periods.ts';
import { parsePeriod, periodContains, periodsAt } from './periods.ts';

export interface LossReasonCount {
  reason: string;
  count: number;
}

export interface Figures {
  winRate: number | null;
  avgDealSize: number | null;
  salesCycleDays: number | null;
  dealsWon: number | null;
  pipelineCreated: number | null;
}

export interface Actuals extends Figures {
  lossReasons: LossReasonCount[];
}

const DAY_MS = 86_400_000;

/**
 * Every figure of the period, over these deals (one persona's). A figure with no deal to stand on is
 * null: no deal closed in the period (win rate, deals won), no won deal with an amount (average),
 * no won deal (cycle), no deal with an amount created in it (pipeline).
 */
export function computeActuals(deals: readonly Deal[], period: Period): Actuals {
  const parsed = parsePeriod(period);
  if (parsed === null) throw new RangeError(`not a period: ${period}`);
  const closed = deals.filter((deal) => deal.outcome !== 'open' && deal.closedAt !== null && periodContains(parsed, deal.closedAt));
  return actualsOf(closed, deals.filter((deal) => periodContains(parsed, deal.createdAt)));
}

/** The figures from the deals closed (won or lost) in a period and those created in it. */
function actualsOf(closed: readonly Deal[], created: readonly Deal[]): Actuals {
  const won = closed.filter((deal) => deal.outcome === 'won');
  const lost = closed.filter((deal) => deal.outcome === 'lost');
  const wonAmounts = amountsOf(won);
  const createdAmounts = amountsOf(created);
  return {
    winRate: closed.length === 0 ? null : (100 * won.length) / closed.length,
    avgDealSize: wonAmounts.length === 0 ? null : sum(wonAmounts) / wonAmounts.length,
    salesCycleDays: median(won.map(cycleDays)),
    dealsWon: closed.length === 0 ? null : won.length,
    pipelineCreated: createdAmounts.length === 0 ? null : sum(createdAmounts),
    lossReasons: countReasons(lost),
  };
}

/** One figure from the actuals; `lossReasons` is not a target's metric. */
export function figureOf(actuals: Figures, metric: Metric): number | null {
  return actuals[metric];
}

/** Calendar days (UTC) from the create date to the close date. */
export function cycleDays(deal: Pick<Deal, 'createdAt' | 'closedAt'>): number {
  if (deal.closedAt === null) throw new RangeError('an open deal has no cycle');
  return Math.round((utcDay(deal.closedAt) - utcDay(deal.createdAt)) / DAY_MS);
}

/** The middle value, or the mean of the two middle values for an even count; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Lost deals by reason, most first (ties alphabetically); deals with no reason are not counted. */
export function countReasons(lost: readonly Deal[]): LossReasonCount[] {
  const counts = new Map<string, number>();
  for (const deal of lost) {
    const reason = deal.lossReason.trim().replace(/\s+/g, ' ');
    if (reason !== '') counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export const NO_ACTUALS: Actuals = {
  winRate: null,
  avgDealSize: null,
  salesCycleDays: null,
  dealsWon: null,
  pipelineCreated: null,
  lossReasons: [],
};

function amountsOf(deals: readonly Deal[]): number[] {
  return deals.flatMap((deal) => (deal.amount === null ? [] : [deal.amount]));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function utcDay(iso: string): number {
  const time = new Date(iso);
  return Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate());
}

/**
 * Every period (year, quarter, month) in which any of these deals was created or closed, with its
 * figures. Any other period has no deal to stand on: its figures are NO_ACTUALS.
 */
export function actualsByPeriod(deals: readonly Deal[]): Map<Period, Actuals> {
  // One pass puts each deal in the periods it was created and closed in; each period then counts only its own.
  const buckets = new Map<Period, { closed: Deal[]; created: Deal[] }>();
  const bucket = (period: Period) => {
    let found = buckets.get(period);
    if (!found) buckets.set(period, (found = { closed: [], created: [] }));
    return found;
  };
  for (const deal of deals) {
    const created = new Date(deal.createdAt);
    if (!Number.isNaN(created.getTime())) for (const period of periodsAt(created)) bucket(period).created.push(deal);
    if (deal.closedAt === null) continue;
    const closed = new Date(deal.closedAt);
    if (Number.isNaN(closed.getTime())) continue;
    for (const period of periodsAt(closed)) {
      const found = bucket(period);
      if (deal.outcome !== 'open') found.closed.push(deal);
    }
  }
  return new Map([...buckets].map(([period, { closed, created }]) => [period, actualsOf(closed, created)]));
}
