import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { EvidenceInput } from '../../../../shared/persona/evidence.ts';
import { EVIDENCE_SOURCE_MAX, EVIDENCE_TEXT_MAX, evidenceInputSchema } from '../../../../shared/persona/evidence.ts';
import { EVIDENCE_KINDS, SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import type { EvidenceItem, EvidenceKind, Side } from '../../../../shared/persona/types.ts';
import { useT } from '../../i18n/index.ts';
import { MentionTextarea } from '../mentions/MentionTextarea.tsx';

/** The kinds each side usually brings; the form lists them first but allows every kind. */
export const SIDE_KINDS: Record<Side, readonly EvidenceKind[]> = {
  marketing: ['metric', 'behaviour', 'campaign'],
  sales: ['quote', 'objection', 'anecdote', 'deal'],
};

export function kindsFor(side: Side): EvidenceKind[] {
  const usual = SIDE_KINDS[side];
  return [...usual, ...EVIDENCE_KINDS.filter((kind) => !usual.includes(kind))];
}

type Field = 'text' | 'source';
type Errors = Partial<Record<Field, string | undefined>>;

interface EvidenceFormProps {
  /** Whose usual kinds come first and whose placeholders show. */
  side: Side;
  initial: EvidenceInput;
  /** The item as the document has it now, when editing: a change by someone else is pointed out. */
  current?: EvidenceItem | undefined;
  label: string;
  submitLabel: string;
  onSave: (input: EvidenceInput) => void;
  onCancel: () => void;
}

function changedSince(opened: EvidenceInput, current: EvidenceItem | undefined): boolean {
  if (!current) return false;
  return (['kind', 'text', 'source', 'section'] as const).some((key) => current[key] !== opened[key]);
}

/** Adds or edits one evidence item inline; checks the input with the document's own schema. */
export function EvidenceForm({ side, initial, current, label, submitLabel, onSave, onCancel }: EvidenceFormProps) {
  const t = useT();
  const id = useId();
  const [opened] = useState(initial);
  const [draft, setDraft] = useState<EvidenceInput>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const textRef = useRef<HTMLTextAreaElement>(null);
  const sourceRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    textRef.current?.focus();
  }, []);

  function save() {
    const result = evidenceInputSchema.safeParse(draft);
    if (result.success) {
      onSave(result.data);
      return;
    }
    const next: Errors = {};
    const text = draft.text.trim();
    const source = draft.source.trim();
    for (const issue of result.error.issues) {
      if (issue.path[0] === 'text') {
        next.text = text
          ? t('board.error.textLong', { max: EVIDENCE_TEXT_MAX, count: text.length })
          : t('board.error.textEmpty');
      } else if (issue.path[0] === 'source') {
        next.source = t('board.error.sourceLong', { max: EVIDENCE_SOURCE_MAX, count: source.length });
      }
    }
    setErrors(next);
    (next.text ? textRef : sourceRef).current?.focus();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      // Kept here so an enclosing dialog or panel does not close too.
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    }
  }

  function set<K extends keyof EvidenceInput>(key: K, value: EvidenceInput[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    if (key === 'text' || key === 'source') setErrors((e) => ({ ...e, [key]: undefined }));
  }

  const errorId = (field: Field) => `${id}-${field}-error`;

  return (
    <form className={`evidence-form evidence-form--${side}`} aria-label={label} noValidate onSubmit={onSubmit} onKeyDown={onKeyDown}>
      {changedSince(opened, current) ? <p className="notice notice--info">{t('board.form.changedElsewhere')}</p> : null}
      <div className="evidence-form__row">
        <label className="field">
          <span className="field__label">{t('board.form.kind')}</span>
          <select className="input" value={draft.kind} onChange={(e) => set('kind', e.target.value as EvidenceKind)}>
            {kindsFor(side).map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('board.form.section')}</span>
          <select
            className="input"
            value={draft.section}
            onChange={(e) => set('section', e.target.value as EvidenceInput['section'])}
          >
            <option value="">{t('board.form.noSection')}</option>
            {SECTION_KEYS.map((key) => (
              <option key={key} value={key}>
                {t(`section.${key}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-text`}>
          {t('board.form.text')}
        </label>
        <MentionTextarea
          textareaRef={textRef}
          id={`${id}-text`}
          className="input evidence-form__text"
          rows={3}
          required
          value={draft.text}
          placeholder={t(`board.form.textPlaceholder.${side}`)}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={errors.text ? errorId('text') : undefined}
          onValueChange={(text) => set('text', text)}
        />
        {errors.text ? (
          <p className="form-error" id={errorId('text')}>
            {errors.text}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-source`}>
          {t('board.form.source')}
        </label>
        <input
          ref={sourceRef}
          id={`${id}-source`}
          className="input"
          value={draft.source}
          placeholder={t(`board.form.sourcePlaceholder.${side}`)}
          aria-invalid={errors.source ? true : undefined}
          aria-describedby={errors.source ? errorId('source') : undefined}
          onChange={(e) => set('source', e.target.value)}
        />
        {errors.source ? (
          <p className="form-error" id={errorId('source')}>
            {errors.source}
          </p>
        ) : null}
      </div>
      <div className="evidence-form__actions">
        <span className="evidence-form__hint">{t('board.form.shortcut')}</span>
        <button type="button" className="button button--small button--ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--small button--primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
