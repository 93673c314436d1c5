// Scorecard periods (SPEC §8): a year `2027`, a quarter `2027-Q1` or a month `2027-01`, in UTC.
export type PeriodKind = 'year' | 'quarter' | 'month';

/** A period's text as the API and the document carry it. */
export type Period = string;

export interface ParsedPeriod {
  kind: PeriodKind;
  year: number;
  /** The quarter (1–4) or month (1–12); null for a year. */
  part: number | null;
  /** First instant in it (inclusive), UTC. */
  start: Date;
  /** First instant after it (exclusive), UTC. */
  end: Date;
}

export const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** The period, or null when the text is not one. */
export function parsePeriod(text: string): ParsedPeriod | null {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1970) return null;
  if (match[2] !== undefined) {
    const quarter = Number(match[2]);
    return { kind: 'quarter', year, part: quarter, start: utc(year, (quarter - 1) * 3), end: utc(year, quarter * 3) };
  }
  if (match[3] !== undefined) {
    const month = Number(match[3]);
    return { kind: 'month', year, part: month, start: utc(year, month - 1), end: utc(year, month) };
  }
  return { kind: 'year', year, part: null, start: utc(year, 0), end: utc(year + 1, 0) };
}

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && parsePeriod(value) !== null;
}

/** Whether an ISO date or date-time falls in the period, read in UTC. False for a date that cannot be read. */
export function periodContains(period: Period | ParsedPeriod, isoDate: string): boolean {
  const parsed = typeof period === 'string' ? parsePeriod(period) : period;
  const time = Date.parse(isoDate);
  if (parsed === null || Number.isNaN(time)) return false;
  return time >= parsed.start.getTime() && time < parsed.end.getTime();
}

/** Sorts periods by start, a year before its quarters before their months. */
export function comparePeriods(a: Period, b: Period): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (pa === null || pb === null) return a.localeCompare(b);
  return pa.start.getTime() - pb.start.getTime() || kindRank(pa.kind) - kindRank(pb.kind);
}

/** The period of a kind that holds an instant (UTC), e.g. the current quarter. */
export function periodOf(kind: PeriodKind, at: Date): Period {
  const year = String(at.getUTCFullYear()).padStart(4, '0');
  const month = at.getUTCMonth();
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.floor(month / 3) + 1}`;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The periods of every kind that hold an instant: year, quarter, month. */
export function periodsAt(at: Date): Period[] {
  return [periodOf('year', at), periodOf('quarter', at), periodOf('month', at)];
}

function kindRank(kind: PeriodKind): number {
  return kind === 'year' ? 0 : kind === 'quarter' ? 1 : 2;
}

function utc(year: number, monthIndex: number): Date {
  return new Date(Date.UTC(year, monthIndex, 1));
}
