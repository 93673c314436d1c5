import { Pencil, Plus, Target as TargetIcon, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type * as Y from 'yjs';
import type { TargetInput } from '../../../../shared/persona/targets.ts';
import { addTarget, removeTarget, updateTarget } from '../../../../shared/persona/targets.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { directionLabel, formatFigure, metricLabel, periodLabel, targetLabel } from './format.ts';
import { TargetStateBadge } from './Badges.tsx';
import { TargetForm } from './TargetForm.tsx';
import { TargetKeys } from './TargetKeys.tsx';
import type { TargetState } from './useTargets.ts';

/** Transaction origin of target edits made here. */
export const GOALS_ORIGIN = Symbol('tandem.goals');

export interface TargetListProps {
  doc: Y.Doc;
  targets: readonly TargetState[];
  participant: Participant;
  readOnly: boolean;
}

/** The persona's targets: each with its state and two keys; propose, change or remove them. */
export function TargetList({ doc, targets, participant, readOnly }: TargetListProps) {
  const t = useT();
  const locale = useLocale();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  function propose(input: TargetInput) {
    addTarget(doc, input, { origin: GOALS_ORIGIN });
    setEditing(null);
    setAnnouncement(t('goals.added', { target: targetLabel(t, locale, input) }));
  }
  function change(id: string, input: TargetInput) {
    updateTarget(doc, id, input, GOALS_ORIGIN);
    setEditing(null);
    setAnnouncement(t('goals.changed', { target: targetLabel(t, locale, input) }));
  }
  function remove(target: TargetState) {
    removeTarget(doc, target.id, GOALS_ORIGIN);
    setRemoving(null);
    setAnnouncement(t('goals.removed', { target: targetLabel(t, locale, target) }));
  }

  return (
    <section className="goals__targets" aria-labelledby="goals-targets-title">
      <div className="goals__head">
        <h3 id="goals-targets-title" className="goals__subtitle">
          {t('goals.targets')}
        </h3>
        {readOnly || editing === 'new' ? null : (
          <button type="button" className="button button--small" onClick={() => setEditing('new')} data-testid="propose-target">
            <Plus aria-hidden size={14} /> {t('goals.propose')}
          </button>
        )}
      </div>
      {editing === 'new' ? <TargetForm onSubmit={propose} onCancel={() => setEditing(null)} /> : null}
      {targets.length === 0 && editing !== 'new' ? (
        <div className="empty empty--compact" data-testid="targets-empty">
          <TargetIcon aria-hidden size={28} />
          <p>
            <strong>{t('goals.empty.title')}</strong>
          </p>
          <p>{t('goals.empty.body')}</p>
        </div>
      ) : (
        <ul className="target-list" data-testid="target-list">
          {targets.map((target) => {
            const label = targetLabel(t, locale, target);
            if (editing === target.id) {
              return (
                <li key={target.id} className="target">
                  <TargetForm initial={target} onSubmit={(input) => change(target.id, input)} onCancel={() => setEditing(null)} />
                </li>
              );
            }
            return (
              <li
                key={target.id}
                className={`target target--${target.agreed ? 'agreed' : 'proposed'}`}
                data-target-id={target.id}
                data-agreed={target.agreed}
                data-metric={target.metric}
                data-period={target.period}
              >
                <div className="target__line">
                  <TargetStateBadge agreed={target.agreed} />
                  <span className="target__what">
                    <strong>{metricLabel(t, target.metric)}</strong> {directionLabel(t, target.metric)}{' '}
                    <strong className="target__value">{formatFigure(t, locale, target.metric, target.value)}</strong>
                  </span>
                  <span className="target__period">{periodLabel(t, locale, target.period)}</span>
                </div>
                <TargetKeys doc={doc} target={target} label={label} participant={participant} readOnly={readOnly} />
                {readOnly ? null : removing === target.id ? (
                  <div className="target__confirm" role="group">
                    <span>{t('goals.remove.confirm', { target: label })}</span>
                    <button type="button" className="button button--small button--danger" onClick={() => remove(target)} data-testid="target-remove-confirm" autoFocus>
                      {t('goals.remove')}
                    </button>
                    <button type="button" className="button button--small button--ghost" onClick={() => setRemoving(null)}>
                      {t('common.cancel')}
                    </button>
                  </div>
                ) : (
                  <div className="target__actions">
                    <button type="button" className="button button--small button--ghost" aria-label={t('goals.edit.label', { target: label })} onClick={() => setEditing(target.id)}>
                      <Pencil aria-hidden size={14} /> {t('goals.edit')}
                    </button>
                    <button type="button" className="button button--small button--ghost" aria-label={t('goals.remove.label', { target: label })} onClick={() => setRemoving(target.id)}>
                      <Trash2 aria-hidden size={14} /> {t('goals.remove')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </section>
  );
}
