import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sectionEditor } from '../helpers/browser.ts';
import { ANA, BEN, addEvidenceOnBoard, openWorkshop, screenshot, useApp } from './app.ts';

const POLL = { timeout: 15_000, interval: 100 };

const board = (page: Page, side: 'marketing' | 'sales') => page.locator(`[data-evidence-side="${side}"]`);
const claimIn = (page: Page, section: string) => page.locator(`[data-section="${section}"] [data-evidence-ids]`);
/** A claim's words, without the caret label of someone typing inside it. */
const claimText = (page: Page, section: string) =>
  claimIn(page, section).evaluate((element) => {
    const copy = element.cloneNode(true) as typeof element;
    for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
    return copy.textContent ?? '';
  });
const balance = (page: Page) => page.getByTestId('persona-alignment').getByTestId('balance');
const alignmentOf = (page: Page, section: string) => page.locator(`#section-${section} .section__status [data-alignment]`);

describe('evidence from both sides, in Chromium', () => {
  const app = useApp();

  it('marketing and sales add evidence, link a claim, see each other’s work and talk it through', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'IT Director' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);

    // Nothing backs the persona yet.
    expect(await balance(ana).getAttribute('data-marketing')).toBe('0');
    expect(await alignmentOf(ana, 'objections').getAttribute('data-alignment')).toBe('unbacked');

    // Each adds evidence from their own side; each sees the other's.
    await addEvidenceOnBoard(ana, 'marketing', { kind: 'Metric', text: '38% of trials stall at the security review', source: 'GA4, Q3 funnel', section: 'Objections' });
    await expect.poll(() => board(ben, 'marketing').allInnerTexts(), POLL).toEqual([expect.stringContaining('38% of trials stall')]);
    expect(await alignmentOf(ben, 'objections').getAttribute('data-alignment')).toBe('needsSalesValidation');

    await addEvidenceOnBoard(ben, 'sales', { kind: 'Quote', text: '“Legal needs three weeks before any new vendor”', source: 'Call with Acme, 12 May', section: 'Objections' });
    await expect.poll(() => board(ana, 'sales').allInnerTexts(), POLL).toEqual([expect.stringContaining('Legal needs three weeks')]);
    await expect.poll(() => alignmentOf(ana, 'objections').getAttribute('data-alignment'), POLL).toBe('both');
    await expect.poll(() => balance(ana).getAttribute('data-sales'), POLL).toBe('1');
    await expect.poll(() => balance(ben).getAttribute('data-marketing'), POLL).toBe('1');
    const marketingId = await board(ana, 'marketing').getAttribute('data-evidence-id');
    const salesId = await board(ana, 'sales').getAttribute('data-evidence-id');

    // A new objection starts as an assumption.
    const assumptionsBefore = await ana.locator('[data-section="objections"] li.assumption').count();
    await sectionEditor(ana, 'objections').click();
    await ana.keyboard.press('Control+End');
    // The section starts empty (the template's prompts are guidance): a list begins with "- ".
    await ana.keyboard.type('- Security review adds weeks');
    await expect.poll(() => ana.locator('[data-section="objections"] li.assumption').count(), POLL).toBe(assumptionsBefore + 1);

    // Ana selects the claim and links it to both items.
    await ana.keyboard.press('Shift+Home');
    await ana.getByTestId('link-evidence').click();
    const dialog = ana.getByTestId('link-evidence-dialog');
    await dialog.getByText('Security review adds weeks').waitFor();
    await dialog.getByRole('checkbox', { name: /38% of trials/ }).check();
    await dialog.getByRole('checkbox', { name: /Legal needs three weeks/ }).check();
    await dialog.getByRole('button', { name: 'Link 2 selected' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Ben sees the claim marked as backed by both sides, and it is no assumption any more.
    await expect.poll(() => claimText(ben, 'objections'), POLL).toBe('Security review adds weeks');
    expect((await claimIn(ben, 'objections').getAttribute('data-evidence-ids'))?.split(',').sort()).toEqual([marketingId, salesId].sort());
    await expect.poll(() => ben.locator('[data-section="objections"] .claim').getAttribute('data-backing'), POLL).toBe('both');
    await expect.poll(() => ben.locator('[data-section="objections"] li.assumption').count(), POLL).toBe(assumptionsBefore);

    // The keyboard works too: select words and press Ctrl+Shift+E; with nothing selected, a hint says what to do.
    await sectionEditor(ben, 'pains').click();
    await ben.keyboard.press('Control+Shift+E');
    await ben.getByText('Select the words of a claim first').waitFor();
    await ben.keyboard.press('Control+End');
    // The section starts empty (the template's prompts are guidance): write a claim first.
    await ben.keyboard.type('Month-end close takes ten days');
    await ben.keyboard.press('Shift+Home');
    await ben.keyboard.press('Control+Shift+E');
    await ben.getByTestId('link-evidence-dialog').waitFor();
    await ben.keyboard.press('Escape');
    await ben.getByTestId('link-evidence-dialog').waitFor({ state: 'detached' });

    // Hovering the claim shows the items behind it.
    await ben.locator('[data-section="objections"] .claim').hover();
    const card = ben.getByTestId('claim-card');
    await expect.poll(() => card.innerText(), POLL).toContain('38% of trials stall');
    expect(await card.innerText()).toContain('Legal needs three weeks');
    await screenshot(ben, 'evidence-claim-card');
    await ben.mouse.move(5, 5);
    await card.waitFor({ state: 'detached' });
    // So does putting the caret in it, for keyboard users.
    await ben.locator('[data-section="objections"] .claim').click();
    await ben.mouse.move(5, 5);
    await expect.poll(() => card.innerText(), POLL).toContain('Legal needs three weeks');
    await ben.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });

    // Deleting Ana's item unlinks it everywhere, and Undo brings both back.
    await board(ana, 'marketing').getByRole('button', { name: /Delete/ }).click();
    await expect.poll(() => claimIn(ben, 'objections').getAttribute('data-evidence-ids'), POLL).toBe(salesId);
    await expect.poll(() => ben.locator('[data-section="objections"] .claim').getAttribute('data-backing'), POLL).toBe('sales');
    await expect.poll(() => balance(ben).getAttribute('data-marketing'), POLL).toBe('0');
    await ana.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => ben.locator('[data-section="objections"] .claim').getAttribute('data-backing'), POLL).toBe('both');
    await expect.poll(() => balance(ben).getAttribute('data-marketing'), POLL).toBe('1');

    // A thread goes back and forth and is resolved.
    await ben.locator('#section-objections').getByRole('button', { name: 'Discuss' }).click();
    const benThreads = ben.getByRole('region', { name: 'Feedback threads' });
    await benThreads.getByLabel('Your message').fill('Is the 38% from enterprise trials only?');
    await benThreads.getByRole('button', { name: 'Start thread' }).click();
    await expect.poll(() => ana.locator('#section-objections [data-open-threads]').getAttribute('data-open-threads'), POLL).toBe('1');
    await ana.getByTestId('tab-threads').click();
    const thread = ana.locator('[data-thread-id]');
    await expect.poll(() => thread.locator('[data-message-side="sales"]').innerText(), POLL).toContain('enterprise trials only');
    await thread.getByLabel('Reply').fill('Yes, 200+ seats. I will split the figure by size.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    const benThread = ben.locator('[data-thread-id]');
    await expect.poll(() => benThread.locator('[data-message-side="marketing"]').innerText(), POLL).toContain('split the figure');
    await screenshot(ana, 'evidence-thread');
    await benThread.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => ana.locator('#section-objections [data-open-threads]').getAttribute('data-open-threads'), POLL).toBe('0');
    await ana.getByRole('button', { name: /Resolved \(1\)/ }).click();
    await expect.poll(() => ana.locator('[data-thread-id]').getAttribute('data-resolved'), POLL).toBe('true');

    await ana.getByTestId('tab-evidence').click();
    await screenshot(ana, 'evidence-board');

    // The persona list shows the balance from the server's index.
    await ana.goto('/');
    const row = ana.locator(`[data-persona-id="${id}"] [data-testid="balance"]`);
    await expect.poll(async () => [await row.getAttribute('data-marketing'), await row.getAttribute('data-sales')], POLL).toEqual(['1', '1']);
    await screenshot(ana, 'home-with-balance');
  });

  it('a CSV of figures comes in after a preview that explains its bad rows', async () => {
    const id = await app.createPersona({ template: 'b2b' });
    const ana = await app.person({ as: ANA });
    await openWorkshop(ana, id);

    await ana.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = ana.getByTestId('import-dialog');
    await dialog.locator('input[type="file"]').setInputFiles(resolve('tests/fixtures/evidence-import.csv'));
    await dialog.locator('[data-row][data-status="invalid"]').first().waitFor();
    expect(await dialog.locator('[data-row][data-status="ready"]').count()).toBe(4);
    const invalid = await dialog.locator('[data-row][data-status="invalid"]').allInnerTexts();
    expect(invalid).toHaveLength(2);
    expect(invalid.join('\n')).toContain('webinar');
    await screenshot(ana, 'import-preview');
    // Nothing is written before the import is confirmed.
    expect(await board(ana, 'marketing').count()).toBe(0);

    await dialog.getByRole('button', { name: 'Import 4 items' }).click();
    await dialog.waitFor({ state: 'detached' });
    await ana.getByText('4 items imported').waitFor();
    await expect.poll(() => ana.locator('[data-evidence-side]').count(), POLL).toBe(4);
    const texts = (await ana.locator('[data-evidence-side]').allInnerTexts()).join('\n');
    expect(texts).toMatch(/[áéíóúñ]/);

  });
});
