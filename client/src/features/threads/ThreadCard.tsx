import { CheckCircle2, ChevronDown, ChevronUp, RotateCcw, Send } from 'lucide-react';
import { useId, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { CommentReply, CommentThread, SectionKey } from '../../../../shared/persona/types.ts';
import { COMMENT_TEXT_MAX } from '../../../../shared/persona/threads.ts';
import { formatRelative } from '../../i18n/format.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import type { Translate } from '../../i18n/index.ts';
import { SideBadge } from '../../ui/SideBadge.tsx';
import { MentionText } from '../mentions/MentionText.tsx';
import { MentionTextarea } from '../mentions/MentionTextarea.tsx';

export interface ThreadCardProps {
  thread: CommentThread;
  readOnly: boolean;
  /** The reply being typed; kept by the panel so it survives the card moving or leaving the list. */
  draft: string;
  onDraftChange: (threadId: string, text: string) => void;
  /** False when the thread no longer exists in the document. */
  onReply: (thread: CommentThread, text: string) => boolean;
  onResolvedChange: (thread: CommentThread, resolved: boolean) => void;
  onGoToSection?: ((section: SectionKey) => void) | undefined;
  /** True when the thread is on words that were deleted since. */
  anchorDeleted?: boolean;
}

export function repliesLabel(t: Translate, count: number): string {
  return count === 1 ? t('threads.replies.one') : t('threads.replies.other', { count });
}

/** Ctrl+Enter or Cmd+Enter: the "send" chord, leaving plain Enter for line breaks. */
export function isSubmitChord(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing;
}

/** One feedback thread: its section, the first message, replies, a reply field and resolve / reopen. */
export function ThreadCard({ thread, readOnly, draft, onDraftChange, onReply, onResolvedChange, onGoToSection, anchorDeleted = false }: ThreadCardProps) {
  const t = useT();
  const baseId = useId();
  const [expanded, setExpanded] = useState(false);
  const [error, setError] = useState<'empty' | 'long' | 'gone' | null>(null);
  const sectionLabel = t(`section.${thread.section}`);
  const replyCount = thread.replies.length;
  // Resolved threads stay quiet: first message only, unless opened up.
  const showReplies = !thread.resolved || expanded;
  // A reply being typed is never hidden, even if someone resolves the thread meanwhile.
  const canReply = !readOnly && (!thread.resolved || draft.trim() !== '');

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (!draft.trim()) {
      setError('empty');
      return;
    }
    // Mentions are stored as tokens, longer than the names typed.
    if (draft.trim().length > COMMENT_TEXT_MAX) {
      setError('long');
      return;
    }
    if (!onReply(thread, draft)) {
      setError('gone');
      return;
    }
    setError(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!isSubmitChord(event)) return;
    event.preventDefault();
    send();
  }

  return (
    <article
      className="thread"
      data-thread-id={thread.id}
      data-resolved={String(thread.resolved)}
      data-anchor={thread.anchor ? (anchorDeleted ? 'deleted' : 'live') : undefined}
      tabIndex={-1}
      aria-labelledby={`${baseId}-title`}
    >
      <header className="thread__header">
        <h3 id={`${baseId}-title`} className="thread__section">
          {onGoToSection ? (
            <button
              type="button"
              className="thread__section-link"
              title={t('threads.goToSection', { section: sectionLabel })}
              onClick={() => onGoToSection(thread.section)}
            >
              {sectionLabel}
            </button>
          ) : (
            sectionLabel
          )}
        </h3>
        {thread.resolved ? (
          <span className="thread__resolved">
            <CheckCircle2 aria-hidden size={14} />
            {t('threads.resolved')}
          </span>
        ) : null}
      </header>

      {thread.anchor ? (
        <div className={`thread__anchor${anchorDeleted ? ' thread__anchor--deleted' : ''}`}>
          <p className={anchorDeleted ? 'thread__anchor-gone' : 'visually-hidden'} role={anchorDeleted ? 'note' : undefined}>
            {anchorDeleted ? t('threads.anchor.deleted') : t('threads.anchor.label')}
          </p>
          <blockquote className="thread__quote">{thread.anchor.quote}</blockquote>
        </div>
      ) : null}

      <Message message={thread} />

      {replyCount > 0 && showReplies ? (
        <ol className="thread__replies" id={`${baseId}-replies`}>
          {thread.replies.map((reply, i) => (
            <li key={`${reply.createdAt}-${i}`}>
              <Message message={reply} />
            </li>
          ))}
        </ol>
      ) : null}

      {thread.resolved && replyCount > 0 ? (
        <button
          type="button"
          className="button button--ghost button--small thread__toggle"
          aria-expanded={expanded}
          aria-controls={expanded ? `${baseId}-replies` : undefined}
          onClick={() => setExpanded((v) => !v)}
        >
          {expanded ? <ChevronUp aria-hidden size={16} /> : <ChevronDown aria-hidden size={16} />}
          {expanded ? t('threads.replies.hide') : t('threads.replies.show', { replies: repliesLabel(t, replyCount) })}
        </button>
      ) : null}

      {canReply ? (
        <form className="thread__reply" onSubmit={send} noValidate>
          <label className="visually-hidden" htmlFor={`${baseId}-reply`}>
            {t('threads.reply.label')}
          </label>
          <MentionTextarea
            id={`${baseId}-reply`}
            className="input thread__reply-text"
            rows={2}
            maxLength={COMMENT_TEXT_MAX}
            placeholder={t('threads.reply.placeholder')}
            value={draft}
            aria-invalid={error === 'empty' ? true : undefined}
            aria-describedby={error ? `${baseId}-reply-error` : `${baseId}-reply-hint`}
            onValueChange={(next) => {
              onDraftChange(thread.id, next);
              if (error === 'empty') setError(null);
            }}
            onKeyDown={onKeyDown}
          />
          <p id={`${baseId}-reply-hint`} className="visually-hidden">
            {t('threads.reply.hint')}
          </p>
          {error === 'empty' || error === 'long' ? (
            <p id={`${baseId}-reply-error`} className="form-error" role="alert">
              {t(error === 'long' ? 'threads.tooLong' : 'threads.reply.empty')}
            </p>
          ) : null}
          {error === 'gone' ? (
            <div id={`${baseId}-reply-error`} className="notice notice--error" role="alert">
              <p>{t('threads.reply.gone')}</p>
            </div>
          ) : null}
          <button type="submit" className="button button--small">
            <Send aria-hidden size={14} />
            {t('threads.reply.submit')}
          </button>
        </form>
      ) : null}

      {readOnly ? null : (
        <div className="thread__actions">
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => onResolvedChange(thread, !thread.resolved)}
          >
            {thread.resolved ? <RotateCcw aria-hidden size={14} /> : <CheckCircle2 aria-hidden size={14} />}
            {thread.resolved ? t('threads.reopen') : t('threads.resolve')}
          </button>
        </div>
      )}
    </article>
  );
}

/**
 * Author, side, when, and the text as plain text (line breaks kept by CSS, never HTML). The author
 * is the server's word when the reader attributed it; someone on no side gets no side badge.
 */
function Message({ message }: { message: CommentReply }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const date = new Date(message.createdAt);
  const team = message.team ?? message.side;
  const unverified = message.verified === false;
  return (
    <div className={`thread-message thread-message--${team}`} data-message-side={team}>
      <p className="thread-message__meta">
        <span
          className="thread-message__author"
          data-author-verified={unverified ? 'false' : undefined}
          title={unverified ? t('threads.author.unverifiedHint') : undefined}
        >
          {unverified ? t('threads.author.unverified', { name: message.author }) : message.author}
        </span>
        {team === 'other' ? null : <SideBadge side={team} compact />}
        <time className="thread-message__time" dateTime={message.createdAt} title={date.toLocaleString(locale)}>
          {formatRelative(message.createdAt, locale, now)}
        </time>
      </p>
      <p className="thread-message__text">
        <MentionText text={message.text} />
      </p>
    </div>
  );
}
