import { useEffect, useState } from 'react';
import type { VersionMeta } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';

/**
 * The persona's latest published version (null before the first publish, or while unknown), read
 * once from the library when the workshop opens; `set` records a version just published here.
 */
export function useLatestVersion(personaId: string): [VersionMeta | null, (version: VersionMeta) => void] {
  const api = useApi();
  const [latest, setLatest] = useState<VersionMeta | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    api.getPublished(personaId, undefined, controller.signal).then(
      ({ version, publishedAt, note, publishedBy }) => {
        // A version published here meanwhile is newer than what the request found.
        setLatest((current) => (current && current.version >= version ? current : { version, publishedAt, note, publishedBy }));
      },
      // Not published yet (404), or the library cannot be reached: the workshop just doesn't say.
      () => undefined,
    );
    return () => controller.abort();
  }, [api, personaId]);

  return [latest, setLatest];
}
