// Issue 17: the @ picker is keyboard first, stores tokens, and shows the current names; in Spanish too.
import { render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { MemberListResponse } from '../../../shared/api.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import { MentionDirectoryProvider } from '../../../client/src/features/mentions/MentionDirectory.tsx';
import { MentionText } from '../../../client/src/features/mentions/MentionText.tsx';
import { MentionTextarea } from '../../../client/src/features/mentions/MentionTextarea.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';

const CREATED = '2026-01-01T00:00:00.000Z';
const MEMBERS: MemberListResponse = {
  members: [
    { id: 'm-ana', name: 'Ana Marketing', team: 'marketing', role: 'editor', email: null, createdAt: CREATED, active: true },
    { id: 'm-ben', name: 'Ben Sales', team: 'sales', role: 'editor', email: null, createdAt: CREATED, active: true },
    { id: 'm-off', name: 'Bea Suspended', team: 'sales', role: 'editor', email: null, createdAt: CREATED, active: false },
  ],
  former: [{ id: 'm-old', name: 'Olga', team: 'marketing' }],
};

function Field({ onStored }: { onStored: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <>
      <label htmlFor="note">Note</label>
      <MentionTextarea
        id="note"
        value={text}
        onValueChange={(next) => {
          setText(next);
          onStored(next);
        }}
      />
      <p data-testid="shown">
        <MentionText text={text} />
      </p>
    </>
  );
}

function renderField(languages = ['en']) {
  const onStored = vi.fn();
  const listMembers = vi.fn(() => Promise.resolve(MEMBERS));
  render(
    <SessionProvider store={makeSession({ role: 'editor', languages })}>
      <ApiProvider api={fakeApiClient({ listMembers })}>
        <MentionDirectoryProvider enabled>
          <Field onStored={onStored} />
        </MentionDirectoryProvider>
      </ApiProvider>
    </SessionProvider>,
  );
  return { onStored, listMembers };
}

describe('the @ picker', () => {
  it('offers active members and both teams, moves with the arrows, picks with Enter and stores a token', async () => {
    const { onStored, listMembers } = renderField();
    await vi.waitFor(() => expect(listMembers).toHaveBeenCalledOnce());
    const field = screen.getByRole('combobox', { name: 'Note' });
    await userEvent.type(field, 'Ask @');
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.querySelector('.mention-list__name')?.textContent)).toEqual(['Ana Marketing', 'Ben Sales', '@marketing', '@sales']);
    expect(field.getAttribute('aria-expanded')).toBe('true');
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('Ben Sales');
    expect(field.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option', { selected: true }).id);
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect((field as HTMLTextAreaElement).value).toBe('Ask @Ben Sales ');
    expect(onStored).toHaveBeenLastCalledWith('Ask @[m:m-ben] ');
    expect(screen.getByTestId('shown').textContent).toBe('Ask @Ben Sales ');
  });

  it('narrows as one types, picks a team with Tab, and Escape closes the list without picking', async () => {
    const { onStored, listMembers } = renderField();
    await vi.waitFor(() => expect(listMembers).toHaveBeenCalledOnce());
    const field = screen.getByRole('combobox', { name: 'Note' });
    await userEvent.type(field, '@sa');
    expect((await screen.findAllByRole('option')).map((o) => o.textContent)).toEqual(['Ben SalesSales', '@salesEveryone in sales']);
    await userEvent.keyboard('{ArrowDown}{Tab}');
    expect(onStored).toHaveBeenLastCalledWith('@[team:sales] ');
    await userEvent.type(field, 'and @an');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect((field as HTMLTextAreaElement).value).toBe('@sales and @an');
  });

  it('reads a former member and an unknown id as such, in Spanish too', async () => {
    const { listMembers } = renderField(['es']);
    await vi.waitFor(() => expect(listMembers).toHaveBeenCalledOnce());
    render(
      <SessionProvider store={makeSession({ role: 'editor', languages: ['es'] })}>
        <p data-testid="read">
          <MentionText text="Gracias @[m:m-gone]" />
        </p>
      </SessionProvider>,
    );
    expect(screen.getByTestId('read').textContent).toBe('Gracias @miembro desconocido');
  });
});
