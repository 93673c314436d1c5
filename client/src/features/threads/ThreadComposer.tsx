import { MessageSquarePlus } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { SECTION_KEYS } from '../../../../shared/persona/schema.ts';
import { COMMENT_TEXT_MAX, startThread } from '../../../../shared/persona/threads.ts';
import type { SectionKey, ThreadAnchor } from '../../../../shared/persona/types.ts';
import { THREADS_ORIGIN } from './useThreads.ts';
import { useT } from '../../i18n/index.ts';
import { MentionTextarea } from '../mentions/MentionTextarea.tsx';
import type { Participant } from '../../session/user.ts';
import { isSubmitChord } from './ThreadCard.tsx';

interface ThreadComposerProps {
  doc: Y.Doc;
  participant: Participant;
  section: SectionKey | 'all';
  composeRequest: number | undefined;
  /** Words selected in a section to comment on; null for a thread on a whole section. */
  onWords: WordsToComment | null;
  /** Drops `onWords`: the thread is then on the whole section. */
  onWordsDone: () => void;
  onStarted: (section: SectionKey) => void;
}

/** Words someone selected and asked to comment on. */
export interface WordsToComment {
  section: SectionKey;
  anchor: ThreadAnchor;
}

/** Starts a thread on a section, or on words selected in it; Ctrl/Cmd+Enter sends. */
export function ThreadComposer({ doc, participant, section, composeRequest, onWords, onWordsDone, onStarted }: ThreadComposerProps) {
  const t = useT();
  const baseId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const defaultTarget: SectionKey = onWords?.section ?? (section === 'all' ? 'summary' : section);
  const [chosen, setTarget] = useState<SectionKey>(defaultTarget);
  // Words are in one section: the thread goes there.
  const target = onWords?.section ?? chosen;
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<'empty' | 'long' | null>(null);
  const empty = problem !== null;
  const setEmpty = (on: boolean) => setProblem(on ? 'empty' : null);

  // The target follows the section filter and each compose request (state adjusted during render, not in an effect).
  const trigger = `${section}|${composeRequest ?? 0}`;
  const [lastTrigger, setLastTrigger] = useState(trigger);
  if (trigger !== lastTrigger) {
    setLastTrigger(trigger);
    setTarget(defaultTarget);
  }

  useEffect(() => {
    if (composeRequest) textRef.current?.focus();
  }, [composeRequest]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim()) {
      setEmpty(true);
      textRef.current?.focus();
      return;
    }
    // Mentions are stored as tokens, longer than the names typed.
    if (text.trim().length > COMMENT_TEXT_MAX) {
      setProblem('long');
      textRef.current?.focus();
      return;
    }
    startThread(doc, target, { text, author: participant.name, side: participant.side }, { origin: THREADS_ORIGIN, anchor: onWords?.anchor });
    setText('');
    setEmpty(false);
    if (onWords) onWordsDone();
    onStarted(target);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!isSubmitChord(event)) return;
    event.preventDefault();
    submit();
  }

  return (
    <form className="threads-composer" onSubmit={submit} noValidate>
      <label className="threads-composer__target">
        <span className="field__label">
          <MessageSquarePlus aria-hidden size={16} />
          {t('threads.compose.target')}
        </span>
        <select className="input" value={target} disabled={onWords !== null} onChange={(e) => setTarget(e.target.value as SectionKey)}>
          {SECTION_KEYS.map((key) => (
            <option key={key} value={key}>
              {t(`section.${key}`)}
            </option>
          ))}
        </select>
      </label>
      {onWords ? (
        <div className="threads-composer__words" data-testid="compose-on-words">
          <p className="threads-composer__words-label">{t('threads.compose.onWords', { section: t(`section.${onWords.section}`) })}</p>
          <blockquote className="thread__quote">{onWords.anchor.quote}</blockquote>
          <button type="button" className="button button--ghost button--small" onClick={onWordsDone}>
            {t('threads.compose.wholeSection')}
          </button>
        </div>
      ) : null}
      <label className="visually-hidden" htmlFor={`${baseId}-text`}>
        {t('threads.compose.text')}
      </label>
      <MentionTextarea
        textareaRef={textRef}
        id={`${baseId}-text`}
        className="input threads-composer__text"
        rows={3}
        maxLength={COMMENT_TEXT_MAX}
        placeholder={t('threads.compose.placeholder')}
        value={text}
        aria-invalid={empty ? true : undefined}
        aria-describedby={empty ? `${baseId}-error` : `${baseId}-hint`}
        onValueChange={(next) => {
          setText(next);
          if (empty) setEmpty(false);
        }}
        onKeyDown={onKeyDown}
      />
      {empty ? (
        <p id={`${baseId}-error`} className="form-error" role="alert">
          {t(problem === 'long' ? 'threads.tooLong' : 'threads.compose.empty')}
        </p>
      ) : (
        <p id={`${baseId}-hint`} className="threads-composer__hint">
          {t('threads.compose.hint')} {t('threads.compose.mentionHint')}
        </p>
      )}
      <button type="submit" className="button button--primary button--small threads-composer__submit">
        {t('threads.compose.submit')}
      </button>
    </form>
  );
}
