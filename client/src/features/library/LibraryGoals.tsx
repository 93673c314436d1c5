// A published version's targets and scorecards, frozen at publish (SPEC §8).
import type { PublishedPersona } from '../../../../shared/api.ts';
import { comparePeriods } from '../../../../shared/scorecard/periods.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { TargetStateBadge } from '../goals/Badges.tsx';
import { directionLabel, formatFigure, metricLabel, periodLabel } from '../goals/format.ts';
import { ScorecardTable } from '../goals/ScorecardTable.tsx';

export function LibraryGoals({ persona }: { persona: PublishedPersona }) {
  const t = useT();
  const locale = useLocale();
  const targets = persona.targets ?? [];
  const scorecards = [...(persona.scorecards ?? [])].sort((a, b) => comparePeriods(b.period, a.period));
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <section id="goals" className="library-goals" aria-labelledby="library-goals-title" data-testid="library-goals">
      <h2 id="library-goals-title" className="library-goals__title">
        {t('library.goals.title')}
      </h2>
      {targets.length === 0 ? (
        <p className="goals__muted">{t('library.goals.none')}</p>
      ) : (
        <ul className="target-list">
          {targets.map((target) => {
            const names = [target.signoffs.marketing, target.signoffs.sales].filter((s) => s !== null && !s.stale).map((s) => s?.by ?? '');
            return (
              <li key={target.id} className={`target target--${target.agreed ? 'agreed' : 'proposed'}`} data-target-id={target.id} data-agreed={target.agreed}>
                <div className="target__line">
                  <TargetStateBadge agreed={target.agreed} />
                  <span className="target__what">
                    <strong>{metricLabel(t, target.metric)}</strong> {directionLabel(t, target.metric)}{' '}
                    <strong>{formatFigure(t, locale, target.metric, target.value)}</strong>
                  </span>
                  <span className="target__period">{periodLabel(t, locale, target.period)}</span>
                </div>
                <p className="goals__muted">{names.length > 0 ? t('library.goals.signedBy', { names: names.join(', ') }) : t('library.goals.notSigned')}</p>
              </li>
            );
          })}
        </ul>
      )}
      {scorecards.map((scorecard) => (
        <div key={scorecard.period} className="library-goals__scorecard" data-period={scorecard.period} data-testid="library-scorecard">
          <h3 className="goals__subtitle">{t('library.goals.scorecard', { period: periodLabel(t, locale, scorecard.period) })}</h3>
          <p className="goals__muted">
            {scorecard.basis === null
              ? t('library.goals.noImport')
              : t('library.goals.basis', { when: dateFormat.format(new Date(scorecard.basis.at)), deals: scorecard.basis.deals })}
          </p>
          <ScorecardTable scorecard={scorecard} />
        </div>
      ))}
    </section>
  );
}
