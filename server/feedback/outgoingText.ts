/**
 * What mail and Slack/Teams webhooks say about an inbox item or an event, in the company's language
 * (MAIL_LOCALE): one sentence, plain text. HTML is made from it by escaping (mail.ts).
 */
import type { InboxItem, InboxKind } from '../../shared/feedback/api.ts';
import { splitMentions } from '../../shared/feedback/mentions.ts';
import type { Locale } from '../../shared/locale.ts';
import { SECTION_LABELS, SIDE_LABELS } from '../../shared/persona/labels.ts';
import { isSectionKey } from '../../shared/persona/schema.ts';

const STRINGS = {
  en: {
    someone: 'Tandem',
    former: 'former member',
    unnamed: 'a persona',
    'item.mention': '{actor} mentioned you on {persona}{where}',
    'item.reply': '{actor} replied in a thread on {persona}{where}',
    'item.signoff-requested': '{actor} asks your team to sign off {section} of {persona}',
    'item.evidence-added': '{actor} added {count} evidence items to {persona}{where}',
    'item.evidence-added.one': '{actor} added evidence to {persona}{where}',
    'item.signoff-stale': '{section} of {persona} changed after your sign-off',
    'item.published': '{actor} published version {version} of {persona}',
    'item.target-met': 'A target of {persona} was met: {metric} {actual} (target {value}, {period})',
    'event.signed-off': '{actor} signed {section} of {persona} off for {side}',
    'event.mention.member': '{actor} mentioned {target} on {persona}{where}',
    'event.mention.team': '{actor} mentioned the {target} team on {persona}{where}',
    'event.test': 'A test from Tandem: this webhook works.',
    'mail.subject.many': '{count} updates in Tandem',
    'mail.subject.digest': 'Your Tandem digest: {count} updates',
    'mail.subject.digest.one': 'Your Tandem digest: 1 update',
    'mail.hello': 'Hello {name},',
    'mail.lead.digest': 'Here is what happened in Tandem since yesterday’s digest:',
    'mail.lead': 'Here is what concerns you in Tandem:',
    open: 'Open',
    'mail.footer': 'You receive this because of your notification settings in Tandem; change them there at any time.',
  },
  es: {
    someone: 'Tandem',
    former: 'antiguo miembro',
    unnamed: 'una persona',
    'item.mention': '{actor} te mencionó en {persona}{where}',
    'item.reply': '{actor} respondió en un hilo de {persona}{where}',
    'item.signoff-requested': '{actor} pide a tu equipo que apruebe {section} de {persona}',
    'item.evidence-added': '{actor} añadió {count} evidencias a {persona}{where}',
    'item.evidence-added.one': '{actor} añadió una evidencia a {persona}{where}',
    'item.signoff-stale': '{section} de {persona} cambió después de tu aprobación',
    'item.published': '{actor} publicó la versión {version} de {persona}',
    'item.target-met': 'Se cumplió un objetivo de {persona}: {metric} {actual} (objetivo {value}, {period})',
    'event.signed-off': '{actor} aprobó {section} de {persona} por {side}',
    'event.mention.member': '{actor} mencionó a {target} en {persona}{where}',
    'event.mention.team': '{actor} mencionó al equipo {target} en {persona}{where}',
    'event.test': 'Una prueba de Tandem: este webhook funciona.',
    'mail.subject.many': '{count} novedades en Tandem',
    'mail.subject.digest': 'Tu resumen de Tandem: {count} novedades',
    'mail.subject.digest.one': 'Tu resumen de Tandem: 1 novedad',
    'mail.hello': 'Hola, {name}:',
    'mail.lead.digest': 'Esto es lo que pasó en Tandem desde el resumen de ayer:',
    'mail.lead': 'Esto es lo que te concierne en Tandem:',
    open: 'Abrir',
    'mail.footer': 'Recibes esto por tus ajustes de notificaciones en Tandem; cámbialos allí cuando quieras.',
  },
} as const satisfies Record<Locale, Record<string, string>>;

export type OutgoingKey = keyof (typeof STRINGS)['en'];

export function say(locale: Locale, key: OutgoingKey, values: Record<string, string | number> = {}): string {
  return STRINGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A member's current name by id; null for one the server does not know. */
export type NameOf = (memberId: string) => string | null;

/** A text with its mention tokens read as names (`@Ana`, `@marketing`, `@former member`). */
export function readable(text: string, nameOf: NameOf, locale: Locale): string {
  return splitMentions(text)
    .map((part) => {
      if (part.kind === 'text') return part.text;
      if (part.target.kind === 'team') return `@${SIDE_LABELS[locale][part.target.team]}`;
      return `@${nameOf(part.target.id) ?? say(locale, 'former')}`;
    })
    .join('');
}

export function sectionLabel(locale: Locale, section: unknown): string {
  return isSectionKey(section) ? SECTION_LABELS[locale][section] : '';
}

/** ` (Pains & challenges)` when there is a section, else nothing. */
function where(locale: Locale, section: unknown): string {
  const label = sectionLabel(locale, section);
  return label ? ` (${label})` : '';
}

/** One inbox item as one sentence. */
export function itemSentence(item: InboxItem, locale: Locale): string {
  const detail = item.detail;
  const values = {
    actor: item.actor?.name ?? say(locale, 'someone'),
    persona: item.personaName.trim() || say(locale, 'unnamed'),
    where: where(locale, item.place.section),
    section: sectionLabel(locale, item.place.section),
    version: item.place.version ?? String(detail['version'] ?? ''),
    count: typeof detail['count'] === 'number' ? detail['count'] : 1,
    metric: String(detail['metric'] ?? ''),
    actual: String(detail['actual'] ?? ''),
    value: String(detail['value'] ?? ''),
    period: String(detail['period'] ?? ''),
  };
  const kind: InboxKind = item.kind;
  if (kind === 'evidence-added' && values.count === 1) return say(locale, 'item.evidence-added.one', values);
  return say(locale, `item.${kind}`, values);
}
