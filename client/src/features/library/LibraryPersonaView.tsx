// One published version as a document: contents, header, sections, evidence and what changed.
import { useMemo } from 'react';
import type { PublishedPersona, VersionMeta } from '../../../../shared/api.ts';
import { alignmentOfContent } from '../../../../shared/persona/alignment.ts';
import { evidenceNumbers } from '../../../../shared/persona/references.ts';
import { SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import { signoffsFromContent } from '../../../../shared/persona/signoffRules.ts';
import { useT } from '../../i18n/index.ts';
import { ChangesPanel } from './ChangesPanel.tsx';
import { evidenceLabel } from './LibraryCommon.tsx';
import { evidenceAnchor, LibraryEvidence } from './LibraryEvidence.tsx';
import { LibraryPersonaHeader } from './LibraryPersonaHeader.tsx';
import { LibrarySection } from './LibrarySection.tsx';
import { LibraryGoals } from './LibraryGoals.tsx';
import type { ClaimEvidence } from './RichTextView.tsx';

function newestFirst(versions: readonly VersionMeta[]): VersionMeta[] {
  return [...versions].sort((a, b) => b.version - a.version);
}

export function LibraryPersonaView({ persona, pending, onPickVersion }: { persona: PublishedPersona; pending: boolean; onPickVersion: (version: number) => void }) {
  const t = useT();
  const { version } = persona;
  const versions = useMemo(() => {
    const list = newestFirst(persona.versions);
    // The version shown is always in the picker, even if the list the server sent missed it.
    return list.some((v) => v.version === persona.version) ? list : newestFirst([...list, persona]);
  }, [persona]);
  const latest = versions[0]?.version ?? version;
  const previous = versions.find((v) => v.version < version)?.version ?? null;

  const numbers = useMemo(() => evidenceNumbers(persona.evidence), [persona.evidence]);
  const claimEvidence = useMemo(() => {
    const map = new Map<string, ClaimEvidence>();
    for (const item of persona.evidence) {
      const number = numbers.get(item.id);
      if (!number || map.has(item.id)) continue;
      map.set(item.id, { side: item.side, label: evidenceLabel(t, number), text: item.text, anchor: evidenceAnchor(item.id) });
    }
    return map;
  }, [persona.evidence, numbers, t]);
  const signoffs = useMemo(() => signoffsFromContent(persona.sections, persona.signoff), [persona.sections, persona.signoff]);
  const alignment = useMemo(() => alignmentOfContent(persona.evidence, persona.sections), [persona.sections, persona.evidence]);
  return (
    <div className="library-persona__layout" aria-busy={pending} data-pending={pending || undefined} data-version={version}>
      <LibraryToc />

      <article className="library-doc">
        <LibraryPersonaHeader persona={persona} versions={versions} latest={latest} onPickVersion={onPickVersion} />

        <div className="library-doc__sections">
          {SECTION_KEYS.map((key) => (
            <LibrarySection
              key={key}
              sectionKey={key}
              content={persona.sections[key]}
              evidence={claimEvidence}
              signoff={signoffs[key]}
              alignment={alignment[key]}
            />
          ))}
        </div>

        <LibraryEvidence evidence={persona.evidence} numbers={numbers} />

        <LibraryGoals persona={persona} />

        <ChangesPanel persona={persona} previous={previous} />
      </article>
    </div>
  );
}

/** The contents: each section, the evidence, what changed. */
function LibraryToc() {
  const t = useT();
  return (
  <aside className="library-toc" aria-label={t('library.toc')}>
    <p className="library-toc__title">{t('library.toc')}</p>
    <ol>
      {SECTION_KEYS.map((key) => (
        <li key={key}>
          <a href={`#section-${key}`}>{t(`section.${key}`)}</a>
        </li>
      ))}
      <li className="library-toc__extra">
        <a href="#evidence">{t('library.evidence.title')}</a>
      </li>
      <li>
        <a href="#goals">{t('library.goals.title')}</a>
      </li>
      <li>
        <a href="#changes">{t('library.changes.title')}</a>
      </li>
    </ol>
  </aside>
  );
}
