import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { PublishedPersona, VersionMeta } from '../../../shared/api.ts';
import { SECTION_KEYS } from '../../../shared/persona/schema.ts';
import type { RichTextDoc, SectionKey } from '../../../shared/persona/types.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import { useLatestVersion } from '../../../client/src/features/publishing/useLatestVersion.ts';
import { fakeApiClient } from './fakeApi.ts';

const meta = (version: number): VersionMeta => ({ version, publishedAt: `2026-11-0${version}T10:00:00.000Z`, note: `v${version}`, publishedBy: { id: 'ana', name: 'Ana', team: 'marketing', verified: true } });

function published(version: number): PublishedPersona {
  const empty: RichTextDoc = { type: 'doc', content: [] };
  return {
    ...meta(version),
    id: 'maria',
    profile: { name: 'María', role: '', segment: '', companySize: '', location: '', avatar: '', createdAt: '2026-10-01T00:00:00.000Z' },
    sections: Object.fromEntries(SECTION_KEYS.map((key) => [key, empty])) as Record<SectionKey, RichTextDoc>,
    evidence: [],
    signoff: {},
    versions: [meta(version)],
  };
}

function renderLatest(getPublished: ApiClient['getPublished']) {
  const api = fakeApiClient({ getPublished: vi.fn(getPublished) });
  const wrapper = ({ children }: { children: ReactNode }) => <ApiProvider api={api}>{children}</ApiProvider>;
  return renderHook(() => useLatestVersion('maria'), { wrapper });
}

describe('useLatestVersion (the workshop’s link to the library)', () => {
  it('is the latest version the library has, as its metadata only', async () => {
    const { result } = renderLatest(() => Promise.resolve(published(2)));
    expect(result.current[0]).toBeNull();
    await vi.waitFor(() => expect(result.current[0]).toEqual(meta(2)));
  });

  it('says nothing when the persona is not published yet', async () => {
    const asked = vi.fn(() => Promise.reject(new ApiRequestError('not_found', 'not published', 404)));
    const { result } = renderLatest(asked);
    await vi.waitFor(() => expect(asked).toHaveBeenCalled());
    await act(async () => undefined);
    expect(result.current[0]).toBeNull();
  });

  it('takes a version published here, and the library’s older answer arriving later does not replace it', async () => {
    let answer: (persona: PublishedPersona) => void = () => undefined;
    const { result } = renderLatest(() => new Promise((resolve) => (answer = resolve)));
    act(() => result.current[1](meta(3)));
    expect(result.current[0]).toEqual(meta(3));
    await act(async () => answer(published(2)));
    expect(result.current[0]).toEqual(meta(3));
  });
});
