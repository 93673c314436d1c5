// SPEC §8's figures on hand-made deals; each expected number is worked out in the comment beside it.
import { describe, expect, it } from 'vitest';
import type { Deal } from '../../../../shared/scorecard/deals.ts';
import { outcomeOf } from '../../../../shared/scorecard/deals.ts';
import { actualsByPeriod, computeActuals, cycleDays, median } from '../../../../shared/scorecard/figures.ts';
import { isMet } from '../../../../shared/scorecard/metrics.ts';

let n = 0;
const deal = (stage: string, amount: number | null, createdAt: string, closedAt: string | null, lossReason = ''): Deal => ({
  id: String((n += 1)),
  name: `Deal ${n}`,
  stage,
  outcome: outcomeOf(stage),
  amount,
  createdAt,
  closedAt,
  lossReason,
  personaId: 'p',
});

const DEALS: Deal[] = [
  deal('Closed Won', 1000, '2027-01-10T00:00:00.000Z', '2027-01-20T23:59:00.000Z'), // 10 days
  deal('closed won', 3000, '2026-12-31T23:00:00.000Z', '2027-02-01T00:30:00.000Z'), // Dec 31 → Feb 1: 32 days
  deal('CLOSED WON', null, '2027-02-01T00:00:00.000Z', '2027-03-31T23:59:59.000Z'), // no amount; Feb 1 → Mar 31: 58 days
  deal('Closed Lost', 500, '2027-01-05T00:00:00.000Z', '2027-03-01T00:00:00.000Z', 'Price'),
  deal('Closed Lost', 700, '2027-01-06T00:00:00.000Z', '2027-03-02T00:00:00.000Z', ' Timing '),
  deal('Closed Lost', null, '2027-01-07T00:00:00.000Z', '2027-03-03T00:00:00.000Z', 'Price'),
  deal('Closed Lost', 100, '2027-01-08T00:00:00.000Z', '2027-03-04T00:00:00.000Z', ''),
  deal('Negotiation', 9000, '2027-03-31T23:59:59.000Z', null),
  deal('Closed Won', 4000, '2026-11-01T00:00:00.000Z', '2027-04-01T00:00:00.000Z'), // closed in Q2
];

describe('[§8] the figures of a period', () => {
  it('computes every figure of 2027-Q1 as worked out by hand', () => {
    expect(computeActuals(DEALS, '2027-Q1')).toEqual({
      // Closed in Q1: 3 won, 4 lost → 100 × 3 ÷ 7.
      winRate: 300 / 7,
      // Won with an amount: 1000 and 3000 → 2000 (the won deal with no amount has none to count).
      avgDealSize: 2000,
      // Cycles 10, 32, 58 → 32.
      salesCycleDays: 32,
      dealsWon: 3,
      // Created in Q1 with an amount: 1000 + 500 + 700 + 100 + 9000 (created on Mar 31 23:59:59) = 11,300;
      // the deal created on Dec 31 23:00 UTC is in 2026.
      pipelineCreated: 11300,
      // Price ×2 first, then Timing (spaces trimmed); a lost deal with no reason is not counted.
      lossReasons: [
        { reason: 'Price', count: 2 },
        { reason: 'Timing', count: 1 },
      ],
    });
  });

  it('computes a month and a year', () => {
    // January 2027: closed 1 won (1000, 10 days); created in January: 1000 + 500 + 700 + 100.
    expect(computeActuals(DEALS, '2027-01')).toEqual({ winRate: 100, avgDealSize: 1000, salesCycleDays: 10, dealsWon: 1, pipelineCreated: 2300, lossReasons: [] });
    // 2027: 4 won (1000, 3000, –, 4000) and 4 lost → 50; amounts 8000 ÷ 3; cycles 10, 32, 58, 151 → (32 + 58) ÷ 2.
    const year = computeActuals(DEALS, '2027');
    expect(year.winRate).toBe(50);
    expect(year.avgDealSize).toBe(8000 / 3);
    expect(year.salesCycleDays).toBe(45);
    expect(year.dealsWon).toBe(4);
  });

  it('is null where no deal stands behind a figure, and an even count takes the mean of the middle two', () => {
    expect(computeActuals(DEALS, '2026-06')).toEqual({ winRate: null, avgDealSize: null, salesCycleDays: null, dealsWon: null, pipelineCreated: null, lossReasons: [] });
    // Only lost deals closed in March: win rate 0, deals won 0, no won deal for the average or cycle.
    const march = computeActuals(DEALS.filter((d) => d.outcome === 'lost'), '2027-03');
    expect(march).toMatchObject({ winRate: 0, dealsWon: 0, avgDealSize: null, salesCycleDays: null });
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('counts calendar days in UTC, whatever the hour', () => {
    expect(cycleDays({ createdAt: '2027-01-01T23:59:00.000Z', closedAt: '2027-01-02T00:01:00.000Z' })).toBe(1);
    expect(cycleDays({ createdAt: '2027-01-01T00:00:00.000Z', closedAt: '2027-01-01T23:59:00.000Z' })).toBe(0);
    // Across the March change of clocks in Europe: still 1 day each, counted in UTC.
    expect(cycleDays({ createdAt: '2027-03-27T12:00:00.000Z', closedAt: '2027-03-29T12:00:00.000Z' })).toBe(2);
  });

  it('reads won and lost from the stage in any case; anything else is open', () => {
    expect(['Closed Won', 'closed won', 'CLOSED WON', 'closedwon', 'Closed-Won'].map(outcomeOf)).toEqual(['won', 'won', 'won', 'won', 'won']);
    expect(['Closed Lost', 'closedlost'].map(outcomeOf)).toEqual(['lost', 'lost']);
    expect(['Won', 'Closed', 'Proposal', ''].map(outcomeOf)).toEqual(['open', 'open', 'open', 'open']);
  });

  it('meets a target at or above it, the sales cycle at or below it, and never without an actual', () => {
    expect(isMet('winRate', 40, 40)).toBe(true);
    expect(isMet('winRate', 40, 39.9)).toBe(false);
    expect(isMet('salesCycleDays', 30, 30)).toBe(true);
    expect(isMet('salesCycleDays', 30, 31)).toBe(false);
    expect(isMet('dealsWon', 0, null)).toBeNull();
  });

  it('keeps, for an import, every period its deals touch and only those, each with the figures computeActuals gives', () => {
    const byPeriod = actualsByPeriod(DEALS);
    // Created or closed: Nov and Dec 2026, Jan to Apr 2027 → their months, quarters and years.
    expect([...byPeriod.keys()].sort()).toEqual(['2026', '2026-11', '2026-12', '2026-Q4', '2027', '2027-01', '2027-02', '2027-03', '2027-04', '2027-Q1', '2027-Q2'].sort());
    for (const [period, actuals] of byPeriod) expect(actuals).toEqual(computeActuals(DEALS, period));
  });
});
