// The column-mapping step of a CRM import: which header of a file holds each field.
import type { ColumnMapping, CrmField } from '../../../../shared/api.ts';
import { CRM_FIELDS } from '../../../../shared/api.ts';
import { searchable } from '../../i18n/format.ts';

/** Words a header holding each field usually contains, in English and Spanish. */
const HINTS: Readonly<Record<CrmField, readonly string[]>> = {
  id: ['id', 'record', 'number', 'numero', 'ref'],
  name: ['name', 'nombre', 'title', 'titulo', 'deal', 'opportunity'],
  stage: ['stage', 'status', 'etapa', 'estado', 'fase'],
  amount: ['amount', 'value', 'importe', 'valor', 'revenue'],
  createdAt: ['created', 'create', 'open', 'creacion', 'alta'],
  closedAt: ['close', 'closed', 'cierre', 'won'],
  lossReason: ['reason', 'loss', 'lost', 'motivo', 'perdida'],
  persona: ['persona', 'segment', 'buyer'],
};

/** A first guess at each field's column; each header is used once, the most specific field first. */
export function guessColumns(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const order: readonly CrmField[] = ['persona', 'lossReason', 'createdAt', 'closedAt', 'amount', 'stage', 'id', 'name'];
  for (const field of order) {
    const header = headers.find((h) => !used.has(h) && HINTS[field].some((hint) => searchable(h).includes(hint)));
    if (header !== undefined) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

/** Only the fields given a column, in the fixed order. */
export function cleanMapping(mapping: ColumnMapping): ColumnMapping {
  const clean: ColumnMapping = {};
  for (const field of CRM_FIELDS) {
    const header = mapping[field];
    if (header) clean[field] = header;
  }
  return clean;
}
