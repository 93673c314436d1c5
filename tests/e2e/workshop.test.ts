import { describe, expect, it, vi } from 'vitest';
import { sectionEditor } from '../helpers/browser.ts';
import { metricValue } from '../helpers/store.ts';
import { ANA, BEN, eventuallyContains, openWorkshop, screenshot, sectionGuidance, sectionText, typeAtEnd, useApp } from './app.ts';

describe('the live workshop in Chromium', () => {
  const app = useApp();

  it('two people co-edit a section and the profile, and each sees the other in the presence list', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'IT Director' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);

    // Presence: each sees both names.
    for (const page of [ana, ben]) {
      const presence = page.getByTestId('presence');
      await expect.poll(() => presence.innerText(), { timeout: 15_000 }).toContain(ANA.name);
      await expect.poll(() => presence.innerText(), { timeout: 15_000 }).toContain(BEN.name);
    }

    // The template writes no content (issue 13): both see an empty summary showing its guidance.
    for (const page of [ana, ben]) {
      expect(await sectionText(page, 'summary')).toBe('');
      await expect.poll(() => sectionGuidance(page, 'summary'), { timeout: 15_000 }).toContain('Who they are');
    }

    await typeAtEnd(ana, 'summary', ' Ana writes about budgets.');
    await typeAtEnd(ben, 'objections', ' Ben hears “too expensive”.');
    await eventuallyContains(ben, 'summary', 'Ana writes about budgets.');
    await eventuallyContains(ana, 'objections', 'Ben hears “too expensive”.');

    // Ben sees Ana's caret labelled with her name while she is in the summary.
    await sectionEditor(ana, 'summary').click();
    await expect.poll(() => ben.locator('[data-section="summary"] .collab-caret__label').allInnerTexts(), { timeout: 15_000 }).toContain(ANA.name);
    // And the presence list says where she is.
    await ben.getByTestId('presence').getByRole('button', { name: 'Summary' }).waitFor();

    // The profile is shared too.
    const nameA = ana.getByTestId('profile-name');
    await nameA.fill('Dana, IT Director');
    await expect.poll(() => ben.getByTestId('profile-name').inputValue(), { timeout: 15_000 }).toBe('Dana, IT Director');
    await ben.getByLabel('Segment').fill('Manufacturing, 500–2,000 staff');
    await expect.poll(() => ana.getByLabel('Segment').inputValue(), { timeout: 15_000 }).toBe('Manufacturing, 500–2,000 staff');

    await screenshot(ana, 'workshop-marketing');
    await screenshot(ben, 'workshop-sales');

    // A reload keeps everything, from the server.
    await ben.reload();
    await openWorkshop(ben, id);
    expect(await sectionText(ben, 'summary')).toContain('Ana writes about budgets.');
    expect(await sectionText(ben, 'objections')).toContain('Ben hears “too expensive”.');
    expect(await ben.getByTestId('profile-name').inputValue()).toBe('Dana, IT Director');

    // And the server has it stored: the persona list shows the new name.
    await vi.waitFor(async () => {
      const fresh = (await (
        await fetch(`${app.server.url}/api/personas`, { headers: { authorization: `Bearer ${app.server.editorToken}` } })
      ).json()) as { personas: { id: string; name: string }[] };
      expect(fresh.personas.find((p) => p.id === id)?.name).toBe('Dana, IT Director');
    });
  });

  it('opening a workshop writes nothing into the persona (regression: the trailing-node paragraph)', async () => {
    const id = await app.createPersona({ template: 'b2b' });
    const updatesBefore = await metricValue(app.server.url, 'tandem_updates_total');
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);
    // Both have rendered every section and seen each other.
    await expect.poll(() => ana.getByTestId('presence').innerText(), { timeout: 15_000 }).toContain(BEN.name);
    await ana.reload();
    await openWorkshop(ana, id);
    expect(await metricValue(app.server.url, 'tandem_updates_total')).toBe(updatesBefore);
  });

  it('undo reverts only my own changes, never the other person’s', async () => {
    const id = await app.createPersona({ template: 'blank' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);

    await typeAtEnd(ben, 'goals', 'Ben keeps this.');
    await eventuallyContains(ana, 'goals', 'Ben keeps this.');
    await typeAtEnd(ana, 'goals', ' Ana undoes this.');
    await eventuallyContains(ben, 'goals', 'Ana undoes this.');

    await ana.getByRole('button', { name: /Undo your last change/ }).click();
    await vi.waitFor(async () => expect(await sectionText(ben, 'goals')).not.toContain('Ana undoes this.'), { timeout: 15_000 });
    expect(await sectionText(ana, 'goals')).toContain('Ben keeps this.');
    expect(await sectionText(ben, 'goals')).toContain('Ben keeps this.');

    await ana.getByRole('button', { name: /Redo/ }).click();
    await eventuallyContains(ben, 'goals', 'Ana undoes this.');
  });

  it('Share: an admin makes a reader link that opens the persona in the library, in a browser with no token', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'Shared persona' });
    const published = await fetch(`${app.server.url}/api/personas/${id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.server.editorToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(published.status).toBe(201);

    // An editor shares the address with colleagues who are members; an admin invites new people.
    const editor = await app.person({ as: ANA });
    await openWorkshop(editor, id);
    await editor.getByRole('button', { name: 'Share' }).click();
    const editorDialog = editor.getByTestId('share-dialog');
    await editorDialog.getByTestId('share-admin-invites').waitFor();
    expect(await editorDialog.locator('[data-testid="share-address"] input').inputValue()).toBe(`${app.server.url}/p/${id}`);
    await screenshot(editor, 'share-dialog-editor');

    const admin = await app.person({ token: app.server.adminToken });
    await openWorkshop(admin, id);
    await admin.getByRole('button', { name: 'Share' }).click();
    const dialog = admin.getByTestId('share-dialog');
    await dialog.getByRole('tab', { name: 'Reader link' }).click();
    await dialog.getByLabel('Where it will be posted').fill('Sales all-hands');
    await dialog.getByRole('button', { name: 'Make a reader link' }).click();
    const link = dialog.getByTestId('link-reveal-url');
    await link.waitFor();
    await screenshot(admin, 'share-dialog');
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`/library/${id}\\?token=`));

    const context = await app.chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    app.contexts.push(context);
    const reader = await context.newPage();
    await reader.goto(url);
    const view = reader.getByTestId('library-persona');
    await view.getByRole('heading', { name: 'Shared persona' }).waitFor();
    // Read-only: no editor anywhere, and the token left the address bar.
    expect(await reader.locator('[contenteditable="true"]').count()).toBe(0);
    expect(reader.url()).not.toContain('token=');
  });
});
