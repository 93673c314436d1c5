// Small pieces the library's pages share: dates, avatars, evidence references, states.
import { LoaderCircle } from 'lucide-react';
import { LOCALE_TAGS } from '../../../../shared/locale.ts';
import type { EvidenceNumber } from '../../../../shared/persona/references.ts';
import type { Locale, Translate } from '../../i18n/index.ts';

/** "24 Nov 2026" / "24 nov 2026": a publication date, short and unambiguous. */
export function formatDay(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** "24 Nov 2026, 14:05": for a title, where there is room for the time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** An evidence item's reference: M1, S2 in English; M1, V2 in Spanish. */
export function evidenceLabel(t: Translate, number: EvidenceNumber): string {
  return t(`library.ref.${number.side}`, { n: number.n });
}

/** A name as the server vouches for it; one only stated by a browser before members is marked "(unverified)". */
export function authorName(t: Translate, author: { name: string; verified: boolean }): string {
  return author.verified ? author.name : t('library.unverified', { name: author.name });
}

/** The first line of a note, shortened to fit a card or an option. */
export function noteLine(note: string, max = 80): string {
  const first = note.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}

/** The persona's emoji in a soft tile; a neutral one when it has none. */
export function LibraryAvatar({ avatar, size = 'md' }: { avatar: string; size?: 'md' | 'lg' }) {
  return (
    <span className={`library-avatar library-avatar--${size}`} aria-hidden>
      {avatar || '👤'}
    </span>
  );
}

/** A polite spinner with words, for a region that is loading. */
export function LibraryLoading({ label }: { label: string }) {
  return (
    <p className="library-loading" role="status">
      <LoaderCircle aria-hidden size={18} className="spin" /> {label}
    </p>
  );
}
