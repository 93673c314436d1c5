import { CircleDashed } from 'lucide-react';
import type { Team } from '../../../shared/api.ts';
import { useT } from '../i18n/index.ts';
import { SideBadge } from './SideBadge.tsx';

/** A member's team: marketing or sales as their side's badge, `other` (admins, readers) neutrally. */
export function TeamBadge({ team, compact = false }: { team: Team; compact?: boolean }) {
  const t = useT();
  if (team !== 'other') return <SideBadge side={team} compact={compact} />;
  const label = t('team.other');
  return (
    <span className="side-badge side-badge--other" title={compact ? t('team.other.hint') : undefined}>
      <CircleDashed aria-hidden size={14} />
      {compact ? <span className="visually-hidden">{label}</span> : <span>{label}</span>}
    </span>
  );
}
