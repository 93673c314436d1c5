import { BookOpen, Check, Languages, UsersRound, UserRound } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import type { Locale } from '../i18n/index.ts';
import { LOCALES, useT } from '../i18n/index.ts';
import { useSession } from '../session/context.tsx';
import { SideBadge } from './SideBadge.tsx';

const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };

export function LanguageSwitch() {
  const t = useT();
  const locale = useSession((s) => s.locale);
  const setLocale = useSession((s) => s.setLocale);
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="button button--ghost button--small" aria-label={t('header.language')}>
        <Languages aria-hidden size={16} />
        <span>{locale.toUpperCase()}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
          <DropdownMenu.RadioGroup value={locale} onValueChange={(v) => setLocale(v as Locale)}>
            {LOCALES.map((l) => (
              <DropdownMenu.RadioItem key={l} value={l} className="menu__item" lang={l}>
                <DropdownMenu.ItemIndicator className="menu__indicator">
                  <Check aria-hidden size={14} />
                </DropdownMenu.ItemIndicator>
                {LOCALE_NAMES[l]}
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Where to go: the persona list (editors) and the library (everyone); the current one is marked. */
function AppNav() {
  const t = useT();
  const role = useSession((s) => s.role);
  if (role === null) return null;
  return (
    <nav className="app-nav" aria-label={t('library.nav.label')}>
      {role === 'editor' ? (
        <NavLink to="/" end className="app-nav__link" title={t('library.nav.personas')}>
          <UsersRound aria-hidden size={16} />
          <span>{t('library.nav.personas')}</span>
        </NavLink>
      ) : null}
      <NavLink to="/library" className="app-nav__link" title={t('library.nav.library')}>
        <BookOpen aria-hidden size={16} />
        <span>{t('library.nav.library')}</span>
      </NavLink>
    </nav>
  );
}

/** The bar on every screen: the product, where you are, the language, and who you are here. */
export function AppHeader({ children, onEditParticipant }: { children?: ReactNode; onEditParticipant?: () => void }) {
  const t = useT();
  const participant = useSession((s) => s.participant);
  const role = useSession((s) => s.role);
  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label={t('header.home')}>
        <svg aria-hidden width="24" height="24" viewBox="0 0 32 32">
          <circle cx="12" cy="16" r="9" fill="var(--color-marketing)" />
          <circle cx="20" cy="16" r="9" fill="var(--color-sales)" fillOpacity="0.85" />
        </svg>
        <span className="brand__name">Tandem</span>
      </Link>
      <AppNav />
      <div className="app-header__middle">{children}</div>
      <div className="app-header__end">
        {role === 'viewer' ? <span className="pill">{t('header.readOnly')}</span> : null}
        <LanguageSwitch />
        {participant && onEditParticipant ? (
          <button type="button" className="button button--ghost button--small" onClick={onEditParticipant} aria-label={t('header.editParticipant')}>
            <UserRound aria-hidden size={16} />
            <span className="app-header__participant">{participant.name}</span>
            <SideBadge side={participant.side} compact />
          </button>
        ) : null}
      </div>
    </header>
  );
}
