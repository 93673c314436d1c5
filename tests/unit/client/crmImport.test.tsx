import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { CrmImport, ImportPreview, PersonaSummary } from '../../../shared/api.ts';
import { ApiProvider } from '../../../client/src/api/context.tsx';
import type { ApiClient } from '../../../client/src/api/http.ts';
import { ApiRequestError } from '../../../client/src/api/http.ts';
import { guessColumns } from '../../../client/src/features/goals/columns.ts';
import { CrmImportDialog } from '../../../client/src/features/goals/CrmImportDialog.tsx';
import { ImportPreviewView } from '../../../client/src/features/goals/ImportPreviewView.tsx';
import { SessionProvider } from '../../../client/src/session/context.tsx';
import { fakeApiClient } from './fakeApi.ts';
import { makeSession } from './session.tsx';

function withApi(api: ApiClient) {
  const session = makeSession({ role: 'editor' });
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <SessionProvider store={session}>
        <ApiProvider api={api}>{children}</ApiProvider>
      </SessionProvider>
    );
  };
}

const PERSONAS: PersonaSummary[] = [
  { id: 'cfo', name: 'María, CFO', role: '', segment: '', updatedAt: '2026-11-01T10:00:00.000Z', evidence: { marketing: 0, sales: 0 }, publishedVersion: null, publishedAt: null, archived: false, trashedAt: null, eraseAt: null, lastChangedBy: null },
];
const csv = (text: string, name = 'deals.csv') => new File([text], name, { type: 'text/csv' });
const DONE: CrmImport = { id: 'imp1', at: '2026-12-01T10:00:00.000Z', by: { id: 'm1', name: 'Mara', team: 'marketing' }, rows: 3, sha256: 'a'.repeat(64), filename: 'deals.csv' };

describe('CRM import dialog', () => {
  it('[§8] previews every bad row by number, maps unknown persona values (remembered), and imports only after confirming', async () => {
    const first: ImportPreview = {
      rows: 5,
      ready: 2,
      errors: [
        { row: 3, message: 'Amount is not a number: "lots"' },
        { row: 6, message: 'Close Date cannot be read' },
      ],
      unmapped: ['CFO Mid-market'],
      headers: ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Create Date', 'Close Date', 'Closed Lost Reason', 'Persona'],
      detected: 'hubspot',
    };
    const second: ImportPreview = { ...first, ready: 3, unmapped: [] };
    const dryRunImport = vi.fn<ApiClient['dryRunImport']>().mockResolvedValueOnce(first).mockResolvedValueOnce(second);
    const savePersonaMap = vi.fn<ApiClient['savePersonaMap']>().mockResolvedValue(undefined);
    const runImport = vi.fn<ApiClient['runImport']>().mockResolvedValue(DONE);
    const onImported = vi.fn();
    const api = fakeApiClient({ dryRunImport, savePersonaMap, runImport, listPersonas: vi.fn().mockResolvedValue({ personas: PERSONAS, nextCursor: null }) });
    render(<CrmImportDialog open onOpenChange={() => undefined} onImported={onImported} />, { wrapper: withApi(api) });

    await userEvent.upload(screen.getByTestId('crm-file'), csv('Record ID,…'));
    const preview = await screen.findByTestId('crm-preview');
    expect(dryRunImport).toHaveBeenCalledWith(expect.any(File), { filename: 'deals.csv' });
    expect(preview.textContent).toContain('Read as a HubSpot deals export.');
    expect(preview.textContent).toContain('5 rows read');
    expect(preview.textContent).toContain('2 ready to import');
    const errors = within(screen.getByTestId('crm-errors')).getAllByRole('listitem');
    expect(errors.map((li) => li.textContent)).toEqual(['Row 3 Amount is not a number: "lots"', 'Row 6 Close Date cannot be read']);
    // No column mapping for a file a CRM wrote.
    expect(screen.queryByTestId('crm-columns')).toBeNull();
    expect(runImport).not.toHaveBeenCalled();

    // Map the unknown value: remembered on the server, then checked again.
    const select = await screen.findByLabelText('Persona for “CFO Mid-market”');
    await waitFor(() => expect((select as HTMLSelectElement).disabled).toBe(false));
    await userEvent.selectOptions(select, 'cfo');
    await userEvent.click(screen.getByTestId('crm-remember'));
    expect(savePersonaMap).toHaveBeenCalledWith({ 'CFO Mid-market': 'cfo' });
    await waitFor(() => expect(screen.getByTestId('crm-preview').getAttribute('data-ready')).toBe('3'));
    expect(dryRunImport).toHaveBeenCalledTimes(2);

    // Import asks first; nothing is written before "Yes".
    await userEvent.click(screen.getByTestId('crm-import'));
    expect(screen.getByTestId('crm-confirm').textContent).toContain('Import 3 deals now?');
    expect(runImport).not.toHaveBeenCalled();
    await userEvent.click(screen.getByTestId('crm-confirm-yes'));
    expect((await screen.findByTestId('crm-import-done')).textContent).toContain('Imported 3 deals.');
    expect(runImport).toHaveBeenCalledWith(expect.any(File), { filename: 'deals.csv' });
    expect(onImported).toHaveBeenCalledWith(DONE);
  });

  it('offers every draft persona to map a value to, page after page, not only the first hundred', async () => {
    const many = Array.from({ length: 100 }, (_, i): PersonaSummary => ({ ...(PERSONAS[0] as PersonaSummary), id: `p${i}`, name: `Persona ${i}` }));
    const listPersonas = vi
      .fn<ApiClient['listPersonas']>()
      .mockResolvedValueOnce({ personas: many, nextCursor: 'page-2' })
      .mockResolvedValueOnce({ personas: PERSONAS, nextCursor: null });
    const preview: ImportPreview = { rows: 1, ready: 0, errors: [], unmapped: ['CFO Mid-market'], headers: [], detected: 'hubspot' };
    render(<ImportPreviewView preview={preview} onRemembered={() => undefined} />, { wrapper: withApi(fakeApiClient({ listPersonas })) });
    const select = await screen.findByLabelText('Persona for “CFO Mid-market”');
    await waitFor(() => expect((select as HTMLSelectElement).disabled).toBe(false));
    expect(within(select).getByRole('option', { name: 'María, CFO' })).toBeTruthy();
    expect(within(select).getAllByRole('option')).toHaveLength(1 + 100 + 1);
    expect(listPersonas).toHaveBeenLastCalledWith(expect.anything(), 'drafts', 'page-2');
  });

  it('asks which column holds what for a CSV no CRM wrote, and checks again with that mapping', async () => {
    const unknown: ImportPreview = { rows: 2, ready: 0, errors: [], unmapped: [], headers: ['Ref', 'Título', 'Estado', 'Importe', 'Fecha alta', 'Fecha cierre', 'Motivo', 'Persona'], detected: null };
    const mapped: ImportPreview = { ...unknown, ready: 2, detected: 'mapped' };
    const dryRunImport = vi.fn<ApiClient['dryRunImport']>().mockResolvedValueOnce(unknown).mockResolvedValueOnce(mapped);
    render(<CrmImportDialog open onOpenChange={() => undefined} />, { wrapper: withApi(fakeApiClient({ dryRunImport })) });
    await userEvent.upload(screen.getByTestId('crm-file'), csv('Ref,…', 'export.csv'));
    const columns = await screen.findByTestId('crm-columns');
    expect(columns.textContent).toContain('not laid out as HubSpot or Salesforce');
    expect((screen.getByTestId('crm-import') as HTMLButtonElement).disabled).toBe(true);
    await userEvent.selectOptions(within(columns).getByLabelText('Deal ID'), 'Ref');
    await userEvent.selectOptions(within(columns).getByLabelText('Deal name'), 'Título');
    await userEvent.click(screen.getByTestId('crm-columns-apply'));
    await waitFor(() => expect(screen.getByTestId('crm-preview').getAttribute('data-ready')).toBe('2'));
    const options = dryRunImport.mock.calls[1]?.[1];
    expect(options?.columns).toMatchObject({ id: 'Ref', name: 'Título', stage: 'Estado', amount: 'Importe', createdAt: 'Fecha alta', closedAt: 'Fecha cierre', lossReason: 'Motivo', persona: 'Persona' });
  });

  it.each([
    [413, 'too_large', 'The file is larger than the 10 MB an import takes.'],
    [415, 'unsupported_media_type', 'That is not a CSV file.'],
    [400, 'bad_request', 'The server could not read this file: the header row is missing'],
  ] as const)('says clearly what a %i means', async (status, code, text) => {
    const dryRunImport = vi.fn<ApiClient['dryRunImport']>().mockRejectedValue(new ApiRequestError(code, 'the header row is missing', status));
    render(<CrmImportDialog open onOpenChange={() => undefined} />, { wrapper: withApi(fakeApiClient({ dryRunImport })) });
    await userEvent.upload(screen.getByTestId('crm-file'), csv('x'));
    expect((await screen.findByTestId('crm-error')).textContent).toContain(text);
  });

  it('refuses a file over 10 MB before sending it', async () => {
    const dryRunImport = vi.fn<ApiClient['dryRunImport']>();
    render(<CrmImportDialog open onOpenChange={() => undefined} />, { wrapper: withApi(fakeApiClient({ dryRunImport })) });
    const big = csv('x');
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    await userEvent.upload(screen.getByTestId('crm-file'), big);
    expect((await screen.findByTestId('crm-error')).textContent).toContain('larger than the 10 MB');
    expect(dryRunImport).not.toHaveBeenCalled();
  });

  it('guesses the columns of a file from its headers, each header once', () => {
    expect(guessColumns(['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Created Date', 'Close Date', 'Loss Reason', 'Buyer Persona'])).toEqual({
      id: 'Opportunity ID',
      name: 'Opportunity Name',
      stage: 'Stage',
      amount: 'Amount',
      createdAt: 'Created Date',
      closedAt: 'Close Date',
      lossReason: 'Loss Reason',
      persona: 'Buyer Persona',
    });
  });
});
