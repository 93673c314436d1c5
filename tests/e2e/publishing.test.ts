import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ANA, BEN, addEvidenceOnBoard, eventuallyContains, openWorkshop, screenshot, typeAtEnd, useApp } from './app.ts';

const POLL = { timeout: 15_000, interval: 100 };

const sectionOf = (page: Page, key: string) => page.locator(`#section-${key}`);
const signoffState = (page: Page, key: string) => sectionOf(page, key).getAttribute('data-signoff');
const signButton = (page: Page, key: string) => sectionOf(page, key).locator('[data-signoff-action]');

/** Every page's text, as a PDF reader extracts it. */
async function pdfText(path: string): Promise<{ text: string; pages: number }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)) }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('') + '\n';
  }
  return { text, pages: pdf.numPages };
}

async function downloadPdf(page: Page): Promise<{ name: string; text: string; pages: number }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pdf-download').getByRole('button').click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), ...(await pdfText(path)) };
}

describe('sign-off, publishing, the library and PDF export, in Chromium', () => {
  const app = useApp();

  it('both sides sign off, a version is published, and a reader finds it, compares versions and downloads the PDF', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'María, directora financiera' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);

    // Evidence from both sides behind the summary.
    await addEvidenceOnBoard(ana, 'marketing', { kind: 'Metric', text: 'El 62 % compara precios en la web', source: 'GA4', section: 'Summary' });
    await addEvidenceOnBoard(ben, 'sales', { kind: 'Quote', text: '«Sin ROI no firmo», dijo la señora Núñez', source: 'Llamada con Acme', section: 'Summary' });
    await expect.poll(() => ana.locator('[data-evidence-side]').count(), POLL).toBe(2);

    // A section with nothing written is Not started: nothing to sign (issue 13).
    await expect.poll(() => signButton(ana, 'summary').isDisabled(), POLL).toBe(true);
    await typeAtEnd(ana, 'summary', 'La señora Núñez decide con su equipo.');
    await eventuallyContains(ben, 'summary', 'La señora Núñez decide');

    // Two keys: each side signs for itself only; the section is signed once both have.
    expect(await signoffState(ana, 'summary')).toBe('unsigned');
    expect(await signButton(ana, 'summary').innerText()).toContain('Sign off as Marketing');
    await signButton(ana, 'summary').click();
    await expect.poll(() => signoffState(ben, 'summary'), POLL).toBe('partial');
    expect(await sectionOf(ben, 'summary').locator('[data-signoff-side="marketing"]').innerText()).toContain('signed by Ana Marketing');
    expect(await signButton(ben, 'summary').innerText()).toContain('Sign off as Sales');
    await signButton(ben, 'summary').click();
    await expect.poll(() => signoffState(ana, 'summary'), POLL).toBe('signed');

    // A change after signing makes both sign-offs stale, on both screens; both sign again.
    await typeAtEnd(ana, 'summary', ' ¿Quién decide? ¡Ella!');
    await eventuallyContains(ben, 'summary', '¡Ella!');
    await expect.poll(() => signoffState(ben, 'summary'), POLL).toBe('stale');
    expect(await sectionOf(ben, 'summary').locator('[data-signoff-side="sales"]').getAttribute('data-state')).toBe('stale');
    await signButton(ana, 'summary').click();
    await signButton(ben, 'summary').click();
    await expect.poll(() => signoffState(ana, 'summary'), POLL).toBe('signed');
    await expect.poll(() => signoffState(ben, 'summary'), POLL).toBe('signed');
    await screenshot(ana, 'workshop-signoff');

    // Publishing warns about what is not signed off, and publishes anyway.
    await ana.getByTestId('publish-button').click();
    const dialog = ana.getByTestId('publish-dialog');
    const checklist = await dialog.getByTestId('publish-checklist').innerText();
    expect(checklist).toMatch(/Goals|Objections/);
    expect(checklist).not.toContain('Summary');
    await dialog.getByLabel(/What changed/).fill('Primera versión, firmada por ambos equipos');
    await screenshot(ana, 'publish-dialog');
    await dialog.getByTestId('publish-confirm').click();
    const published = dialog.getByTestId('published-link');
    await published.waitFor();
    expect(await published.getAttribute('href')).toBe(`/library/${id}?version=1`);
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The draft goes on; version 2 is published with what changed.
    await typeAtEnd(ana, 'summary', ' Cambio tras la versión 1.');
    await eventuallyContains(ana, 'summary', 'Cambio tras la versión 1.');
    expect(await ana.getByTestId('workshop-library-link').getAttribute('aria-label')).toContain('Version 1 is the latest published');
    await ana.getByTestId('publish-button').click();
    expect(await dialog.innerText()).toContain('This will be version 2.');
    await dialog.getByLabel(/What changed/).fill('Añade lo que cambió');
    await dialog.getByTestId('publish-confirm').click();
    await dialog.getByTestId('published-link').waitFor();
    expect(await dialog.getByTestId('published-link').getAttribute('href')).toBe(`/library/${id}?version=2`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    // Ben's workshop, opened afresh, knows the latest version too.
    await openWorkshop(ben, id);
    await expect.poll(() => ben.getByTestId('workshop-library-link').getAttribute('aria-label'), POLL).toContain('Version 2 is the latest published');

    // The draft's PDF, from the workshop.
    const draft = await downloadPdf(ana);
    expect(draft.name).toBe('maria-directora-financiera-draft.pdf');
    expect(draft.text).toContain('María, directora financiera');
    expect(draft.text).toContain('Cambio tras la versión 1.');

    // A reader with the viewer link: a workshop link shows them the way to the library.
    const reader = await app.person({ token: app.server.viewerToken });
    await reader.goto(`/p/${id}`);
    await reader.getByTestId('reader-library-link').click();
    await reader.waitForURL(`**/library/${id}`);
    const view = reader.getByTestId('library-persona');
    await view.waitFor();
    await expect.poll(() => reader.getByTestId('version-picker').inputValue(), POLL).toBe('2');
    await expect.poll(() => view.locator('[data-section="summary"]').innerText(), POLL).toContain('Cambio tras la versión 1.');
    expect(await view.locator('[data-section="summary"]').innerText()).toContain('¿Quién decide? ¡Ella!');
    expect(await view.getByTestId('library-evidence').locator('[data-evidence-side]').count()).toBe(2);
    expect(await reader.getByTestId('publish-button').count()).toBe(0);
    // What changed since version 1.
    const changes = reader.getByTestId('version-changes');
    await changes.locator('[data-diff="added"]').filter({ hasText: 'Cambio tras la versión 1.' }).waitFor();
    await screenshot(reader, 'library-persona');

    // Version 1, one pick away, is as it was published.
    await reader.getByTestId('version-picker').selectOption('1');
    await reader.waitForURL(`**/library/${id}?version=1`);
    await reader.getByTestId('older-version').waitFor();
    await expect.poll(() => view.locator('[data-section="summary"]').innerText(), POLL).not.toContain('Cambio tras la versión 1.');
    expect(await view.innerText()).toContain('Primera versión, firmada por ambos equipos');

    const pdf = await downloadPdf(reader);
    expect(pdf.name).toBe('maria-directora-financiera-v1.pdf');
    expect(pdf.text).toContain('María, directora financiera');
    expect(pdf.text).toContain('¿Quién decide? ¡Ella!');
    expect(pdf.text).toContain('«Sin ROI no firmo», dijo la señora Núñez');
    expect(pdf.text).toContain('El 62 % compara precios en la web');
    expect(pdf.text).not.toContain('Cambio tras la versión 1.');
    expect(pdf.text).toMatch(/Version 1/);

    // The library finds it by full text, regardless of accents.
    await reader.goto('/library');
    const search = reader.getByRole('searchbox', { name: 'Search the library' });
    await search.fill('nunez');
    await expect.poll(() => reader.locator('[data-library-id]').count(), POLL).toBe(1);
    expect(await reader.locator(`[data-library-id="${id}"]`).innerText()).toContain('Version 2');
    await screenshot(reader, 'library');
    await search.fill('zzzz');
    await reader.getByTestId('library-no-match').waitFor();
    // Viewers have no persona list: the home page is the library.
    await reader.goto('/');
    await reader.waitForURL('**/library');
    await reader.getByTestId('library').waitFor();
  });
});
