import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { ActivityEventView, ActivityResponse } from '../../../shared/api.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import { ActivityPanel } from '../../../client/src/features/activity/ActivityPanel.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

const ana = { id: 'm-ana', name: 'Ana', team: 'marketing' as const };
const sam = { id: 'm-sam', name: 'Sam', team: 'sales' as const };
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const DAY = 24 * 3600_000;

const EVENTS: ActivityEventView[] = [
  { at: minutesAgo(1), member: sam, type: 'signed-off', detail: { key: 'goals:sales', section: 'goals', side: 'sales' } },
  { at: minutesAgo(2), member: ana, type: 'sign-off-withdrawn', detail: { key: 'target:t1:marketing', side: 'marketing' } },
  { at: minutesAgo(3), member: null, type: 'edited', detail: { section: 'profile' } },
  { at: minutesAgo(4), member: ana, type: 'evidence-added', detail: { id: 'e1', side: 'marketing', kind: 'metric', text: '62 % compare prices', section: 'pains' } },
  { at: minutesAgo(5), member: sam, type: 'replied', detail: { thread: 't', section: 'objections' } },
  { at: new Date(Date.now() - DAY).toISOString(), member: ana, type: 'published', detail: { version: 3 } },
  { at: new Date(Date.now() - 3 * DAY).toISOString(), member: ana, type: 'created', detail: {} },
  { at: new Date(Date.now() - 3 * DAY).toISOString(), member: ana, type: 'something-new', detail: {} },
];

function renderPanel(getActivity: ApiClient['getActivity'], languages = ['en']) {
  const onGoToSection = vi.fn();
  render(
    <SessionProvider store={makeSession({ role: 'editor', languages })}>
      <ApiProvider api={fakeApiClient({ getActivity })}>
        <ActivityPanel personaId="p1" doc={new Y.Doc()} onGoToSection={onGoToSection} />
      </ApiProvider>
    </SessionProvider>,
  );
  return { onGoToSection };
}

const rows = () => screen.getAllByRole('listitem').map((li) => li.textContent);

describe('ActivityPanel', () => {
  it('[§7] shows loading, then each event as a sentence with its member, by day, newest first', async () => {
    let answer: (response: ActivityResponse) => void = () => {};
    renderPanel(() => new Promise((resolve) => (answer = resolve)));
    expect(screen.getByRole('status').textContent).toContain('Loading the activity…');
    act(() => answer({ events: EVENTS }));
    await screen.findAllByRole('listitem');
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Today',
      'Yesterday',
      expect.stringMatching(/\d/),
    ]);
    expect(rows()).toEqual([
      expect.stringMatching(/^Sam.*signed off Goals for Sales/),
      expect.stringMatching(/^Ana.*withdrew a Marketing sign-off of a target/),
      expect.stringMatching(/^Operator.*edited the profile/),
      expect.stringMatching(/^Ana.*added evidence \(Metric\).*62 % compare prices/),
      expect.stringMatching(/^Sam.*replied in a thread on Objections/),
      expect.stringMatching(/^Ana.*published version 3/),
      expect.stringMatching(/^Ana.*created the persona/),
      expect.stringMatching(/^Ana.*changed the persona/),
    ]);
    expect(within(screen.getAllByRole('listitem')[0] as HTMLElement).getByText('Sales')).toBeTruthy();
  });

  it('[§7] speaks Spanish', async () => {
    renderPanel(() => Promise.resolve({ events: EVENTS.slice(0, 4) }), ['es']);
    await screen.findAllByRole('listitem');
    expect(rows()).toEqual([
      expect.stringMatching(/Sam.*aprobó Objetivos por Ventas/),
      expect.stringMatching(/Ana.*retiró una aprobación de Marketing de un objetivo/),
      expect.stringMatching(/Operador.*editó el perfil/),
      expect.stringMatching(/Ana.*añadió evidencia \(Métrica\)/),
    ]);
  });

  it('leads from an event on a section to that section, by keyboard too', async () => {
    const { onGoToSection } = renderPanel(() => Promise.resolve({ events: EVENTS }));
    const button = await screen.findByRole('button', { name: /added evidence/ });
    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(onGoToSection).toHaveBeenCalledWith('pains');
    // The profile and publishing lead nowhere: they are not buttons.
    expect(screen.queryByRole('button', { name: /edited the profile/ })).toBeNull();
  });

  it('shows older activity on request, asking for more of the newest', async () => {
    const many = (n: number): ActivityEventView[] =>
      Array.from({ length: n }, (_, i) => ({ at: minutesAgo(i), member: ana, type: 'edited', detail: { section: 'goals' } }));
    const getActivity = vi.fn<ApiClient['getActivity']>((_id, _signal, limit) => Promise.resolve({ events: many(limit === 100 ? 100 : 150) }));
    renderPanel(getActivity);
    // Text queries: role queries over hundreds of rows are slow in jsdom.
    await userEvent.click(await screen.findByText('Show older activity'));
    await vi.waitFor(() => expect(document.querySelectorAll('.activity__event')).toHaveLength(150));
    expect(getActivity.mock.calls.map((call) => call[2])).toEqual([100, 200]);
    expect(screen.queryByText('Show older activity')).toBeNull();
    // A hundred rows and more take a while in jsdom on a busy machine.
  }, 15_000);

  it('says when nothing happened yet, and when the activity cannot be loaded, with a retry', async () => {
    const getActivity = vi
      .fn<ApiClient['getActivity']>()
      .mockRejectedValueOnce(new ApiRequestError('network', 'down', null))
      .mockResolvedValueOnce({ events: [] });
    renderPanel(getActivity);
    expect((await screen.findByRole('alert')).textContent).toContain('The activity could not be loaded.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/Nothing has happened here yet/)).toBeTruthy();
    expect(getActivity).toHaveBeenCalledTimes(2);
  });
});
