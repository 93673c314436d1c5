// "What changed" on a published version: the diff against the version before, fetched on its own.
import { useMemo } from 'react';
import type { PublishedPersona } from '../../../../shared/api.ts';
import { diffPersonas } from '../../../../shared/persona/versionDiff.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useT } from '../../i18n/index.ts';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { LibraryLoading } from './LibraryCommon.tsx';
import { VersionChanges } from './VersionChanges.tsx';

/** "What changed": this version against the one before it, fetched on its own. */
export function ChangesPanel({ persona, previous }: { persona: PublishedPersona; previous: number | null }) {
  const t = useT();
  return (
    <section className="version-changes" id="changes" data-testid="version-changes" aria-labelledby="version-changes-title">
      <h2 className="library-block__title" id="version-changes-title">
        {t('library.changes.title')}
      </h2>
      {previous === null ? <p className="version-changes__first">{t('library.changes.first')}</p> : <ChangesSince persona={persona} previous={previous} />}
    </section>
  );
}

function ChangesSince({ persona, previous }: { persona: PublishedPersona; previous: number }) {
  const t = useT();
  const api = useApi();
  const fetched = useFetch(JSON.stringify([persona.id, persona.version, previous]), (signal) => api.getPublished(persona.id, previous, signal));
  const before = fetched.status === 'ok' ? fetched.data : null;
  const diff = useMemo(() => (before ? diffPersonas(before, persona) : null), [before, persona]);

  if (fetched.status === 'error') {
    return (
      <RetryNotice onRetry={fetched.retry}>
        {t('library.changes.error', { version: previous })} {describeError(t, fetched.error)}
      </RetryNotice>
    );
  }
  if (before && diff) return <VersionChanges diff={diff} previousVersion={previous} beforeEvidence={before.evidence} afterEvidence={persona.evidence} />;
  return <LibraryLoading label={t('library.changes.loading', { version: previous })} />;
}
