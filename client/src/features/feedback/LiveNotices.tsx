import { BookCheck, CircleCheck, FileText, History, MessageSquare, Target, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { LiveNoticeKind } from '../../../../shared/feedback/api.ts';
import { useT } from '../../i18n/index.ts';
import { useSession } from '../../session/context.tsx';
import { SIDE_ICONS } from '../../ui/SideBadge.tsx';
import { expire, gather, nextExpiry, placeHref, type NoticeGroup } from './liveNotices.ts';
import { noticeText } from './noticeText.ts';
import { onStreamMessage } from './streamMessages.ts';

const KIND_ICONS: Record<LiveNoticeKind, typeof FileText> = {
  published: BookCheck,
  'signed-off': CircleCheck,
  'evidence-added': FileText,
  'thread-started': MessageSquare,
  replied: MessageSquare,
  restored: History,
  'target-met': Target,
};

/**
 * What others do on the persona open here, as it happens: brief lines in a corner, each a link to
 * the place, gone after a while or when dismissed. Never takes focus, so typing goes on; a screen
 * reader hears each new line through a polite live region.
 */
export function LiveNotices({ personaId }: { personaId: string }) {
  const t = useT();
  const memberId = useSession((s) => s.me?.member?.id ?? null);
  const [groups, setGroups] = useState<NoticeGroup[]>([]);
  const [announcement, setAnnouncement] = useState('');
  // The lines stay while the pointer or keyboard focus is on them (time to read, to reach a link).
  const [held, setHeld] = useState({ pointer: false, focus: false });
  const paused = held.pointer || held.focus;

  useEffect(
    () =>
      onStreamMessage((message) => {
        if (message.type !== 'notice') return;
        const { notice } = message;
        if (notice.personaId !== personaId || (memberId !== null && notice.actor?.id === memberId)) return;
        setGroups((current) => gather(current, notice, Date.now()));
      }),
    [personaId, memberId],
  );

  const latest = groups.at(-1);
  const latestText = latest ? noticeText(t, latest) : '';
  useEffect(() => {
    if (latestText) setAnnouncement(latestText);
  }, [latestText]);

  useEffect(() => {
    if (paused) return;
    const wait = nextExpiry(groups, Date.now());
    if (wait === null) return;
    const timer = setTimeout(() => setGroups((current) => expire(current, Date.now())), wait + 50);
    return () => clearTimeout(timer);
  }, [groups, paused]);

  // Leaving the lines restarts their time, so one just read does not vanish under the pointer.
  const release = (change: Partial<typeof held>) => {
    setHeld((current) => ({ ...current, ...change }));
    setGroups((current) => current.map((group) => ({ ...group, updatedAt: Math.max(group.updatedAt, Date.now() - 4_000) })));
  };

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="live-announcement">
        {announcement}
      </p>
      {groups.length > 0 ? (
        <section
          className="live-notices"
          aria-label={t('live.region')}
          onMouseEnter={() => setHeld((current) => ({ ...current, pointer: true }))}
          onMouseLeave={() => release({ pointer: false })}
          onFocus={() => setHeld((current) => ({ ...current, focus: true }))}
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) release({ focus: false });
          }}
        >
          <ul className="live-notices__list">
            {groups.map((group) => {
              const side = group.detail['side'];
              const SideIcon = side === 'marketing' || side === 'sales' ? SIDE_ICONS[side] : null;
              const KindIcon = KIND_ICONS[group.kind];
              return (
                <li key={group.id} className="live-notice" data-kind={group.kind} data-side={SideIcon ? String(side) : undefined}>
                  {SideIcon ? <SideIcon aria-hidden size={16} className="live-notice__icon" /> : <KindIcon aria-hidden size={16} className="live-notice__icon" />}
                  <Link className="live-notice__link" to={placeHref(group.place)}>
                    {noticeText(t, group)}
                  </Link>
                  <button
                    type="button"
                    className="live-notice__dismiss"
                    aria-label={t('live.dismiss')}
                    title={t('live.dismiss')}
                    onClick={() => setGroups((current) => current.filter((g) => g.id !== group.id))}
                  >
                    <X aria-hidden size={14} />
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}
