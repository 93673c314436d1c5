import { Link2, Link2Off } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useMemo } from 'react';
import type { EvidenceItem } from '../../../../shared/persona/types.ts';
import type { EvidenceSnapshot } from './useEvidence.ts';
import { useT } from '../../i18n/index.ts';
import { SideBadge } from '../../ui/SideBadge.tsx';

export interface ClaimPopoverProps {
  /** The claim's element in the editor; the card opens beside it. Null: closed. */
  anchor: HTMLElement | null;
  ids: readonly string[];
  evidence: EvidenceSnapshot;
  readOnly: boolean;
  onChangeLinks: () => void;
  onUnlink: () => void;
  onClose: () => void;
  onPointerEnter: () => void;
  onPointerLeave: () => void;
}

/** The evidence behind a claim, shown while the claim is hovered or the caret is in it. */
export function ClaimPopover({ anchor, ids, evidence, readOnly, onChangeLinks, onUnlink, onClose, onPointerEnter, onPointerLeave }: ClaimPopoverProps) {
  const t = useT();
  const anchorRef = useMemo(() => ({ current: anchor ?? { getBoundingClientRect: () => new DOMRect() } }), [anchor]);
  const items = ids.map((id) => evidence.byId.get(id)).filter((item): item is EvidenceItem => item !== undefined);
  const missing = ids.length - items.length;

  return (
    <Popover.Root open={anchor !== null} onOpenChange={(open) => !open && onClose()}>
      <Popover.Anchor virtualRef={anchorRef} />
      <Popover.Portal>
        <Popover.Content
          className="popover claim-card"
          data-testid="claim-card"
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={12}
          // The editor keeps the caret: the card informs, it does not take focus.
          onOpenAutoFocus={(e) => e.preventDefault()}
          onCloseAutoFocus={(e) => e.preventDefault()}
          onPointerEnter={onPointerEnter}
          onPointerLeave={onPointerLeave}
        >
          <p className="claim-card__title">{t('claim.backedBy', { count: items.length })}</p>
          {items.length === 0 ? <p className="claim-card__empty">{t('claim.noItems')}</p> : null}
          <ul className="claim-card__items">
            {items.map((item) => (
              <li key={item.id} className={`claim-card__item claim-card__item--${item.side}`} data-claim-item-side={item.side}>
                <div className="claim-card__meta">
                  <SideBadge side={item.side} compact />
                  <span className="claim-card__kind">{t(`kind.${item.kind}`)}</span>
                  <span className="claim-card__author">
                    {item.verified === false ? t('claim.unverified', { name: item.author }) : item.author}
                  </span>
                </div>
                <p className="claim-card__text">{item.text}</p>
                {item.source ? <p className="claim-card__source">{t('claim.source', { source: item.source })}</p> : null}
              </li>
            ))}
          </ul>
          {missing > 0 ? <p className="claim-card__missing">{t('claim.missing', { count: missing })}</p> : null}
          {readOnly ? null : (
            <div className="claim-card__actions">
              <button type="button" className="button button--small" onClick={onChangeLinks}>
                <Link2 aria-hidden size={14} /> {t('claim.changeLinks')}
              </button>
              <button type="button" className="button button--small button--ghost" onClick={onUnlink}>
                <Link2Off aria-hidden size={14} /> {t('claim.unlink')}
              </button>
            </div>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
