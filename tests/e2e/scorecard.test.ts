import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { periodOf, parsePeriod } from '../../shared/scorecard/periods.ts';
import { openWorkshop, screenshot, useApp } from './app.ts';

const POLL = { timeout: 15_000, interval: 100 };

/** Every page's text, as a PDF reader extracts it. */
async function pdfText(path: string): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(readFileSync(path)) }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('') + '\n';
  }
  return text;
}

/** This quarter (the one the target form proposes), and a day in it as a HubSpot export writes dates. */
function thisQuarter(): { period: string; day: (n: number) => string } {
  const period = periodOf('quarter', new Date());
  const start = parsePeriod(period)?.start ?? new Date();
  const day = (n: number) => new Date(start.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  return { period, day };
}

/**
 * A HubSpot deals export for the persona: two won and one lost deal closed this quarter, a row whose
 * amount cannot be read, and one whose persona value matches no persona until it is mapped.
 */
function dealsCsv(persona: string, day: (n: number) => string): string {
  return [
    'Record ID,Deal Name,Deal Stage,Amount,Create Date,Close Date,Closed Lost Reason,Buyer Persona',
    `1,Acme renewal,Closed Won,"$12,000.00",${day(1)},${day(20)},,${persona}`,
    `2,Globex,closed won,8000,${day(2)},${day(30)},,${persona}`,
    `3,Initech,Closed Lost,4000,${day(3)},${day(25)},Price too high,${persona}`,
    `4,Wayne,Closed Won,lots,${day(3)},${day(26)},,${persona}`,
    `5,Hooli,Closed Lost,2500,${day(4)},${day(27)},Price too high,OPS-EMEA`,
  ].join('\n');
}

const target = (page: Page) => page.getByTestId('target-list').locator('[data-target-id]').first();

/** Opens the Goals tab and proposes "Deals won at least 2" for this quarter. */
async function proposeDealsWon(page: Page): Promise<void> {
  await page.getByTestId('tab-goals').click();
  await page.getByTestId('propose-target').click();
  const form = page.getByRole('form', { name: 'New target' });
  await form.getByLabel('Figure').selectOption({ label: 'Deals won' });
  await form.getByLabel('Value').fill('2');
  await form.getByTestId('target-save').click();
}

describe('the joint scorecard, in Chromium', () => {
  const app = useApp();

  it('[§8] a target is agreed only when marketing and sales have both turned their key, and goes stale on a change', async () => {
    const id = await app.createPersona({ template: 'blank', name: 'Olivia Ops' });
    const mara = await app.person({ token: app.server.editorToken });
    const sam = await app.person({ token: app.server.salesToken });
    await openWorkshop(mara, id);
    await openWorkshop(sam, id);

    await proposeDealsWon(mara);
    await sam.getByTestId('tab-goals').click();
    await expect.poll(() => target(sam).getAttribute('data-agreed'), POLL).toBe('false');
    expect(await target(sam).innerText()).toContain('PROPOSED');
    // Sam sees only his own side's key to turn.
    expect(await target(sam).getByRole('button', { name: 'Sign as Marketing' }).count()).toBe(0);

    await target(mara).getByRole('button', { name: 'Sign as Marketing' }).click();
    await expect.poll(() => target(sam).locator('[data-signoff-side="marketing"]').getAttribute('data-state'), POLL).toBe('current');
    expect(await target(sam).getAttribute('data-agreed')).toBe('false');
    await target(sam).getByRole('button', { name: 'Sign as Sales' }).click();
    await expect.poll(() => target(mara).getAttribute('data-agreed'), POLL).toBe('true');
    expect(await target(mara).innerText()).toContain('AGREED');
    await screenshot(mara, 'goals-agreed');

    // Mara raises the bar: both keys go stale for everyone.
    await target(mara).getByRole('button', { name: /Edit the target/ }).click();
    const edit = mara.getByRole('form', { name: 'Change target' });
    await edit.getByLabel('Value').fill('3');
    await edit.getByTestId('target-save').click();
    await expect.poll(() => target(sam).getAttribute('data-agreed'), POLL).toBe('false');
    expect(await target(sam).locator('[data-signoff-side="sales"]').getAttribute('data-state')).toBe('stale');
  });

  // Needs the server of i16-server (CRM import, scorecard, notices, report and PDF APIs).
  it('[§8] both teams agree a target, import the CRM, see it met together, publish it, and take it to the library, the joint report and its PDF', async () => {
    const { period, day } = thisQuarter();
    // A name of its own: the CRM's "OLIVIA NUNEZ" finds it by name, case and accents aside.
    const id = await app.createPersona({ template: 'blank', name: 'Olivia Núñez' });
    const mara = await app.person({ token: app.server.editorToken });
    const sam = await app.person({ token: app.server.salesToken });
    await openWorkshop(mara, id);
    await openWorkshop(sam, id);

    await proposeDealsWon(mara);
    await sam.getByTestId('tab-goals').click();
    await target(mara).getByRole('button', { name: 'Sign as Marketing' }).click();
    await expect.poll(() => target(sam).locator('[data-signoff-side="marketing"]').getAttribute('data-state'), POLL).toBe('current');
    await target(sam).getByRole('button', { name: 'Sign as Sales' }).click();
    await expect.poll(() => target(mara).getAttribute('data-agreed'), POLL).toBe('true');
    await expect.poll(() => mara.getByTestId('scorecard-no-import').count(), POLL).toBe(1);

    // Import: the dry run shows the bad row by its number and the unknown persona value.
    await mara.getByTestId('goals-panel').getByTestId('crm-import-open').click();
    const dialog = mara.getByTestId('crm-import-dialog');
    await dialog.getByTestId('crm-file').setInputFiles({ name: 'hubspot-deals.csv', mimeType: 'text/csv', buffer: Buffer.from(dealsCsv('OLIVIA NUNEZ', day)) });
    const preview = dialog.getByTestId('crm-preview');
    await preview.waitFor();
    expect(await preview.innerText()).toContain('5 rows read');
    expect(await preview.getAttribute('data-ready')).toBe('3');
    expect(await dialog.getByTestId('crm-errors').locator('[data-row="5"]').count()).toBe(1);
    const unmapped = dialog.getByLabel('Persona for “OPS-EMEA”');
    await expect.poll(() => unmapped.isEnabled(), POLL).toBe(true);
    await unmapped.selectOption(id);
    await dialog.getByTestId('crm-remember').click();
    await expect.poll(() => preview.getAttribute('data-ready'), POLL).toBe('4');
    await screenshot(mara, 'crm-import-preview');
    await dialog.getByTestId('crm-import').click();
    await dialog.getByTestId('crm-confirm-yes').click();
    expect(await dialog.getByTestId('crm-import-done').innerText()).toContain('Imported 4 deals.');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // The scorecard: 2 deals won against a target of 2, met; the loss reasons, most first.
    const row = mara.getByTestId('scorecard-targets').locator('tbody tr').first();
    await expect.poll(() => row.getAttribute('data-met'), POLL).toBe('true');
    expect(await mara.getByTestId('loss-reasons').locator('li').first().getAttribute('data-reason')).toBe('Price too high');
    expect(await mara.getByTestId('loss-not-sales').innerText()).toContain('Only members of the sales team');
    await mara.getByTestId('crm-imports').locator('summary').click();
    expect(await mara.getByTestId('crm-imports').innerText()).toContain('hubspot-deals.csv');
    await screenshot(mara, 'goals-scorecard');

    // Sam turns a loss reason into sales evidence with its count and source.
    await sam.reload();
    await sam.locator('.workshop[data-synced="true"]').waitFor();
    await sam.getByTestId('tab-goals').click();
    await sam.getByRole('button', { name: 'Add “Price too high” as sales evidence' }).click();
    await sam.getByTestId('tab-evidence').click();
    await expect.poll(() => sam.locator('[data-evidence-side="sales"]').first().innerText(), POLL).toContain('Price too high');
    expect(await sam.locator('[data-evidence-side="sales"]').first().innerText()).toContain('2 lost deals');

    // Both signers hear it: an item in their inbox (the bell's count); the persona list marks the persona.
    await expect.poll(() => sam.getByTestId('inbox-bell').getAttribute('data-unread'), POLL).toBe('1');
    await sam.getByTestId('inbox-bell').click();
    const met = sam.locator('[data-testid="inbox-item"][data-kind="target-met"]');
    expect(await met.innerText()).toContain('Olivia Núñez: Deals won target met');
    await screenshot(sam, 'inbox');
    await met.getByTestId('inbox-mark-read').click();
    await expect.poll(() => sam.getByTestId('inbox-bell').getAttribute('data-unread'), POLL).toBe('0');
    await mara.goto('/');
    await expect.poll(() => mara.locator(`[data-persona-id="${id}"] [data-testid="targets-met"]`).count(), POLL).toBe(1);
    // The met target, and Sam's sales evidence on a persona Mara works on.
    await expect.poll(() => mara.getByTestId('inbox-bell').getAttribute('data-unread'), POLL).toBe('2');
    await screenshot(mara, 'persona-list-met');

    // Publish: the library shows the target and the scorecard as they were.
    await openWorkshop(mara, id);
    await mara.getByTestId('publish-button').click();
    await mara.getByTestId('publish-dialog').getByTestId('publish-confirm').click();
    await mara.getByTestId('published-link').click();
    const goals = mara.getByTestId('library-goals');
    await goals.waitFor();
    expect(await goals.locator('[data-agreed="true"]').count()).toBe(1);
    expect(await goals.innerText()).toContain('Signed by Mara Marketing, Sam Sales');
    expect(await goals.getByTestId('library-scorecard').locator('tbody tr').first().getAttribute('data-met')).toBe('true');
    await screenshot(mara, 'library-goals');

    // The joint report for the quarter, and its PDF.
    await mara.getByTestId('nav-report').click();
    await mara.waitForURL('**/report');
    const card = mara.locator(`[data-testid="report-card"][data-persona-id="${id}"]`);
    await card.waitFor();
    expect(await mara.getByTestId('report').getAttribute('data-period')).toBe(period);
    expect(await card.innerText()).toContain('1 of 1 targets met');
    expect(await card.locator('[data-side="marketing"]').innerText()).toContain('Mara Marketing');
    expect(await card.locator('[data-side="sales"]').innerText()).toContain('Sam Sales');
    await screenshot(mara, 'joint-report');
    const [download] = await Promise.all([mara.waitForEvent('download'), mara.getByTestId('pdf-download').getByRole('button').click()]);
    expect(download.suggestedFilename()).toBe(`joint-report-${period}.pdf`);
    const text = await pdfText(await download.path());
    expect(text).toContain('Olivia Núñez');
    expect(text).toContain('Deals won');
  });
});
