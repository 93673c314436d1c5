import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import WorkshopRoute from '../../../client/src/features/workshop/WorkshopPage.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

/** An unsigned token that claims a role: the client only reads it to choose what to show. */
const tokenFor = (role: string) => `e30.${btoa(JSON.stringify({ role })).replace(/=+$/, '')}.sig`;

function Library() {
  return <p data-testid="library-page">{`library of ${useParams().id ?? ''}`}</p>;
}

function renderRoute(token: string) {
  render(
    <SessionProvider store={makeSession({ token })}>
      <ApiProvider api={fakeApiClient({})}>
        <MemoryRouter initialEntries={['/p/maria']}>
          <Routes>
            <Route path="/p/:id" element={<WorkshopRoute />} />
            <Route path="/library/:id" element={<Library />} />
          </Routes>
        </MemoryRouter>
      </ApiProvider>
    </SessionProvider>,
  );
}

describe('the workshop route', () => {
  it('sends a viewer to the persona in the library', () => {
    renderRoute(tokenFor('viewer'));
    expect(screen.getByTestId('library-page').textContent).toBe('library of maria');
    expect(screen.queryByTestId('join-dialog')).toBeNull();
  });

  it('opens the workshop for an editor (asking who they are first)', () => {
    renderRoute(tokenFor('editor'));
    expect(screen.queryByTestId('library-page')).toBeNull();
    expect(screen.getByTestId('join-dialog')).toBeTruthy();
  });
});
