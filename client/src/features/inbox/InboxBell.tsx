import { Bell, BellRing } from 'lucide-react';
import { NavLink } from 'react-router';
import { useT } from '../../i18n/index.ts';
import { useUnreadCount } from './useUnreadCount.ts';

/** The header's bell: the unread count, live, and the way to the inbox. */
export function InboxBell() {
  const t = useT();
  const unread = useUnreadCount() ?? 0;
  const label = unread === 0 ? t('inbox.bell') : t(unread === 1 ? 'inbox.bell.unread.one' : 'inbox.bell.unread.other', { count: unread });
  return (
    <NavLink to="/inbox" className="button button--ghost button--small inbox-bell" aria-label={label} title={label} data-testid="inbox-bell" data-unread={unread}>
      {unread > 0 ? <BellRing aria-hidden size={16} /> : <Bell aria-hidden size={16} />}
      {unread > 0 ? (
        <span className="inbox-bell__badge" aria-hidden>
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}
