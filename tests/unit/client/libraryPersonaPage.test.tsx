import { render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { PublishedPersona, VersionMeta } from '../../../shared/api.ts';
import { SECTION_KEYS, signoffKey } from '../../../shared/persona/schema.ts';
import { contentFingerprint } from '../../../shared/persona/signoff.ts';
import type { EvidenceItem, RichTextDoc, RichTextNode, SectionKey } from '../../../shared/persona/types.ts';
import { diffPersonas } from '../../../shared/persona/versionDiff.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import { VersionChanges } from '../../../client/src/features/library/VersionChanges.tsx';
import { LibraryPersonaPage } from '../../../client/src/features/library/LibraryPersonaPage.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession, withSession } from './session.tsx';


const text = (value: string, marks?: RichTextNode['marks']): RichTextNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const claim = (value: string, ids: string): RichTextNode => text(value, [{ type: 'evidence', attrs: { ids } }]);
const p = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const li = (value: string): RichTextNode => ({ type: 'listItem', content: [p(text(value))] });
const ul = (...items: string[]): RichTextNode => ({ type: 'bulletList', content: items.map(li) });
const doc = (...content: RichTextNode[]): RichTextDoc => ({ type: 'doc', content });

const evidence = (id: string, side: EvidenceItem['side'], value: string, overrides: Partial<EvidenceItem> = {}): EvidenceItem => ({
  id,
  side,
  kind: side === 'marketing' ? 'metric' : 'quote',
  text: value,
  source: side === 'marketing' ? 'GA4, Q3' : 'Call with Acme',
  section: 'summary',
  author: side === 'marketing' ? 'Ana' : 'Ben',
  createdAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});

const EVIDENCE = [
  evidence('m1', 'marketing', '38% of trials come from mid-size retailers'),
  evidence('s1', 'sales', '“We cannot add a tool before the ERP migration.”', { section: 'objections' }),
  evidence('m2', 'marketing', 'Webinar attendance doubled', { section: '' }),
];

const SUMMARY = doc(p(text('María runs finance at a '), text('mid-size', [{ type: 'bold' }]), text(' retailer. '), claim('She decides fast', 'm1,s1'), text('.')));
const GOALS_V2 = doc(ul('Close the quarter without surprises', 'Cut tool spend'));
const GOALS_V3 = doc(ul('Close the quarter without surprises', 'Cut tool spend', 'Automate the month-end close'));

const sections = (overrides: Partial<Record<SectionKey, RichTextDoc>>): Record<SectionKey, RichTextDoc> =>
  ({ ...Object.fromEntries(SECTION_KEYS.map((key) => [key, doc()])), ...overrides }) as Record<SectionKey, RichTextDoc>;

const VERSIONS: VersionMeta[] = [
  { version: 3, publishedAt: '2026-11-24T10:00:00.000Z', note: 'After the Q3 win-loss review', publishedBy: { id: 'm-ana', name: 'Ana', team: 'marketing', verified: true } },
  { version: 2, publishedAt: '2026-11-10T10:00:00.000Z', note: '', publishedBy: { id: null, name: 'Ben', team: 'sales', verified: false } },
  { version: 1, publishedAt: '2026-10-02T10:00:00.000Z', note: 'First cut', publishedBy: null },
];

function published(version: 1 | 2 | 3): PublishedPersona {
  const meta = VERSIONS.find((v) => v.version === version);
  if (!meta) throw new Error('no such version');
  const goals = version === 3 ? GOALS_V3 : GOALS_V2;
  return {
    ...meta,
    id: 'maria',
    profile: { name: 'María la CFO', role: 'CFO', segment: 'Retail', companySize: '200–1,000', location: 'Madrid', avatar: '👩‍💼', createdAt: '2026-10-01T00:00:00.000Z' },
    sections: sections({ summary: SUMMARY, goals }),
    evidence: EVIDENCE,
    signoff: {
      [signoffKey('summary', 'marketing')]: { by: 'Ana', at: '2026-11-21T10:00:00.000Z', fingerprint: contentFingerprint(SUMMARY) },
      [signoffKey('summary', 'sales')]: { by: 'Ben', at: '2026-11-21T10:00:00.000Z', fingerprint: 'an older text' },
    },
    versions: VERSIONS,
  };
}

function Location() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

function fakeLibrary(getPublished?: ApiClient['getPublished']) {
  const impl =
    getPublished ??
    ((_id: string, version?: number) => {
      const v = version ?? 3;
      return v === 1 || v === 2 || v === 3 ? Promise.resolve(published(v)) : Promise.reject(new ApiRequestError('not_found', 'no such version', 404));
    });
  const mock = vi.fn<ApiClient['getPublished']>(impl);
  return { api: fakeApiClient({ getPublished: mock }), getPublished: mock };
}

function renderPersona(api: ApiClient, { path = '/library/maria', role = 'viewer', languages }: { path?: string; role?: 'editor' | 'viewer'; languages?: string[] } = {}) {
  const session = makeSession({ role, ...(languages ? { languages } : {}) });
  render(
    <SessionProvider store={session}>
      <ApiProvider api={api}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/library/:id" element={<LibraryPersonaPage />} />
          </Routes>
          <Location />
        </MemoryRouter>
      </ApiProvider>
    </SessionProvider>,
  );
  return { user: userEvent.setup() };
}

const section = (key: SectionKey) => {
  const element = document.querySelector(`[data-section="${key}"]`);
  if (!(element instanceof HTMLElement)) throw new Error(`no section ${key}`);
  return element;
};

/** The list items of the Goals section's text (not its sign-off list). */
const goalItems = () => [...section('goals').querySelectorAll('.rich-text li')];

describe('LibraryPersonaPage', () => {
  it('shows the published profile, each section read-only with formatting and claim references, and who published it', async () => {
    const { api, getPublished } = fakeLibrary();
    renderPersona(api);
    expect(screen.getByTestId('library-persona')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Loading the persona…');

    expect(await screen.findByRole('heading', { level: 1, name: 'María la CFO' })).toBeTruthy();
    expect(getPublished.mock.calls[0]?.slice(0, 2)).toEqual(['maria', undefined]);
    expect(screen.getByRole('link', { name: 'Back to the library' }).getAttribute('href')).toBe('/library');
    for (const detail of ['CFO', 'Retail', '200–1,000', 'Madrid', '👩‍💼']) expect(screen.getByText(detail)).toBeTruthy();
    expect(screen.getByText('Published 24 Nov 2026 by Ana')).toBeTruthy();
    expect(screen.getByText('After the Q3 win-loss review', { selector: 'blockquote' })).toBeTruthy();
    expect(screen.queryByTestId('older-version')).toBeNull();

    // Sections in order, with their labels, and nothing editable.
    const titles = [...document.querySelectorAll('[data-section] h2')].map((h) => h.textContent);
    expect(titles).toEqual(['Summary', 'Goals', 'Pains & challenges', 'Objections', 'Buying process', 'Channels', 'Messaging']);
    expect(document.querySelector('[contenteditable]')).toBeNull();
    const summary = section('summary');
    expect(within(summary).getByText('mid-size').closest('strong')).toBeTruthy();
    const mark = summary.querySelector('mark');
    expect(mark?.textContent).toBe('She decides fast');
    expect(mark?.getAttribute('data-backing')).toBe('both');
    expect(mark?.getAttribute('title')).toContain('M1: 38% of trials come from mid-size retailers');
    const refs = within(summary).getAllByRole('link', { name: /^Evidence / });
    expect(refs.map((r) => r.textContent)).toEqual(['M1', 'S1']);
    expect(refs[0]?.getAttribute('href')).toBe('#evidence-m1');
    expect(goalItems().map((item) => item.textContent)).toEqual([
      'Close the quarter without surprises',
      'Cut tool spend',
      'Automate the month-end close',
    ]);
    expect(within(section('pains')).getByText('Nothing was written in this section.')).toBeTruthy();

    // Alignment chip, from the item naming the section and the claim linking to it.
    expect(summary.querySelector('[data-alignment]')?.getAttribute('data-alignment')).toBe('both');
  });

  it('says who signed each section off, and which sign-off the text outgrew, in words', async () => {
    const { api } = fakeLibrary();
    renderPersona(api);
    await screen.findByRole('heading', { level: 1, name: 'María la CFO' });
    const summary = within(section('summary')).getByRole('list', { name: 'Sign-off when published' });
    expect(within(summary).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Signed off by Ana (Marketing)',
      'Changed after Ben signed (Sales)',
    ]);
    const goals = within(section('goals')).getByRole('list', { name: 'Sign-off when published' });
    expect(within(goals).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Not signed by Marketing', 'Not signed by Sales']);
  });

  it('lists the evidence per side with its reference, kind, source, author and section', async () => {
    const { api } = fakeLibrary();
    renderPersona(api);
    const summary = await screen.findByTestId('library-evidence');
    const marketing = within(summary).getByRole('region', { name: /Marketing data/ });
    const sales = within(summary).getByRole('region', { name: /Sales anecdotes/ });
    const marketingItems = [...marketing.querySelectorAll('[data-evidence-side]')];
    expect(marketingItems.map((item) => item.getAttribute('data-evidence-side'))).toEqual(['marketing', 'marketing']);
    expect(sales.querySelectorAll('[data-evidence-side="sales"]')).toHaveLength(1);
    const m1 = marketingItems[0] as HTMLElement;
    expect(m1.id).toBe('evidence-m1');
    expect(within(m1).getByText('M1')).toBeTruthy();
    expect(within(m1).getByText('Metric')).toBeTruthy();
    expect(within(m1).getByText('38% of trials come from mid-size retailers')).toBeTruthy();
    expect(m1.textContent).toContain('Source: GA4, Q3');
    expect(m1.textContent).toContain('Ana · 20 Nov 2026');
    expect(m1.textContent).toContain('Summary');
    expect((marketingItems[1] as HTMLElement).textContent).toContain('No section');
    expect(within(sales).getByText('S1')).toBeTruthy();
  });

  it('lists every version in the picker, newest first; choosing one updates ?version and loads it', async () => {
    const { api, getPublished } = fakeLibrary();
    const { user } = renderPersona(api);
    await screen.findByRole('heading', { level: 1, name: 'María la CFO' });
    const picker = screen.getByRole('combobox', { name: 'Version' });
    expect(screen.getByTestId('version-picker')).toBe(picker);
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Version 3 — 24 Nov 2026 — After the Q3 win-loss review (latest)',
      'Version 2 — 10 Nov 2026',
      'Version 1 — 2 Oct 2026 — First cut',
    ]);
    expect((picker as HTMLSelectElement).value).toBe('3');

    await user.selectOptions(picker, '2');
    expect(screen.getByTestId('location').textContent).toBe('/library/maria?version=2');
    const notice = await screen.findByTestId('older-version');
    expect(notice.textContent).toContain('You are viewing version 2 of 3');
    expect(getPublished.mock.calls.some((call) => call[1] === 2)).toBe(true);
    // A publisher from before members is shown as unverified.
    expect(screen.getByText('Published 10 Nov 2026 by Ben (unverified)')).toBeTruthy();
    expect(goalItems()).toHaveLength(2);

    await user.click(within(notice).getByRole('link', { name: 'Go to the latest version' }));
    expect(screen.getByTestId('location').textContent).toBe('/library/maria');
    await vi.waitFor(() => expect(screen.queryByTestId('older-version')).toBeNull());
  });

  it('offers the PDF of the version shown, and the workshop to editors only', async () => {
    const { api } = fakeLibrary();
    renderPersona(api, { path: '/library/maria?version=2', role: 'editor' });
    await screen.findByTestId('older-version');
    expect(screen.getByRole('button', { name: 'Download PDF' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the workshop' }).getAttribute('href')).toBe('/p/maria');
  });

  it('shows no workshop link to a viewer', async () => {
    const { api } = fakeLibrary();
    renderPersona(api, { role: 'viewer' });
    await screen.findByRole('heading', { level: 1, name: 'María la CFO' });
    expect(screen.queryByRole('link', { name: 'Open the workshop' })).toBeNull();
  });

  it('shows what changed since the previous version', async () => {
    const { api, getPublished } = fakeLibrary();
    renderPersona(api);
    const panel = await screen.findByTestId('version-changes');
    await vi.waitFor(() => expect(panel.querySelector('[data-diff="added"]')).toBeTruthy());
    expect(getPublished.mock.calls.map((call) => call[1])).toEqual([undefined, 2]);
    expect(within(panel).getByText(/Since version 2: 1 section changed\./)).toBeTruthy();
    const added = [...panel.querySelectorAll('[data-diff="added"]')].map((line) => line.textContent);
    expect(added).toEqual(['added: • Automate the month-end close']);
    expect(panel.querySelector('[data-changed-section="goals"]')).toBeTruthy();
    expect(panel.querySelector('[data-changed-section="summary"]')).toBeNull();
  });

  it('says the first version is the first', async () => {
    const { api, getPublished } = fakeLibrary();
    renderPersona(api, { path: '/library/maria?version=1' });
    const panel = await screen.findByTestId('version-changes');
    expect(within(panel).getByText(/First published version/)).toBeTruthy();
    expect(getPublished).toHaveBeenCalledTimes(1);
  });

  it('says when the persona has not been published', async () => {
    const { api } = fakeLibrary(() => Promise.reject(new ApiRequestError('not_found', 'not published', 404)));
    renderPersona(api);
    const missing = await screen.findByTestId('library-not-found');
    expect(within(missing).getByRole('heading', { name: 'This persona has not been published' })).toBeTruthy();
    expect(within(missing).getByRole('link', { name: 'Back to the library' }).getAttribute('href')).toBe('/library');
  });

  it('says when a version does not exist, with a link to the latest', async () => {
    const { api } = fakeLibrary();
    const { user } = renderPersona(api, { path: '/library/maria?version=9' });
    const missing = await screen.findByTestId('library-not-found');
    expect(within(missing).getByRole('heading', { name: 'Version 9 does not exist' })).toBeTruthy();
    await user.click(within(missing).getByRole('link', { name: 'See the latest version' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'María la CFO' })).toBeTruthy();
    expect(screen.getByTestId('location').textContent).toBe('/library/maria');
  });

  it('shows an error that can be retried', async () => {
    let calls = 0;
    const { api } = fakeLibrary((_id, version) => {
      calls += 1;
      if (calls === 1) return Promise.reject(new ApiRequestError('internal', 'boom', 500));
      return Promise.resolve(published(version === 2 ? 2 : 3));
    });
    const { user } = renderPersona(api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The persona could not be loaded.');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'María la CFO' })).toBeTruthy();
  });

  it('shows the access screen when the server refuses the link (401)', async () => {
    const { api } = fakeLibrary(() => Promise.reject(new ApiRequestError('unauthorized', 'expired', 401)));
    renderPersona(api);
    expect((await screen.findByTestId('access-screen')).getAttribute('data-reason')).toBe('unauthorized');
  });

  it('renders a claim whose evidence was deleted as plain text', async () => {
    const persona = published(3);
    persona.sections.messaging = doc(p(text('Lead with '), claim('payback in months', 'gone'), text('.')));
    const { api } = fakeLibrary((_id, version) => (version === undefined ? Promise.resolve(persona) : Promise.resolve(published(2))));
    renderPersona(api);
    await screen.findByRole('heading', { level: 1, name: 'María la CFO' });
    const messaging = section('messaging');
    expect(messaging.textContent).toContain('Lead with payback in months.');
    expect(messaging.querySelector('mark')).toBeNull();
    expect(messaging.querySelector('sup')).toBeNull();
  });

  it('numbers sales evidence V1… in Spanish', async () => {
    const { api } = fakeLibrary();
    renderPersona(api, { languages: ['es'] });
    await screen.findByRole('heading', { level: 1, name: 'María la CFO' });
    const refs = within(section('summary')).getAllByRole('link', { name: /^Evidencia / });
    expect(refs.map((r) => r.textContent)).toEqual(['M1', 'V1']);
    expect(within(section('summary')).getByRole('list', { name: 'Aprobación al publicar' }).textContent).toContain('Aprobada por Ana (Marketing)');
  });
});

describe('VersionChanges', () => {
  const base = published(2);
  const renderChanges = (after: PublishedPersona, before: PublishedPersona = base) =>
    render(<VersionChanges diff={diffPersonas(before, after)} previousVersion={before.version} beforeEvidence={before.evidence} afterEvidence={after.evidence} />, {
      wrapper: withSession(makeSession()),
    });

  it('says there are no changes when the versions are the same', () => {
    renderChanges({ ...base, version: 3 });
    expect(screen.getByText('No changes since version 2.')).toBeTruthy();
  });

  it('folds long unchanged stretches, and shows them on request', async () => {
    const long = (last: string) => doc(ul('one', 'two', 'three', 'four', 'five', 'six', last));
    const before = { ...base, sections: sections({ goals: long('seven') }) };
    const after = { ...base, version: 3, sections: sections({ goals: long('SEVEN') }) };
    renderChanges(after, before);
    const fold = screen.getByRole('button', { name: '… 5 unchanged lines' });
    expect(document.querySelectorAll('[data-diff]')).toHaveLength(3);
    expect([...document.querySelectorAll('[data-diff="removed"] del')].map((d) => d.textContent)).toEqual(['removed: • seven']);
    await userEvent.setup().click(fold);
    expect(document.querySelectorAll('[data-diff="same"]')).toHaveLength(6);
    expect(screen.queryByRole('button', { name: /unchanged lines/ })).toBeNull();
  });

  it('summarises profile, evidence and sign-off changes', () => {
    const after: PublishedPersona = {
      ...base,
      version: 3,
      profile: { ...base.profile, role: 'Chief Financial Officer' },
      evidence: [...base.evidence.filter((item) => item.id !== 'm2'), evidence('s2', 'sales', 'Lost Acme on price')],
      signoff: {},
    };
    renderChanges(after);
    expect(screen.getByText('Since version 2: profile updated, 1 evidence item added, 1 evidence item removed, 1 sign-off changed.')).toBeTruthy();
    expect(screen.getByText('Role')).toBeTruthy();
    expect(screen.getByText('Chief Financial Officer', { exact: false })).toBeTruthy();
    const added = document.querySelector('[data-evidence-change="added"]');
    expect(added?.textContent).toContain('S2');
    expect(added?.textContent).toContain('Lost Acme on price');
    expect(document.querySelector('[data-evidence-change="removed"]')?.textContent).toContain('Webinar attendance doubled');
    expect(screen.getByText('Changed after sign-off')).toBeTruthy();
    expect(screen.getByText('Not signed off')).toBeTruthy();
  });
});
