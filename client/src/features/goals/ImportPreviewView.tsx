import { CircleAlert, CircleCheck, LoaderCircle } from 'lucide-react';
import { useState } from 'react';
import type { ImportPreview, PersonaSummary } from '../../../../shared/api.ts';
import { useApi } from '../../api/context.tsx';
import type { ApiClient } from '../../api/http.ts';
import { describeError } from '../../api/describeError.ts';
import { useFetch } from '../../api/useFetch.ts';
import { useT } from '../../i18n/index.ts';

const DETECTED = { hubspot: 'crm.detected.hubspot', salesforce: 'crm.detected.salesforce', mapped: 'crm.detected.mapped' } as const;

/** What the dry run found: counts, every bad row by its number, and persona values to map. */
export function ImportPreviewView({ preview, onRemembered }: { preview: ImportPreview; onRemembered: () => void }) {
  const t = useT();
  return (
    <div className="crm-preview" data-testid="crm-preview" data-ready={preview.ready} data-rows={preview.rows}>
      {preview.detected ? <p className="goals__muted">{t(DETECTED[preview.detected])}</p> : null}
      <ul className="crm-preview__counts">
        <li>{t('crm.summary.rows', { count: preview.rows })}</li>
        <li className="crm-preview__ready">
          <CircleCheck aria-hidden size={14} /> {t('crm.summary.ready', { count: preview.ready })}
        </li>
        {preview.errors.length > 0 ? (
          <li className="crm-preview__bad">
            <CircleAlert aria-hidden size={14} /> {t('crm.summary.errors', { count: preview.errors.length })}
          </li>
        ) : null}
        {preview.unmapped.length > 0 ? <li className="crm-preview__bad">{t('crm.summary.unmapped', { count: preview.unmapped.length })}</li> : null}
      </ul>
      {preview.errors.length > 0 ? (
        <details className="crm-preview__errors" open={preview.errors.length <= 20}>
          <summary>{t('crm.errors')}</summary>
          <ol className="crm-preview__error-list" data-testid="crm-errors">
            {preview.errors.map((error) => (
              <li key={`${error.row}:${error.message}`} data-row={error.row}>
                <strong>{t('crm.errors.row', { row: error.row })}</strong> {error.message}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {preview.unmapped.length > 0 ? <UnmappedValues values={preview.unmapped} onRemembered={onRemembered} /> : null}
    </div>
  );
}

/** Every draft persona, page after page (a value may map to any of them, not only the newest hundred). */
async function allDrafts(api: ApiClient, signal: AbortSignal): Promise<PersonaSummary[]> {
  const personas: PersonaSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.listPersonas(signal, 'drafts', cursor);
    personas.push(...page.personas);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return personas;
}

/** Each CRM persona value that matched no persona, with a choice of persona; kept on the server for next time. */
function UnmappedValues({ values, onRemembered }: { values: readonly string[]; onRemembered: () => void }) {
  const t = useT();
  const api = useApi();
  const personas = useFetch('crm-personas', (signal) => allDrafts(api, signal));
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = Object.fromEntries(Object.entries(choices).filter(([, id]) => id !== ''));

  async function remember() {
    setSaving(true);
    setError(null);
    try {
      await api.savePersonaMap(chosen);
      onRemembered();
    } catch (failure) {
      setError(describeError(t, failure));
      setSaving(false);
    }
  }

  return (
    <section className="crm-unmapped" aria-labelledby="crm-unmapped-title" data-testid="crm-unmapped">
      <h3 id="crm-unmapped-title" className="goals__minor">
        {t('crm.unmapped')}
      </h3>
      <p className="goals__muted">{t('crm.unmapped.hint')}</p>
      {personas.status === 'error' && !personas.data ? <p className="form-error">{t('crm.unmapped.personasError')}</p> : null}
      <ul className="crm-unmapped__list">
        {values.map((value) => (
          <li key={value}>
            <label className="field">
              <span className="field__label">{t('crm.unmapped.choose', { value })}</span>
              <select
                className="input input--small"
                value={choices[value] ?? ''}
                disabled={!personas.data}
                data-value={value}
                onChange={(e) => setChoices((current) => ({ ...current, [value]: e.target.value }))}
              >
                <option value="">{t('crm.unmapped.skip')}</option>
                {(personas.data ?? []).map((persona) => (
                  <option key={persona.id} value={persona.id}>
                    {persona.name || t('home.untitled')}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="button button--small" disabled={saving || Object.keys(chosen).length === 0} onClick={() => void remember()} data-testid="crm-remember">
        {saving ? <LoaderCircle aria-hidden size={14} className="spin" /> : null}
        {saving ? t('crm.unmapped.saving') : t('crm.unmapped.save')}
      </button>
    </section>
  );
}
