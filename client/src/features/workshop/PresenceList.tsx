import type { SectionKey } from '../../../../shared/persona/schema.ts';
import type { PresentParticipant } from '../../collab/hooks.ts';
import { useT } from '../../i18n/index.ts';
import { TeamBadge } from '../../ui/TeamBadge.tsx';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

/** Who is in the workshop right now: name, side and caret colour (SPEC §4 `data-testid="presence"`). */
export function PresenceList({
  people,
  onGoToSection,
}: {
  people: readonly PresentParticipant[];
  /** Jumps to the section a person is typing in. */
  onGoToSection?: (section: SectionKey) => void;
}) {
  const t = useT();
  const alone = people.every((person) => person.isSelf);
  return (
    <section className="presence" data-testid="presence" aria-label={t('presence.title')}>
      <h2 className="presence__title">
        {t('presence.title')} <span className="presence__count">{people.length}</span>
      </h2>
      {people.length === 0 ? null : (
        <ul className="presence__list">
          {people.map((person) => (
            <li key={person.clientId} className="presence__person" data-side={person.side}>
              <span className="avatar" style={{ backgroundColor: person.color }} aria-hidden>
                {initials(person.name)}
              </span>
              <span className="presence__name">
                {person.name}
                {person.isSelf ? <span className="presence__you"> {t('presence.you')}</span> : null}
              </span>
              <TeamBadge team={person.side} compact />
              {person.section && !person.isSelf ? (
                <button
                  type="button"
                  className="presence__where"
                  onClick={() => person.section && onGoToSection?.(person.section)}
                  title={t('presence.goTo', { name: person.name, section: t(`section.${person.section}`) })}
                >
                  {t(`section.${person.section}`)}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {alone ? <p className="presence__empty">{t('presence.empty')}</p> : null}
    </section>
  );
}
