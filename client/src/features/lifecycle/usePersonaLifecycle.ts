import { useState } from 'react';
import type { PersonaStatusResponse } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import { describeError } from '../../api/describeError.ts';
import type { LifecycleAction } from '../../api/http.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useT } from '../../i18n/index.ts';

/**
 * Whether the open persona is archived, and its template: asked again each time the server says
 * it changed (`changes`, from the room's closes) and after this browser's own archive or unarchive.
 */
export function usePersonaStatus(personaId: string, changes: number): { status: PersonaStatusResponse | undefined; refresh: () => void } {
  const api = useApi();
  const fetched = useFetch(`persona-status:${personaId}:${changes}`, (signal) => api.getPersonaStatus(personaId, signal));
  return { status: fetched.data, refresh: fetched.retry };
}

/** Runs one lifecycle action at a time; its failure in words, for the person to read. */
export function useLifecycleAction() {
  const api = useApi();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(personaId: string, action: LifecycleAction): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await api.changeLifecycle(personaId, action);
      return true;
    } catch (cause) {
      setError(t('lifecycle.failed', { reason: describeError(t, cause) }));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { run, busy, error };
}
