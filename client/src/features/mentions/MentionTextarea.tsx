// A textarea where `@` offers the member directory and the two teams: keyboard first (arrows, Enter
// or Tab to pick, Escape to close), stored as mention tokens, typed and read as `@Name`.
import { Users } from 'lucide-react';
import { useId, useState } from 'react';
import type { KeyboardEvent, Ref, TextareaHTMLAttributes } from 'react';
import { useT } from '../../i18n/index.ts';
import { useMentionDirectory } from './MentionDirectory.tsx';
import { mentionQueryAt, TEAM_HANDLES, toStored, toTyped } from './mentionText.ts';

type NativeProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'role'>;

export interface MentionTextareaProps extends NativeProps {
  /** The stored text, with mention tokens. */
  value: string;
  onValueChange: (stored: string) => void;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

interface Option {
  key: string;
  handle: string;
  label: string;
  hint: string;
}

const MAX_OPTIONS = 8;

export function MentionTextarea({ value, onValueChange, textareaRef, onKeyDown, className, ...rest }: MentionTextareaProps) {
  const t = useT();
  const listId = useId();
  const directory = useMentionDirectory();
  const typed = toTyped(value, directory);
  const [query, setQuery] = useState<{ at: number; query: string } | null>(null);
  const [active, setActive] = useState(0);

  const needle = query?.query.toLocaleLowerCase() ?? '';
  const options: Option[] = query
    ? [
        ...directory.members
          .filter((m) => m.active !== false && m.name.toLocaleLowerCase().includes(needle))
          .map((m) => ({ key: `m:${m.id}`, handle: `@${m.name}`, label: m.name, hint: t(`mentions.team.${m.team === 'marketing' || m.team === 'sales' ? m.team : 'other'}`) })),
        ...(['marketing', 'sales'] as const)
          .filter((team) => TEAM_HANDLES[team].slice(1).startsWith(needle))
          .map((team) => ({ key: `team:${team}`, handle: TEAM_HANDLES[team], label: TEAM_HANDLES[team], hint: t(`mentions.everyone.${team}`) })),
      ].slice(0, MAX_OPTIONS)
    : [];
  const open = query !== null && options.length > 0;
  const current = Math.min(active, options.length - 1);

  function update(next: string, caret: number) {
    onValueChange(toStored(next, directory));
    setQuery(mentionQueryAt(next, caret));
    setActive(0);
  }

  function pick(option: Option, textarea: HTMLTextAreaElement) {
    if (!query) return;
    const end = query.at + 1 + query.query.length;
    const next = `${typed.slice(0, query.at)}${option.handle} ${typed.slice(end)}`;
    const caret = query.at + option.handle.length + 1;
    onValueChange(toStored(next, directory));
    setQuery(null);
    // After React writes the new value: put the caret after the mention.
    requestAnimationFrame(() => textarea.setSelectionRange(caret, caret));
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current + step + options.length) % options.length);
        return;
      }
      const option = options[current];
      if ((event.key === 'Enter' || event.key === 'Tab') && !event.ctrlKey && !event.metaKey && option) {
        event.preventDefault();
        pick(option, event.currentTarget);
        return;
      }
      if (event.key === 'Escape') {
        // Closes the list only, not a dialog around it.
        event.preventDefault();
        event.stopPropagation();
        setQuery(null);
        return;
      }
    }
    onKeyDown?.(event);
  }

  return (
    <div className="mention-field">
      <textarea
        {...rest}
        ref={textareaRef}
        className={className}
        value={typed}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? `${listId}-${current}` : undefined}
        onChange={(e) => update(e.target.value, e.target.selectionStart)}
        onKeyDown={keyDown}
        onBlur={() => setQuery(null)}
      />
      {open ? (
        <ul className="mention-list" id={listId} role="listbox" aria-label={t('mentions.list')}>
          {options.map((option, i) => (
            <li
              key={option.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className="mention-list__option"
              data-mention={option.key}
              // Picked on mousedown, before the textarea loses focus and closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                const textarea = e.currentTarget.closest('.mention-field')?.querySelector('textarea');
                if (textarea) pick(option, textarea);
              }}
            >
              {option.key.startsWith('team:') ? <Users aria-hidden size={14} /> : null}
              <span className="mention-list__name">{option.label}</span>
              <span className="mention-list__hint">{option.hint}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
