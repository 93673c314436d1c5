/**
 * What a webhook receives (issue 17): the events hooks can choose, derived from feedback events (a
 * `mention` per mentioned member or team), and the body in each format: Tandem's JSON, Slack's
 * incoming webhook `{ text }`, or a Teams MessageCard.
 */
import type { MemberRef } from '../../shared/api.ts';
import type { InboxPlace } from '../../shared/feedback/api.ts';
import { parseMentions, type MentionTarget } from '../../shared/feedback/mentions.ts';
import { placePath } from '../../shared/feedback/placeLink.ts';
import type { Locale } from '../../shared/locale.ts';
import { SIDE_LABELS } from '../../shared/persona/labels.ts';
import { isSectionKey } from '../../shared/persona/schema.ts';
import type { WebhookEventType, WebhookFormat } from '../storage/storage.ts';
import type { FeedbackEvent } from './bus.ts';
import { itemSentence, readable, say, sectionLabel, type NameOf } from './outgoingText.ts';

/** One event as hooks receive it, whatever their format. */
export interface WebhookPayload {
  event: WebhookEventType | 'test';
  at: string;
  persona: { id: string; name: string } | null;
  actor: MemberRef | null;
  /** The exact place in Tandem. */
  link: string;
  /** One sentence saying what happened, in the company's language. */
  text: string;
  detail: Record<string, unknown>;
}

/** What the payloads need to know beyond the event. */
export interface PayloadContext {
  locale: Locale;
  baseUrl: string;
  personaName: string;
  actor: MemberRef | null;
  nameOf: NameOf;
}

const TEXT_EVENTS = new Set(['thread-started', 'replied', 'evidence-added']);

/** The webhook events one feedback event makes: its own when hooks can choose it, and one `mention` per target. */
export function webhookPayloads(event: FeedbackEvent, context: PayloadContext): WebhookPayload[] {
  const payloads: WebhookPayload[] = [];
  const own = ownPayload(event, context);
  if (own) payloads.push(own);
  if (TEXT_EVENTS.has(event.type)) payloads.push(...mentionPayloads(event, context));
  return payloads;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Where a thread or evidence event points, from the server's detail (old and new field names). */
function placeOf(event: FeedbackEvent): InboxPlace {
  const d = event.detail;
  const section = d['section'];
  const threadId = text(d['threadId']) ?? (event.type === 'evidence-added' ? undefined : text(d['thread']));
  const evidenceId = event.type === 'evidence-added' ? (text(d['evidenceId']) ?? text(d['id'])) : undefined;
  const version = typeof d['version'] === 'number' && Number.isInteger(d['version']) && d['version'] > 0 ? d['version'] : undefined;
  return {
    personaId: event.personaId,
    ...(isSectionKey(section) ? { section } : {}),
    ...(threadId !== undefined ? { threadId } : {}),
    ...(evidenceId !== undefined ? { evidenceId } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

function base(event: FeedbackEvent, context: PayloadContext, type: WebhookEventType, place: InboxPlace) {
  return {
    event: type,
    at: event.at,
    persona: { id: event.personaId, name: context.personaName },
    actor: context.actor,
    link: `${context.baseUrl.replace(/\/+$/, '')}${placePath(type === 'published' ? 'published' : 'mention', place)}`,
  };
}

function ownPayload(event: FeedbackEvent, context: PayloadContext): WebhookPayload | null {
  const { locale } = context;
  const d = event.detail;
  const place = placeOf(event);
  const actorName = context.actor?.name ?? say(locale, 'someone');
  const asItem = (kind: 'published' | 'evidence-added' | 'target-met', detail: Record<string, unknown>) =>
    itemSentence({ id: '', kind, at: event.at, actor: context.actor, personaName: context.personaName, place, detail, readAt: null }, locale);
  switch (event.type) {
    case 'published': {
      const detail = { version: place.version ?? null };
      return { ...base(event, context, 'published', place), text: asItem('published', detail), detail };
    }
    case 'signed-off': {
      const side = d['side'] === 'marketing' || d['side'] === 'sales' ? d['side'] : null;
      const detail = { section: place.section ?? null, side };
      const sentence = say(locale, 'event.signed-off', {
        actor: actorName,
        section: sectionLabel(locale, place.section) || String(d['key'] ?? ''),
        persona: context.personaName.trim() || say(locale, 'unnamed'),
        side: side ? SIDE_LABELS[locale][side] : '',
      });
      return { ...base(event, context, 'signed-off', place), text: sentence, detail };
    }
    case 'evidence-added': {
      const excerpt = readable(text(d['excerpt']) ?? text(d['text']) ?? '', context.nameOf, locale);
      const detail = { section: place.section ?? null, evidenceId: place.evidenceId ?? null, side: d['side'] ?? null, kind: d['kind'] ?? null, excerpt };
      return { ...base(event, context, 'evidence-added', place), text: asItem('evidence-added', { count: 1 }), detail };
    }
    case 'target-met': {
      const detail = { targetId: d['targetId'] ?? null, metric: d['metric'] ?? null, period: d['period'] ?? null, value: d['value'] ?? null, actual: d['actual'] ?? null };
      return { ...base(event, context, 'target-met', place), text: asItem('target-met', detail), detail };
    }
    default:
      return null;
  }
}

function mentionPayloads(event: FeedbackEvent, context: PayloadContext): WebhookPayload[] {
  const { locale } = context;
  const mentions = Array.isArray(event.detail['mentions']) ? (event.detail['mentions'] as unknown[]).filter(isMentionTarget) : [];
  // The server parsed them; when a producer sent none, read them from its own excerpt.
  const excerptText = text(event.detail['excerpt']) ?? text(event.detail['text']) ?? '';
  const targets = mentions.length > 0 ? mentions : parseMentions(excerptText);
  const place = placeOf(event);
  const excerpt = readable(excerptText, context.nameOf, locale);
  return targets.map((target) => {
    const mentioned =
      target.kind === 'member' ? { kind: 'member', id: target.id, name: context.nameOf(target.id) } : { kind: 'team', team: target.team };
    const sentence = say(locale, target.kind === 'member' ? 'event.mention.member' : 'event.mention.team', {
      actor: context.actor?.name ?? say(locale, 'someone'),
      target: target.kind === 'member' ? (context.nameOf(target.id) ?? say(locale, 'former')) : SIDE_LABELS[locale][target.team],
      persona: context.personaName.trim() || say(locale, 'unnamed'),
      where: place.section ? ` (${sectionLabel(locale, place.section)})` : '',
    });
    const detail = { mentioned, section: place.section ?? null, threadId: place.threadId ?? null, evidenceId: place.evidenceId ?? null, excerpt };
    return { ...base(event, context, 'mention', place), text: sentence, detail };
  });
}

function isMentionTarget(value: unknown): value is MentionTarget {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v['kind'] === 'member' && typeof v['id'] === 'string') || (v['kind'] === 'team' && (v['team'] === 'marketing' || v['team'] === 'sales'));
}

/** The bytes POSTed to a hook of this format (signed as they are). */
export function formatBody(payload: WebhookPayload, format: WebhookFormat, locale: Locale): string {
  switch (format) {
    case 'json':
      return JSON.stringify(payload);
    case 'slack':
      return JSON.stringify({ text: `${slackEscape(payload.text)} <${payload.link}|${slackEscape(say(locale, 'open'))}>` });
    case 'teams':
      return JSON.stringify({
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: payload.text,
        text: payload.text,
        potentialAction: [{ '@type': 'OpenUri', name: say(locale, 'open'), targets: [{ os: 'default', uri: payload.link }] }],
      });
  }
}

/** Slack reads `<…>` as links and `&` as an entity: escaped, a name cannot forge a link. */
function slackEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
