import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Checkpoint, CheckpointContent } from '../../../shared/api.ts';
import { Attribution } from '../../../shared/persona/authors.ts';
import { SECTION_KEYS } from '../../../shared/persona/schema.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import { HistoryPanel } from '../../../client/src/features/history/HistoryPanel.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

const AT = new Date(Date.now() - 10 * 60_000).toISOString();
const CHECKPOINT: Checkpoint = {
  id: '7',
  at: AT,
  kind: 'publish',
  authors: [
    { id: 'm1', name: 'Mara Marketing', team: 'marketing' },
    { id: 's1', name: 'Sam Sales', team: 'sales' },
  ],
};

const paragraph = (text: string) => ({ type: 'doc' as const, content: text ? [{ type: 'paragraph', content: [{ type: 'text', text }] }] : [] });

const CONTENT: CheckpointContent = {
  id: 'maria',
  profile: { name: 'María', role: 'CFO', segment: 'Retail', companySize: '', location: '', avatar: '', createdAt: AT },
  sections: Object.fromEntries(SECTION_KEYS.map((key) => [key, paragraph(key === 'summary' ? 'La señora Núñez decide.' : '')])) as CheckpointContent['sections'],
  evidence: [],
  signoff: {},
  checkpoint: CHECKPOINT,
};

const notPublished = () => Promise.reject(new ApiRequestError('not_found', 'Persona maria has not been published', 404));

function renderPanel(api: ApiClient, readOnly = false) {
  render(
    <SessionProvider store={makeSession({ role: 'editor' })}>
      <ApiProvider api={api}>
        <HistoryPanel personaId="maria" doc={new Y.Doc()} attribution={new Attribution(new Map(), new Map())} readOnly={readOnly} />
      </ApiProvider>
    </SessionProvider>,
  );
  return userEvent.setup();
}

describe('the History tab', () => {
  it('says what to expect when there is no checkpoint or version yet', async () => {
    renderPanel(fakeApiClient({ getHistory: vi.fn(() => Promise.resolve([])), getPublished: vi.fn(notPublished) }));
    expect(screen.getByRole('status').textContent).toContain('Loading the history…');
    expect(await screen.findByText(/No checkpoints yet/)).toBeTruthy();
    expect(screen.getByText(/Not published yet/)).toBeTruthy();
  });

  it('says what failed and loads again on Try again', async () => {
    const getHistory = vi
      .fn<ApiClient['getHistory']>()
      .mockRejectedValueOnce(new ApiRequestError('network', 'down', null))
      .mockResolvedValueOnce([CHECKPOINT]);
    const user = renderPanel(fakeApiClient({ getHistory, getPublished: vi.fn(notPublished) }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The history could not be loaded.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Before a publish')).toBeTruthy();
  });

  it('lists who changed what, opens a checkpoint read-only with what changed since, and restores it after a confirm', async () => {
    const restoreDraft = vi.fn<ApiClient['restoreDraft']>(() => Promise.resolve({ checkpoint: '8' }));
    const getHistory = vi.fn<ApiClient['getHistory']>(() => Promise.resolve([CHECKPOINT]));
    const api = fakeApiClient({ getHistory, getPublished: vi.fn(notPublished), getCheckpoint: vi.fn(() => Promise.resolve(CONTENT)), restoreDraft });
    const user = renderPanel(api);
    const entry = await screen.findByRole('button', { name: /Open the checkpoint of .*Before a publish/ });
    expect(entry.textContent).toContain('Mara Marketing');
    expect(entry.textContent).toContain('Sam Sales');
    expect(within(entry).getByText('Marketing')).toBeTruthy();

    await user.click(entry);
    const view = await screen.findByTestId('history-content');
    expect(view.textContent).toContain('La señora Núñez decide.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /Checkpoint of/ }));
    expect(screen.getByText(/The draft now, against this one/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Restore this' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toMatch(/undo this by restoring that checkpoint/);
    expect(restoreDraft).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(restoreDraft).toHaveBeenCalledWith('maria', { checkpoint: '7' }));
    expect((await screen.findByTestId('history-restored')).textContent).toMatch(/To undo it/);
    expect(getHistory).toHaveBeenCalledTimes(2);
  });

  it('offers no Restore to someone who may only read', async () => {
    const user = renderPanel(
      fakeApiClient({ getHistory: vi.fn(() => Promise.resolve([CHECKPOINT])), getPublished: vi.fn(notPublished), getCheckpoint: vi.fn(() => Promise.resolve(CONTENT)) }),
      true,
    );
    await user.click(await screen.findByRole('button', { name: /Open the checkpoint/ }));
    await screen.findByTestId('history-content');
    expect(screen.queryByRole('button', { name: 'Restore this' })).toBeNull();
  });
});
