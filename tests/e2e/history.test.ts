import { describe, expect, it } from 'vitest';
import { ANA, BEN, eventuallyContains, openWorkshop, screenshot, sectionText, typeAtEnd, useApp } from './app.ts';
import { sectionEditor } from '../helpers/browser.ts';

const POLL = { timeout: 15_000, interval: 100 };

describe('history and restore (SPEC §7), in Chromium', () => {
  const app = useApp();

  it('[§7] opens History, sees a checkpoint beside the draft, restores it, and the text comes back for everyone', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'María, directora financiera' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);
    await typeAtEnd(ana, 'summary', ' La señora Núñez decide con datos.');
    await eventuallyContains(ben, 'summary', 'señora Núñez');

    // A publish keeps the draft as a checkpoint first.
    const published = await fetch(`${app.server.url}/api/personas/${id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.server.editorToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(published.status).toBe(201);

    // Ben empties the summary.
    const summary = sectionEditor(ben, 'summary');
    await summary.click();
    await ben.keyboard.press('Control+A');
    await ben.keyboard.press('Delete');
    await expect.poll(() => sectionText(ana, 'summary'), POLL).not.toContain('señora Núñez');

    // Ana opens History and the checkpoint taken before the publish, with the keyboard.
    await ana.getByTestId('tab-history').click();
    const history = ana.getByTestId('history');
    const entry = history.locator('[data-checkpoint-kind="publish"]').first();
    await entry.waitFor();
    expect(await entry.innerText()).toContain('Before a publish');
    expect(await entry.innerText()).toContain('Ana Marketing');
    await screenshot(ana, 'history-list');
    await entry.focus();
    await ana.keyboard.press('Enter');
    const view = ana.getByTestId('history-view');
    await view.getByTestId('history-content').waitFor();
    expect(await view.locator('[data-history-section="summary"]').innerText()).toContain('señora Núñez');
    // What changed since then, per section: the summary's lost line.
    await expect.poll(() => view.locator('[data-changed-section="summary"]').innerText(), POLL).toContain('señora Núñez');
    await screenshot(ana, 'history-checkpoint');

    await view.getByTestId('history-restore').click();
    const confirm = ana.getByTestId('confirm-restore');
    expect(await confirm.innerText()).toMatch(/undo this by restoring that checkpoint/);
    await screenshot(ana, 'history-confirm');
    await confirm.getByRole('button', { name: 'Restore' }).click();
    await confirm.waitFor({ state: 'detached' });

    // Back, live, on both screens; the list now starts with the checkpoint that undoes it.
    await eventuallyContains(ana, 'summary', 'señora Núñez');
    await eventuallyContains(ben, 'summary', 'señora Núñez');
    await ana.getByTestId('history-restored').waitFor();
    await expect.poll(() => history.locator('[data-checkpoint-kind]').first().getAttribute('data-checkpoint-kind'), POLL).toBe('restore');
    await screenshot(ana, 'history-restored');
  });
});
