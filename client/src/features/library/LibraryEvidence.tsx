// The evidence summary of a published persona: marketing data and sales anecdotes side by side, each with its reference.
import type { EvidenceNumber } from '../../../../shared/persona/references.ts';
import type { EvidenceItem, Side } from '../../../../shared/persona/types.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { authorName, evidenceLabel, formatDay } from './LibraryCommon.tsx';
import { SIDE_ICONS } from '../../ui/SideBadge.tsx';

/** The id of an item's element in the summary, so a claim's reference can point at it. */
export function evidenceAnchor(id: string): string {
  return `evidence-${id}`;
}

export function LibraryEvidence({ evidence, numbers }: { evidence: readonly EvidenceItem[]; numbers: ReadonlyMap<string, EvidenceNumber> }) {
  const t = useT();
  return (
    <section className="library-evidence" id="evidence" aria-labelledby="library-evidence-title" data-testid="library-evidence">
      <h2 className="library-block__title" id="library-evidence-title">
        {t('library.evidence.title')}
      </h2>
      <p className="library-block__subtitle">{t('library.evidence.subtitle')}</p>
      <div className="library-evidence__columns">
        {(['marketing', 'sales'] as const).map((side) => (
          <EvidenceColumn key={side} side={side} items={evidence.filter((item) => item.side === side)} numbers={numbers} />
        ))}
      </div>
    </section>
  );
}

function EvidenceColumn({ side, items, numbers }: { side: Side; items: readonly EvidenceItem[]; numbers: ReadonlyMap<string, EvidenceNumber> }) {
  const t = useT();
  const locale = useLocale();
  const Icon = SIDE_ICONS[side];
  const titleId = `library-evidence-${side}`;
  return (
    <section className={`library-evidence__column library-evidence__column--${side}`} aria-labelledby={titleId} data-evidence-column={side}>
      <h3 className="library-evidence__heading" id={titleId}>
        <Icon aria-hidden size={16} />
        {t(`library.evidence.${side}`)}
        <span className="library-evidence__count">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="library-evidence__empty">{t(`library.evidence.empty.${side}`)}</p>
      ) : (
        <ol className="library-evidence__list">
          {items.map((item) => {
            const number = numbers.get(item.id);
            const date = formatDay(item.createdAt, locale);
            return (
              <li
                key={item.id}
                id={evidenceAnchor(item.id)}
                className={`library-evidence__item library-evidence__item--${item.side}`}
                data-evidence-side={item.side}
                data-evidence-id={item.id}
                tabIndex={-1}
              >
                <div className="library-evidence__top">
                  {number ? <span className={`evidence-ref evidence-ref--${item.side}`}>{evidenceLabel(t, number)}</span> : null}
                  <span className="library-evidence__kind">{t(`kind.${item.kind}`)}</span>
                  <span className="library-evidence__section">
                    <span className="visually-hidden">{t('library.evidence.supports')} </span>
                    {item.section ? t(`section.${item.section}`) : t('library.evidence.noSection')}
                  </span>
                </div>
                <p className="library-evidence__text">{item.text}</p>
                <p className="library-evidence__meta">
                  {item.source ? (
                    <span className="library-evidence__source">
                      {t('library.evidence.source')} {item.source}
                    </span>
                  ) : (
                    <span className="library-evidence__source library-evidence__source--none">{t('library.evidence.noSource')}</span>
                  )}
                  <span
                    className="library-evidence__author"
                    data-author-verified={item.verified === false ? 'false' : undefined}
                    title={item.verified === false ? t('library.unverifiedHint') : undefined}
                  >
                    {authorName(t, { name: item.author, verified: item.verified !== false })}
                    {date ? (
                      <>
                        {' · '}
                        <time dateTime={item.createdAt}>{date}</time>
                      </>
                    ) : null}
                  </span>
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
