import { describe, expect, it } from 'vitest';
import { comparePeriods, isPeriod, parsePeriod, periodContains, periodOf, periodsAt } from '../../../../shared/scorecard/periods.ts';

describe('[§8] periods', () => {
  it('reads a year, a quarter and a month, and nothing else', () => {
    expect(['2027', '2027-Q1', '2027-Q4', '2027-01', '2027-12'].every(isPeriod)).toBe(true);
    expect(['2027-Q0', '2027-Q5', '2027-00', '2027-13', '27', '2027-1', '2027-q1', '2027-W01', '', ' 2027'].some(isPeriod)).toBe(false);
    expect(parsePeriod('2027-Q2')).toEqual({ kind: 'quarter', year: 2027, part: 2, start: new Date('2027-04-01T00:00:00Z'), end: new Date('2027-07-01T00:00:00Z') });
  });

  it('contains a date by its UTC day: the last instant of a quarter is in it, the next is not', () => {
    expect(periodContains('2026-Q4', '2026-12-31T23:59:59.999Z')).toBe(true);
    expect(periodContains('2026-Q4', '2027-01-01T00:00:00.000Z')).toBe(false);
    expect(periodContains('2027-Q1', '2027-01-01T00:00:00.000Z')).toBe(true);
    // Read in UTC: 00:30 on Jan 1 at +01:00 is still Dec 31 in UTC.
    expect(periodContains('2026-12', '2027-01-01T00:30:00+01:00')).toBe(true);
    expect(periodContains('2027-02', '2027-02-28')).toBe(true);
    expect(periodContains('2027', 'not a date')).toBe(false);
  });

  it('sorts by start, a year before its quarter before its month; names the periods of an instant', () => {
    expect(['2027-02', '2027-Q1', '2026', '2027', '2027-01'].sort(comparePeriods)).toEqual(['2026', '2027', '2027-Q1', '2027-01', '2027-02']);
    expect(periodsAt(new Date('2027-08-31T23:00:00Z'))).toEqual(['2027', '2027-Q3', '2027-08']);
    expect(periodOf('quarter', new Date('2027-12-31T23:59:59Z'))).toBe('2027-Q4');
  });
});
