import { Bell, BellRing, Check } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Notice } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { useFetch } from '../../api/useFetch.ts';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { formatFigure, metricLabel, periodLabel } from './format.ts';

/** How often the header asks for new notices while the page is open. */
const POLL_MS = 60_000;

/** The header's notices: a bell with the count of unread ones, the list, and mark-read. */
export function NoticesIndicator() {
  const t = useT();
  const api = useApi();
  const [tick, setTick] = useState(0);
  const notices = useFetch(`notices:${tick}`, (signal) => api.listNotices(signal));
  const [read, setRead] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    const again = () => setTick((n) => n + 1);
    const timer = window.setInterval(again, POLL_MS);
    window.addEventListener('focus', again);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', again);
    };
  }, []);

  const list = notices.data ?? [];
  const unread = list.filter((notice) => notice.readAt === null && !read.has(notice.id));
  const label = unread.length === 0 ? t('notices.label') : t(unread.length === 1 ? 'notices.unread.one' : 'notices.unread.other', { count: unread.length });

  function markRead(id: string) {
    setRead((current) => new Set(current).add(id));
    api.markNoticeRead(id).catch(() => setRead((current) => new Set([...current].filter((other) => other !== id))));
  }

  return (
    <Popover.Root onOpenChange={(open) => open && setTick((n) => n + 1)}>
      <Popover.Trigger className="button button--ghost button--small notices__trigger" aria-label={label} title={label} data-testid="notices" data-unread={unread.length}>
        {unread.length > 0 ? <BellRing aria-hidden size={16} /> : <Bell aria-hidden size={16} />}
        {unread.length > 0 ? <span className="notices__badge" aria-hidden>{unread.length}</span> : null}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="notices" align="end" sideOffset={6} data-testid="notices-list">
          <h2 className="notices__title">{t('notices.label')}</h2>
          {notices.status === 'error' && !notices.data ? (
            <p className="form-error">{t('notices.error')}</p>
          ) : list.length === 0 ? (
            <p className="goals__muted">{t('notices.empty')}</p>
          ) : (
            <ul className="notices__list">
              {list.map((notice) => (
                <NoticeItem key={notice.id} notice={notice} read={notice.readAt !== null || read.has(notice.id)} onRead={() => markRead(notice.id)} />
              ))}
            </ul>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

function NoticeItem({ notice, read, onRead }: { notice: Notice; read: boolean; onRead: () => void }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const { metric, period, value, actual } = notice.detail;
  return (
    <li className={`notice-item${read ? '' : ' notice-item--unread'}`} data-notice-id={notice.id} data-read={read}>
      <Link to={`/p/${encodeURIComponent(notice.personaId)}`} aria-label={t('notices.open', { persona: notice.personaName })}>
        {t('notices.met', {
          persona: notice.personaName,
          metric: metricLabel(t, metric),
          period: periodLabel(t, locale, period),
          actual: formatFigure(t, locale, metric, actual),
          value: formatFigure(t, locale, metric, value),
        })}
      </Link>
      <span className="notice-item__actions">
        <time dateTime={notice.at}>{formatRelative(notice.at, locale, now)}</time>
        {read ? (
          <span>
            <Check aria-hidden size={12} /> {t('notices.read')}
          </span>
        ) : (
          <button type="button" className="button button--ghost button--small" onClick={onRead} data-testid="notice-read">
            {t('notices.markRead')}
          </button>
        )}
      </span>
    </li>
  );
}

/** The mark on a persona in the list when agreed targets are met. */
export function TargetsMetMark({ count }: { count: number }) {
  const t = useT();
  if (count <= 0) return null;
  const label = t(count === 1 ? 'home.targetsMet.one' : 'home.targetsMet.other', { count });
  return (
    <span className="targets-met" title={label} data-testid="targets-met" data-count={count}>
      <Check aria-hidden size={12} />
      {label}
    </span>
  );
}
