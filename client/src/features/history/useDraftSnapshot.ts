// The open draft as plain JSON, to compare a checkpoint with: read again at most once a second while it changes.
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { Attribution } from '../../../../shared/persona/authors.ts';
import { readAttributedEvidence, readGenuineSignoffs, readPersonaSnapshot } from '../../../../shared/persona/snapshot.ts';
import type { DiffablePersona } from '../../../../shared/persona/versionDiff.ts';

const REREAD_MS = 1_000;

export function useDraftSnapshot(doc: Y.Doc, attribution: Attribution): DiffablePersona {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion((v) => v + 1);
      }, REREAD_MS);
    };
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc]);
  return useMemo(() => {
    const { profile, sections } = readPersonaSnapshot(doc).snapshot;
    return { profile, sections, evidence: readAttributedEvidence(doc, attribution), signoff: readGenuineSignoffs(doc, attribution) };
    // `version` is what changes when the document does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc, attribution, version]);
}
