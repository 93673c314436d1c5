import { Check, FilePlus2 } from 'lucide-react';
import { useId, useState } from 'react';
import type * as Y from 'yjs';
import type { ActualsBody } from '../../../../shared/api.ts';
import { addEvidence, EVIDENCE_SOURCE_MAX, EVIDENCE_TEXT_MAX } from '../../../../shared/persona/evidence.ts';
import type { EvidenceItem } from '../../../../shared/persona/types.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { EVIDENCE_ORIGIN } from '../evidence/useEvidence.ts';

const KINDS = ['objection', 'deal'] as const;
type LossKind = (typeof KINDS)[number];

/** The evidence item a loss reason becomes: the reason as its text, the import and count as its source. */
export function lossEvidence(reason: string, count: number, importedAt: string, locale: string, source: (date: string, count: number) => string) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(importedAt));
  return { text: reason.slice(0, EVIDENCE_TEXT_MAX), source: source(date, count).slice(0, EVIDENCE_SOURCE_MAX) };
}

export interface LossReasonsProps {
  doc: Y.Doc;
  participant: Participant;
  readOnly: boolean;
  reasons: ActualsBody['lossReasons'];
  importedAt: string;
  evidence: readonly EvidenceItem[];
}

/** Why deals were lost, most frequent first; each one click from being a sales evidence item. */
export function LossReasons({ doc, participant, readOnly, reasons, importedAt, evidence }: LossReasonsProps) {
  const t = useT();
  const locale = useLocale();
  const kindId = useId();
  const [kind, setKind] = useState<LossKind>('objection');
  const [announcement, setAnnouncement] = useState('');
  const canAdd = !readOnly && !participant.sideless && participant.side === 'sales';
  const sourceOf = (date: string, count: number) => t(count === 1 ? 'goals.loss.source.one' : 'goals.loss.source.other', { date, count });

  if (reasons.length === 0) return <p className="goals__muted">{t('goals.loss.empty')}</p>;

  function add(reason: string, count: number) {
    const item = lossEvidence(reason, count, importedAt, locale, sourceOf);
    addEvidence(doc, [{ kind, text: item.text, source: item.source, section: 'objections' }], { author: participant.name, side: 'sales' }, { origin: EVIDENCE_ORIGIN });
    setAnnouncement(t('goals.loss.addedStatus', { reason }));
  }

  return (
    <div className="loss">
      {canAdd ? (
        <div className="loss__kind">
          <label className="field__label" htmlFor={kindId}>
            {t('goals.loss.kind')}
          </label>
          <select id={kindId} className="input input--small" value={kind} onChange={(e) => setKind(e.target.value as LossKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      ) : readOnly ? null : (
        <p className="goals__muted" data-testid="loss-not-sales">
          {t('goals.loss.notSales')}
        </p>
      )}
      <ol className="loss__list" data-testid="loss-reasons">
        {reasons.map(({ reason, count }) => {
          const { text, source } = lossEvidence(reason, count, importedAt, locale, sourceOf);
          const added = evidence.some((item) => item.side === 'sales' && item.text === text && item.source === source);
          return (
            <li key={reason} className="loss__item" data-reason={reason}>
              <span className="loss__reason">{reason}</span>
              <span className="loss__count">{t(count === 1 ? 'goals.loss.count.one' : 'goals.loss.count.other', { count })}</span>
              {readOnly ? null : added ? (
                <span className="loss__added">
                  <Check aria-hidden size={14} /> {t('goals.loss.added')}
                </span>
              ) : (
                <button
                  type="button"
                  className="button button--small"
                  disabled={!canAdd}
                  title={canAdd ? undefined : t('goals.loss.notSales')}
                  aria-label={t('goals.loss.add.label', { reason })}
                  onClick={() => add(reason, count)}
                  data-testid="loss-add"
                >
                  <FilePlus2 aria-hidden size={14} /> {t('goals.loss.add')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </div>
  );
}
