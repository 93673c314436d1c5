// The route `/report`: every persona's scorecard for one period side by side, and its PDF.
import { LoaderCircle, Presentation } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import type { ReportEntry } from '../../../../shared/api.ts';
import { isPeriod, periodOf } from '../../../../shared/scorecard/periods.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { ApiRequestError } from '../../api/http.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { SideBadge } from '../../ui/SideBadge.tsx';
import { periodLabel } from '../goals/format.ts';
import { PeriodPicker } from '../goals/PeriodPicker.tsx';
import { ScorecardTable } from '../goals/ScorecardTable.tsx';
import { PdfDownloadButton } from '../publishing/PdfDownloadButton.tsx';

export default function ReportPage() {
  const t = useT();
  const locale = useLocale();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const requested = params.get('period');
  const period = requested !== null && isPeriod(requested) ? requested : periodOf('quarter', new Date());
  const report = useFetch(`report:${period}`, (signal) => api.getReport(period, signal));
  const { error } = report;

  if (error instanceof ApiRequestError && error.status === 401) return <AccessScreen reason="unauthorized" />;

  const entries = report.data?.period === period ? report.data.personas : undefined;
  return (
    <>
      <AppHeader />
      <main className="report" data-testid="report" data-period={period}>
        <div className="report__top">
          <div>
            <h1 className="report__title">
              <Presentation aria-hidden size={24} /> {t('report.title')}
            </h1>
            <p className="goals__muted">{t('report.subtitle')}</p>
          </div>
          <div className="report__tools">
            <PeriodPicker value={period} onChange={(next) => setParams({ period: next })} />
            <PdfDownloadButton
              path={`/api/report/export.pdf?period=${encodeURIComponent(period)}`}
              filename={`${t('report.pdf.name')}-${period}.pdf`}
              className="button"
            />
          </div>
        </div>
        {report.status === 'error' && !entries ? (
          <RetryNotice onRetry={report.retry}>
            {t('report.error')} {describeError(t, error)}
          </RetryNotice>
        ) : !entries ? (
          <p className="goals__muted" role="status">
            <LoaderCircle aria-hidden size={16} className="spin" /> {t('report.loading')}
          </p>
        ) : entries.length === 0 ? (
          <div className="empty" data-testid="report-empty">
            <Presentation aria-hidden size={36} />
            <h2>{t('report.empty.title', { period: periodLabel(t, locale, period) })}</h2>
            <p>{t('report.empty.body')}</p>
          </div>
        ) : (
          <ul className="report__grid" aria-busy={report.status === 'loading'}>
            {entries.map((entry) => (
              <ReportCard key={entry.id} entry={entry} />
            ))}
          </ul>
        )}
      </main>
    </>
  );
}

function ReportCard({ entry }: { entry: ReportEntry }) {
  const t = useT();
  const { scorecard, agreedBy } = entry;
  const met = scorecard.targets.filter((target) => target.met === true).length;
  const agreedSides = (['marketing', 'sales'] as const).filter((side) => agreedBy[side].length > 0);
  return (
    <li className="report-card" data-persona-id={entry.id} data-testid="report-card">
      <div className="report-card__head">
        <h2 className="report-card__name">
          <Link to={`/p/${encodeURIComponent(entry.id)}`} aria-label={t('report.openPersona', { persona: entry.name || t('home.untitled') })}>
            {entry.name || t('home.untitled')}
          </Link>
        </h2>
        {scorecard.targets.length > 0 ? <span className="report-card__met">{t('report.met', { met, total: scorecard.targets.length })}</span> : null}
      </div>
      <div className="report-card__agreed">
        <span className="goals__muted">{t('report.agreedBy')}</span>
        {agreedSides.length === 0 ? (
          <span className="goals__muted">{t('report.agreedBy.none')}</span>
        ) : (
          agreedSides.map((side) => (
            <span key={side} className="report-card__side" data-side={side}>
              <SideBadge side={side} compact />
              {agreedBy[side].join(', ')}
            </span>
          ))
        )}
      </div>
      <ScorecardTable scorecard={scorecard} />
    </li>
  );
}
