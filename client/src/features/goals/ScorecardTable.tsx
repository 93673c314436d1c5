import type { Scorecard } from '../../../../shared/api.ts';
import { METRICS } from '../../../../shared/scorecard/metrics.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { directionLabel, formatFigure, metricLabel, periodLabel } from './format.ts';
import { MetBadge, TargetStateBadge } from './Badges.tsx';

/** Each target of the period against its actual, then every figure of the period. */
export function ScorecardTable({ scorecard, showState = true }: { scorecard: Scorecard; showState?: boolean }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="scorecard-table">
      {scorecard.targets.length === 0 ? (
        <p className="goals__muted">{t('goals.scorecard.noTargets')}</p>
      ) : (
        <table className="scorecard-table__targets" data-testid="scorecard-targets">
          <thead>
            <tr>
              <th scope="col">{t('goals.scorecard.target')}</th>
              <th scope="col">{t('goals.scorecard.actual')}</th>
              <th scope="col">{t('goals.scorecard.result')}</th>
            </tr>
          </thead>
          <tbody>
            {scorecard.targets.map((target) => (
              <tr key={target.id} className={`scorecard-row scorecard-row--${target.agreed ? 'agreed' : 'proposed'}`} data-target-id={target.id} data-met={target.met === null ? 'none' : String(target.met)}>
                <th scope="row">
                  <span className="scorecard-row__metric">{metricLabel(t, target.metric)}</span>
                  <span className="scorecard-row__value">
                    {directionLabel(t, target.metric)} {formatFigure(t, locale, target.metric, target.value)}
                  </span>
                  {showState ? <TargetStateBadge agreed={target.agreed} /> : null}
                </th>
                <td className="scorecard-row__actual">{formatFigure(t, locale, target.metric, target.actual)}</td>
                <td>
                  <MetBadge met={target.met} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details className="scorecard-table__all">
        <summary>{t('goals.scorecard.figures', { period: periodLabel(t, locale, scorecard.period) })}</summary>
        <dl className="figures">
          {METRICS.map((metric) => (
            <div key={metric} className="figures__item">
              <dt>{metricLabel(t, metric)}</dt>
              <dd data-figure={metric}>{formatFigure(t, locale, metric, scorecard.actuals[metric])}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
