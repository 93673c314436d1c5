import { CircleCheck, KeyRound, PenLine, TriangleAlert, Undo2 } from 'lucide-react';
import { useState } from 'react';
import type * as Y from 'yjs';
import { SIDES } from '../../../../shared/persona/schema.ts';
import type { SectionSignoff, SideSignoff } from '../../../../shared/persona/signoff.ts';
import type { SectionKey, Side } from '../../../../shared/persona/types.ts';
import { signOff, withdraw } from './useSignoff.ts';
import { formatRelative } from '../../i18n/format.ts';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { useLocale, useT } from '../../i18n/index.ts';
import { useNow } from '../../i18n/useNow.ts';
import type { Participant } from '../../session/user.ts';
import { SIDE_ICONS } from '../../ui/SideBadge.tsx';
import { AskSignoffButton } from '../inbox/AskSignoffButton.tsx';

const KEY_ICONS = { current: CircleCheck, stale: TriangleAlert, missing: KeyRound } as const;

export function sideName(t: Translate, side: Side): string {
  return t(side === 'marketing' ? 'side.marketing' : 'side.sales');
}

const otherSide = (side: Side): Side => (side === 'marketing' ? 'sales' : 'marketing');

export interface SignoffKeysProps {
  doc: Y.Doc;
  section: SectionKey;
  signoff: SectionSignoff;
  participant: Participant;
  /** Viewers see the keys but cannot turn them. */
  readOnly: boolean;
  /** Nothing written yet (guidance only): there is nothing to sign off (issue 13). */
  notStarted?: boolean;
}

/**
 * The two keys of a section: one per side, each saying in words whether that side signed the section
 * as it is now. The participant can turn their own side's key only.
 */
export function SignoffKeys({ doc, section, signoff, participant, readOnly, notStarted = false }: SignoffKeysProps) {
  const t = useT();
  const [announcement, setAnnouncement] = useState('');
  const own = signoff[participant.side];
  const ownSide = sideName(t, participant.side);
  const sectionLabel = t(`section.${section}`);

  function turnKey() {
    if (own.state === 'current') {
      withdraw(doc, section, participant.side);
      setAnnouncement(t('signoff.done.withdrawn', { side: ownSide, section: sectionLabel }));
    } else {
      signOff(doc, section, { by: participant.name, side: participant.side });
      setAnnouncement(t('signoff.done.signed', { side: ownSide, section: sectionLabel }));
    }
  }

  return (
    <div className="signoff" role="group" aria-label={t('signoff.group', { section: sectionLabel })} data-testid="signoff-keys">
      <ul className="signoff__keys">
        {SIDES.map((side) => (
          <SignoffKey key={side} side={side} signoff={signoff[side]} />
        ))}
      </ul>
      {readOnly ? null : participant.sideless ? (
        <p className="signoff__sideless" data-testid="signoff-sideless">
          {t('signoff.sideless')}
        </p>
      ) : (
        <button
          type="button"
          className={`button button--small signoff__action signoff__action--${own.state}`}
          data-signoff-action={own.state === 'current' ? 'withdraw' : 'sign'}
          title={
            notStarted && own.state !== 'current'
              ? t('guidance.notStarted.hint')
              : own.state === 'current'
                ? t('signoff.withdraw.hint')
                : t('signoff.sign.hint', { side: ownSide })
          }
          // A withdrawal stays possible; a new sign-off of guidance alone does not.
          disabled={notStarted && own.state !== 'current'}
          onClick={turnKey}
        >
          {own.state === 'current' ? <Undo2 aria-hidden size={14} /> : <PenLine aria-hidden size={14} />}
          {own.state === 'current'
            ? t('signoff.withdraw')
            : own.state === 'stale' || (own.state === 'missing' && own.signAgain)
              ? t('signoff.signAgain')
              : t('signoff.sign', { side: ownSide })}
        </button>
      )}
      {readOnly || participant.sideless || signoff[otherSide(participant.side)].state === 'current' ? null : (
        <AskSignoffButton section={section} side={otherSide(participant.side)} />
      )}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </div>
  );
}

/** The hover texts of a key; a target's keys say "this target" instead of "this section". */
export interface SignoffKeyTitles {
  current: MessageKey;
  stale: MessageKey;
  missing: MessageKey;
}

const SECTION_TITLES: SignoffKeyTitles = { current: 'signoff.title.current', stale: 'signoff.title.stale', missing: 'signoff.title.missing' };

/** One side's key: its state with an icon and in words; who signed and when on hover and for screen readers. */
export function SignoffKey({ side, signoff, titles = SECTION_TITLES }: { side: Side; signoff: SideSignoff; titles?: SignoffKeyTitles }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow();
  const name = sideName(t, side);
  const Icon = KEY_ICONS[signoff.state];
  const SideIcon = SIDE_ICONS[side];
  let text: string;
  let title: string;
  let when = '';
  if (signoff.state === 'missing') {
    text = t(signoff.signAgain ? 'signoff.key.signAgain' : 'signoff.key.missing', { side: name });
    title = t(signoff.signAgain ? 'signoff.title.signAgain' : titles.missing, { side: name });
  } else {
    when = formatRelative(signoff.at, locale, now);
    const date = new Date(signoff.at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
    text = t(signoff.state === 'current' ? 'signoff.key.current' : 'signoff.key.stale', { side: name, name: signoff.by });
    title = t(signoff.state === 'current' ? titles.current : titles.stale, { side: name, name: signoff.by, when, date });
  }
  return (
    <li className={`signoff-key signoff-key--${signoff.state} signoff-key--${side}`} data-signoff-side={side}
      data-state={signoff.state}
      data-sign-again={signoff.state === 'missing' && signoff.signAgain ? 'true' : undefined}
      title={title}
    >
      <Icon aria-hidden size={14} className="signoff-key__icon" />
      <SideIcon aria-hidden size={12} className="signoff-key__side" />
      <span className="signoff-key__text">{text}</span>
      {signoff.state === 'missing' ? null : (
        <time className="visually-hidden" dateTime={signoff.at}>
          {`, ${t('signoff.key.when', { when })}`}
        </time>
      )}
    </li>
  );
}
