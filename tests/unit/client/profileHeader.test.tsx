import { act, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getProfile } from '../../../shared/persona/schema.ts';
import { ProfileHeader } from '../../../client/src/features/workshop/ProfileHeader.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { connectedPair } from './docs.ts';
import { makeSession, withSession } from './session.tsx';

const docs: Y.Doc[] = [];
afterEach(() => {
  for (const doc of docs.splice(0)) doc.destroy();
});


const nameInput = () => screen.getByTestId<HTMLInputElement>('profile-name');
const roleInput = () => screen.getByLabelText<HTMLInputElement>('Role');

describe('ProfileHeader', () => {
  it('writes what is typed in the name field to profile.name', async () => {
    const { local, remote } = connectedPair();
    render(<ProfileHeader doc={local} readOnly={false} />, { wrapper: withSession() });
    await userEvent.type(nameInput(), 'Ana CFO');
    expect(getProfile(local).get('name')).toBe('Ana CFO');
    expect(getProfile(remote).get('name')).toBe('Ana CFO');
    await userEvent.type(roleInput(), 'Buyer');
    expect(getProfile(local).get('role')).toBe('Buyer');
  });

  it('shows values that were already in the document, and changes made by another browser', () => {
    const { local, remote } = connectedPair();
    getProfile(local).set('segment', 'Mid-market');
    render(<ProfileHeader doc={local} readOnly={false} />, { wrapper: withSession() });
    expect(screen.getByLabelText<HTMLInputElement>('Segment').value).toBe('Mid-market');

    act(() => {
      remote.transact(() => {
        getProfile(remote).set('name', 'Procurement Paula');
        getProfile(remote).set('role', 'Head of purchasing');
      });
    });
    expect(nameInput().value).toBe('Procurement Paula');
    expect(roleInput().value).toBe('Head of purchasing');
  });

  it('takes in a state update from an unconnected doc (encodeStateAsUpdate)', () => {
    const local = new Y.Doc();
    const other = new Y.Doc();
    docs.push(local, other);
    render(<ProfileHeader doc={local} readOnly={false} />, { wrapper: withSession() });
    getProfile(other).set('name', 'Synced Sam');
    act(() => Y.applyUpdate(local, Y.encodeStateAsUpdate(other)));
    expect(nameInput().value).toBe('Synced Sam');
  });

  it("undoes only this browser's edit with Ctrl+Z, leaving a remote edit alone", async () => {
    const { local, remote } = connectedPair();
    render(<ProfileHeader doc={local} readOnly={false} />, { wrapper: withSession() });
    await userEvent.type(nameInput(), 'Mine');
    act(() => getProfile(remote).set('role', 'Theirs'));
    expect(roleInput().value).toBe('Theirs');

    await userEvent.type(nameInput(), '{Control>}z{/Control}');
    expect(nameInput().value).toBe('');
    expect(getProfile(local).get('name') ?? '').toBe('');
    expect(getProfile(remote).get('name') ?? '').toBe('');
    expect(roleInput().value).toBe('Theirs');
    expect(getProfile(remote).get('role')).toBe('Theirs');

    // Ctrl+Z with nothing of ours left to undo still does not touch the remote edit.
    await userEvent.type(roleInput(), '{Control>}z{/Control}');
    expect(getProfile(local).get('role')).toBe('Theirs');

    await userEvent.type(nameInput(), '{Control>}{Shift>}z{/Shift}{/Control}');
    expect(nameInput().value).toBe('Mine');
  });

  it('can undo under StrictMode, where effects run twice on mount', async () => {
    const { local } = connectedPair();
    // As main.tsx renders it: StrictMode at the root (React only replays effects from there).
    render(
      <StrictMode>
        <SessionProvider store={makeSession()}>
          <ProfileHeader doc={local} readOnly={false} />
        </SessionProvider>
      </StrictMode>,
    );
    await userEvent.type(nameInput(), 'Typed');
    await userEvent.type(nameInput(), '{Control>}z{/Control}');
    expect(nameInput().value).toBe('');
  });

  it('makes every field read-only for readers, and typing changes nothing', async () => {
    const { local } = connectedPair();
    getProfile(local).set('name', 'Fixed');
    render(<ProfileHeader doc={local} readOnly />, { wrapper: withSession() });
    const inputs = screen.getAllByRole<HTMLInputElement>('textbox');
    expect(inputs.length).toBe(5);
    for (const input of inputs) expect(input.readOnly).toBe(true);
    await userEvent.type(nameInput(), 'more');
    expect(getProfile(local).get('name')).toBe('Fixed');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Choose the persona’s picture' }).disabled).toBe(true);
  });
});
