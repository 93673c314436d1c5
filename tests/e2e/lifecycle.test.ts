import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sectionEditor } from '../helpers/browser.ts';
import { ANA, openWorkshop, screenshot, sectionGuidance, sectionText, typeAtEnd, useApp } from './app.ts';

const POLL = { timeout: 15_000, interval: 100 };

const PROMPTS = {
  en: ['Two or three sentences a new sales rep could repeat', 'Who they are', 'What do they say when they push back'],
  es: ['Dos o tres frases que un comercial nuevo pueda repetir', 'Quién es', '¿Qué dice cuando pone pegas?'],
} as const;

/** Every page's text of a PDF, as a reader extracts it. */
async function pdfText(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(await response.arrayBuffer()) }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('') + '\n';
  }
  return text;
}

const card = (page: Page, id: string) => page.locator('.persona-entry', { has: page.locator(`[data-persona-id="${id}"]`) });

describe('issue 13 in Chromium: a template that guides, archive and trash, a link to nothing', () => {
  const app = useApp();

  for (const [locale, language] of [['en-US', 'en'], ['es-ES', 'es']] as const) {
    it(`[${language}] a B2B persona shows its guidance as placeholders: not content, not counted, not signable, not published or printed`, async () => {
      const id = await app.createPersona({ template: 'b2b', name: `Guided ${language}` });
      const page = await app.person({ as: ANA, locale });
      await openWorkshop(page, id);

      for (const [i, prompt] of PROMPTS[language].entries()) {
        const key = i === 2 ? 'objections' : 'summary';
        await expect.poll(() => sectionGuidance(page, key), POLL).toContain(prompt);
        expect(await sectionText(page, key)).toBe('');
      }
      const role = page.locator('[data-field="role"]');
      expect(await role.inputValue()).toBe('');
      expect(await role.getAttribute('placeholder')).toBe(language === 'en' ? 'e.g. Head of Operations' : 'p. ej. Director/a de Operaciones');
      // Guidance is never an assumption, and a section holding only guidance cannot be signed off.
      expect(await page.getByTestId('assumption-count').count()).toBe(0);
      expect(await page.locator('#section-goals [data-testid="not-started"]').count()).toBe(1);
      expect(await page.locator('#section-goals [data-signoff-action]').isDisabled()).toBe(true);
      await screenshot(page, `lifecycle-guidance-${language}`);

      // Writing in a section replaces its guidance with content: it can be signed now.
      await typeAtEnd(page, 'summary', language === 'en' ? 'Runs a lean finance team.' : 'Dirige un equipo financiero pequeño.');
      await expect.poll(() => sectionGuidance(page, 'summary'), POLL).toBe('');
      expect(await page.locator('#section-summary [data-signoff-action]').isDisabled()).toBe(false);

      await page.getByTestId('publish-button').click();
      const dialog = page.getByTestId('publish-dialog');
      const notStarted = await dialog.locator('[data-check="notStarted"]').innerText();
      expect(notStarted).toContain(language === 'en' ? 'Not started' : 'Sin empezar');
      expect(notStarted).toContain(language === 'en' ? 'Objections' : 'Objeciones');
      expect(notStarted).not.toContain(language === 'en' ? 'Summary' : 'Resumen');
      await screenshot(page, `lifecycle-publish-not-started-${language}`);
      await dialog.getByTestId('publish-confirm').click();
      await dialog.getByTestId('published-link').waitFor();

      const reader = await app.person({ token: app.server.viewerToken, locale });
      await reader.goto(`/library/${id}`);
      const view = reader.getByTestId('library-persona');
      await view.waitFor();
      await expect.poll(() => view.innerText(), POLL).toContain(`Guided ${language}`);
      const published = await view.innerText();
      for (const prompt of PROMPTS[language]) expect(published).not.toContain(prompt);
      expect(published).not.toContain(language === 'en' ? 'Head of Operations' : 'Director/a de Operaciones');

      const pdf = await pdfText(await fetch(`${app.server.url}/api/library/${id}/export.pdf?lang=${language}&token=${app.server.viewerToken}`));
      expect(pdf).toContain(`Guided ${language}`);
      for (const prompt of PROMPTS[language]) expect(pdf).not.toContain(prompt);
    });
  }

  it('an editor archives a persona from the workshop: it leaves the list, opens read-only with a banner, and Unarchive brings it back', async () => {
    const id = await app.createPersona({ template: 'blank', name: 'Shelved persona' });
    const page = await app.person({ as: ANA });
    await openWorkshop(page, id);
    await typeAtEnd(page, 'summary', 'Written before the archive.');
    expect(await page.getByTestId('publish-button').count()).toBe(1);
    // Published once, so that its history holds a checkpoint (taken before the publish).
    const published = await fetch(`${app.server.url}/api/personas/${id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.server.editorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: '' }),
    });
    expect(published.status).toBe(201);
    await page.getByTestId('archive-persona').click();
    await page.getByTestId('archived-banner').waitFor();
    await expect.poll(() => sectionEditor(page, 'summary').getAttribute('contenteditable'), POLL).toBe('false');
    // Read-only everywhere (§7): nothing offers to publish it (the server would answer 409).
    expect(await page.getByTestId('publish-button').count()).toBe(0);
    // …nor to restore a checkpoint into its draft.
    await page.getByTestId('tab-history').click();
    await page.getByTestId('history').locator('[data-checkpoint-kind="publish"]').first().click();
    await page.getByTestId('history-view').getByTestId('history-content').waitFor();
    expect(await page.getByTestId('history-restore').count()).toBe(0);
    expect(await page.getByTestId('profile-name').getAttribute('readonly')).not.toBeNull();
    await screenshot(page, 'lifecycle-archived-workshop');

    await page.goto('/');
    await page.getByTestId('persona-list').waitFor();
    expect(await card(page, id).count()).toBe(0);
    await page.locator('[data-view="archived"]').click();
    await page.locator('[data-testid="persona-list"][data-view="archived"]').waitFor();
    await card(page, id).waitFor();
    await screenshot(page, 'lifecycle-archived-list');
    await card(page, id).getByTestId('persona-menu').click();
    await page.locator('[data-action="unarchive"]').click();
    await expect.poll(() => card(page, id).count(), POLL).toBe(0);

    await openWorkshop(page, id);
    expect(await page.getByTestId('archived-banner').count()).toBe(0);
    await expect.poll(() => sectionEditor(page, 'summary').getAttribute('contenteditable'), POLL).toBe('true');
    expect(await sectionText(page, 'summary')).toContain('Written before the archive.');
    expect(await page.getByTestId('publish-button').count()).toBe(1);
  });

  it('an admin moves a persona to the trash after a confirm that says when it is erased, an open workshop closes, and Restore brings it back', async () => {
    const id = await app.createPersona({ template: 'blank', name: 'Binned persona' });
    const editor = await app.person({ as: ANA });
    await openWorkshop(editor, id);
    const admin = await app.person({ token: app.server.adminToken });
    await admin.goto('/');
    await card(admin, id).waitFor();
    await card(admin, id).getByTestId('persona-menu').click();
    await admin.locator('[data-action="trash"]').click();
    const confirm = admin.getByTestId('confirm-trash');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('30 days');
    await screenshot(admin, 'lifecycle-confirm-trash');
    await confirm.getByRole('button', { name: 'Move to trash' }).click();
    await expect.poll(() => card(admin, id).count(), POLL).toBe(0);

    // The editor's open workshop is closed out: the persona is no longer there.
    await editor.getByText('This persona does not exist (or was deleted)').waitFor({ timeout: 15_000 });

    await admin.locator('[data-view="trash"]').click();
    const entry = card(admin, id);
    await entry.waitFor();
    expect(await entry.getByTestId('trash-entry').innerText()).toMatch(/Erased for good on/);
    // Its card opens nothing: the workshop would only say it does not exist.
    expect(await entry.locator('a').count()).toBe(0);
    await screenshot(admin, 'lifecycle-trash');
    await entry.getByTestId('restore-persona').click();
    await expect.poll(() => card(admin, id).count(), POLL).toBe(0);
    await admin.locator('[data-view="drafts"]').click();
    await card(admin, id).waitFor();
  });

  it('a link to a persona that does not exist says so, in both languages, and offers to create one or go to the list', async () => {
    const before = await (await fetch(`${app.server.url}/api/personas`, { headers: { authorization: `Bearer ${app.server.editorToken}` } })).text();
    const page = await app.person({ as: ANA });
    await page.goto('/p/no-such-persona');
    await page.getByText('This persona does not exist (or was deleted)').waitFor();
    await page.getByRole('button', { name: 'Create a new persona' }).waitFor();
    await page.getByRole('link', { name: 'Go to the persona list' }).waitFor();
    await screenshot(page, 'lifecycle-missing-persona');
    const spanish = await app.person({ as: ANA, locale: 'es-ES' });
    await spanish.goto('/p/no-such-persona');
    await spanish.getByText('Esta persona no existe (o se ha borrado)').waitFor();
    await spanish.getByRole('button', { name: 'Crear una persona nueva' }).waitFor();
    const after = await (await fetch(`${app.server.url}/api/personas`, { headers: { authorization: `Bearer ${app.server.editorToken}` } })).text();
    expect(JSON.parse(after)).toEqual(JSON.parse(before));
    await page.getByRole('link', { name: 'Go to the persona list' }).click();
    await page.getByTestId('persona-list').waitFor();
  });
});
