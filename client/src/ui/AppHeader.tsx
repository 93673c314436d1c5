import { BookOpen, Check, Languages, LogOut, PenLine, Presentation, ShieldCheck, UsersRound, UserRound, Webhook } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import type { Locale } from '../i18n/index.ts';
import { LOCALES, useT } from '../i18n/index.ts';
import { roleAllows } from '../../../shared/protocol.ts';
import { signOut } from '../session/access.ts';
import { useSession, useSessionStore } from '../session/context.tsx';
import { TeamBadge } from './TeamBadge.tsx';
import { InboxBell } from '../features/inbox/InboxBell.tsx';
import '../features/inbox/inbox.css';

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

/** Where to go: the persona list (editors), the library (everyone), Members (admins); the current one is marked. */
function AppNav() {
  const t = useT();
  const role = useSession((s) => s.role);
  if (role === null) return null;
  return (
    <nav className="app-nav" aria-label={t('library.nav.label')}>
      {roleAllows(role, 'editor') ? (
        <NavLink to="/" end className="app-nav__link" title={t('library.nav.personas')}>
          <UsersRound aria-hidden size={16} />
          <span>{t('library.nav.personas')}</span>
        </NavLink>
      ) : null}
      <NavLink to="/library" className="app-nav__link" title={t('library.nav.library')}>
        <BookOpen aria-hidden size={16} />
        <span>{t('library.nav.library')}</span>
      </NavLink>
      {roleAllows(role, 'editor') ? (
        <NavLink to="/report" className="app-nav__link" title={t('report.nav')} data-testid="nav-report">
          <Presentation aria-hidden size={16} />
          <span>{t('report.nav')}</span>
        </NavLink>
      ) : null}
      {role === 'admin' ? (
        <NavLink to="/members" className="app-nav__link" title={t('members.nav')} data-testid="nav-members">
          <ShieldCheck aria-hidden size={16} />
          <span>{t('members.nav')}</span>
        </NavLink>
      ) : null}
      {role === 'admin' ? (
        <NavLink to="/webhooks" className="app-nav__link" title={t('webhooks.nav')} data-testid="nav-webhooks">
          <Webhook aria-hidden size={16} />
          <span>{t('webhooks.nav')}</span>
        </NavLink>
      ) : null}
    </nav>
  );
}

/**
 * Who this browser is (the member's name and team, or the operator's stated name and side) and a
 * way out: sign out forgets a link here, or ends the identity provider's session on the server.
 */
function AccountMenu({ onEditParticipant }: { onEditParticipant?: (() => void) | undefined }) {
  const t = useT();
  const store = useSessionStore();
  const identity = useSession((s) => s.identity);
  const me = useSession((s) => s.me);
  if (!me) return null;
  const name = identity?.name ?? t('account.operator');
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="button button--ghost button--small account" aria-label={t('account.menu', { name })} data-testid="account">
        <UserRound aria-hidden size={16} />
        <span className="app-header__participant" data-testid="account-name">
          {name}
        </span>
        {identity ? <TeamBadge team={identity.side} compact /> : null}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
          <DropdownMenu.Label className="menu__label">
            {me.member ? t('account.as', { name, role: t(`role.${me.role}`) }) : t('account.asOperator', { role: t(`role.${me.role}`) })}
          </DropdownMenu.Label>
          {onEditParticipant && !me.member ? (
            <DropdownMenu.Item className="menu__item" onSelect={onEditParticipant}>
              <PenLine aria-hidden size={14} /> {t('header.editParticipant')}
            </DropdownMenu.Item>
          ) : null}
          <DropdownMenu.Item className="menu__item" onSelect={() => void signOut(store)} data-testid="sign-out">
            <LogOut aria-hidden size={14} /> {t('account.signOut')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** The bar on every screen: the product, where you are, the language, and who you are here. */
export function AppHeader({ children, onEditParticipant }: { children?: ReactNode; onEditParticipant?: () => void }) {
  const t = useT();
  const role = useSession((s) => s.role);
  // The Operator has no inbox (the API answers 403), nor do viewers.
  const hasInbox = useSession((s) => Boolean(s.me?.member)) && role !== null && roleAllows(role, 'editor');
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
        {hasInbox ? <InboxBell /> : null}
        <LanguageSwitch />
        <AccountMenu onEditParticipant={onEditParticipant} />
      </div>
    </header>
  );
}
