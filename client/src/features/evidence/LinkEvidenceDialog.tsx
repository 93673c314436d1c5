import { Link2, Search } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useId, useMemo, useState } from 'react';
import type { EvidenceItem, SectionKey } from '../../../../shared/persona/types.ts';
import type { EvidenceSnapshot } from './useEvidence.ts';
import { useT } from '../../i18n/index.ts';
import { searchable } from '../../i18n/format.ts';
import { DialogPanel } from '../../ui/DialogPanel.tsx';
import { SideBadge } from '../../ui/SideBadge.tsx';

export interface LinkTarget {
  section: SectionKey;
  /** The claim's text, quoted in the dialog so people know what they are backing. */
  quote: string;
  /** Ids the claim links to now. */
  ids: readonly string[];
}

export interface LinkEvidenceDialogProps {
  target: LinkTarget | null;
  evidence: EvidenceSnapshot;
  onApply: (ids: string[]) => void;
  onClose: () => void;
  onOpenBoard: () => void;
}

/** Items that name this section first, then the rest; each group newest first. */
function ordered(items: readonly EvidenceItem[], section: SectionKey): EvidenceItem[] {
  const rank = (item: EvidenceItem) => (item.section === section ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt));
}

/** Picks the evidence items that back the selected claim. */
export function LinkEvidenceDialog({ target, evidence, onApply, onClose, onOpenBoard }: LinkEvidenceDialogProps) {
  return (
    <Dialog.Root open={target !== null} onOpenChange={(open) => !open && onClose()}>
      {target ? <LinkEvidenceForm key={target.ids.join(',') + target.quote} target={target} evidence={evidence} onApply={onApply} onClose={onClose} onOpenBoard={onOpenBoard} /> : null}
    </Dialog.Root>
  );
}

function LinkEvidenceForm({ target, evidence, onApply, onClose, onOpenBoard }: LinkEvidenceDialogProps & { target: LinkTarget }) {
  const t = useT();
  const searchId = useId();
  const [query, setQuery] = useState('');
  // Links to items deleted meanwhile are dropped rather than kept dangling.
  const [chosen, setChosen] = useState(() => new Set(target.ids.filter((id) => evidence.byId.has(id))));
  const items = useMemo(() => ordered(evidence.items, target.section), [evidence.items, target.section]);
  const needle = searchable(query.trim());
  const visible = needle ? items.filter((item) => searchable(`${item.text} ${item.source} ${item.author}`).includes(needle)) : items;

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const apply = () => {
    onApply(items.filter((item) => chosen.has(item.id)).map((item) => item.id));
  };

  return (
    <DialogPanel title={t('link.title')} description={t('link.description')} testId="link-evidence-dialog">
      <blockquote className="link-dialog__quote">{target.quote}</blockquote>
      {evidence.items.length === 0 ? (
        <div className="empty">
          <p>{t('link.noEvidence')}</p>
          <button type="button" className="button" onClick={onOpenBoard}>
            {t('link.openBoard')}
          </button>
        </div>
      ) : (
        <form
          className="link-dialog"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <label className="search" htmlFor={searchId}>
            <Search aria-hidden size={16} />
            <span className="visually-hidden">{t('link.search')}</span>
            <input id={searchId} className="search__input" type="search" value={query} placeholder={t('link.search')} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <fieldset className="link-dialog__list">
            <legend className="visually-hidden">{t('link.items')}</legend>
            {visible.length === 0 ? <p className="link-dialog__none">{t('link.noMatch', { query })}</p> : null}
            {visible.map((item) => (
              <label key={item.id} className={`link-option link-option--${item.side}`} data-option-side={item.side}>
                <input type="checkbox" checked={chosen.has(item.id)} onChange={() => toggle(item.id)} />
                <span className="link-option__body">
                  <span className="link-option__meta">
                    <SideBadge side={item.side} compact />
                    <span>{t(`kind.${item.kind}`)}</span>
                    {item.section === target.section ? <span className="pill">{t('link.thisSection')}</span> : null}
                  </span>
                  <span className="link-option__text">{item.text}</span>
                  {item.source ? <span className="link-option__source">{item.source}</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
          <div className="dialog__actions">
            <button type="button" className="button button--ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button--primary" disabled={chosen.size === 0 && target.ids.length === 0}>
              <Link2 aria-hidden size={16} />
              {chosen.size > 0 ? t('link.apply', { count: chosen.size }) : target.ids.length > 0 ? t('link.remove') : t('link.none')}
            </button>
          </div>
        </form>
      )}
    </DialogPanel>
  );
}
