// What changed between two published versions, readably: a summary, then the lines, fields and items that differ.
import { ArrowRight, FileText, Minus, Plus, UserRound } from 'lucide-react';
import { useState } from 'react';
import { evidenceNumbers } from '../../../../shared/persona/references.ts';
import type { SignoffStatus } from '../../../../shared/persona/signoffRules.ts';
import type { EvidenceItem } from '../../../../shared/persona/types.ts';
import type { DiffLine, EvidenceChange, PersonaDiff } from '../../../../shared/persona/versionDiff.ts';
import { changedEvidenceFields } from '../../../../shared/persona/versionDiff.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { useT } from '../../i18n/index.ts';
import { SideBadge } from '../../ui/SideBadge.tsx';

export interface VersionChangesProps {
  diff: PersonaDiff;
  /** The version compared against (the older one). */
  previousVersion: number;
  /** The evidence of the older and the newer version, for the items' reference labels. */
  beforeEvidence: readonly EvidenceItem[];
  afterEvidence: readonly EvidenceItem[];
  /** Words for another comparison (a checkpoint against the draft) instead of "since version N". */
  wording?: { none: string; summary: (summary: string) => string };
}

/** Unchanged lines kept around a change, so it reads in context. */
const CONTEXT = 1;

const SIGNOFF_STATUS_KEYS: Record<SignoffStatus, MessageKey> = {
  signed: 'library.changes.signoff.signed',
  partial: 'library.changes.signoff.partial',
  stale: 'library.changes.signoff.stale',
  unsigned: 'library.changes.signoff.unsigned',
};

function plural(t: Translate, base: 'sections' | 'added' | 'removed' | 'changed' | 'signoffs', count: number): string {
  return t(count === 1 ? `library.changes.count.${base}.one` : `library.changes.count.${base}.other`, { count });
}

/** "3 sections changed, 2 evidence items added": what the diff holds, in words. */
export function changeSummary(t: Translate, diff: PersonaDiff): string {
  const parts: string[] = [];
  const sections = diff.sections.filter((s) => s.changed).length;
  if (diff.profile.length > 0) parts.push(t('library.changes.count.profile'));
  if (sections > 0) parts.push(plural(t, 'sections', sections));
  if (diff.evidence.added.length > 0) parts.push(plural(t, 'added', diff.evidence.added.length));
  if (diff.evidence.removed.length > 0) parts.push(plural(t, 'removed', diff.evidence.removed.length));
  if (diff.evidence.changed.length > 0) parts.push(plural(t, 'changed', diff.evidence.changed.length));
  if (diff.signoff.length > 0) parts.push(plural(t, 'signoffs', diff.signoff.length));
  return parts.join(', ');
}

export function VersionChanges({ diff, previousVersion, beforeEvidence, afterEvidence, wording }: VersionChangesProps) {
  const t = useT();
  if (diff.isEmpty) {
    return <p className="version-changes__none">{wording?.none ?? t('library.changes.none', { version: previousVersion })}</p>;
  }
  const changedSections = diff.sections.filter((s) => s.changed);
  const beforeNumbers = evidenceNumbers(beforeEvidence);
  const afterNumbers = evidenceNumbers(afterEvidence);
  const label = (item: EvidenceItem, numbers: ReturnType<typeof evidenceNumbers>) => {
    const number = numbers.get(item.id);
    return number ? t(`library.ref.${number.side}`, { n: number.n }) : '';
  };
  const { added, removed, changed } = diff.evidence;

  return (
    <div className="version-changes__body">
      <p className="version-changes__summary">
        {wording?.summary(changeSummary(t, diff)) ?? t('library.changes.summary', { version: previousVersion, summary: changeSummary(t, diff) })}
      </p>

      {diff.profile.length > 0 ? (
        <section className="version-changes__group" aria-labelledby="version-changes-profile">
          <h3 id="version-changes-profile" className="version-changes__heading">
            <UserRound aria-hidden size={16} /> {t('library.changes.profile')}
          </h3>
          <dl className="version-changes__fields">
            {diff.profile.map((change) => (
              <div key={change.field} className="version-changes__field">
                <dt>{t(`library.field.${change.field}`)}</dt>
                <dd>
                  <Before text={change.before} />
                  <ArrowRight aria-hidden size={14} className="version-changes__arrow" />
                  <After text={change.after} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      {changedSections.map((section) => {
        const textChanged = section.lines.some((line) => line.kind !== 'same');
        return (
          <section key={section.key} className="version-changes__group" data-changed-section={section.key} aria-labelledby={`version-changes-${section.key}`}>
            <h3 id={`version-changes-${section.key}`} className="version-changes__heading">
              <FileText aria-hidden size={16} /> {t(`section.${section.key}`)}
            </h3>
            {textChanged ? <DiffLines lines={section.lines} /> : <p className="version-changes__note">{t('library.changes.formattingOnly')}</p>}
          </section>
        );
      })}

      {added.length + removed.length + changed.length > 0 ? (
        <section className="version-changes__group" aria-labelledby="version-changes-evidence">
          <h3 id="version-changes-evidence" className="version-changes__heading">
            {t('library.changes.evidence')}
          </h3>
          <ul className="version-changes__items">
            {added.map((item) => (
              <EvidenceRow key={`added-${item.id}`} kind="added" item={item} label={label(item, afterNumbers)} />
            ))}
            {removed.map((item) => (
              <EvidenceRow key={`removed-${item.id}`} kind="removed" item={item} label={label(item, beforeNumbers)} />
            ))}
            {changed.map((change) => (
              <EvidenceChangeRow key={`changed-${change.after.id}`} change={change} label={label(change.after, afterNumbers)} />
            ))}
          </ul>
        </section>
      ) : null}

      {diff.signoff.length > 0 ? (
        <section className="version-changes__group" aria-labelledby="version-changes-signoff">
          <h3 id="version-changes-signoff" className="version-changes__heading">
            {t('library.changes.signoffs')}
          </h3>
          <ul className="version-changes__signoffs">
            {diff.signoff.map((change) => (
              <li key={change.section}>
                <span className="version-changes__signoff-section">{t(`section.${change.section}`)}</span>
                <span className={`version-changes__status version-changes__status--${change.before}`}>{t(SIGNOFF_STATUS_KEYS[change.before])}</span>
                <ArrowRight aria-label={t('library.changes.became')} size={14} className="version-changes__arrow" />
                <span className={`version-changes__status version-changes__status--${change.after}`}>{t(SIGNOFF_STATUS_KEYS[change.after])}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function Before({ text }: { text: string }) {
  const t = useT();
  return text ? (
    <del className="diff-word diff-word--removed">
      <span className="visually-hidden">{t('library.changes.was')} </span>
      {text}
    </del>
  ) : (
    <span className="diff-word diff-word--empty">{t('library.changes.empty')}</span>
  );
}

function After({ text }: { text: string }) {
  const t = useT();
  return text ? (
    <ins className="diff-word diff-word--added">
      <span className="visually-hidden">{t('library.changes.now')} </span>
      {text}
    </ins>
  ) : (
    <span className="diff-word diff-word--empty">{t('library.changes.empty')}</span>
  );
}

type Chunk = { kind: 'line'; line: DiffLine; index: number } | { kind: 'collapsed'; start: number; lines: DiffLine[] };

/** Changed lines with a line of context; longer unchanged stretches fold into "… 4 unchanged lines". */
function chunksOf(lines: readonly DiffLine[], expanded: ReadonlySet<number>): Chunk[] {
  const near = lines.map((_, i) => {
    for (let d = -CONTEXT; d <= CONTEXT; d += 1) if (lines[i + d] && lines[i + d]?.kind !== 'same') return true;
    return false;
  });
  const chunks: Chunk[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line) break;
    if (line.kind !== 'same' || near[i]) {
      chunks.push({ kind: 'line', line, index: i });
      i += 1;
      continue;
    }
    const start = i;
    while (i < lines.length && lines[i]?.kind === 'same' && !near[i]) i += 1;
    const run = lines.slice(start, i);
    if (run.length === 1 || expanded.has(start)) run.forEach((l, k) => chunks.push({ kind: 'line', line: l, index: start + k }));
    else chunks.push({ kind: 'collapsed', start, lines: run });
  }
  return chunks;
}

function DiffLines({ lines }: { lines: readonly DiffLine[] }) {
  const t = useT();
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  return (
    <ol className="diff" aria-label={t('library.changes.lines')}>
      {chunksOf(lines, expanded).map((chunk) =>
        chunk.kind === 'collapsed' ? (
          <li key={`c${chunk.start}`} className="diff-line diff-line--collapsed">
            <button type="button" className="diff-line__expand" onClick={() => setExpanded((prev) => new Set(prev).add(chunk.start))}>
              {t(chunk.lines.length === 1 ? 'library.changes.unchanged.one' : 'library.changes.unchanged.other', { count: chunk.lines.length })}
            </button>
          </li>
        ) : (
          <li key={chunk.index} className={`diff-line diff-line--${chunk.line.kind}`} data-diff={chunk.line.kind}>
            <span className="diff-line__sign" aria-hidden>
              {chunk.line.kind === 'added' ? <Plus size={12} /> : chunk.line.kind === 'removed' ? <Minus size={12} /> : null}
            </span>
            {chunk.line.kind === 'added' ? (
              <ins className="diff-line__text">
                <span className="visually-hidden">{t('library.changes.added')}: </span>
                {chunk.line.text}
              </ins>
            ) : chunk.line.kind === 'removed' ? (
              <del className="diff-line__text">
                <span className="visually-hidden">{t('library.changes.removed')}: </span>
                {chunk.line.text}
              </del>
            ) : (
              <span className="diff-line__text">{chunk.line.text}</span>
            )}
          </li>
        ),
      )}
    </ol>
  );
}

function EvidenceRow({ kind, item, label }: { kind: 'added' | 'removed'; item: EvidenceItem; label: string }) {
  const t = useT();
  const Text = kind === 'added' ? 'ins' : 'del';
  return (
    <li className={`version-changes__item version-changes__item--${kind}`} data-evidence-change={kind}>
      <span className={`version-changes__badge version-changes__badge--${kind}`}>
        {kind === 'added' ? <Plus aria-hidden size={12} /> : <Minus aria-hidden size={12} />}
        {t(kind === 'added' ? 'library.changes.added' : 'library.changes.removed')}
      </span>
      <SideBadge side={item.side} compact />
      {label ? <span className={`evidence-ref evidence-ref--${item.side}`}>{label}</span> : null}
      <span className="version-changes__kind">{t(`kind.${item.kind}`)}</span>
      <Text className="version-changes__text">{item.text}</Text>
    </li>
  );
}

function EvidenceChangeRow({ change, label }: { change: EvidenceChange; label: string }) {
  const t = useT();
  const fields = changedEvidenceFields(change);
  const { before, after } = change;
  return (
    <li className="version-changes__item version-changes__item--changed" data-evidence-change="changed">
      <span className="version-changes__badge version-changes__badge--changed">{t('library.changes.edited')}</span>
      <SideBadge side={after.side} compact />
      {label ? <span className={`evidence-ref evidence-ref--${after.side}`}>{label}</span> : null}
      <span className="version-changes__kind">{t(`kind.${after.kind}`)}</span>
      {fields.includes('text') ? (
        <span className="version-changes__text">
          <Before text={before.text} /> <ArrowRight aria-hidden size={14} className="version-changes__arrow" /> <After text={after.text} />
        </span>
      ) : (
        <span className="version-changes__text">{after.text}</span>
      )}
      {fields.includes('source') ? (
        <span className="version-changes__detail">
          {t('library.evidence.source')} <Before text={before.source} /> <ArrowRight aria-hidden size={12} className="version-changes__arrow" /> <After text={after.source} />
        </span>
      ) : null}
      {fields.includes('section') ? (
        <span className="version-changes__detail">
          {t('library.evidence.supports')} <Before text={before.section ? t(`section.${before.section}`) : ''} />{' '}
          <ArrowRight aria-hidden size={12} className="version-changes__arrow" /> <After text={after.section ? t(`section.${after.section}`) : ''} />
        </span>
      ) : null}
    </li>
  );
}
