import { useId } from 'react';
import type { ParsedPeriod, PeriodKind } from '../../../../shared/scorecard/periods.ts';
import { parsePeriod, periodOf } from '../../../../shared/scorecard/periods.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { periodLabel } from './format.ts';

const KINDS = ['year', 'quarter', 'month'] as const satisfies readonly PeriodKind[];
const KIND_LABELS = { year: 'goals.period.year', quarter: 'goals.period.quarter', month: 'goals.period.month' } as const;

function formatPeriod(kind: PeriodKind, year: number, part: number | null): string {
  if (kind === 'year' || part === null) return String(year);
  return kind === 'quarter' ? `${year}-Q${part}` : `${year}-${String(part).padStart(2, '0')}`;
}
const YEARS_AROUND = 3;

/** A year, quarter or month: the kind, then which one (years around the current one). */
export function PeriodPicker({ value, onChange, now = new Date() }: { value: string; onChange: (period: string) => void; now?: Date }) {
  const t = useT();
  const locale = useLocale();
  const kindId = useId();
  const whichId = useId();
  const parsed: Pick<ParsedPeriod, 'kind' | 'year' | 'part'> = parsePeriod(value) ?? { kind: 'quarter', year: now.getUTCFullYear(), part: 1 };
  const thisYear = now.getUTCFullYear();
  const years = Array.from({ length: YEARS_AROUND * 2 + 1 }, (_, i) => thisYear - YEARS_AROUND + i);
  if (!years.includes(parsed.year)) years.push(parsed.year);

  const options: string[] = years.flatMap((year) => {
    if (parsed.kind === 'year') return [String(year)];
    const parts = parsed.kind === 'quarter' ? 4 : 12;
    return Array.from({ length: parts }, (_, i) => formatPeriod(parsed.kind, year, i + 1));
  });

  function changeKind(kind: PeriodKind) {
    // Keep the year; pick the part that holds today's date in it, or the first.
    const reference = parsed.year === thisYear ? now : new Date(Date.UTC(parsed.year, 0, 1));
    onChange(periodOf(kind, reference));
  }

  return (
    <fieldset className="period-picker">
      <legend className="field__label">{t('goals.period')}</legend>
      <label className="visually-hidden" htmlFor={kindId}>
        {t('goals.period.kind')}
      </label>
      <select id={kindId} className="input" value={parsed.kind} onChange={(e) => changeKind(e.target.value as PeriodKind)} data-testid="period-kind">
        {KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(KIND_LABELS[kind])}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor={whichId}>
        {t('goals.period.which')}
      </label>
      <select id={whichId} className="input" value={formatPeriod(parsed.kind, parsed.year, parsed.part)} onChange={(e) => onChange(e.target.value)} data-testid="period-which">
        {options.map((period) => (
          <option key={period} value={period}>
            {periodLabel(t, locale, period)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
