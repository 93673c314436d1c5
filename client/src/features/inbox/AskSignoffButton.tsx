import { Send } from 'lucide-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { SectionKey, Side } from '../../../../shared/persona/types.ts';
import { useOptionalApi } from '../../api/context.tsx';
import { useT } from '../../i18n/index.ts';

/**
 * "Ask the other team to sign this off": a request in the inbox of each of that team's editors
 * (issue 17). Shown in the workshop only, where there is a persona and the API.
 */
export function AskSignoffButton({ section, side }: { section: SectionKey; side: Side }) {
  const t = useT();
  const api = useOptionalApi();
  const { id } = useParams();
  const [state, setState] = useState<'idle' | 'asking' | 'asked' | 'failed'>('idle');
  if (!api || !id) return null;
  const sideLabel = t(`side.${side}`);

  async function ask() {
    if (!api || !id) return;
    setState('asking');
    try {
      await api.requestSignoff(id, { section, team: side });
      setState('asked');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--ghost button--small signoff__ask"
        title={t('signoff.ask.hint', { side: sideLabel })}
        disabled={state === 'asking' || state === 'asked'}
        onClick={() => void ask()}
        data-testid="signoff-ask"
      >
        <Send aria-hidden size={14} /> {t('signoff.ask', { side: sideLabel })}
      </button>
      <span className={state === 'failed' ? 'form-error' : 'visually-hidden'} role="status">
        {state === 'asked' ? t('signoff.ask.done', { side: sideLabel, section: t(`section.${section}`) }) : state === 'failed' ? t('signoff.ask.failed', { side: sideLabel }) : ''}
      </span>
    </>
  );
}
