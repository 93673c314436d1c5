// Amounts and dates as CRMs write them (server/crm/values.ts documents the rules).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeals } from '../../../../server/crm/readDeals.ts';
import { parseCrmAmount, parseCrmDate } from '../../../../server/crm/values.ts';

describe('amounts', () => {
  it('drops currency signs and codes and reads thousands separators either way', () => {
    const cases: [string, number | null][] = [
      ['12000', 12000],
      ['$8,500.00', 8500],
      ['USD 10,000.00', 10000],
      ['€1.234,50', 1234.5],
      ['1.234,50 €', 1234.5],
      ['£ 2 500,75', 2500.75],
      ["1'234.50", 1234.5],
      ['1,234', 1234],
      ['1234,5', 1234.5],
      ['1234.56', 1234.56],
      ['1.234.567', 1234567],
      ['(1,000.00)', -1000],
      ['-75', -75],
      ['', null],
    ];
    for (const [text, value] of cases) expect([text, parseCrmAmount(text, 'mdy')]).toEqual([text, value]);
  });

  it('reads a lone dot with three digits after it by the file’s date order', () => {
    expect(parseCrmAmount('1.500', 'mdy')).toBe(1.5);
    expect(parseCrmAmount('1.500', 'dmy')).toBe(1500);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['lots', '1,2,3', '12,34,5', '$', '1.2.3', '1,234.56.7']) expect([text, parseCrmAmount(text, 'mdy')]).toEqual([text, Number.NaN]);
  });
});

describe('dates', () => {
  it('reads ISO dates, with a time, a zone or neither (no zone: UTC)', () => {
    expect(parseCrmDate('2026-11-15', 'mdy')).toBe('2026-11-15T00:00:00.000Z');
    expect(parseCrmDate('2026-11-15 10:32', 'mdy')).toBe('2026-11-15T10:32:00.000Z');
    expect(parseCrmDate('2026-11-15T10:32:05Z', 'mdy')).toBe('2026-11-15T10:32:05.000Z');
    expect(parseCrmDate('2026-11-15T00:30:00+01:00', 'mdy')).toBe('2026-11-14T23:30:00.000Z');
  });

  it('reads slashed dates month-first or day-first as told, dotted ones day-first, with 12-hour times', () => {
    expect(parseCrmDate('11/15/2026', 'mdy')).toBe('2026-11-15T00:00:00.000Z');
    expect(parseCrmDate('15/11/2026', 'dmy')).toBe('2026-11-15T00:00:00.000Z');
    expect(parseCrmDate('03/04/2026', 'mdy')).toBe('2026-03-04T00:00:00.000Z');
    expect(parseCrmDate('03/04/2026', 'dmy')).toBe('2026-04-03T00:00:00.000Z');
    expect(parseCrmDate('15.11.2026', 'mdy')).toBe('2026-11-15T00:00:00.000Z');
    expect(parseCrmDate('11/15/2026 10:32 PM', 'mdy')).toBe('2026-11-15T22:32:00.000Z');
    expect(parseCrmDate('11/15/2026 12:05 AM', 'mdy')).toBe('2026-11-15T00:05:00.000Z');
    expect(parseCrmDate('1/5/27', 'mdy')).toBe('2027-01-05T00:00:00.000Z');
  });

  it('refuses impossible dates and other text', () => {
    for (const text of ['2/30/2027', '2027-02-29', '15/11/2026', '2026-13-01', 'tomorrow', '11/15/2026 13:00 PM', '']) {
      expect([text, parseCrmDate(text, 'mdy')]).toEqual([text, null]);
    }
  });
});

describe('a day-first file saved by Excel in Europe', () => {
  it('is read with semicolons, day-first dates (a day over 12 shows it) and dots as thousands', async () => {
    const file = readFileSync(join(import.meta.dirname, '../../../fixtures/crm/salesforce-eu.csv'));
    const read = await readDeals(file, { personaOf: () => 'p', keepDeals: true });
    expect(read).toMatchObject({ detected: 'salesforce', rows: 2, ready: 2, errors: [] });
    expect(read.deals.map((d) => [d.amount, d.createdAt.slice(0, 10), d.closedAt?.slice(0, 10)])).toEqual([
      [12000, '2027-01-15', '2027-03-04'],
      [1500, '2027-02-02', '2027-02-03'],
    ]);
    // Told otherwise, 04/03/2027 is April 3rd and 15/01/2027 no date at all.
    const told = await readDeals(file, { personaOf: () => 'p', keepDeals: false, dates: 'mdy' });
    expect(told.errors.map((e) => e.row)).toEqual([2]);
  });
});
