import { describe, expect, it, vi } from 'vitest';
import { sectionEditor } from '../helpers/browser.ts';
import { metricValue } from '../helpers/store.ts';
import { ANA, BEN, eventuallyContains, openWorkshop, screenshot, sectionText, typeAtEnd, useApp } from './app.ts';

describe('the live workshop in Chromium', () => {
  const app = useApp();

  it('two people co-edit a section and the profile, and each sees the other in the presence list', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'IT Director' });
    const ana = await app.person({ participant: ANA });
    const ben = await app.person({ participant: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);

    // Presence: each sees both names.
    for (const page of [ana, ben]) {
      const presence = page.getByTestId('presence');
      await expect.poll(() => presence.innerText(), { timeout: 15_000 }).toContain(ANA.name);
      await expect.poll(() => presence.innerText(), { timeout: 15_000 }).toContain(BEN.name);
    }

    // The template was written once, by the server: the same content on both sides, not doubled.
    const summaryA = await sectionText(ana, 'summary');
    expect(summaryA).toContain('Who they are');
    expect(summaryA.split('Who they are').length - 1).toBe(1);

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
    const ana = await app.person({ participant: ANA });
    const ben = await app.person({ participant: BEN });
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
    const ana = await app.person({ participant: ANA });
    const ben = await app.person({ participant: BEN });
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

  it('a viewer sees the persona live but cannot type into it', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'Read me' });
    const editor = await app.person({ participant: ANA });
    const viewer = await app.person({ token: app.server.viewerToken, participant: { name: 'Vera Viewer', side: 'sales', color: '#c2410c' } });
    await openWorkshop(editor, id);
    await openWorkshop(viewer, id);
    await viewer.getByTestId('read-only-notice').waitFor();

    const before = await sectionText(viewer, 'summary');
    const editable = await sectionEditor(viewer, 'summary').getAttribute('contenteditable');
    expect(editable).toBe('false');
    await sectionEditor(viewer, 'summary').click();
    await viewer.keyboard.type('viewer was here');
    expect(await viewer.getByTestId('profile-name').getAttribute('readonly')).not.toBeNull();
    await viewer.getByTestId('profile-name').click();
    await viewer.keyboard.type('viewer was here');

    // The editor's change still arrives live, while the viewer's keys changed nothing anywhere.
    await typeAtEnd(editor, 'summary', ' Live for readers.');
    await eventuallyContains(viewer, 'summary', 'Live for readers.');
    expect(await sectionText(viewer, 'summary')).not.toContain('viewer was here');
    expect(await sectionText(editor, 'summary')).not.toContain('viewer was here');
    expect(before).not.toContain('viewer was here');
    expect(await editor.getByTestId('profile-name').inputValue()).toBe('Read me');
    // The viewer is present, and others see them.
    await expect.poll(() => editor.getByTestId('presence').innerText(), { timeout: 15_000 }).toContain('Vera Viewer');
    await screenshot(viewer, 'workshop-viewer');
  });

  it('Share gives a read-only link that opens this persona read-only in a browser with no token', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'Shared persona' });
    const editor = await app.person({ participant: ANA });
    await openWorkshop(editor, id);
    await editor.getByRole('button', { name: 'Share' }).click();
    const dialog = editor.getByTestId('share-dialog');
    const viewerLink = dialog.locator('[data-role="viewer"] input');
    await viewerLink.waitFor();
    await screenshot(editor, 'share-dialog');
    const url = await viewerLink.inputValue();
    expect(url).toMatch(new RegExp(`/p/${id}\\?token=`));
    expect(await dialog.locator('[data-role="editor"] input').inputValue()).toMatch(new RegExp(`/p/${id}\\?token=`));

    const context = await app.chromium.browser.newContext({ viewport: { width: 1280, height: 900 } });
    app.contexts.push(context);
    const reader = await context.newPage();
    await reader.goto(url);
    await reader.getByTestId('join-dialog').getByLabel('Your name').fill('Rita Reader');
    await reader.getByTestId('join-dialog').getByRole('radio', { name: /Sales/ }).click();
    await reader.getByTestId('join-dialog').getByRole('button', { name: 'Join' }).click();
    await reader.locator('.workshop[data-synced="true"]').waitFor();
    await reader.getByTestId('read-only-notice').waitFor();
    expect(await reader.getByTestId('profile-name').inputValue()).toBe('Shared persona');
    expect(await sectionEditor(reader, 'summary').getAttribute('contenteditable')).toBe('false');
  });
});
