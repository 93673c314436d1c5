import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { readEvidence } from '../../../shared/persona/evidence.ts';
import { getEvidence } from '../../../shared/persona/schema.ts';
import { EVIDENCE_ORIGIN } from '../../../client/src/features/evidence/useEvidence.ts';
import { ImportEvidenceDialog } from '../../../client/src/features/evidence/ImportEvidenceDialog.tsx';
import { CSV_MAX_BYTES, parseEvidenceCsv } from '../../../client/src/features/evidence/csvImport.ts';
import type { Participant } from '../../../client/src/session/user.ts';
import { connectedPair } from './docs.ts';
import { makeSession, withSession } from './session.tsx';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../fixtures/evidence-import.csv'), 'utf8');
const LUCIA: Participant = { name: 'Lucía Pérez', side: 'marketing', color: '#2563eb' };


/** The dialog as a page uses it: open until it asks to close. */
function Harness({ doc, onImported }: { doc: Y.Doc; onImported: (count: number) => void }) {
  const [open, setOpen] = useState(true);
  return <ImportEvidenceDialog doc={doc} participant={LUCIA} open={open} onOpenChange={setOpen} onImported={onImported} />;
}

function renderDialog(options: { languages?: readonly string[] } = {}) {
  const { local, remote } = connectedPair();
  const updates: unknown[] = [];
  local.on('update', (_update: Uint8Array, origin: unknown) => updates.push(origin));
  const onImported = vi.fn<(count: number) => void>();
  const user = userEvent.setup();
  render(<Harness doc={local} onImported={onImported} />, { wrapper: withSession(makeSession(options)) });
  const dialog = screen.getByTestId('import-dialog');
  return { local, remote, updates, onImported, user, dialog };
}

const csvFile = (text: BlobPart, name = 'evidence-import.csv') => new File([text], name, { type: 'text/csv' });
const fileInput = (dialog: HTMLElement) => within(dialog).getByLabelText<HTMLInputElement>(/Choose a CSV file|Elegir un archivo CSV/);
const previewRow = (dialog: HTMLElement, row: number) => {
  const element = dialog.querySelector<HTMLElement>(`tr[data-row="${row}"]`);
  if (!element) throw new Error(`no preview row ${row}`);
  return element;
};

describe('ImportEvidenceDialog', () => {
  it('explains the columns and offers an example file that imports cleanly', () => {
    const { dialog } = renderDialog();
    const table = within(dialog).getByRole('table');
    for (const column of ['text', 'kind', 'source', 'section', 'side']) {
      expect(within(table).getByRole('rowheader', { name: new RegExp(`^${column} ·`) })).toBeTruthy();
    }
    expect(within(table).getAllByRole('cell', { name: 'Required' })).toHaveLength(2);

    const link = within(dialog).getByRole<HTMLAnchorElement>('link', { name: 'Download an example CSV' });
    expect(link.getAttribute('download')).toMatch(/\.csv$/);
    const href = link.getAttribute('href') ?? '';
    expect(href.startsWith('data:text/csv;charset=utf-8,')).toBe(true);
    const example = parseEvidenceCsv(decodeURIComponent(href.slice(href.indexOf(',') + 1)), { defaultSide: 'sales' });
    expect(example.rows.length).toBeGreaterThan(0);
    expect(example.rows.flatMap((row) => row.problems)).toEqual([]);
  });

  it('previews the fixture with an error in each bad row, writes nothing until confirmed, then writes the good rows', async () => {
    const { local, remote, updates, onImported, user, dialog } = renderDialog();
    await user.upload(fileInput(dialog), csvFile(FIXTURE));

    expect(await within(dialog).findByText('4 rows ready to import, 2 with errors (they will be skipped)')).toBeTruthy();
    const webinar = previewRow(dialog, 5);
    expect(webinar.dataset['status']).toBe('invalid');
    expect(webinar.textContent).toContain('Row 5: kind “webinar” is not one of metric, behaviour, campaign, quote, objection, anecdote, deal');
    expect(previewRow(dialog, 7).textContent).toContain('Row 7: text is empty');
    const spanish = previewRow(dialog, 4);
    expect(spanish.dataset['status']).toBe('ready');
    expect(spanish.textContent).toContain('El 62 % de los directores de TI encuestados en España');
    expect(spanish.textContent).toContain('Pains & challenges');
    expect(within(previewRow(dialog, 6)).getByText('Sales')).toBeTruthy();

    expect(getEvidence(local).length).toBe(0);
    expect(getEvidence(remote).length).toBe(0);
    expect(updates).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Import 4 items' }));

    expect(screen.queryByTestId('import-dialog')).toBeNull();
    expect(onImported).toHaveBeenCalledWith(4);
    expect(updates).toEqual([EVIDENCE_ORIGIN]); // one transaction for both sides
    for (const doc of [local, remote]) {
      const { items } = readEvidence(doc);
      expect(items.map((item) => [item.side, item.kind, item.section, item.author])).toEqual([
        ['marketing', 'metric', 'goals', 'Lucía Pérez'],
        ['marketing', 'behaviour', 'pains', 'Lucía Pérez'],
        ['marketing', 'metric', 'pains', 'Lucía Pérez'],
        ['sales', 'deal', 'buyingProcess', 'Lucía Pérez'],
      ]);
      expect(items[2]?.text).toBe('El 62 % de los directores de TI encuestados en España cita la integración con su ERP como su mayor reto');
      expect(items[0]?.source).toBe('HubSpot, Q3 2024');
    }
  });

  it('writes nothing when cancelled from the preview', async () => {
    const { local, remote, updates, onImported, user, dialog } = renderDialog();
    await user.upload(fileInput(dialog), csvFile(FIXTURE));
    await within(dialog).findByRole('button', { name: 'Import 4 items' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByTestId('import-dialog')).toBeNull();
    expect(getEvidence(local).length).toBe(0);
    expect(getEvidence(remote).length).toBe(0);
    expect(updates).toEqual([]);
    expect(onImported).not.toHaveBeenCalled();
  });

  it('cannot import a file whose rows are all bad, and goes back to choose another file', async () => {
    const { user, dialog } = renderDialog();
    await user.upload(fileInput(dialog), csvFile('text,kind\nA,webinar\n,metric'));
    expect(await within(dialog).findByText('0 rows ready to import, 2 with errors (they will be skipped)')).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Import 0 items' }).disabled).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Choose another file' }));
    await user.upload(fileInput(dialog), csvFile('text,kind,owner\nA,quote,Bob'));
    expect(await within(dialog).findByText('1 row ready to import')).toBeTruthy();
    expect(within(dialog).getByText('Ignored columns: owner')).toBeTruthy();
  });

  it('says why a file cannot be imported at all, and shows no preview', async () => {
    const { user, dialog } = renderDialog();
    await user.upload(fileInput(dialog), csvFile('text,source\nA,B', 'crm-export.csv'));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Nothing can be imported from crm-export.csv');
    expect(alert.textContent).toContain('Missing: kind.');
    expect(dialog.querySelector('tr[data-row]')).toBeNull();

    await user.upload(fileInput(dialog), csvFile(new Uint8Array(CSV_MAX_BYTES + 1)));
    expect((await within(dialog).findByText(/^The file is/)).textContent).toBe('The file is 1.1 MB; the limit is 1 MB. Split it into smaller files.');

    await user.upload(fileInput(dialog), csvFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])));
    expect(await within(dialog).findByText(/This is not a CSV text file/)).toBeTruthy();
  });

  it('reads a file dropped on the drop zone', async () => {
    const { dialog } = renderDialog();
    const dropZone = fileInput(dialog).closest('label');
    if (!dropZone) throw new Error('the file input is not inside its drop zone');
    fireEvent.drop(dropZone, { dataTransfer: { files: [csvFile('text,kind,side\nLost to a cheaper rival,deal,sales')] } });
    expect(await within(dialog).findByText('1 row ready to import')).toBeTruthy();
  });

  it('speaks Spanish to a Spanish reader, errors included', async () => {
    const { user, dialog } = renderDialog({ languages: ['es'] });
    await user.upload(fileInput(dialog), csvFile(FIXTURE));
    expect(await within(dialog).findByText('4 filas listas para importar, 2 con errores (se omitirán)')).toBeTruthy();
    expect(previewRow(dialog, 5).textContent).toContain('Fila 5: el tipo «webinar» no es ninguno de metric, behaviour');
    expect(previewRow(dialog, 7).textContent).toContain('Fila 7: el texto está vacío');
    expect(within(dialog).getByRole('button', { name: 'Importar 4 elementos' })).toBeTruthy();
  });
});
