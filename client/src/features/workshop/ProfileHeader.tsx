import { Popover } from 'radix-ui';
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import * as Y from 'yjs';
import type { TemplateName } from '../../../../shared/api.ts';
import type { ProfileField } from '../../../../shared/persona/schema.ts';
import { getProfile } from '../../../../shared/persona/schema.ts';
import { PROFILE_ORIGIN, setProfileField, useProfile } from '../../collab/hooks.ts';
import type { MessageKey } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import type { GuidedField } from '../guidance/guidance.ts';
import { fieldGuidance } from '../guidance/guidance.ts';

const AVATARS = ['🧑‍💼', '👩‍💼', '👨‍💼', '🧑‍💻', '👩‍🔬', '👨‍🔧', '🧑‍🏫', '👩‍⚕️', '🧑‍🎨', '🕵️', '🚀', '🏢', '🏭', '🛒', '💡', '📈'];

const DETAIL_FIELDS: readonly { field: GuidedField; label: MessageKey }[] = [
  { field: 'role', label: 'profile.role' },
  { field: 'segment', label: 'profile.segment' },
  { field: 'companySize', label: 'profile.companySize' },
  { field: 'location', label: 'profile.location' },
];

const MAX_FIELD_LENGTH = 200;

/** The persona's profile, bound live to the `profile` map; each browser undoes only its own edits. */
/** `template`: whose guidance the empty fields show, as placeholders (never as values). */
export function ProfileHeader({ doc, readOnly, template = 'blank' }: { doc: Y.Doc; readOnly: boolean; template?: TemplateName }) {
  const t = useT();
  const locale = useLocale();
  const profile = useProfile(doc);
  const baseId = useId();
  // Made in the effect that destroys it: StrictMode replays effects, and a memoised manager
  // would stay destroyed after the replay's cleanup, leaving Ctrl+Z with nothing to undo.
  const undoRef = useRef<Y.UndoManager | null>(null);
  useEffect(() => {
    const undo = new Y.UndoManager(getProfile(doc), { trackedOrigins: new Set([PROFILE_ORIGIN]), captureTimeout: 600 });
    undoRef.current = undo;
    return () => {
      undo.destroy();
      if (undoRef.current === undo) undoRef.current = null;
    };
  }, [doc]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      undoRef.current?.undo();
    } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
      event.preventDefault();
      undoRef.current?.redo();
    }
  }

  const bind = (field: ProfileField) => ({
    value: profile[field],
    readOnly,
    maxLength: MAX_FIELD_LENGTH,
    onKeyDown,
    onChange: (e: { target: { value: string } }) => setProfileField(doc, field, e.target.value),
  });

  const created = profile.createdAt ? new Date(profile.createdAt) : null;

  return (
    <header className="profile">
      <Popover.Root>
        <Popover.Trigger asChild disabled={readOnly}>
          <button type="button" className="profile__avatar" aria-label={t('profile.avatar')}>
            <span aria-hidden>{profile.avatar || '🙂'}</span>
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content className="popover avatar-picker" sideOffset={6} aria-label={t('profile.avatar')}>
            {AVATARS.map((emoji) => (
              <Popover.Close asChild key={emoji}>
                <button
                  type="button"
                  className="avatar-picker__choice"
                  aria-pressed={profile.avatar === emoji}
                  onClick={() => setProfileField(doc, 'avatar', emoji)}
                >
                  {emoji}
                </button>
              </Popover.Close>
            ))}
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      <div className="profile__fields">
        <label className="visually-hidden" htmlFor={`${baseId}-name`}>
          {t('profile.name')}
        </label>
        <input
          id={`${baseId}-name`}
          className="profile__name"
          data-testid="profile-name"
          placeholder={t('profile.namePlaceholder')}
          {...bind('name')}
        />
        <div className="profile__details">
          {DETAIL_FIELDS.map(({ field, label }) => (
            <label key={field} className="profile__detail">
              <span className="profile__detail-label">{t(label)}</span>
              <input className="profile__detail-input" placeholder={readOnly ? '' : fieldGuidance(t, template, field)} data-field={field} {...bind(field)} />
            </label>
          ))}
        </div>
        {created && !Number.isNaN(created.getTime()) ? (
          <p className="profile__created">
            {t('profile.created', { date: created.toLocaleDateString(locale, { dateStyle: 'medium' }) })}
          </p>
        ) : null}
      </div>
    </header>
  );
}
