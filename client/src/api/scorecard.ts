// The §8 endpoints: CRM imports, the persona map, scorecards, the joint report and notices.
import type { z } from 'zod';
import type { ColumnMapping, ImportPreview, CrmImport, Notice, ReportResponse, ScorecardResponse } from '../../../shared/api.ts';
import {
  importPreviewSchema,
  crmImportListResponseSchema,
  crmImportResponseSchema,
  noticeListResponseSchema,
  personaMapResponseSchema,
  reportResponseSchema,
  scorecardResponseSchema,
} from '../../../shared/api.ts';

type Request = <T>(path: string, schema: z.ZodType<T>, init?: RequestInit) => Promise<T>;
type Send = (path: string, init: RequestInit) => Promise<Response>;

export interface ImportOptions {
  /** For a CSV that is neither HubSpot's nor Salesforce's: which header holds each field. */
  columns?: ColumnMapping;
  /** The file's name, kept with the import. */
  filename?: string;
  /** How to read a date like 03/04/2026: month first (US) or day first; the server decides when absent. */
  dates?: 'mdy' | 'dmy';
  signal?: AbortSignal;
}

function importPath(dryRun: boolean, { columns, filename, dates }: ImportOptions): string {
  const params = new URLSearchParams({ kind: 'deals', dryRun: String(dryRun) });
  if (columns && Object.keys(columns).length > 0) params.set('columns', JSON.stringify(columns));
  if (dates) params.set('dates', dates);
  if (filename) params.set('filename', filename.slice(0, 255));
  return `/api/crm/imports?${params.toString()}`;
}

const csvBody = (file: Blob, signal?: AbortSignal): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'text/csv' },
  body: file,
  ...(signal ? { signal } : {}),
});

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

export function scorecardEndpoints(request: Request, send: Send) {
  return {
    /** Reads a deals export and says what an import would do; writes nothing. */
    dryRunImport(file: Blob, options: ImportOptions = {}): Promise<ImportPreview> {
      return request(importPath(true, options), importPreviewSchema, csvBody(file, options.signal));
    },
    /** Imports the ready rows of a deals export. */
    async runImport(file: Blob, options: ImportOptions = {}): Promise<CrmImport> {
      return (await request(importPath(false, options), crmImportResponseSchema, csvBody(file, options.signal))).import;
    },
    async listImports(signal?: AbortSignal): Promise<CrmImport[]> {
      return (await request('/api/crm/imports', crmImportListResponseSchema, withSignal(signal))).imports;
    },
    async getPersonaMap(signal?: AbortSignal): Promise<Record<string, string>> {
      return (await request('/api/crm/persona-map', personaMapResponseSchema, withSignal(signal))).map;
    },
    /** Remembers CRM persona values → persona ids (merged into what is kept; null forgets one). */
    async savePersonaMap(map: Record<string, string | null>): Promise<void> {
      await send('/api/crm/persona-map', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(map) });
    },
    getScorecard(personaId: string, period: string, signal?: AbortSignal): Promise<ScorecardResponse> {
      const query = new URLSearchParams({ period });
      return request(`/api/personas/${encodeURIComponent(personaId)}/scorecard?${query.toString()}`, scorecardResponseSchema, withSignal(signal));
    },
    getReport(period: string, signal?: AbortSignal): Promise<ReportResponse> {
      return request(`/api/report?${new URLSearchParams({ period }).toString()}`, reportResponseSchema, withSignal(signal));
    },
    async listNotices(signal?: AbortSignal): Promise<Notice[]> {
      return (await request('/api/me/notices', noticeListResponseSchema, withSignal(signal))).notices;
    },
    async markNoticeRead(noticeId: string): Promise<void> {
      await send(`/api/me/notices/${encodeURIComponent(noticeId)}/read`, { method: 'POST' });
    },
  };
}
