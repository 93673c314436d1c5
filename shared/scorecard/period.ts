// Scorecard periods (SPEC §8): a year `2027`, a quarter `2027-Q1` or a month `2027-01`. Pure, Yjs-free.
// PROVISIONAL client copy until i16-server's shared/scorecard lands.

export type PeriodKind = 'year' | 'quarter' | 'month';

export interface ParsedPeriod {
  kind: PeriodKind;
  year: number;
  /** Quarter 1–4 or month 1–12; 0 for a year. */
  part: number;
}

const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export function parsePeriod(value: string): ParsedPeriod | null {
  const match = PERIOD_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) return { kind: 'quarter', year, part: Number(match[2]) };
  if (match[3]) return { kind: 'month', year, part: Number(match[3]) };
  return { kind: 'year', year, part: 0 };
}

export function isPeriod(value: unknown): value is string {
  return typeof value === 'string' && parsePeriod(value) !== null;
}

export function formatPeriod({ kind, year, part }: ParsedPeriod): string {
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${part}`;
  return `${year}-${String(part).padStart(2, '0')}`;
}

/** The UTC bounds [start, end) of a period. */
export function periodBounds(period: ParsedPeriod): { start: Date; end: Date } {
  const { kind, year, part } = period;
  if (kind === 'year') return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
  if (kind === 'quarter') return { start: new Date(Date.UTC(year, (part - 1) * 3, 1)), end: new Date(Date.UTC(year, part * 3, 1)) };
  return { start: new Date(Date.UTC(year, part - 1, 1)), end: new Date(Date.UTC(year, part, 1)) };
}

/** Whether an ISO date (or date-time, UTC) falls in the period. */
export function periodContains(period: string, isoDate: string): boolean {
  const parsed = parsePeriod(period);
  const at = Date.parse(isoDate);
  if (!parsed || Number.isNaN(at)) return false;
  const { start, end } = periodBounds(parsed);
  return at >= start.getTime() && at < end.getTime();
}

/** The period of a kind that contains `date` (UTC). */
export function periodOf(kind: PeriodKind, date: Date): string {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  if (kind === 'year') return formatPeriod({ kind, year, part: 0 });
  if (kind === 'quarter') return formatPeriod({ kind, year, part: Math.ceil(month / 3) });
  return formatPeriod({ kind, year, part: month });
}
