// Which column holds each field of a deal: HubSpot's and Salesforce's own labels, or the user's mapping.
import type { ColumnMapping, CrmField, CrmSource } from '../../shared/api.ts';

/** Column labels as each CRM writes them in English (SPEC §8), compared without case or surrounding spaces. */
const LABELS: Record<Exclude<CrmSource, 'mapped'>, Record<CrmField, readonly string[]>> = {
  hubspot: {
    id: ['Record ID', 'Deal ID'],
    name: ['Deal Name'],
    stage: ['Deal Stage'],
    amount: ['Amount', 'Amount in company currency'],
    createdAt: ['Create Date', 'Created Date'],
    closedAt: ['Close Date'],
    lossReason: ['Closed Lost Reason'],
    persona: ['Persona', 'Buyer Persona'],
  },
  salesforce: {
    id: ['Opportunity ID', 'Opportunity Id'],
    name: ['Opportunity Name'],
    stage: ['Stage'],
    amount: ['Amount', 'Amount (converted)'],
    createdAt: ['Created Date'],
    closedAt: ['Close Date'],
    lossReason: ['Loss Reason', 'Closed Lost Reason'],
    persona: ['Persona', 'Buyer Persona'],
  },
};

/** The fields a row cannot do without; a close date is needed for won and lost deals only. */
export const REQUIRED_FIELDS: readonly CrmField[] = ['stage', 'createdAt', 'persona'];

/** Column index of each field found; absent fields are missing. */
export type ColumnIndex = Partial<Record<CrmField, number>>;

export interface ResolvedColumns {
  detected: CrmSource | null;
  columns: ColumnIndex;
  /** Required fields with no column. */
  missing: CrmField[];
  /** Mapped headers that the file does not have. */
  unknownHeaders: string[];
}

const key = (label: string) => label.trim().toLowerCase();

/** Detects the CRM from the headers, then lays the user's mapping (if any) over what it found. */
export function resolveColumns(headers: readonly string[], mapping: ColumnMapping | undefined): ResolvedColumns {
  const positions = new Map<string, number>();
  headers.forEach((header, i) => {
    if (!positions.has(key(header))) positions.set(key(header), i);
  });
  const has = (label: string) => positions.has(key(label));
  const source: Exclude<CrmSource, 'mapped'> | null = has('Opportunity Name') || has('Opportunity ID')
    ? 'salesforce'
    : has('Deal Stage') || (has('Record ID') && has('Deal Name'))
      ? 'hubspot'
      : null;
  const columns: ColumnIndex = {};
  if (source !== null) {
    for (const [field, labels] of Object.entries(LABELS[source]) as [CrmField, readonly string[]][]) {
      const found = labels.map((label) => positions.get(key(label))).find((i) => i !== undefined);
      if (found !== undefined) columns[field] = found;
    }
  }
  const unknownHeaders: string[] = [];
  for (const [field, header] of Object.entries(mapping ?? {}) as [CrmField, string | undefined][]) {
    if (header === undefined) continue;
    const i = positions.get(key(header));
    if (i === undefined) unknownHeaders.push(header);
    else columns[field] = i;
  }
  const mapped = mapping !== undefined && Object.values(mapping).some((header) => header !== undefined);
  return {
    detected: mapped ? 'mapped' : source,
    columns,
    missing: REQUIRED_FIELDS.filter((field) => columns[field] === undefined),
    unknownHeaders,
  };
}
