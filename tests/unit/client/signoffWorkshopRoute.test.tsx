import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useParams } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import WorkshopRoute from '../../../client/src/features/workshop/WorkshopPage.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import type { SessionStore } from '../../../client/src/session/store.ts';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession, meAs } from './session.tsx';

function Library() {
  return <p data-testid="library-page">{`library of ${useParams().id ?? ''}`}</p>;
}

function renderRoute(store: SessionStore) {
  render(
    <SessionProvider store={store}>
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

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('the workshop route', () => {
  it('[S2] shows a reader the published library instead, and opens no socket', () => {
    const sockets = vi.fn();
    vi.stubGlobal('WebSocket', sockets);
    renderRoute(makeSession({ role: 'viewer' }));
    expect(screen.getByTestId('reader-screen').textContent).toContain('Readers see the published library');
    expect(screen.getByTestId('reader-library-link').getAttribute('href')).toBe('/library/maria');
    expect(screen.queryByTestId('join-dialog')).toBeNull();
    expect(sockets).not.toHaveBeenCalled();
  });

  it('[§4] asks an operator token for a name and side before the workshop opens', () => {
    renderRoute(makeSession({ me: meAs('editor', { operator: true }) }));
    expect(screen.queryByTestId('reader-screen')).toBeNull();
    expect(screen.getByTestId('join-dialog')).toBeTruthy();
  });

  it('[§4] never asks a member who they are, even with a stored participant absent', () => {
    const sockets = vi.fn(function FakeSocket(this: Record<string, unknown>) {
      this['close'] = () => undefined;
      this['send'] = () => undefined;
    });
    vi.stubGlobal('WebSocket', sockets);
    renderRoute(makeSession({ me: meAs('editor', { member: { id: 'ana', name: 'Ana Ruiz', team: 'marketing' } }) }));
    expect(screen.queryByTestId('join-dialog')).toBeNull();
    expect(screen.getByTestId('account-name').textContent).toBe('Ana Ruiz');
    expect(sockets).toHaveBeenCalled();
  });
});
