import { LoaderCircle } from 'lucide-react';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { Metric } from '../../../../shared/scorecard/metrics.ts';
import { comparePeriods, periodContains } from '../../../../shared/scorecard/periods.ts';
import type { EvidenceItem } from '../../../../shared/persona/types.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import type { Participant } from '../../session/user.ts';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { periodLabel } from './format.ts';
import { LossReasons } from './LossReasons.tsx';
import { ScorecardTable } from './ScorecardTable.tsx';
import type { TargetState } from './useTargets.ts';

// The charting library loads when a scorecard is first shown, not with the workshop.
const TrendChart = lazy(() => import('./TrendChart.tsx').then((module) => ({ default: module.TrendChart })));

/** The period shown first: one with a target that holds today, else the latest with a target. */
export function defaultPeriod(periods: readonly string[], now: Date): string | null {
  const today = now.toISOString();
  const current = periods.filter((period) => periodContains(period, today));
  // The narrowest current one (a month before its quarter before its year).
  if (current.length > 0) return [...current].sort(comparePeriods).at(-1) ?? null;
  return [...periods].sort(comparePeriods).at(-1) ?? null;
}

export interface ScorecardViewProps {
  doc: Y.Doc;
  personaId: string;
  participant: Participant;
  readOnly: boolean;
  targets: readonly TargetState[];
  evidence: readonly EvidenceItem[];
  /** Changes after each import, to load the figures again. */
  imports: number;
}

/** The scorecard of one period: targets against the CRM's actuals, the trend, and why deals were lost. */
export function ScorecardView({ doc, personaId, participant, readOnly, targets, evidence, imports }: ScorecardViewProps) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const api = useApi();
  const selectId = useId();
  const periods = useMemo(() => [...new Set(targets.map((target) => target.period))].sort(comparePeriods).reverse(), [targets]);
  const [chosen, setChosen] = useState<string | null>(null);
  const period = chosen !== null && periods.includes(chosen) ? chosen : defaultPeriod(periods, new Date(now));
  // Targets are read by the server from the document: ask again when they or their keys change.
  const targetsKey = targets.map((target) => `${target.id}:${target.metric}:${target.value}:${target.period}:${target.agreed}`).join(',');
  const scorecard = useFetch(JSON.stringify(['scorecard', personaId, period, imports, targetsKey]), (signal) =>
    period === null ? Promise.resolve(null) : api.getScorecard(personaId, period, signal),
  );

  const targetValues = useMemo(() => {
    const values: Partial<Record<Metric, number>> = {};
    for (const target of targets) if (target.period === period && values[target.metric] === undefined) values[target.metric] = target.value;
    return values;
  }, [targets, period]);

  if (period === null) {
    return (
      <section className="goals__scorecard" aria-labelledby="goals-scorecard-title">
        <h3 id="goals-scorecard-title" className="goals__subtitle">
          {t('goals.scorecard')}
        </h3>
        <p className="goals__muted">{t('goals.scorecard.noPeriods')}</p>
      </section>
    );
  }

  const data = scorecard.data;
  return (
    <section className="goals__scorecard" aria-labelledby="goals-scorecard-title" data-testid="scorecard" data-period={period}>
      <div className="goals__head">
        <h3 id="goals-scorecard-title" className="goals__subtitle">
          {t('goals.scorecard')}
        </h3>
        <label className="visually-hidden" htmlFor={selectId}>
          {t('goals.scorecard.period')}
        </label>
        <select id={selectId} className="input input--small" value={period} onChange={(e) => setChosen(e.target.value)} data-testid="scorecard-period">
          {periods.map((p) => (
            <option key={p} value={p}>
              {periodLabel(t, locale, p)}
            </option>
          ))}
        </select>
      </div>
      {scorecard.status === 'error' && !data ? (
        <RetryNotice onRetry={scorecard.retry}>
          {t('goals.scorecard.error')} {describeError(t, scorecard.error)}
        </RetryNotice>
      ) : !data ? (
        <p className="goals__muted" role="status">
          <LoaderCircle aria-hidden size={14} className="spin" /> {t('goals.scorecard.loading')}
        </p>
      ) : (
        <div aria-busy={scorecard.status === 'loading'}>
          {data.basis === null ? (
            <p className="notice notice--info" data-testid="scorecard-no-import">
              {t('goals.scorecard.noImport')}
            </p>
          ) : (
            <p className="goals__muted" data-testid="scorecard-basis">
              {t(data.basis.deals === 1 ? 'goals.scorecard.basis.one' : 'goals.scorecard.basis', {
                when: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(data.basis.at)),
                deals: data.basis.deals,
              })}
            </p>
          )}
          <ScorecardTable scorecard={data} />
          <h4 className="goals__minor">{t('goals.trend')}</h4>
          <Suspense fallback={<p className="goals__muted">{t('common.loading')}</p>}>
            <TrendChart trend={data.trend} initial={targets.find((target) => target.period === period)?.metric ?? 'winRate'} targets={targetValues} />
          </Suspense>
          {data.basis === null ? null : (
            <>
              <h4 className="goals__minor">{t('goals.loss')}</h4>
              <LossReasons doc={doc} participant={participant} readOnly={readOnly} reasons={data.actuals.lossReasons} importedAt={data.basis.at} evidence={evidence} />
            </>
          )}
        </div>
      )}
    </section>
  );
}
