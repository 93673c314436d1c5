// Issue 14, item 7: the workshop says when saving fails (while it lasts) and when a change was
// refused for the persona's size (4413), in English and Spanish.
import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { problemOf } from '../../../client/src/collab/personaRoom.ts';
import { PersonaHealthScreen, SavingFailsNotice } from '../../../client/src/features/health/HealthNotices.tsx';
import { SERVER_PRESENCE_FIELD } from '../../../shared/presence.ts';
import { CloseCodes } from '../../../shared/protocol.ts';
import { makeSession, withSession } from './session.tsx';

/** The server's own awareness, as a room would set it, reaching this browser's awareness. */
function serverSays(browser: Awareness, server: Awareness, state: Record<string, unknown> | null): void {
  server.setLocalState(state);
  applyAwarenessUpdate(browser, encodeAwarenessUpdate(server, [server.clientID]), 'server');
}

describe('issue 14: health notices in the workshop', () => {
  it('shows "saving is failing, your edits are kept" while the server says so, in both languages', () => {
    const browser = new Awareness(new Y.Doc());
    const server = new Awareness(new Y.Doc());
    const store = makeSession();
    render(<SavingFailsNotice awareness={browser} />, { wrapper: withSession(store) });
    expect(screen.queryByTestId('saving-failing')).toBeNull();
    act(() => serverSays(browser, server, { [SERVER_PRESENCE_FIELD]: { saving: 'failing' } }));
    expect(screen.getByTestId('saving-failing').textContent).toContain('Saving is failing, your edits are kept');
    act(() => store.getState().setLocale('es'));
    expect(screen.getByTestId('saving-failing').textContent).toContain('tus cambios se conservan');
    act(() => serverSays(browser, server, null));
    expect(screen.queryByTestId('saving-failing')).toBeNull();
  });

  it('a 4413 close is for good and says the persona is too large, in both languages', () => {
    expect(problemOf({ code: CloseCodes.TooLarge.code, reason: CloseCodes.TooLarge.reason })).toBe('too-large');
    const store = makeSession();
    render(
      <MemoryRouter>
        <PersonaHealthScreen reason="too-large" />
      </MemoryRouter>,
      { wrapper: withSession(store) },
    );
    expect(screen.getByRole('heading').textContent).toBe('This persona is too large to save more');
    expect(screen.getByText(/kept in this browser only/)).toBeTruthy();
    act(() => store.getState().setLocale('es'));
    expect(screen.getByRole('heading').textContent).toBe('Esta persona es demasiado grande para guardar más');
  });

  it('a 4503 whose stored state cannot be read is for good and says to ask an admin; a plain 4503 is retried', () => {
    expect(problemOf({ code: 4503, reason: CloseCodes.Unreadable.reason })).toBe('unreadable');
    expect(problemOf({ code: 4503, reason: CloseCodes.Unavailable.reason })).toBeNull();
    const store = makeSession();
    render(
      <MemoryRouter>
        <PersonaHealthScreen reason="unreadable" />
      </MemoryRouter>,
      { wrapper: withSession(store) },
    );
    expect(screen.getByRole('heading').textContent).toBe('This persona cannot be opened');
    act(() => store.getState().setLocale('es'));
    expect(screen.getByRole('heading').textContent).toBe('No se puede abrir esta persona');
  });
});
