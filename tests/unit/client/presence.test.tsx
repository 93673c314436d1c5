import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { announceSection, usePresence } from '../../../client/src/collab/hooks.ts';
import { PresenceList } from '../../../client/src/features/workshop/PresenceList.tsx';
import { withSession } from './session.tsx';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

/** A y-protocols awareness for one browser, on its own doc. */
function browser(): Awareness {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  cleanups.push(() => {
    awareness.destroy();
    doc.destroy();
  });
  return awareness;
}

/** Relays every awareness change of `from` to `to`, as the server would. */
function relay(from: Awareness, to: Awareness): void {
  const onUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin === 'relay') return;
    const changed = [...added, ...updated, ...removed];
    act(() => applyAwarenessUpdate(to, encodeAwarenessUpdate(from, changed), 'relay'));
  };
  from.on('update', onUpdate);
  cleanups.push(() => from.off('update', onUpdate));
}

function Presence({ awareness }: { awareness: Awareness }) {
  return <PresenceList people={usePresence(awareness)} />;
}

const names = () =>
  within(screen.getByTestId('presence'))
    .queryAllByRole('listitem')
    .map((li) => ({ name: li.querySelector('.presence__name')?.textContent, side: li.getAttribute('data-side') }));

describe('PresenceList with usePresence', () => {
  it('shows this browser and the other, with names and sides, yourself first', () => {
    const mine = browser();
    const theirs = browser();
    relay(mine, theirs);
    relay(theirs, mine);
    render(<Presence awareness={mine} />, { wrapper: withSession() });
    act(() => mine.setLocalStateField('user', { name: 'Zoe', side: 'marketing', color: '#2563eb' }));
    act(() => theirs.setLocalStateField('user', { name: 'Ana', side: 'sales', color: '#ea580c' }));

    expect(names()).toEqual([
      { name: 'Zoe (you)', side: 'marketing' },
      { name: 'Ana', side: 'sales' },
    ]);
    const presence = screen.getByTestId('presence');
    expect(within(presence).getByText('Sales')).toBeTruthy();
    expect(within(presence).getByText('Marketing')).toBeTruthy();
    expect(presence.querySelector('.presence__count')?.textContent).toBe('2');
  });

  it('shows which section another person is typing in, and jumps there on click', () => {
    const mine = browser();
    const theirs = browser();
    relay(theirs, mine);
    const jumps: string[] = [];
    function WithJump() {
      return <PresenceList people={usePresence(mine)} onGoToSection={(section) => jumps.push(section)} />;
    }
    render(<WithJump />, { wrapper: withSession() });
    act(() => mine.setLocalStateField('user', { name: 'Zoe', side: 'marketing', color: '#2563eb' }));
    act(() => theirs.setLocalStateField('user', { name: 'Ana', side: 'sales', color: '#ea580c' }));
    expect(screen.queryByRole('button', { name: 'Objections' })).toBeNull();
    act(() => announceSection(theirs, 'objections'));
    screen.getByRole('button', { name: 'Objections' }).click();
    expect(jumps).toEqual(['objections']);
    // A section that is not one of the seven is ignored.
    act(() => theirs.setLocalStateField('section', '<b>bogus</b>'));
    expect(screen.queryByRole('button', { name: 'Objections' })).toBeNull();
    act(() => announceSection(theirs, null));
    expect(within(screen.getByTestId('presence')).queryAllByRole('button')).toHaveLength(0);
  });

  it('invites sharing the link while nobody else is here', () => {
    const mine = browser();
    render(<Presence awareness={mine} />, { wrapper: withSession() });
    act(() => mine.setLocalStateField('user', { name: 'Zoe', side: 'marketing', color: '#2563eb' }));
    expect(screen.getByTestId('presence').textContent).toContain('Share this persona');
  });

  it('[§6] shows a member of no side (an admin, team other) neutrally, never as marketing or sales', () => {
    const mine = browser();
    const theirs = browser();
    relay(theirs, mine);
    render(<Presence awareness={mine} />, { wrapper: withSession() });
    act(() => theirs.setLocalStateField('user', { name: 'Admin', side: 'other', color: '#6b7280' }));
    const admin = screen.getByTestId('presence').querySelector('[data-side="other"]');
    expect(admin?.textContent).toContain('Admin');
    expect(admin?.textContent).toContain('No side');
    expect(admin?.querySelector('.side-badge--marketing, .side-badge--sales')).toBeNull();
  });

  it('follows a change of name and someone leaving', () => {
    const mine = browser();
    const theirs = browser();
    relay(theirs, mine);
    render(<Presence awareness={mine} />, { wrapper: withSession() });
    act(() => mine.setLocalStateField('user', { name: 'Zoe', side: 'marketing', color: '#2563eb' }));
    act(() => theirs.setLocalStateField('user', { name: 'Ana', side: 'sales', color: '#ea580c' }));
    expect(names().map((p) => p.name)).toEqual(['Zoe (you)', 'Ana']);

    act(() => theirs.setLocalStateField('user', { name: 'Ana María', side: 'sales', color: '#ea580c' }));
    expect(names().map((p) => p.name)).toEqual(['Zoe (you)', 'Ana María']);

    act(() => removeAwarenessStates(theirs, [theirs.clientID], 'left'));
    expect(names().map((p) => p.name)).toEqual(['Zoe (you)']);
  });

  it('says nobody is here when there is no valid participant', () => {
    const mine = browser();
    render(<Presence awareness={mine} />, { wrapper: withSession() });
    expect(within(screen.getByTestId('presence')).getByText(/Nobody else is here yet/)).toBeTruthy();
  });

  it('ignores malformed presence and renders names as text, never as HTML', () => {
    const mine = browser();
    const peers = [browser(), browser(), browser(), browser(), browser()];
    for (const peer of peers) relay(peer, mine);
    render(<Presence awareness={mine} />, { wrapper: withSession() });
    act(() => {
      peers[0]?.setLocalStateField('user', { side: 'sales', color: '#ea580c' });
      peers[1]?.setLocalStateField('user', { name: 'Bad side', side: 'finance', color: '#ea580c' });
      peers[2]?.setLocalStateField('user', { name: '   ', side: 'sales' });
      peers[3]?.setLocalStateField('user', 'not an object');
      peers[4]?.setLocalStateField('user', { name: '<img src=x onerror=alert(1)><b>Eve</b>', side: 'sales', color: 'red' });
    });
    const presence = screen.getByTestId('presence');
    expect(names()).toEqual([{ name: '<img src=x onerror=alert(1)><b>Eve</b>', side: 'sales' }]);
    expect(presence.querySelector('img, b')).toBeNull();
    expect(within(presence).queryByText('Bad side')).toBeNull();
    // A colour that is not #rrggbb is replaced, not passed into the style.
    const avatar = presence.querySelector<HTMLElement>('.avatar');
    expect(avatar?.style.backgroundColor).not.toBe('red');
  });
});
