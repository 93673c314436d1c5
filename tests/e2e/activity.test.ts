import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ANA, BEN, addEvidenceOnBoard, openWorkshop, screenshot, typeAtEnd, useApp } from './app.ts';

const POLL = { timeout: 15_000, interval: 200 };

/** The Activity tab's events as a person reads them, newest first. */
const activityRows = (page: Page) => page.getByTestId('activity').locator('.activity__event').allInnerTexts();

describe('[§7] the Activity tab, in Chromium', () => {
  const app = useApp();

  it('names who did what, newest first, by day, in either language; an edit leads to its section', async () => {
    const id = await app.createPersona({ template: 'blank', name: 'Carla, CFO' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN, locale: 'es-ES' });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);

    await typeAtEnd(ana, 'goals', 'Cerrar el trimestre sin sorpresas');
    await addEvidenceOnBoard(ana, 'marketing', { kind: 'Metric', text: 'El 62 % compara precios en la web', source: 'GA4', section: 'Goals' });
    await typeAtEnd(ben, 'pains', 'Demasiadas hojas de cálculo');

    await ana.getByTestId('tab-activity').click();
    await expect
      .poll(async () => (await activityRows(ana)).join('\n'), POLL)
      .toMatch(/Ben Sales[\s\S]*edited Pains & challenges[\s\S]*Ana Marketing[\s\S]*added evidence \(Metric\)[\s\S]*El 62 % compara precios[\s\S]*Ana Marketing[\s\S]*edited Goals/);
    const rows = await activityRows(ana);
    expect(rows.at(-1)).toMatch(/Mara Marketing[\s\S]*created the persona/);
    expect(await ana.getByTestId('activity').locator('.activity__day-title').allTextContents()).toEqual(['Today']);
    await screenshot(ana, 'workshop-activity');

    // The same events in Spanish for Ben, who then follows one to its section by keyboard.
    await ben.getByTestId('tab-activity').click();
    await expect.poll(async () => (await activityRows(ben)).join('\n'), POLL).toMatch(/Ana Marketing[\s\S]*editó Objetivos/);
    expect((await activityRows(ben)).join('\n')).toMatch(/creó el buyer persona/);
    await screenshot(ben, 'workshop-activity-es');
    const goals = ben.getByTestId('activity').getByRole('button', { name: /editó Objetivos/ });
    await goals.focus();
    await ben.keyboard.press('Enter');
    await expect
      .poll(() => ben.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('[data-section="goals"]') != null), POLL)
      .toBe(true);

    // The persona list says who changed it last: Ben typed last.
    await ana.goto('/');
    const card = ana.locator(`[data-persona-id="${id}"]`);
    await expect.poll(() => card.locator('.persona-card__updated').innerText(), POLL).toMatch(/^Changed by Ben Sales · /);
    await screenshot(ana, 'home-changed-by');
  });
});
