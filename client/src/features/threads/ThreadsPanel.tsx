import { MessageSquare } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import { replyToThread, setThreadResolved, threadCountsBySection } from '../../../../shared/persona/threads.ts';
import type { CommentThread, SectionKey } from '../../../../shared/persona/types.ts';
import { THREADS_ORIGIN } from './useThreads.ts';
import { useT } from '../../i18n/index.ts';
import type { MessageKey } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import { ThreadCard } from './ThreadCard.tsx';
import { ThreadComposer } from './ThreadComposer.tsx';
import type { WordsToComment } from './ThreadComposer.tsx';
import { useDeletedAnchors } from './useAnchorStates.ts';

export interface ThreadsPanelProps {
  doc: Y.Doc;
  participant: Participant;
  readOnly: boolean;
  /** From `useThreads(doc)`, passed in by the parent. */
  threads: readonly CommentThread[];
  section: SectionKey | 'all';
  onSectionChange: (section: SectionKey | 'all') => void;
  /** Bumped by the parent when the user asks to start a thread on `section`: focuses the composer. */
  composeRequest?: number;
  onGoToSection?: (section: SectionKey) => void;
  /** Words selected in a section to start a thread on. */
  onWords?: WordsToComment | null;
  onWordsDone?: () => void;
  /** A thread to bring into view and focus (its highlighted words were clicked). */
  shownThread?: { id: string; n: number } | null;
}

type StatusFilter = 'open' | 'resolved' | 'all';

const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'resolved', 'all'];

/** Latest of the thread's start and its replies, in ms. */
function lastActivity(thread: CommentThread): number {
  let latest = Date.parse(thread.createdAt) || 0;
  for (const reply of thread.replies) latest = Math.max(latest, Date.parse(reply.createdAt) || 0);
  return latest;
}

/** Open threads first, each group by newest activity. */
function byOpenThenActivity(a: CommentThread, b: CommentThread): number {
  if (a.resolved !== b.resolved) return a.resolved ? 1 : -1;
  return lastActivity(b) - lastActivity(a);
}

/** Feedback threads on the persona's sections: filter, start, reply, resolve and reopen, live. */
export function ThreadsPanel({ doc, participant, readOnly, threads, section, onSectionChange, composeRequest, onGoToSection, onWords = null, onWordsDone = () => {}, shownThread = null }: ThreadsPanelProps) {
  const t = useT();
  const deletedAnchors = useDeletedAnchors(doc, threads);
  const [status, setStatus] = useState<StatusFilter>('open');
  const [drafts, setDrafts] = useState<Readonly<Record<string, string>>>({});
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLDivElement>(null);

  const counts = useMemo(() => threadCountsBySection(threads), [threads]);
  const inSection = section === 'all' ? threads : threads.filter((thread) => thread.section === section);
  const openCount = inSection.filter((thread) => !thread.resolved).length;
  const hasDraft = (id: string) => (drafts[id] ?? '').trim() !== '';
  const matchesStatus = (thread: CommentThread) => status === 'all' || thread.resolved === (status === 'resolved');
  // A thread with a reply being typed stays in view even when someone resolves or reopens it meanwhile.
  const visible = inSection.filter((thread) => matchesStatus(thread) || hasDraft(thread.id)).sort(byOpenThenActivity);
  // Replies typed into threads someone else removed: shown so the words are not lost.
  const liveIds = new Set(threads.map((thread) => thread.id));
  const lostDrafts = Object.entries(drafts).filter(([id, text]) => !liveIds.has(id) && text.trim() !== '');

  const sectionLabel = (key: SectionKey) => t(`section.${key}`);

  // A resolved thread asked for is shown too.
  const [lastShown, setLastShown] = useState(shownThread);
  if (shownThread !== lastShown) {
    setLastShown(shownThread);
    const wanted = threads.find((thread) => thread.id === shownThread?.id);
    if (wanted?.resolved && status === 'open') setStatus('all');
  }
  useEffect(() => {
    if (!shownThread) return;
    const card = listRef.current?.querySelector<HTMLElement>(`[data-thread-id="${CSS.escape(shownThread.id)}"]`);
    card?.scrollIntoView({ block: 'nearest' });
    card?.focus();
  }, [shownThread]);

  const setDraft = (id: string, text: string) => setDrafts((current) => ({ ...current, [id]: text }));
  const dropDrafts = (ids: readonly string[]) =>
    setDrafts((current) => Object.fromEntries(Object.entries(current).filter(([id]) => !ids.includes(id))));

  function reply(thread: CommentThread, text: string): boolean {
    const sent = replyToThread(doc, thread.id, { text, author: participant.name, side: participant.side }, { origin: THREADS_ORIGIN });
    if (sent) {
      dropDrafts([thread.id]);
      setAnnouncement(t('threads.announce.replied'));
    }
    return sent;
  }

  function changeResolved(thread: CommentThread, resolved: boolean) {
    if (!setThreadResolved(doc, thread.id, resolved, THREADS_ORIGIN)) return;
    setAnnouncement(t(resolved ? 'threads.announce.resolved' : 'threads.announce.reopened'));
    // The card leaves the current filter, taking focus with it: keep focus in the list.
    if (status !== 'all' && !hasDraft(thread.id)) listRef.current?.focus();
  }

  function started(key: SectionKey) {
    setAnnouncement(t('threads.announce.started', { section: sectionLabel(key) }));
    // Show the new thread: it is open, and on the section it was started on.
    if (status === 'resolved') setStatus('open');
    if (section !== 'all' && section !== key) onSectionChange(key);
  }

  return (
    <section className="threads" aria-label={t('threads.title')}>
      <div className="threads__filters">
        <div className="threads__status" role="group" aria-label={t('threads.filter.status')}>
          {STATUS_FILTERS.map((filter) => (
            <button
              key={filter}
              type="button"
              className="threads__status-button"
              aria-pressed={status === filter}
              onClick={() => setStatus(filter)}
            >
              {t(`threads.filter.${filter}`, { count: filter === 'open' ? openCount : inSection.length - openCount })}
            </button>
          ))}
        </div>
        <label className="threads__section-filter">
          <span className="field__label">{t('threads.filter.section')}</span>
          <select
            className="input"
            value={section}
            onChange={(e) => onSectionChange(e.target.value === 'all' ? 'all' : (e.target.value as SectionKey))}
          >
            <option value="all">{t('threads.filter.allSections')}</option>
            {SECTION_KEYS.map((key) => {
              const open = counts.get(key)?.open ?? 0;
              return (
                <option key={key} value={key}>
                  {open > 0 ? t('threads.filter.sectionOption', { section: sectionLabel(key), count: open }) : sectionLabel(key)}
                </option>
              );
            })}
          </select>
        </label>
      </div>

      {readOnly ? null : (
        <ThreadComposer
          doc={doc}
          participant={participant}
          section={section}
          composeRequest={composeRequest}
          onWords={onWords}
          onWordsDone={onWordsDone}
          onStarted={started}
        />
      )}

      {lostDrafts.length > 0 ? (
        <div className="notice notice--error threads__lost" role="alert">
          <p>{t('threads.lost.title')}</p>
          {lostDrafts.map(([id, text]) => (
            <blockquote key={id} className="threads__lost-text">
              {text}
            </blockquote>
          ))}
          <button type="button" className="button button--small" onClick={() => dropDrafts(lostDrafts.map(([id]) => id))}>
            {t('threads.lost.dismiss')}
          </button>
        </div>
      ) : null}

      <p className="visually-hidden" role="status">
        {announcement}
      </p>

      <div ref={listRef} className="threads__list" tabIndex={-1}>
        {visible.length > 0 ? (
          visible.map((thread) => (
            <ThreadCard
              key={thread.id}
              thread={thread}
              readOnly={readOnly}
              draft={drafts[thread.id] ?? ''}
              onDraftChange={setDraft}
              onReply={reply}
              onResolvedChange={changeResolved}
              onGoToSection={onGoToSection}
              anchorDeleted={deletedAnchors.has(thread.id)}
            />
          ))
        ) : threads.length === 0 ? (
          <EmptyState text={t(readOnly ? 'threads.empty.noneReadOnly' : 'threads.empty.none')} />
        ) : inSection.length === 0 && section !== 'all' ? (
          <EmptyState
            text={t('threads.empty.noneInSection', { section: sectionLabel(section) })}
            action={{ label: 'threads.empty.showAllSections', run: () => onSectionChange('all') }}
          />
        ) : status === 'open' ? (
          <EmptyState text={t('threads.empty.noneOpen')} action={{ label: 'threads.empty.showResolved', run: () => setStatus('resolved') }} />
        ) : (
          <EmptyState text={t('threads.empty.noneResolved')} action={{ label: 'threads.empty.showOpen', run: () => setStatus('open') }} />
        )}
      </div>
    </section>
  );
}

function EmptyState({ text, action }: { text: string; action?: { label: MessageKey; run: () => void } }) {
  const t = useT();
  return (
    <div className="empty threads__empty">
      <MessageSquare aria-hidden size={28} />
      <p>{text}</p>
      {action ? (
        <button type="button" className="button button--small" onClick={action.run}>
          {t(action.label)}
        </button>
      ) : null}
    </div>
  );
}

/** For section headers: an icon and the number of open threads; nothing when there are none. */
export function ThreadCountBadge({ open }: { open: number }) {
  const t = useT();
  if (open <= 0) return null;
  const label = open === 1 ? t('threads.badge.one') : t('threads.badge.other', { count: open });
  return (
    <span className="threads-badge" role="img" aria-label={label} title={label}>
      <MessageSquare aria-hidden size={14} />
      <span aria-hidden>{open}</span>
    </span>
  );
}
