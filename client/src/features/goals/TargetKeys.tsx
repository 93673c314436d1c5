import { PenLine, Undo2 } from 'lucide-react';
import { useState } from 'react';
import type * as Y from 'yjs';
import { SIDES } from '../../../../shared/persona/schema.ts';
import { signOffTarget, withdrawTargetSignoff } from '../../../../shared/persona/targets.ts';
import { useT } from '../../i18n/index.ts';
import type { Participant } from '../../session/user.ts';
import type { SignoffKeyTitles } from '../signoff/SignoffKeys.tsx';
import { SignoffKey, sideName } from '../signoff/SignoffKeys.tsx';
import { SIGNOFF_ORIGIN } from '../signoff/useSignoff.ts';
import type { TargetState } from './useTargets.ts';

const TARGET_TITLES: SignoffKeyTitles = { current: 'goals.key.title.current', stale: 'goals.key.title.stale', missing: 'goals.key.title.missing' };

/**
 * A target's two keys, exactly as a section's: one per side, the participant turns their own side's
 * only; a member of no team sees why they cannot.
 */
export function TargetKeys({ doc, target, label, participant, readOnly }: { doc: Y.Doc; target: TargetState; label: string; participant: Participant; readOnly: boolean }) {
  const t = useT();
  const [announcement, setAnnouncement] = useState('');
  const own = target.signoff[participant.side];
  const ownSide = sideName(t, participant.side);

  function turnKey() {
    if (own.state === 'current') {
      withdrawTargetSignoff(doc, target.id, participant.side, SIGNOFF_ORIGIN);
      setAnnouncement(t('goals.withdrawn', { side: ownSide, target: label }));
    } else {
      signOffTarget(doc, target.id, { by: participant.name, side: participant.side }, { origin: SIGNOFF_ORIGIN });
      setAnnouncement(t('goals.signed', { side: ownSide, target: label }));
    }
  }

  return (
    <div className="signoff target-keys" role="group" aria-label={t('goals.keys', { target: label })} data-testid="target-keys">
      <ul className="signoff__keys">
        {SIDES.map((side) => (
          <SignoffKey key={side} side={side} signoff={target.signoff[side]} titles={TARGET_TITLES} />
        ))}
      </ul>
      {readOnly ? null : participant.sideless ? (
        <p className="signoff__sideless" data-testid="target-sideless">
          {t('goals.sideless')}
        </p>
      ) : (
        <button
          type="button"
          className={`button button--small signoff__action signoff__action--${own.state}`}
          data-signoff-action={own.state === 'current' ? 'withdraw' : 'sign'}
          title={own.state === 'current' ? t('signoff.withdraw.hint') : t('goals.sign.hint', { side: ownSide })}
          onClick={turnKey}
        >
          {own.state === 'current' ? <Undo2 aria-hidden size={14} /> : <PenLine aria-hidden size={14} />}
          {own.state === 'current' ? t('signoff.withdraw') : own.state === 'stale' ? t('signoff.signAgain') : t('goals.sign', { side: ownSide })}
        </button>
      )}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
    </div>
  );
}
