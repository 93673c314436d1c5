import { Check } from 'lucide-react';
import { Link } from 'react-router';
import type { InboxItem } from '../../../../shared/feedback/api.ts';
import { splitMentions } from '../../../../shared/feedback/mentions.ts';
import { isSectionKey } from '../../../../shared/persona/schema.ts';
import { isMetric } from '../../../../shared/scorecard/metrics.ts';
import { formatFigure, metricLabel, periodLabel } from '../goals/format.ts';
import { formatRelative } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import { placeHref } from './place.ts';

/** Names of members by id, to show mentions with the current name. */
export type Names = ReadonlyMap<string, string>;

/** What happened, in a sentence. */
export function itemText(t: Translate, locale: string, item: InboxItem): string {
  const actor = item.actor?.name ?? t('inbox.someone');
  const persona = item.personaName || t('inbox.untitled');
  const section = item.place.section && isSectionKey(item.place.section) ? t(`section.${item.place.section}`) : '';
  const { detail } = item;
  const count = typeof detail.count === 'number' ? detail.count : 1;
  switch (item.kind) {
    case 'mention':
    case 'reply':
    case 'signoff-stale':
      return t(`inbox.item.${item.kind}`, { actor, persona, section });
    case 'target-met': {
      const { metric, period, value, actual } = detail;
      // As the notices of issue 16 said it, when the detail is whole.
      if (!isMetric(metric) || typeof period !== 'string' || typeof value !== 'number' || typeof actual !== 'number') return t('inbox.item.target-met', { persona });
      return t('notices.met', {
        persona,
        metric: metricLabel(t, metric),
        period: periodLabel(t, locale, period),
        actual: formatFigure(t, locale, metric, actual),
        value: formatFigure(t, locale, metric, value),
      });
    }
    case 'signoff-requested': {
      const team = detail.team === 'marketing' || detail.team === 'sales' ? t(`side.${detail.team}`) : '';
      const text = t('inbox.item.signoff-requested', { actor, persona, section, team });
      return count > 1 ? `${text} ${t('inbox.item.repeat', { count })}` : text;
    }
    case 'evidence-added':
      if (!section) return t('inbox.item.evidence-added.noSection', { actor, persona });
      return t(count > 1 ? 'inbox.item.evidence-added.other' : 'inbox.item.evidence-added.one', { actor, persona, section, count });
    case 'published':
      return t('inbox.item.published', { actor, persona, version: typeof detail.version === 'number' ? detail.version : '' });
  }
}

/** An excerpt with its mentions shown by the current name (a former member as such). */
function Excerpt({ text, names }: { text: string; names: Names }) {
  const t = useT();
  return (
    <q className="inbox-item__excerpt">
      {splitMentions(text).map((part, n) =>
        part.kind === 'text' ? (
          <span key={n}>{part.text}</span>
        ) : (
          <strong key={n} className="inbox-item__mention">
            @{part.target.kind === 'team' ? t(`side.${part.target.team}`) : (names.get(part.target.id) ?? t('inbox.former'))}
          </strong>
        ),
      )}
    </q>
  );
}

export function InboxItemView({ item, names, onRead }: { item: InboxItem; names: Names; onRead: () => void }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const read = item.readAt !== null;
  const excerpt = typeof item.detail.excerpt === 'string' && item.detail.excerpt !== '' ? item.detail.excerpt : null;
  return (
    <li className={`inbox-item${read ? '' : ' inbox-item--unread'}`} data-testid="inbox-item" data-kind={item.kind} data-read={read} data-item-id={item.id}>
      <Link to={placeHref(item.kind, item.place)} className="inbox-item__link" onClick={read ? undefined : onRead}>
        {itemText(t, locale, item)}
      </Link>
      {excerpt ? <Excerpt text={excerpt} names={names} /> : null}
      <span className="inbox-item__meta">
        <time dateTime={item.at}>{formatRelative(item.at, locale, now)}</time>
        {read ? (
          <span className="inbox-item__read">
            <Check aria-hidden size={12} /> {t('inbox.read')}
          </span>
        ) : (
          <button type="button" className="button button--ghost button--small" onClick={onRead} data-testid="inbox-mark-read">
            {t('inbox.markRead')}
          </button>
        )}
      </span>
    </li>
  );
}
