// One section of a published persona: its text, its sign-off when published, and its alignment.
import { CircleCheck, CircleDashed, TriangleAlert } from 'lucide-react';
import type { SectionAlignment } from '../../../../shared/persona/alignment.ts';
import { boundRichTextDepth } from '../../../../shared/persona/richTextDepth.ts';
import type { SectionKey } from '../../../../shared/persona/schema.ts';
import type { SectionSignoff } from '../../../../shared/persona/signoffRules.ts';
import type { RichTextDoc, RichTextNode, Side } from '../../../../shared/persona/types.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { AlignmentChip } from '../evidence/Alignment.tsx';
import { formatDateTime } from './LibraryCommon.tsx';
import type { ClaimEvidence } from './RichTextView.tsx';
import { RichTextView } from './RichTextView.tsx';

const SIDE_ORDER: readonly Side[] = ['marketing', 'sales'];

export function LibrarySection({
  sectionKey,
  content,
  evidence,
  signoff,
  alignment,
}: {
  sectionKey: SectionKey;
  content: RichTextDoc;
  evidence: ReadonlyMap<string, ClaimEvidence>;
  signoff: SectionSignoff;
  alignment: SectionAlignment;
}) {
  const t = useT();
  const headingId = `section-${sectionKey}-title`;
  const empty = !boundRichTextDepth(content).content.some((node) => hasText(node));
  return (
    <section className="library-section" id={`section-${sectionKey}`} data-section={sectionKey} aria-labelledby={headingId}>
      <header className="library-section__head">
        <h2 className="library-section__title" id={headingId}>
          {t(`section.${sectionKey}`)}
        </h2>
        <AlignmentChip alignment={alignment} />
      </header>
      {empty ? (
        <p className="library-section__empty">{t('library.section.empty')}</p>
      ) : (
        <RichTextView content={content} evidence={evidence} className="rich-text library-section__body" />
      )}
      <SignoffLine signoff={signoff} />
    </section>
  );
}

function hasText(node: RichTextNode): boolean {
  if (node.type === 'horizontalRule') return true;
  if ((node.text ?? '').trim() !== '') return true;
  return (node.content ?? []).some(hasText);
}

/** Each side's sign-off as it stood when the version was published, in words and with an icon. */
function SignoffLine({ signoff }: { signoff: SectionSignoff }) {
  const t = useT();
  const locale = useLocale();
  return (
    <ul className="library-signoff" aria-label={t('library.signoff.label')} data-signoff-status={signoff.status}>
      {SIDE_ORDER.map((side) => {
        const state = signoff[side];
        const sideName = t(side === 'marketing' ? 'side.marketing' : 'side.sales');
        if (state.state === 'missing') {
          return (
            <li key={side} className="library-signoff__side library-signoff__side--missing" data-signoff-side={side} data-signoff-state="missing">
              <CircleDashed aria-hidden size={14} />
              {t('library.signoff.missing', { side: sideName })}
            </li>
          );
        }
        const title = t('library.signoff.at', { date: formatDateTime(state.at, locale) });
        return state.state === 'current' ? (
          <li key={side} className={`library-signoff__side library-signoff__side--current library-signoff__side--${side}`} data-signoff-side={side} data-signoff-state="current" title={title}>
            <CircleCheck aria-hidden size={14} />
            {t('library.signoff.current', { name: state.by, side: sideName })}
          </li>
        ) : (
          <li key={side} className="library-signoff__side library-signoff__side--stale" data-signoff-side={side} data-signoff-state="stale" title={title}>
            <TriangleAlert aria-hidden size={14} />
            {t('library.signoff.stale', { name: state.by, side: sideName })}
          </li>
        );
      })}
    </ul>
  );
}
