import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { formatFigure, periodLabel, targetLabel } from '../../../client/src/features/goals/format.ts';
import { PeriodPicker } from '../../../client/src/features/goals/PeriodPicker.tsx';
import { translate } from '../../../client/src/i18n/index.ts';
import type { Locale } from '../../../client/src/i18n/index.ts';
import { withSession, makeSession } from './session.tsx';

const tr = (locale: Locale) => (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(locale, key, params);

describe('how targets and figures read', () => {
  it('says each figure with its unit, in English and Spanish', () => {
    expect(formatFigure(tr('en'), 'en', 'winRate', 42.5)).toBe('42.5%');
    expect(formatFigure(tr('es'), 'es', 'winRate', 42.5)).toBe('42,5\u00a0%');
    expect(formatFigure(tr('en'), 'en', 'avgDealSize', 12500)).toBe('12,500');
    expect(formatFigure(tr('es'), 'es', 'pipelineCreated', 125000)).toBe('125.000');
    expect(formatFigure(tr('en'), 'en', 'salesCycleDays', 1)).toBe('1 day');
    expect(formatFigure(tr('es'), 'es', 'salesCycleDays', 30.5)).toBe('30,5 días');
    expect(formatFigure(tr('en'), 'en', 'dealsWon', null)).toBe('–');
  });

  it('names periods and targets, the sales cycle as a ceiling', () => {
    expect(periodLabel(tr('en'), 'en', '2027-Q1')).toBe('Q1 2027');
    expect(periodLabel(tr('es'), 'es', '2027-Q1')).toBe('T1 2027');
    expect(periodLabel(tr('en'), 'en', '2027-03')).toBe('March 2027');
    expect(periodLabel(tr('es'), 'es', '2027-03')).toBe('marzo de 2027');
    expect(periodLabel(tr('en'), 'en', '2027')).toBe('2027');
    expect(targetLabel(tr('en'), 'en', { metric: 'salesCycleDays', value: 45, period: '2027' })).toBe('Sales cycle at most 45 days · 2027');
    expect(targetLabel(tr('es'), 'es', { metric: 'winRate', value: 30, period: '2027-Q2' })).toBe('Tasa de cierre como mínimo 30\u00a0% · T2 2027');
  });
});

function Picker({ initial }: { initial: string }) {
  const [period, setPeriod] = useState(initial);
  return (
    <>
      <PeriodPicker value={period} onChange={setPeriod} now={new Date('2027-05-10T12:00:00Z')} />
      <output data-testid="period">{period}</output>
    </>
  );
}

describe('the period picker', () => {
  it('picks a year, quarter or month, keeping the year and landing on today’s part of it', async () => {
    render(<Picker initial="2027-Q1" />, { wrapper: withSession(makeSession({ languages: ['en'] })) });
    const period = () => screen.getByTestId('period').textContent;
    await userEvent.selectOptions(screen.getByLabelText('Period type'), 'month');
    expect(period()).toBe('2027-05');
    await userEvent.selectOptions(screen.getByLabelText('Which'), '2027-12');
    expect(period()).toBe('2027-12');
    await userEvent.selectOptions(screen.getByLabelText('Period type'), 'year');
    expect(period()).toBe('2027');
    await userEvent.selectOptions(screen.getByLabelText('Which'), '2028');
    await userEvent.selectOptions(screen.getByLabelText('Period type'), 'quarter');
    expect(period()).toBe('2028-Q1');
  });
});
