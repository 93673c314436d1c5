import { useMemo, useState } from 'react';
import type { VersionMeta } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { useFetch } from '../../api/useFetch.ts';

/**
 * The persona's latest published version (null before the first publish, or while unknown), read
 * once from the library when the workshop opens; `set` records a version just published here.
 */
export function useLatestVersion(personaId: string): [VersionMeta | null, (version: VersionMeta) => void] {
  const api = useApi();
  // Not published yet (404), or the library cannot be reached: the workshop just doesn't say.
  const published = useFetch(personaId, (signal) => api.getPublished(personaId, undefined, signal));
  const [publishedHere, setPublishedHere] = useState<VersionMeta | null>(null);
  const found = published.status === 'ok' ? published.data : null;
  const foundMeta = useMemo<VersionMeta | null>(
    () => (found ? { version: found.version, publishedAt: found.publishedAt, note: found.note, publishedBy: found.publishedBy } : null),
    [found],
  );
  // A version published here meanwhile is newer than what the request found.
  const latest = publishedHere && (!foundMeta || publishedHere.version >= foundMeta.version) ? publishedHere : foundMeta;
  return [latest, setPublishedHere];
}
