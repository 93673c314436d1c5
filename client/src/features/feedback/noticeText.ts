import { EVIDENCE_KINDS, isSectionKey } from '../../../../shared/persona/schema.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import type { NoticeGroup } from './liveNotices.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** One line for a group of notices, in the reader's language: "Ana published v2", "3 sales anecdotes added to Pains". */
export function noticeText(t: Translate, group: NoticeGroup): string {
  const { kind, count, detail, actors } = group;
  const latest = actors.at(-1);
  const actor = actors.length > 1 ? t('live.people', { count: actors.length }) : (latest?.name ?? t('live.someone'));
  const several = actors.length > 1 || actors.length === 0;
  const sectionKey = text(detail['section']);
  const section = isSectionKey(sectionKey) ? t(`section.${sectionKey}`) : null;
  const on = section ? t('live.on.section', { section }) : t('live.on.persona');
  const side = text(detail['side']);
  const sideWord = side === 'marketing' || side === 'sales' ? t(`live.side.${side}`) : '';
  switch (kind) {
    case 'published': {
      const version = detail['version'];
      return typeof version === 'number' ? t('live.published', { actor, version }) : t('live.published.noVersion', { actor });
    }
    case 'signed-off':
      return section ? t('live.signedOff', { actor, section }) : t('live.signedOff.other', { actor });
    case 'evidence-added': {
      const evidenceKind = text(detail['evidenceKind']);
      const plural = count === 1 ? 'one' : 'other';
      const kinds = t(((EVIDENCE_KINDS as readonly string[]).includes(evidenceKind) ? `live.kind.${evidenceKind}.${plural}` : `live.kind.evidence.${plural}`) as MessageKey);
      const to = section ? t('live.to.section', { section }) : t('live.to.board');
      return tidy(t(several ? 'live.evidence.many' : 'live.evidence.one', { actor, count, side: sideWord, kinds, to }));
    }
    case 'thread-started':
      return t(several ? 'live.thread.many' : count === 1 ? 'live.thread.one' : 'live.thread.some', { actor, count, on });
    case 'replied':
      return t(several ? 'live.reply.many' : count === 1 ? 'live.reply.one' : 'live.reply.some', { actor, count, on });
    case 'restored':
      return t('live.restored', { actor });
    case 'target-met':
      return t(count === 1 ? 'live.targetMet.one' : 'live.targetMet.many', { count });
  }
}

/** A missing word (no side) leaves no double space. */
const tidy = (line: string): string => line.replace(/\s{2,}/g, ' ').trim();
