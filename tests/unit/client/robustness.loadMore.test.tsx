// Issue 14, item 7: the persona list comes in pages; the home page shows more on request.
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { PersonaSummary } from '../../../shared/api.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { HomePage } from '../../../client/src/features/personas/HomePage.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

const persona = (i: number): PersonaSummary => ({
  id: `p${i}`,
  name: `Persona ${i}`,
  role: '',
  segment: '',
  updatedAt: new Date(Date.now() - i * 60_000).toISOString(),
  evidence: { marketing: 0, sales: 0 },
  publishedVersion: null,
  publishedAt: null,
  archived: false,
  trashedAt: null,
  eraseAt: null,
  lastChangedBy: null,
});

const names = () => [...screen.getByTestId('persona-list').querySelectorAll('.persona-card__name')].map((n) => n.textContent);

describe('issue 14 item 7: the home page loads the persona list page by page', () => {
  it('shows the first page, then the next ones on "Show more personas", until there are no more', async () => {
    const listPersonas = vi.fn<ApiClient['listPersonas']>((_signal, _view, cursor) =>
      Promise.resolve(
        cursor === undefined
          ? { personas: [persona(1), persona(2)], nextCursor: 'c2' }
          : cursor === 'c2'
            ? { personas: [persona(3), persona(4)], nextCursor: 'c4' }
            : { personas: [persona(5)], nextCursor: null },
      ),
    );
    render(
      <SessionProvider store={makeSession({ role: 'editor' })}>
        <ApiProvider api={fakeApiClient({ listPersonas })}>
          <MemoryRouter>
            <HomePage />
          </MemoryRouter>
        </ApiProvider>
      </SessionProvider>,
    );
    await screen.findByTestId('persona-list');
    expect(names()).toEqual(['Persona 1', 'Persona 2']);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Show more personas' }));
    await vi.waitFor(() => expect(names()).toEqual(['Persona 1', 'Persona 2', 'Persona 3', 'Persona 4']));
    await user.click(screen.getByRole('button', { name: 'Show more personas' }));
    await vi.waitFor(() => expect(names()).toHaveLength(5));
    expect(screen.queryByTestId('load-more')).toBeNull();
    expect(listPersonas.mock.calls.map((call) => call[2])).toEqual([undefined, 'c2', 'c4']);
  });
});
