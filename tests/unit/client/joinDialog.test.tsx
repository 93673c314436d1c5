import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { JoinDialog } from '../../../client/src/features/workshop/JoinDialog.tsx';
import type { Participant } from '../../../client/src/session/user.ts';
import { USER_STORAGE_KEY } from '../../../client/src/session/user.ts';
import { makeSession, withSession } from './session.tsx';

const COLOR = /^#[0-9a-f]{6}$/i;

function renderDialog(props: { current?: Participant | null; onCancel?: () => void } = {}) {
  const onJoin = vi.fn<(participant: Participant) => void>();
  const user = userEvent.setup();
  render(<JoinDialog open onJoin={onJoin} {...props} />, { wrapper: withSession() });
  const dialog = screen.getByTestId('join-dialog');
  return { onJoin, user, dialog };
}

describe('JoinDialog', () => {
  it('renders as data-testid="join-dialog" with a name field and both sides', () => {
    const { dialog } = renderDialog();
    expect(within(dialog).getByRole('heading', { name: 'Join the workshop' })).toBeTruthy();
    expect(within(dialog).getByLabelText('Your name')).toBeTruthy();
    expect(within(dialog).getByRole('radio', { name: /Marketing/ })).toBeTruthy();
    expect(within(dialog).getByRole('radio', { name: /Sales/ })).toBeTruthy();
  });

  it('refuses to join without a name, and says why', async () => {
    const { onJoin, user, dialog } = renderDialog();
    await user.click(within(dialog).getByRole('radio', { name: /Sales/ }));
    await user.type(within(dialog).getByLabelText('Your name'), '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Join' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Enter your name so the others know who is typing.');
    expect(within(dialog).getByLabelText('Your name').getAttribute('aria-invalid')).toBe('true');
    expect(onJoin).not.toHaveBeenCalled();
  });

  it('refuses to join without a side, and says why', async () => {
    const { onJoin, user, dialog } = renderDialog();
    await user.type(within(dialog).getByLabelText('Your name'), 'Lucía');
    await user.click(within(dialog).getByRole('button', { name: 'Join' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Choose marketing or sales.');
    expect(onJoin).not.toHaveBeenCalled();
  });

  it('joins with the trimmed name, the side and a colour of that side', async () => {
    const { onJoin, user, dialog } = renderDialog();
    await user.type(within(dialog).getByLabelText('Your name'), '  Lucía Pérez ');
    await user.click(within(dialog).getByRole('radio', { name: /Marketing/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Join' }));
    expect(onJoin).toHaveBeenCalledTimes(1);
    const joined = onJoin.mock.calls[0]?.[0];
    expect(joined).toMatchObject({ name: 'Lucía Pérez', side: 'marketing' });
    expect(joined?.color).toMatch(COLOR);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('cannot be dismissed with Escape while a name and side are required', async () => {
    const onCancel = vi.fn();
    // Even with onCancel, a first join (no current participant) must not be skippable.
    const { user } = renderDialog({ onCancel });
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('join-dialog')).toBeTruthy();
    expect(onCancel).not.toHaveBeenCalled();
  });

  it('can be dismissed with Escape when changing an existing name', async () => {
    const onCancel = vi.fn();
    const current: Participant = { name: 'Ana', side: 'sales', color: '#c2410c' };
    const { user, dialog, onJoin } = renderDialog({ current, onCancel });
    expect(within(dialog).getByLabelText<HTMLInputElement>('Your name').value).toBe('Ana');
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onJoin).not.toHaveBeenCalled();
  });

  it('keeps the colour when the side stays, and picks a new one when it changes', async () => {
    const current: Participant = { name: 'Ana', side: 'sales', color: '#c2410c' };
    const { user, dialog, onJoin } = renderDialog({ current, onCancel: () => {} });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(onJoin).toHaveBeenLastCalledWith({ name: 'Ana', side: 'sales', color: '#c2410c' });
    await user.click(within(dialog).getByRole('radio', { name: /Marketing/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(onJoin.mock.lastCall?.[0].side).toBe('marketing');
    expect(onJoin.mock.lastCall?.[0].color).not.toBe('#c2410c');
  });
});

describe('joining through the session store', () => {
  it('stores the participant as {name, side, color} JSON in localStorage["tandem.user"]', async () => {
    const store = makeSession();
    expect(store.getState().participant).toBeNull();
    const user = userEvent.setup();
    render(<JoinDialog open onJoin={store.getState().setParticipant} />, { wrapper: withSession(store) });
    await user.type(screen.getByLabelText('Your name'), 'Ben');
    await user.click(screen.getByRole('radio', { name: /Sales/ }));
    await user.click(screen.getByRole('button', { name: 'Join' }));

    const saved: unknown = JSON.parse(localStorage.getItem(USER_STORAGE_KEY) ?? 'null');
    expect(saved).toEqual({ name: 'Ben', side: 'sales', color: expect.stringMatching(COLOR) });
    expect(store.getState().participant).toEqual(saved);
    // A new visit finds the same participant.
    expect(makeSession().getState().participant).toEqual(saved);
  });
});
