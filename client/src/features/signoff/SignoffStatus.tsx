import { BadgeCheck, CircleDashed, CircleDot, KeyRound, TriangleAlert } from 'lucide-react';
import { SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import type { SectionSignoff, SignoffStatus } from '../../../../shared/persona/signoff.ts';
import type { Signoffs } from './useSignoff.ts';
import { countSignoffs } from './useSignoff.ts';
import { useT } from '../../i18n/index.ts';
import { sideName } from './SignoffKeys.tsx';

const STATUS_ICONS = { signed: BadgeCheck, partial: CircleDot, stale: TriangleAlert, unsigned: CircleDashed } as const;

/** A section's sign-off at a glance: an icon and a short word, the detail on hover. */
export function SignoffStatusChip({ signoff }: { signoff: SectionSignoff }) {
  const t = useT();
  const Icon = STATUS_ICONS[signoff.status];
  let detail: string;
  if (signoff.status === 'partial') {
    const signedSide = signoff.marketing.state === 'current' ? 'marketing' : 'sales';
    const otherSide = signedSide === 'marketing' ? 'sales' : 'marketing';
    detail = t('signoff.detail.partial', { side: sideName(t, signedSide), other: sideName(t, otherSide) });
  } else {
    detail = t(`signoff.detail.${signoff.status}`);
  }
  return (
    <span className={`signoff-chip signoff-chip--${signoff.status}`} data-signoff={signoff.status} title={detail}>
      <Icon aria-hidden size={14} />
      {t(`signoff.status.${signoff.status}`)}
      <span className="visually-hidden">{`: ${detail}`}</span>
    </span>
  );
}

/**
 * The persona's sign-off in one line: how many sections both sides signed, one mark per section, and
 * how many changed after they were signed (a button to the first of them).
 */
export function SignoffSummary({ signoffs, onShowStale }: { signoffs: Signoffs; onShowStale?: () => void }) {
  const t = useT();
  const counts = countSignoffs(signoffs);
  return (
    <div className="signoff-summary" data-testid="signoff-summary" data-signed={counts.signed} data-stale={counts.stale}>
      <KeyRound aria-hidden size={16} className="signoff-summary__icon" />
      <span className="signoff-summary__count">{t('signoff.summary', { signed: counts.signed, total: counts.total })}</span>
      <span className="signoff-summary__track" aria-hidden>
        {SECTION_KEYS.map((section) => (
          <SummaryMark key={section} status={signoffs[section].status} label={t(`section.${section}`)} />
        ))}
      </span>
      {counts.stale > 0 ? (
        <button
          type="button"
          className="signoff-chip signoff-chip--stale"
          data-testid="signoff-stale-count"
          title={t('signoff.summary.staleHint')}
          disabled={!onShowStale}
          onClick={onShowStale}
        >
          <TriangleAlert aria-hidden size={14} />
          {counts.stale === 1 ? t('signoff.summary.stale.one') : t('signoff.summary.stale.other', { count: counts.stale })}
        </button>
      ) : null}
    </div>
  );
}

function SummaryMark({ status, label }: { status: SignoffStatus; label: string }) {
  const t = useT();
  return <span className={`signoff-summary__mark signoff-summary__mark--${status}`} title={`${label}: ${t(`signoff.status.${status}`)}`} />;
}
