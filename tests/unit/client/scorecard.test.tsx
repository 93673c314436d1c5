import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Notice, ScorecardResponse } from '../../../shared/api.ts';
import { Attribution } from '../../../shared/persona/authors.ts';
import { readEvidence } from '../../../shared/persona/evidence.ts';
import { addTarget, signOffTarget } from '../../../shared/persona/targets.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { useEvidence } from '../../../client/src/features/evidence/useEvidence.ts';
import { NoticesIndicator } from '../../../client/src/features/goals/Notices.tsx';
import { ScorecardView } from '../../../client/src/features/goals/ScorecardView.tsx';
import { useTargets } from '../../../client/src/features/goals/useTargets.ts';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import type { Participant } from '../../../client/src/session/user.ts';
import { DIRECTORY, MARA, recordEveryone, SAM, writeAs } from '../shared/authored.ts';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';
import { MemoryRouter } from 'react-router';

function withApi(api: ApiClient) {
  const session = makeSession({ role: 'editor' });
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <SessionProvider store={session}>
        <ApiProvider api={api}>
          <MemoryRouter>{children}</MemoryRouter>
        </ApiProvider>
      </SessionProvider>
    );
  };
}

const sam: Participant = { name: 'Sam', side: 'sales', color: '#ea580c' };
const mara: Participant = { name: 'Mara', side: 'marketing', color: '#2563eb' };

function Scorecard({ doc, participant }: { doc: Y.Doc; participant: Participant }) {
  const attribution = Attribution.of(doc, DIRECTORY);
  const targets = useTargets(doc, attribution);
  const evidence = useEvidence(doc, attribution);
  return <ScorecardView doc={doc} personaId="cfo" participant={participant} readOnly={false} targets={targets} evidence={evidence.items} imports={0} />;
}

function agreedDoc(writer: number): { doc: Y.Doc; id: string } {
  const doc = recordEveryone(new Y.Doc());
  const target = addTarget(doc, { metric: 'winRate', value: 30, period: '2027-Q1' });
  writeAs(doc, MARA.clientId, () => signOffTarget(doc, target.id, { by: 'Mara', side: 'marketing' }));
  writeAs(doc, SAM.clientId, () => signOffTarget(doc, target.id, { by: 'Sam', side: 'sales' }));
  doc.clientID = writer;
  return { doc, id: target.id };
}

function response(id: string): ScorecardResponse {
  return {
    period: '2027-Q1',
    targets: [{ id, metric: 'winRate', value: 30, period: '2027-Q1', agreed: true, actual: 40, met: true }],
    actuals: {
      winRate: 40,
      avgDealSize: 12500,
      salesCycleDays: 31,
      dealsWon: 2,
      pipelineCreated: null,
      lossReasons: [
        { reason: 'Price too high', count: 2 },
        { reason: 'Chose a competitor', count: 1 },
      ],
    },
    basis: { importId: 'imp1', at: '2027-03-31T10:00:00.000Z', deals: 5 },
    trend: [
      { importId: 'imp0', at: '2027-02-01T10:00:00.000Z', winRate: 20, avgDealSize: 9000, salesCycleDays: 40, dealsWon: 1, pipelineCreated: null },
      { importId: 'imp1', at: '2027-03-31T10:00:00.000Z', winRate: 40, avgDealSize: 12500, salesCycleDays: 31, dealsWon: 2, pipelineCreated: null },
    ],
    periods: ['2027-Q1'],
  };
}

describe('the scorecard in the Goals tab', () => {
  it('[§8] shows each target against its actual, met, the trend, and loss reasons most frequent first', async () => {
    const { doc, id } = agreedDoc(SAM.clientId);
    const getScorecard = vi.fn<ApiClient['getScorecard']>().mockResolvedValue(response(id));
    render(<Scorecard doc={doc} participant={sam} />, { wrapper: withApi(fakeApiClient({ getScorecard })) });
    const table = await screen.findByTestId('scorecard-targets');
    expect(getScorecard).toHaveBeenCalledWith('cfo', '2027-Q1', expect.any(AbortSignal));
    const targetRow = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(targetRow.getAttribute('data-met')).toBe('true');
    expect(targetRow.textContent).toContain('Win rate');
    expect(targetRow.textContent).toContain('Agreed');
    expect(targetRow.textContent).toContain('40%');
    expect(targetRow.textContent).toContain('Met');
    expect(screen.getByTestId('scorecard-basis').textContent).toContain('5 deals of this persona');
    expect((await screen.findByTestId('trend-chart')).textContent).toContain('Win rate over 2 imports, latest 40%.');
    expect(within(screen.getByTestId('loss-reasons')).getAllByRole('listitem').map((li) => li.getAttribute('data-reason'))).toEqual(['Price too high', 'Chose a competitor']);
  });

  it('[§6] a sales member adds a loss reason as sales evidence with its count and source, once', async () => {
    const { doc, id } = agreedDoc(SAM.clientId);
    const getScorecard = vi.fn<ApiClient['getScorecard']>().mockResolvedValue(response(id));
    render(<Scorecard doc={doc} participant={sam} />, { wrapper: withApi(fakeApiClient({ getScorecard })) });
    await userEvent.click(await screen.findByRole('button', { name: 'Add “Price too high” as sales evidence' }));
    const [item] = readEvidence(doc, Attribution.of(doc, DIRECTORY)).items;
    expect(item).toMatchObject({ side: 'sales', kind: 'objection', text: 'Price too high', source: 'CRM import Mar 31, 2027 · 2 lost deals', author: 'Sam', section: 'objections' });
    await waitFor(() => expect(within(screen.getByTestId('loss-reasons')).getAllByRole('listitem')[0]?.textContent).toContain('Added'));
  });

  it('a marketing member cannot add sales evidence, and is told why', async () => {
    const { doc, id } = agreedDoc(MARA.clientId);
    const getScorecard = vi.fn<ApiClient['getScorecard']>().mockResolvedValue(response(id));
    render(<Scorecard doc={doc} participant={mara} />, { wrapper: withApi(fakeApiClient({ getScorecard })) });
    const buttons = await screen.findAllByTestId('loss-add');
    expect(buttons.every((button) => (button as HTMLButtonElement).disabled)).toBe(true);
    expect(screen.getByTestId('loss-not-sales').textContent).toBe('Only members of the sales team add sales evidence.');
  });

  it('says there is no import yet, and offers a retry when the scorecard fails', async () => {
    const { doc, id } = agreedDoc(SAM.clientId);
    const empty = { ...response(id), basis: null, trend: [], targets: [{ ...response(id).targets[0], actual: null, met: null }] } as ScorecardResponse;
    const getScorecard = vi.fn<ApiClient['getScorecard']>().mockRejectedValueOnce(new Error('boom')).mockResolvedValue(empty);
    render(<Scorecard doc={doc} participant={sam} />, { wrapper: withApi(fakeApiClient({ getScorecard })) });
    await userEvent.click(await screen.findByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('scorecard-no-import')).textContent).toContain('No CRM import yet');
    expect(screen.getByTestId('scorecard-targets').textContent).toContain('No deals');
  });
});

describe('notices of a met target', () => {
  const notice: Notice = {
    id: 'n1',
    at: new Date().toISOString(),
    personaId: 'cfo',
    personaName: 'María, CFO',
    kind: 'target-met',
    detail: { targetId: 't1', metric: 'winRate', period: '2027-Q1', value: 30, actual: 40 },
    readAt: null,
  };

  it('shows the unread count in the header, the list, and marks one read', async () => {
    const listNotices = vi.fn<ApiClient['listNotices']>().mockResolvedValue([notice]);
    const markNoticeRead = vi.fn<ApiClient['markNoticeRead']>().mockResolvedValue(undefined);
    render(<NoticesIndicator />, { wrapper: withApi(fakeApiClient({ listNotices, markNoticeRead })) });
    const bell = await screen.findByRole('button', { name: '1 new notice' });
    await userEvent.click(bell);
    const list = await screen.findByTestId('notices-list');
    expect(list.textContent).toContain('María, CFO: Win rate target met for Q1 2027, 40% against 30%');
    await userEvent.click(within(list).getByTestId('notice-read'));
    expect(markNoticeRead).toHaveBeenCalledWith('n1');
    expect(screen.getByTestId('notices').getAttribute('data-unread')).toBe('0');
  });
});
