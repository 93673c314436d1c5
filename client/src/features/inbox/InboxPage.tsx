// The route `/inbox`: what concerns the member, newest first, each a link to the exact place.
import { CheckCheck, Inbox, LoaderCircle, Settings } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { InboxItem } from '../../../../shared/feedback/api.ts';
import { useApi } from '../../api/context.tsx';
import { ApiRequestError } from '../../api/http.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useT } from '../../i18n/index.ts';
import { AccessScreen } from '../../ui/AccessScreen.tsx';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { onStreamMessage, receiveStreamMessage } from '../feedback/streamMessages.ts';
import { InboxItemView, type Names } from './InboxItemView.tsx';
import './inbox.css';

const PAGE = 50;

export default function InboxPage() {
  const t = useT();
  const api = useApi();
  const first = useFetch('inbox', (signal) => api.getInbox({ limit: PAGE }, signal));
  const members = useFetch('members', (signal) => api.listMembers(signal));
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [more, setMore] = useState<'idle' | 'loading' | 'done'>('idle');
  const [failure, setFailure] = useState('');

  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items);
    setUnread(first.data.unread);
    setMore(first.data.items.length < PAGE ? 'done' : 'idle');
  }, [first.data]);

  // New items arrive live; a gathered one replaces its earlier self.
  useEffect(
    () =>
      onStreamMessage((message) => {
        if (message.type === 'unread') setUnread(message.unread);
        if (message.type !== 'inbox') return;
        setUnread(message.unread);
        setItems((current) => (current ? [message.item, ...current.filter((item) => item.id !== message.item.id)] : current));
      }),
    [],
  );

  const names: Names = useMemo(() => {
    const list = members.data ? [...members.data.members, ...members.data.former] : [];
    return new Map(list.map((member) => [member.id, member.name]));
  }, [members.data]);

  async function markRead(which: { ids: string[] } | { all: true }) {
    const at = new Date().toISOString();
    const marked = (item: InboxItem) => item.readAt === null && ('all' in which || which.ids.includes(item.id));
    setFailure('');
    try {
      const left = await api.markInboxRead(which);
      setItems((current) => current?.map((item) => (marked(item) ? { ...item, readAt: at } : item)) ?? current);
      setUnread(left);
      // The header's bell hears it at once, the stream or not.
      receiveStreamMessage({ type: 'unread', unread: left });
    } catch {
      setFailure(t('inbox.markFailed'));
    }
  }

  async function loadOlder() {
    const last = items?.at(-1);
    if (!last) return;
    setMore('loading');
    try {
      const page = await api.getInbox({ limit: PAGE, before: last.at });
      setItems((current) => [...(current ?? []), ...page.items.filter((item) => !current?.some((known) => known.id === item.id))]);
      setMore(page.items.length < PAGE ? 'done' : 'idle');
    } catch {
      setMore('idle');
      setFailure(t('inbox.error'));
    }
  }

  if (first.error instanceof ApiRequestError && first.error.status === 401) return <AccessScreen reason="unauthorized" />;

  return (
    <>
      <AppHeader />
      <main className="inbox-page" data-testid="inbox" data-unread={unread}>
        <div className="inbox-page__top">
          <div>
            <h1 className="inbox-page__title">
              <Inbox aria-hidden size={24} /> {t('inbox.title')}
            </h1>
            <p className="inbox-page__intro">{t('inbox.intro')}</p>
          </div>
          <div className="inbox-page__tools">
            <span className="pill" data-testid="inbox-unread">
              {t(unread === 1 ? 'inbox.unreadCount.one' : 'inbox.unreadCount.other', { count: unread })}
            </span>
            <button type="button" className="button button--small" disabled={unread === 0} onClick={() => void markRead({ all: true })} data-testid="inbox-mark-all">
              <CheckCheck aria-hidden size={14} /> {t('inbox.markAllRead')}
            </button>
            <Link to="/inbox/settings" className="button button--ghost button--small" data-testid="inbox-settings-link">
              <Settings aria-hidden size={14} /> {t('inbox.settingsLink')}
            </Link>
          </div>
        </div>
        {failure ? (
          <p className="form-error" role="alert">
            {failure}
          </p>
        ) : null}
        {items === null ? (
          first.status === 'error' ? (
            <RetryNotice onRetry={first.retry}>{t('inbox.error')}</RetryNotice>
          ) : (
            <p className="inbox-page__loading" role="status">
              <LoaderCircle aria-hidden size={16} className="spin" /> {t('common.loading')}
            </p>
          )
        ) : items.length === 0 ? (
          <p className="inbox-page__empty" data-testid="inbox-empty">
            {t('inbox.empty')}
          </p>
        ) : (
          <ul className="inbox-list" data-testid="inbox-list">
            {items.map((item) => (
              <InboxItemView key={item.id} item={item} names={names} onRead={() => void markRead({ ids: [item.id] })} />
            ))}
          </ul>
        )}
        {items && items.length > 0 && more !== 'done' ? (
          <button type="button" className="button button--small inbox-page__more" disabled={more === 'loading'} onClick={() => void loadOlder()}>
            {t('inbox.more')}
          </button>
        ) : null}
      </main>
    </>
  );
}
