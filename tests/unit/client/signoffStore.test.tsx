import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { writeFragmentFromJSON } from '../../../shared/persona/richText.ts';
import { getSection, getSignoff } from '../../../shared/persona/schema.ts';
import type * as SignoffModule from '../../../shared/persona/signoff.ts';
import * as signoffModule from '../../../shared/persona/signoff.ts';
import { readSignoffs, signOffSection, withdrawSignoff } from '../../../shared/persona/signoff.ts';
import type { RichTextDoc, SectionKey } from '../../../shared/persona/types.ts';
import { countSignoffs, createSignoffStore, useSignoffs } from '../../../client/src/features/signoff/useSignoff.ts';
import { connectedPair } from './docs.ts';

// Counts the fingerprints the store works out; the shared module's own functions are untouched.
vi.mock('../../../shared/persona/signoff.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof SignoffModule>();
  return { ...actual, sectionFingerprint: vi.fn(actual.sectionFingerprint) };
});
const fingerprint = vi.mocked(signoffModule.sectionFingerprint);
afterEach(() => fingerprint.mockClear());

const paragraph = (text: string): RichTextDoc => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

function withText(doc: Y.Doc, ...sections: SectionKey[]): void {
  for (const section of sections) writeFragmentFromJSON(getSection(doc, section), paragraph(`About ${section}`));
}

function type(doc: Y.Doc, section: SectionKey, text: string): void {
  ((getSection(doc, section).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, text);
}

const sectionsFingerprinted = () => fingerprint.mock.calls.map(([, section]) => section);

describe('the sign-off store', () => {
  it('works out no fingerprint while nobody has signed, however much is typed', () => {
    const doc = new Y.Doc();
    withText(doc, 'summary', 'goals', 'pains');
    const store = createSignoffStore(doc);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    for (let i = 0; i < 20; i++) type(doc, 'goals', 'x');
    expect(fingerprint).not.toHaveBeenCalled();
    expect(listener).not.toHaveBeenCalled();
    expect(store.get().goals.status).toBe('unsigned');
    unsubscribe();
  });

  it('re-reads only the section that changed, and tells React only when its state changes', () => {
    const { local, remote } = connectedPair();
    withText(local, 'summary', 'goals', 'pains');
    signOffSection(local, 'pains', { by: 'Ana', side: 'marketing' });
    signOffSection(local, 'summary', { by: 'Ana', side: 'marketing' });
    const store = createSignoffStore(local);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    const before = store.get();
    fingerprint.mockClear();

    // A keystroke in a signed section: that section's fingerprint only, and one notice when it goes stale.
    type(local, 'pains', 'a');
    expect(sectionsFingerprinted()).toEqual(['pains']);
    expect(listener).toHaveBeenCalledTimes(1);
    const stale = store.get();
    expect(stale.pains.status).toBe('stale');
    // Sections that did not change keep their identity.
    expect(stale.summary).toBe(before.summary);

    // More typing there: still that section only, and no notice, since nothing visible changed.
    fingerprint.mockClear();
    type(local, 'pains', 'b');
    type(remote, 'pains', 'c');
    expect(sectionsFingerprinted()).toEqual(['pains', 'pains']);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).toBe(stale);

    // Typing in an unsigned section costs nothing.
    fingerprint.mockClear();
    type(remote, 'goals', 'd');
    expect(fingerprint).not.toHaveBeenCalled();

    // A sign-off from the other browser re-reads only the section it is about.
    fingerprint.mockClear();
    signOffSection(remote, 'goals', { by: 'Ben', side: 'sales' });
    expect(sectionsFingerprinted()).toEqual(['goals']);
    expect(store.get().goals).toEqual(readSignoffs(local).goals);
    expect(store.get().goals.status).toBe('partial');
    expect(listener).toHaveBeenCalledTimes(2);

    unsubscribe();
    type(local, 'pains', 'e');
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('always agrees with readSignoffs through local and remote changes', () => {
    const { local, remote } = connectedPair();
    withText(local, 'summary', 'goals', 'pains', 'objections');
    const store = createSignoffStore(local);
    const unsubscribe = store.subscribe(() => {});
    const steps: (() => void)[] = [
      () => signOffSection(local, 'pains', { by: 'Ana', side: 'marketing' }),
      () => signOffSection(remote, 'pains', { by: 'Ben', side: 'sales' }),
      () => type(remote, 'pains', 'x'),
      () => signOffSection(local, 'pains', { by: 'Ana', side: 'marketing' }),
      () => ((getSection(remote, 'pains').get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 1),
      () => signOffSection(remote, 'objections', { by: 'Ben', side: 'sales' }),
      () => ((getSection(local, 'objections').get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 3, { bold: {} }),
      () => withdrawSignoff(remote, 'pains', 'sales'),
      () => remote.transact(() => getSignoff(remote).set('summary:marketing', new Y.Map([['by', 42]]))),
      () => signOffSection(remote, 'summary', { by: 'Ben', side: 'sales' }),
    ];
    for (const step of steps) {
      step();
      expect(store.get()).toEqual(readSignoffs(local));
    }
    expect(countSignoffs(store.get())).toEqual({ total: 7, signed: 0, partial: 1, stale: 2, unsigned: 4 });
    unsubscribe();
  });

  it('catches up with changes made while nobody listened', () => {
    const doc = new Y.Doc();
    withText(doc, 'pains');
    const store = createSignoffStore(doc);
    signOffSection(doc, 'pains', { by: 'Ana', side: 'marketing' });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get().pains.status).toBe('partial');
    unsubscribe();
    type(doc, 'pains', 'x');
    store.subscribe(listener)();
    expect(store.get().pains.status).toBe('stale');
  });
});

function Status({ doc, section }: { doc: Y.Doc; section: SectionKey }) {
  return <p data-testid="status">{useSignoffs(doc)[section].status}</p>;
}

describe('useSignoffs', () => {
  it('re-renders with remote sign-offs and edits', () => {
    const { local, remote } = connectedPair();
    withText(local, 'channels');
    render(<Status doc={local} section="channels" />);
    expect(screen.getByTestId('status').textContent).toBe('unsigned');
    act(() => void signOffSection(remote, 'channels', { by: 'Ben', side: 'sales' }));
    expect(screen.getByTestId('status').textContent).toBe('partial');
    act(() => void signOffSection(remote, 'channels', { by: 'Ana', side: 'marketing' }));
    expect(screen.getByTestId('status').textContent).toBe('signed');
    act(() => type(remote, 'channels', 'LinkedIn, '));
    expect(screen.getByTestId('status').textContent).toBe('stale');
  });
});
