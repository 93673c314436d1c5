import { Link2, Pencil, Trash2 } from 'lucide-react';
import { useId } from 'react';
import type { EvidenceItem, SectionKey } from '../../../../shared/persona/types.ts';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { MentionText } from '../mentions/MentionText.tsx';

interface EvidenceItemCardProps {
  item: EvidenceItem;
  /** Sections whose claims link to this item, in display order. */
  linkedIn: readonly SectionKey[];
  readOnly: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onGoToSection?: ((section: SectionKey) => void) | undefined;
}

/** One evidence item on the board: what it says, where it comes from, who added it and what it supports. */
export function EvidenceItemCard({ item, linkedIn, readOnly, onEdit, onDelete, onGoToSection }: EvidenceItemCardProps) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const textId = useId();
  const { section } = item;
  const created = new Date(item.createdAt);

  return (
    <article
      className={`evidence-card evidence-card--${item.side}`}
      data-evidence-side={item.side}
      data-evidence-id={item.id}
    >
      <header className="evidence-card__top">
        <span className="evidence-card__kind">{t(`kind.${item.kind}`)}</span>
        {section ? (
          onGoToSection ? (
            <button
              type="button"
              className="evidence-card__section"
              aria-label={t('board.item.goToSection', { section: t(`section.${section}`) })}
              onClick={() => onGoToSection(section)}
            >
              {t(`section.${section}`)}
            </button>
          ) : (
            <span className="evidence-card__section">{t(`section.${section}`)}</span>
          )
        ) : (
          <span className="evidence-card__section evidence-card__section--none">{t('board.item.noSection')}</span>
        )}
      </header>
      <p className="evidence-card__text" id={textId}>
        <MentionText text={item.text} />
      </p>
      <p className={item.source ? 'evidence-card__source' : 'evidence-card__source evidence-card__source--none'}>
        {item.source ? t('board.item.source', { source: item.source }) : t('board.item.noSource')}
      </p>
      <p className="evidence-card__meta">
        {item.verified === false ? (
          <span data-author-verified="false" title={t('board.item.unverifiedHint')}>
            {t('board.item.unverified', { name: item.author })}
          </span>
        ) : (
          <span>{item.author}</span>
        )}
        <span aria-hidden> · </span>
        <time dateTime={item.createdAt} title={created.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}>
          {formatRelative(item.createdAt, locale, now)}
        </time>
      </p>
      {linkedIn.length > 0 ? (
        <p className="evidence-card__linked">
          <Link2 aria-hidden size={14} />
          {t('board.item.linkedIn', {
            sections: new Intl.ListFormat(locale, { type: 'conjunction' }).format(linkedIn.map((s) => t(`section.${s}`))),
          })}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="evidence-card__actions">
          <button
            type="button"
            className="button button--ghost button--small"
            data-action="edit"
            aria-describedby={textId}
            onClick={onEdit}
          >
            <Pencil aria-hidden size={14} />
            {t('board.item.edit')}
          </button>
          <button
            type="button"
            className="button button--ghost button--small evidence-card__delete"
            data-action="delete"
            aria-describedby={textId}
            onClick={onDelete}
          >
            <Trash2 aria-hidden size={14} />
            {t('board.item.delete')}
          </button>
        </div>
      )}
    </article>
  );
}
