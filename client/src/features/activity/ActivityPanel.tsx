import { History, LoaderCircle, RefreshCw } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { ACTIVITY_PAGE_MAX, type ActivityEventView } from '../../../../shared/api.ts';
import { EVIDENCE_KINDS, isSectionKey, type SectionKey } from '../../../../shared/persona/schema.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT, type Translate } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { RetryNotice } from '../../ui/RetryNotice.tsx';
import { TeamBadge } from '../../ui/TeamBadge.tsx';
import { MentionText } from '../mentions/MentionText.tsx';
import './activity.css';

/** How long after a change in the document the list asks again (the server gathers a second's worth). */
const REFRESH_AFTER_CHANGE_MS = 2_000;
/** Asked again this often while open, for what happens without touching the document (publishing). */
const POLL_MS = 30_000;
/** Events shown at first, and how many more each "Show older" asks for (the server answers up to ACTIVITY_PAGE_MAX). */
const PAGE = 100;

interface ActivityPanelProps {
  personaId: string;
  doc: Y.Doc;
  onGoToSection: (section: SectionKey) => void;
}

/** The workshop's Activity tab: who did what, newest first, by day; mounted only while the tab is open. */
export function ActivityPanel({ personaId, doc, onGoToSection }: ActivityPanelProps) {
  const t = useT();
  const api = useApi();
  // Showing older events asks for more of the newest, so a refresh never leaves a gap between pages.
  const [limit, setLimit] = useState(PAGE);
  const activity = useFetch(`activity:${personaId}:${limit}`, (signal) => api.getActivity(personaId, signal, limit));
  const { retry: refresh } = activity;
  useRefreshWhileOpen(doc, refresh);
  const days = useDays(activity.data?.events);
  const hasOlder = (activity.data?.events.length ?? 0) >= limit && limit < ACTIVITY_PAGE_MAX;

  return (
    <section className="activity" aria-labelledby="activity-title" data-testid="activity">
      <div className="activity__top">
        <h2 id="activity-title" className="activity__title">
          {t('activity.title')}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={refresh} aria-label={t('activity.refresh')} disabled={activity.status === 'loading'}>
          <RefreshCw aria-hidden size={14} className={activity.status === 'loading' ? 'spin' : undefined} />
        </button>
      </div>
      {!activity.data && activity.error ? (
        <RetryNotice onRetry={refresh}>
          {t('activity.error')} {describeError(t, activity.error)}
        </RetryNotice>
      ) : !activity.data ? (
        <p className="activity__status" role="status">
          <LoaderCircle aria-hidden size={16} className="spin" /> {t('activity.loading')}
        </p>
      ) : days.length === 0 ? (
        <div className="empty activity__empty">
          <History aria-hidden size={32} />
          <p>{t('activity.empty')}</p>
        </div>
      ) : (
        days.map((day) => (
          <section key={day.key} className="activity__day" aria-label={day.label}>
            <h3 className="activity__day-title">{day.label}</h3>
            <ol className="activity__list">
              {day.events.map((event, i) => (
                <ActivityRow key={`${event.at}-${i}`} event={event} onGoToSection={onGoToSection} />
              ))}
            </ol>
          </section>
        ))
      )}
      {hasOlder ? (
        <button type="button" className="button button--ghost button--small activity__older" onClick={() => setLimit((n) => Math.min(n + PAGE, ACTIVITY_PAGE_MAX))} disabled={activity.status === 'loading'}>
          {t('activity.older')}
        </button>
      ) : null}
    </section>
  );
}

function ActivityRow({ event, onGoToSection }: { event: ActivityEventView; onGoToSection: (section: SectionKey) => void }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const section = typeof event.detail.section === 'string' && isSectionKey(event.detail.section) ? event.detail.section : null;
  const excerpt = typeof event.detail.text === 'string' && event.detail.text ? event.detail.text : null;
  const body = (
    <>
      <span className="activity__who">
        <span className="activity__name">{event.member?.name ?? t('activity.operator')}</span>
        {event.member ? <TeamBadge team={event.member.team} compact /> : null}
      </span>
      <span className="activity__what">{sentenceOf(t, event)}</span>
      {excerpt ? (
        <q className="activity__excerpt">
          <MentionText text={excerpt} />
        </q>
      ) : null}
      <time className="activity__when" dateTime={event.at} title={new Date(event.at).toLocaleString(locale)}>
        {formatRelative(event.at, locale, now)}
      </time>
    </>
  );
  return (
    <li className="activity__event" data-activity-type={event.type}>
      {section ? (
        <button type="button" className="activity__item activity__item--link" onClick={() => onGoToSection(section)} title={t('activity.goTo', { section: t(`section.${section}`) })}>
          {body}
        </button>
      ) : (
        <div className="activity__item">{body}</div>
      )}
    </li>
  );
}

/** One sentence per type, after the member's name: "edited Goals", "published version 3". */
export function sentenceOf(t: Translate, { type, detail }: ActivityEventView): string {
  const section = sectionLabel(t, detail.section);
  const side = detail.side === 'marketing' || detail.side === 'sales' ? t(`side.${detail.side}`) : '';
  const kind = typeof detail.kind === 'string' && isKind(detail.kind) ? t(`kind.${detail.kind}`) : '';
  switch (type) {
    case 'edited':
    case 'thread-started':
    case 'replied':
    case 'resolved':
      return t(`activity.type.${type}`, { section });
    case 'evidence-added':
    case 'evidence-removed':
      return t(`activity.type.${type}`, { kind }).replace(' ()', '');
    case 'signed-off':
    case 'sign-off-withdrawn':
      return isSectionKey(detail.section) ? t(`activity.type.${type}`, { section, side }) : t(`activity.type.${type}.target`, { side });
    case 'published':
      return t('activity.type.published', { version: typeof detail.version === 'number' ? detail.version : '?' });
    case 'created':
    case 'restored':
    case 'archived':
    case 'unarchived':
    case 'trashed':
    case 'untrashed':
      return t(`activity.type.${type}`);
    default:
      return t('activity.type.other');
  }
}

const isKind = (value: string): value is (typeof EVIDENCE_KINDS)[number] => (EVIDENCE_KINDS as readonly string[]).includes(value);

function sectionLabel(t: Translate, section: unknown): string {
  if (isSectionKey(section)) return t(`section.${section}`);
  if (section === 'profile' || section === 'evidence' || section === 'targets') return t(`activity.section.${section}`);
  return typeof section === 'string' ? section : '';
}

/** Asks again a moment after the document changes (anyone's change) and every POLL_MS. */
function useRefreshWhileOpen(doc: Y.Doc, refresh: () => void): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        refresh();
      }, REFRESH_AFTER_CHANGE_MS);
    };
    doc.on('update', onUpdate);
    const poll = setInterval(refresh, POLL_MS);
    return () => {
      doc.off('update', onUpdate);
      clearTimeout(timer);
      clearInterval(poll);
    };
  }, [doc, refresh]);
}

interface Day {
  key: string;
  label: string;
  events: ActivityEventView[];
}

/** Events grouped by the reader's local day, labelled Today, Yesterday or the date. */
function useDays(events: readonly ActivityEventView[] | undefined): Day[] {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  return useMemo(() => {
    if (!events) return [];
    const today = dayKey(new Date(now));
    const yesterday = dayKey(new Date(now - 24 * 3600_000));
    const format = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    const days: Day[] = [];
    for (const event of events) {
      const date = new Date(event.at);
      const key = dayKey(date);
      let day = days.at(-1);
      if (day?.key !== key) {
        const label = key === today ? t('activity.today') : key === yesterday ? t('activity.yesterday') : format.format(date);
        day = { key, label, events: [] };
        days.push(day);
      }
      day.events.push(event);
    }
    return days;
  }, [events, locale, now, t]);
}

const dayKey = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
