import { Plus, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import * as Y from 'yjs';
import type { EvidenceInput } from '../../../../shared/persona/evidence.ts';
import { addEvidence, deleteEvidence, updateEvidence } from '../../../../shared/persona/evidence.ts';
import { EVIDENCE_KINDS, getEvidence, getSection, isSectionKey, SECTION_KEYS, SIDES } from '../../../../shared/persona/schema.ts';
import type { EvidenceItem, EvidenceKind, SectionKey, Side } from '../../../../shared/persona/types.ts';
import type { EvidenceSnapshot, LinkedIds } from './useEvidence.ts';
import { EVIDENCE_ORIGIN } from './useEvidence.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { EvidenceForm, kindsFor } from './EvidenceForm.tsx';
import { EvidenceItemCard } from './EvidenceItemCard.tsx';
import { SIDE_ICONS } from '../../ui/SideBadge.tsx';

/** Origin of this board's deletions: only they are tracked, so Undo restores a deleted item and its claim links. */
export const DELETE_ORIGIN = Symbol('tandem.evidence.delete');

export interface EvidenceBoardProps {
  doc: Y.Doc;
  participant: Participant;
  readOnly: boolean;
  /** From useEvidence(doc), read by the parent. */
  evidence: EvidenceSnapshot;
  /** From useLinkedIds(doc). */
  linked: LinkedIds;
  sectionFilter: SectionKey | 'all';
  onSectionFilterChange: (section: SectionKey | 'all') => void;
  /** Extra toolbar buttons, e.g. Import CSV. */
  actions?: ReactNode;
  onGoToSection?: (section: SectionKey) => void;
}

type Editing = { mode: 'add' } | { mode: 'edit'; id: string; side: Side };
type Status =
  | { kind: 'deleted'; id: string; side: Side; sections: readonly SectionKey[] }
  | { kind: 'restored' | 'gone' | 'addedHidden' };
type FocusTarget = { to: 'add'; side: Side } | { to: 'column'; side: Side } | { to: 'edit'; id: string; side: Side } | { to: 'undo' };

const NO_SECTION = '';
const STATUS_KEYS = { restored: 'board.restored', gone: 'board.goneWhileEditing', addedHidden: 'board.addedHidden' } as const;

function findFocusTarget(root: HTMLElement, target: FocusTarget): HTMLElement | null {
  if (target.to === 'undo') return root.querySelector('[data-board-undo]');
  const heading = root.querySelector<HTMLElement>(`[data-board-column="${target.side}"] h3`);
  if (target.to === 'add') return root.querySelector<HTMLElement>('[data-board-add]') ?? heading;
  if (target.to === 'column') return heading;
  const { id } = target;
  const card = [...root.querySelectorAll<HTMLElement>('[data-evidence-id]')].find((el) => el.dataset['evidenceId'] === id);
  return card?.querySelector<HTMLElement>('[data-action="edit"]') ?? heading;
}

/** The evidence board: marketing data and sales anecdotes side by side, filtered, added and edited in place. */
export function EvidenceBoard(props: EvidenceBoardProps) {
  const { doc, participant, readOnly, evidence, linked, sectionFilter, onSectionFilterChange, actions, onGoToSection } = props;
  const t = useT();
  const locale = useLocale();
  const headingId = useId();
  const rootRef = useRef<HTMLElement>(null);
  const undoRef = useRef<Y.UndoManager | null>(null);
  const [kindFilter, setKindFilter] = useState<EvidenceKind | 'all'>('all');
  const [unsectionedOnly, setUnsectionedOnly] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [focusTarget, setFocusTarget] = useState<FocusTarget | null>(null);

  // Made in the effect that destroys it, so StrictMode's replayed effects leave a live manager.
  useEffect(() => {
    const scope = [getEvidence(doc), ...SECTION_KEYS.map((key) => getSection(doc, key))];
    const undo = new Y.UndoManager(scope, { trackedOrigins: new Set([DELETE_ORIGIN]), captureTimeout: 0 });
    undoRef.current = undo;
    return () => {
      undo.destroy();
      if (undoRef.current === undo) undoRef.current = null;
    };
  }, [doc]);

  useEffect(() => {
    if (focusTarget && rootRef.current) findFocusTarget(rootRef.current, focusTarget)?.focus();
  }, [focusTarget]);

  // "No section" is a choice of this board; the parent's filter knows only sections, and picking one there wins.
  const [seenFilter, setSeenFilter] = useState(sectionFilter);
  if (seenFilter !== sectionFilter) {
    setSeenFilter(sectionFilter);
    if (sectionFilter !== 'all') setUnsectionedOnly(false);
  }

  // Another browser deleted the item whose form is open here: close it and say why.
  if (editing?.mode === 'edit' && !evidence.byId.has(editing.id)) {
    setEditing(null);
    setStatus({ kind: 'gone' });
    setFocusTarget({ to: 'column', side: editing.side });
  }

  const unsectioned = sectionFilter === 'all' && unsectionedOnly;
  const filtering = sectionFilter !== 'all' || unsectioned || kindFilter !== 'all';
  // An item is in a section the way alignment counts it: it names the section, or a claim there links to it.
  const matches = (item: Pick<EvidenceItem, 'section' | 'kind'> & { id?: string }) =>
    (sectionFilter === 'all'
      ? !unsectioned || item.section === ''
      : item.section === sectionFilter || (item.id !== undefined && linked[sectionFilter].has(item.id))) &&
    (kindFilter === 'all' || item.kind === kindFilter);
  const nothingMatches = filtering && evidence.items.length > 0 && !evidence.items.some(matches);
  const openForm = readOnly ? null : editing;
  const listFormat = new Intl.ListFormat(locale, { type: 'conjunction' });

  function clearFilters() {
    setKindFilter('all');
    setUnsectionedOnly(false);
    onSectionFilterChange('all');
    if (status?.kind === 'addedHidden') setStatus(null);
  }

  function onSectionSelect(value: string) {
    setUnsectionedOnly(value === NO_SECTION);
    onSectionFilterChange(isSectionKey(value) ? value : 'all');
  }

  function add(input: EvidenceInput) {
    addEvidence(doc, [input], { author: participant.name, side: participant.side }, { origin: EVIDENCE_ORIGIN });
    setEditing(null);
    if (!matches(input)) setStatus({ kind: 'addedHidden' });
    setFocusTarget({ to: 'add', side: participant.side });
  }

  function cancel(side: Side) {
    const was = editing;
    setEditing(null);
    setFocusTarget(was?.mode === 'edit' ? { to: 'edit', id: was.id, side } : { to: 'add', side });
  }

  function saveEdit(id: string, side: Side, input: EvidenceInput) {
    const saved = updateEvidence(doc, id, input, EVIDENCE_ORIGIN);
    setEditing(null);
    if (!saved) setStatus({ kind: 'gone' });
    setFocusTarget(saved ? { to: 'edit', id, side } : { to: 'column', side });
  }

  function remove(item: EvidenceItem) {
    const sections = SECTION_KEYS.filter((key) => linked[key].has(item.id));
    deleteEvidence(doc, new Set([item.id]), DELETE_ORIGIN);
    setStatus({ kind: 'deleted', id: item.id, side: item.side, sections });
    setFocusTarget({ to: 'undo' });
  }

  function undoDelete() {
    if (status?.kind !== 'deleted') return;
    undoRef.current?.undo();
    setStatus({ kind: 'restored' });
    setFocusTarget({ to: 'edit', id: status.id, side: status.side });
  }

  function statusText(current: Status): string {
    if (current.kind !== 'deleted') return t(STATUS_KEYS[current.kind]);
    if (current.sections.length === 0) return t('board.deleted');
    return t('board.deletedUnlinked', { sections: listFormat.format(current.sections.map((s) => t(`section.${s}`))) });
  }

  function column(side: Side) {
    const all = evidence.items.filter((item) => item.side === side);
    const shown = all.filter(matches);
    const own = !readOnly && !participant.sideless && participant.side === side;
    const Icon = SIDE_ICONS[side];
    const count = filtering
      ? t('board.countFiltered', { shown: shown.length, total: all.length })
      : t(all.length === 1 ? 'board.count.one' : 'board.count.other', { count: all.length });
    let body: ReactNode;
    if (all.length === 0) {
      body = <p className="board__empty">{t(`board.empty.${own ? 'own' : 'other'}.${side}`)}</p>;
    } else if (shown.length === 0) {
      body = nothingMatches ? null : <p className="board__column-nomatch">{t('board.columnNoMatch')}</p>;
    } else {
      body = (
        <ul className="board__items">
          {shown.map((item) => (
            <li key={item.id}>
              {openForm?.mode === 'edit' && openForm.id === item.id ? (
                <EvidenceForm
                  side={item.side}
                  initial={{ kind: item.kind, text: item.text, source: item.source, section: item.section }}
                  current={item}
                  label={t('board.form.edit')}
                  submitLabel={t('common.save')}
                  onSave={(input) => saveEdit(item.id, item.side, input)}
                  onCancel={() => cancel(item.side)}
                />
              ) : (
                <EvidenceItemCard
                  item={item}
                  linkedIn={SECTION_KEYS.filter((key) => linked[key].has(item.id))}
                  readOnly={readOnly}
                  onEdit={() => setEditing({ mode: 'edit', id: item.id, side: item.side })}
                  onDelete={() => remove(item)}
                  onGoToSection={onGoToSection}
                />
              )}
            </li>
          ))}
        </ul>
      );
    }

    return (
      <section key={side} className={`board__column board__column--${side}`} data-board-column={side} aria-labelledby={`${headingId}-${side}`}>
        <h3 className="board__column-title" id={`${headingId}-${side}`} tabIndex={-1}>
          <Icon aria-hidden size={16} className="board__column-icon" />
          <span>{t(`board.column.${side}`)}</span>
          <span className={`count count--${side}`}>{count}</span>
        </h3>
        {own && openForm?.mode === 'add' ? (
          <EvidenceForm
            side={side}
            initial={{ kind: kindsFor(side)[0] ?? 'metric', text: '', source: '', section: sectionFilter === 'all' ? '' : sectionFilter }}
            label={t(`board.form.new.${side}`)}
            submitLabel={t('board.form.add')}
            onSave={add}
            onCancel={() => cancel(side)}
          />
        ) : own ? (
          <button type="button" className="button button--small board__add" data-board-add onClick={() => setEditing({ mode: 'add' })}>
            <Plus aria-hidden size={16} />
            {t(`board.add.${side}`)}
          </button>
        ) : null}
        {body}
      </section>
    );
  }

  return (
    <section ref={rootRef} className="board" aria-labelledby={headingId}>
      <header className="board__header">
        <div>
          <h2 className="board__title" id={headingId}>
            {t('board.title')}
          </h2>
          <p className="board__subtitle">{t('board.subtitle')}</p>
        </div>
        {actions ? <div className="board__actions">{actions}</div> : null}
      </header>
      <div className="board__filters" role="group" aria-label={t('board.filters')}>
        <label className="board__filter">
          <span className="field__label">{t('board.filter.section')}</span>
          <select
            className="input"
            value={unsectioned ? NO_SECTION : sectionFilter}
            onChange={(e) => onSectionSelect(e.target.value)}
          >
            <option value="all">{t('board.filter.allSections')}</option>
            {SECTION_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(`section.${key}`)}
              </option>
            ))}
            <option value={NO_SECTION}>{t('board.filter.noSection')}</option>
          </select>
        </label>
        <label className="board__filter">
          <span className="field__label">{t('board.filter.kind')}</span>
          <select className="input" value={kindFilter} onChange={(e) => setKindFilter(e.target.value as EvidenceKind | 'all')}>
            <option value="all">{t('board.filter.allKinds')}</option>
            {EVIDENCE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {evidence.skipped > 0 ? (
        <p className="notice notice--info">
          {t(evidence.skipped === 1 ? 'board.skipped.one' : 'board.skipped.other', { count: evidence.skipped })}
        </p>
      ) : null}
      <div role="status" className="board__status">
        {status ? (
          <div className="notice board__status-message">
            <span>{statusText(status)}</span>
            {status.kind === 'deleted' && !readOnly ? (
              <button type="button" className="button button--small" data-board-undo onClick={undoDelete}>
                {t('board.undo')}
              </button>
            ) : null}
            {status.kind === 'addedHidden' ? (
              <button type="button" className="button button--small" onClick={clearFilters}>
                {t('board.clearFilters')}
              </button>
            ) : null}
            <button
              type="button"
              className="button button--ghost button--small board__dismiss"
              aria-label={t('board.dismiss')}
              onClick={() => setStatus(null)}
            >
              <X aria-hidden size={14} />
            </button>
          </div>
        ) : null}
      </div>
      {nothingMatches ? (
        <div className="notice board__nomatch">
          <span>{t('board.noMatch')}</span>
          <button type="button" className="button button--small" onClick={clearFilters}>
            {t('board.clearFilters')}
          </button>
        </div>
      ) : null}
      <div className="board__columns">{SIDES.map(column)}</div>
    </section>
  );
}
