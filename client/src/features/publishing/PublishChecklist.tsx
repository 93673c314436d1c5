import { CircleCheck, CircleDashed, FileQuestion, KeyRound, MessageSquare, Scale, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { useId } from 'react';
import type { AlignmentState, SectionAlignment } from '../../../../shared/persona/alignment.ts';
import { SECTION_KEYS, SIDES } from '../../../../shared/persona/schema.ts';
import type { SectionSignoff } from '../../../../shared/persona/signoff.ts';
import type { SectionKey } from '../../../../shared/persona/types.ts';
import type { Signoffs } from '../signoff/useSignoff.ts';
import type { Translate } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { sideName } from '../signoff/SignoffKeys.tsx';

export interface PublishIssues {
  /** Sections with nothing written (guidance only): "Not started", listed as such and nowhere else. */
  notStarted: SectionKey[];
  /** Sections neither side has signed. */
  unsigned: SectionKey[];
  /** Sections one side signed, or that changed after a sign-off, with their state. */
  signoff: { section: SectionKey; signoff: SectionSignoff }[];
  unbacked: SectionKey[];
  needsSalesValidation: SectionKey[];
  needsData: SectionKey[];
  openThreads: number;
  /** Nothing to warn about. */
  clear: boolean;
}

/** What is worth a look before publishing: warnings only, never a reason to refuse. */
export function publishIssues(
  signoffs: Signoffs,
  alignment: Readonly<Record<SectionKey, SectionAlignment>>,
  openThreads: number,
  notStarted: ReadonlySet<SectionKey> = new Set(),
): PublishIssues {
  const started = SECTION_KEYS.filter((section) => !notStarted.has(section));
  const inState = (state: AlignmentState) => started.filter((section) => alignment[section].state === state);
  const issues = {
    notStarted: SECTION_KEYS.filter((section) => notStarted.has(section)),
    unsigned: started.filter((section) => signoffs[section].status === 'unsigned'),
    signoff: started.filter((section) => signoffs[section].status === 'partial' || signoffs[section].status === 'stale').map(
      (section) => ({ section, signoff: signoffs[section] }),
    ),
    unbacked: inState('unbacked'),
    needsSalesValidation: inState('needsSalesValidation'),
    needsData: inState('needsData'),
    openThreads,
  };
  const clear =
    issues.notStarted.length + issues.unsigned.length + issues.signoff.length + issues.unbacked.length + issues.needsSalesValidation.length + issues.needsData.length === 0 &&
    openThreads === 0;
  return { ...issues, clear };
}

/** What is missing in one section's sign-off, side by side, in words. */
function sideProblems(t: Translate, signoff: SectionSignoff): string {
  return SIDES.flatMap((side) => {
    const state = signoff[side];
    if (state.state === 'current') return [];
    if (state.state === 'missing') {
      return [t(state.signAgain ? 'publish.check.sideSignAgain' : 'publish.check.sideMissing', { side: sideName(t, side) })];
    }
    return [t('publish.check.sideStale', { side: sideName(t, side), name: state.by })];
  }).join('; ');
}

function Check({ kind, icon, children, section }: { kind: string; icon: ReactNode; children: ReactNode; section?: SectionKey }) {
  return (
    <li className={`publish-check publish-check--${kind}`} data-check={kind} data-section={section}>
      {icon}
      <span>{children}</span>
    </li>
  );
}

/** The checklist shown before publishing, or a green all-clear. */
export function PublishChecklist({ issues }: { issues: PublishIssues }) {
  const t = useT();
  const locale = useLocale();
  const titleId = useId();
  const list = (sections: readonly SectionKey[]) =>
    new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(sections.map((section) => t(`section.${section}`)));

  if (issues.clear) {
    return (
      <p className="publish-clear" data-testid="publish-all-clear">
        <CircleCheck aria-hidden size={18} />
        {t('publish.allClear')}
      </p>
    );
  }
  const warn = <TriangleAlert aria-hidden size={16} className="publish-check__icon" />;
  return (
    <section className="publish-checklist" data-testid="publish-checklist" aria-labelledby={titleId}>
      <h3 className="publish-checklist__title" id={titleId}>
        {t('publish.checklist.title')}
      </h3>
      <p className="publish-checklist__intro">{t('publish.checklist.intro')}</p>
      <ul className="publish-checklist__items">
        {issues.notStarted.length > 0 ? (
          <Check kind="notStarted" icon={<CircleDashed aria-hidden size={16} className="publish-check__icon" />}>
            {t('publish.check.notStarted', { sections: list(issues.notStarted) })}
          </Check>
        ) : null}
        {issues.unsigned.length > 0 ? (
          <Check kind="unsigned" icon={<KeyRound aria-hidden size={16} className="publish-check__icon" />}>
            {t('publish.check.unsigned', { sections: list(issues.unsigned) })}
          </Check>
        ) : null}
        {issues.signoff.map(({ section, signoff }) => (
          <Check key={section} kind={`signoff-${signoff.status}`} section={section} icon={warn}>
            {t('publish.check.section', { section: t(`section.${section}`), problems: sideProblems(t, signoff) })}
          </Check>
        ))}
        {issues.unbacked.length > 0 ? (
          <Check kind="unbacked" icon={<FileQuestion aria-hidden size={16} className="publish-check__icon" />}>
            {t('publish.check.unbacked', { sections: list(issues.unbacked) })}
          </Check>
        ) : null}
        {issues.needsSalesValidation.length > 0 ? (
          <Check kind="needsSalesValidation" icon={<Scale aria-hidden size={16} className="publish-check__icon" />}>
            {t('publish.check.needsSalesValidation', { sections: list(issues.needsSalesValidation) })}
          </Check>
        ) : null}
        {issues.needsData.length > 0 ? (
          <Check kind="needsData" icon={<Scale aria-hidden size={16} className="publish-check__icon" />}>
            {t('publish.check.needsData', { sections: list(issues.needsData) })}
          </Check>
        ) : null}
        {issues.openThreads > 0 ? (
          <Check kind="threads" icon={<MessageSquare aria-hidden size={16} className="publish-check__icon" />}>
            {issues.openThreads === 1 ? t('publish.check.threads.one') : t('publish.check.threads.other', { count: issues.openThreads })}
          </Check>
        ) : null}
      </ul>
    </section>
  );
}
