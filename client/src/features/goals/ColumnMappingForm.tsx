import { useState } from 'react';
import type { ColumnMapping, CrmField } from '../../../../shared/api.ts';
import { CRM_FIELDS } from '../../../../shared/api.ts';
import { useT } from '../../i18n/index.ts';
import { cleanMapping } from './columns.ts';

const FIELD_LABELS = {
  id: 'crm.column.id',
  name: 'crm.column.name',
  stage: 'crm.column.stage',
  amount: 'crm.column.amount',
  createdAt: 'crm.column.createdAt',
  closedAt: 'crm.column.closedAt',
  lossReason: 'crm.column.lossReason',
  persona: 'crm.column.persona',
} as const satisfies Record<CrmField, string>;

/** For a CSV from any CRM: which of its headers holds each field; the dry run runs again with it. */
export function ColumnMappingForm({ headers, initial, onApply }: { headers: readonly string[]; initial: ColumnMapping; onApply: (columns: ColumnMapping) => void }) {
  const t = useT();
  const [mapping, setMapping] = useState<ColumnMapping>(initial);
  return (
    <form
      className="crm-columns"
      aria-label={t('crm.columns')}
      data-testid="crm-columns"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(cleanMapping(mapping));
      }}
    >
      <p className="crm-columns__hint">{t('crm.detected.none')}</p>
      <div className="crm-columns__grid">
        {CRM_FIELDS.map((field) => (
          <label key={field} className="field">
            <span className="field__label">{t(FIELD_LABELS[field])}</span>
            <select
              className="input input--small"
              value={mapping[field] ?? ''}
              data-field={field}
              onChange={(e) => setMapping((current) => ({ ...current, [field]: e.target.value }))}
            >
              <option value="">{t('crm.column.none')}</option>
              {headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button type="submit" className="button button--small" data-testid="crm-columns-apply">
        {t('crm.columns.apply')}
      </button>
    </form>
  );
}
