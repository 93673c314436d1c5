import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { PublishedPersona, ReportResponse, Scorecard } from '../../../shared/api.ts';
import { SECTION_KEYS } from '../../../shared/persona/schema.ts';
import type { RichTextDoc, SectionKey } from '../../../shared/persona/types.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { LibraryGoals } from '../../../client/src/features/library/LibraryGoals.tsx';
import ReportPage from '../../../client/src/features/report/ReportPage.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

function Where() {
  const location = useLocation();
  return <output data-testid="where">{`${location.pathname}${location.search}`}</output>;
}

function wrapper(api: ApiClient, url: string, languages: readonly string[] = ['en']) {
  const session = makeSession({ role: 'editor', languages });
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <SessionProvider store={session}>
        <ApiProvider api={api}>
          <MemoryRouter initialEntries={[url]}>
            <Routes>
              <Route path="*" element={<>{children}<Where /></>} />
            </Routes>
          </MemoryRouter>
        </ApiProvider>
      </SessionProvider>
    );
  };
}

const SCORECARD: Scorecard = {
  period: '2027-Q1',
  targets: [
    { id: 't1', metric: 'dealsWon', value: 2, period: '2027-Q1', agreed: true, actual: 3, met: true },
    { id: 't2', metric: 'salesCycleDays', value: 30, period: '2027-Q1', agreed: false, actual: 41, met: false },
  ],
  actuals: { winRate: 60, avgDealSize: 10250, salesCycleDays: 41, dealsWon: 3, pipelineCreated: null, lossReasons: [] },
  basis: { importId: 'i1', at: '2027-03-31T10:00:00.000Z', deals: 5 },
};

const report = (period: string, personas: ReportResponse['personas']): ReportResponse => ({ period, personas });

describe('the Joint report page', () => {
  it('[§8] lists every persona’s scorecard for the period side by side: targets, actuals, met and who agreed', async () => {
    const getReport = vi.fn<ApiClient['getReport']>().mockImplementation(async (period) =>
      report(period, [{ id: 'cfo', name: 'María, CFO', scorecard: { ...SCORECARD, period, trend: [], periods: [period] }, agreedBy: { marketing: ['Mara'], sales: ['Sam'] } }]),
    );
    render(<ReportPage />, { wrapper: wrapper(fakeApiClient({ getReport, listNotices: vi.fn().mockResolvedValue([]) }), '/report?period=2027-Q1') });
    const card = await screen.findByTestId('report-card');
    expect(getReport).toHaveBeenCalledWith('2027-Q1', expect.any(AbortSignal));
    expect(card.textContent).toContain('María, CFO');
    expect(card.textContent).toContain('1 of 2 targets met');
    expect(within(card).getByText('Mara').closest('[data-side]')?.getAttribute('data-side')).toBe('marketing');
    expect(within(card).getByText('Sam').closest('[data-side]')?.getAttribute('data-side')).toBe('sales');
    const rows = within(card).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-met'))).toEqual(['true', 'false']);
    expect(rows[0]?.textContent).toContain('Agreed');
    expect(rows[1]?.textContent).toContain('Proposed');

    // Another period: the address says it, and the report is asked for it.
    await userEvent.selectOptions(screen.getByLabelText('Which'), '2027-Q2');
    expect(screen.getByTestId('where').textContent).toBe('/report?period=2027-Q2');
    await vi.waitFor(() => expect(getReport).toHaveBeenLastCalledWith('2027-Q2', expect.any(AbortSignal)));
  });

  it('says there is nothing to report, and offers a retry when the report fails', async () => {
    const getReport = vi.fn<ApiClient['getReport']>().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(report('2027', []));
    render(<ReportPage />, { wrapper: wrapper(fakeApiClient({ getReport, listNotices: vi.fn().mockResolvedValue([]) }), '/report?period=2027') });
    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('report-empty')).textContent).toContain('Nothing to report for 2027');
  });

  it('speaks Spanish', async () => {
    const getReport = vi.fn<ApiClient['getReport']>().mockResolvedValue(report('2027-Q1', []));
    render(<ReportPage />, { wrapper: wrapper(fakeApiClient({ getReport, listNotices: vi.fn().mockResolvedValue([]) }), '/report?period=2027-Q1', ['es']) });
    expect((await screen.findByTestId('report-empty')).textContent).toContain('No hay nada que informar en T1 2027');
  });
});

const blank: RichTextDoc = { type: 'doc', content: [] };

describe('a published version’s goals in the library', () => {
  it('[§8] shows the frozen targets with who signed them, and each period’s scorecard as published', () => {
    const persona = {
      targets: [
        { id: 't1', metric: 'dealsWon', value: 2, period: '2027-Q1', agreed: true, signoffs: { marketing: { by: 'Mara', memberId: 'a', at: '2027-01-02T10:00:00.000Z', stale: false }, sales: { by: 'Sam', memberId: 'b', at: '2027-01-02T10:00:00.000Z', stale: false } } },
        { id: 't2', metric: 'salesCycleDays', value: 30, period: '2027-Q1', agreed: false, signoffs: { marketing: null, sales: { by: 'Sam', memberId: 'b', at: '2027-01-02T10:00:00.000Z', stale: true } } },
      ],
      scorecards: [SCORECARD],
      sections: Object.fromEntries(SECTION_KEYS.map((key) => [key, blank])) as Record<SectionKey, RichTextDoc>,
    } as unknown as PublishedPersona;
    render(<LibraryGoals persona={persona} />, { wrapper: wrapper(fakeApiClient({}), '/library/cfo') });
    const goals = screen.getByTestId('library-goals');
    const [agreed, proposed] = Array.from(goals.querySelectorAll<HTMLElement>('.target'));
    expect(agreed?.getAttribute('data-agreed')).toBe('true');
    expect(agreed?.textContent).toContain('Signed by Mara, Sam');
    expect(proposed?.getAttribute('data-agreed')).toBe('false');
    expect(proposed?.textContent).toContain('Not signed by both teams');
    const scorecard = screen.getByTestId('library-scorecard');
    expect(scorecard.textContent).toContain('Scorecard Q1 2027');
    expect(scorecard.textContent).toContain('As published: from the import of Mar 31, 2027, 5 deals');
  });

  it('says so when a version has no targets', () => {
    render(<LibraryGoals persona={{} as PublishedPersona} />, { wrapper: wrapper(fakeApiClient({}), '/library/cfo') });
    expect(screen.getByTestId('library-goals').textContent).toContain('This version has no targets.');
  });
});
