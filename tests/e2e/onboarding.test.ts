import { describe, expect, it } from 'vitest';
import { BEN, documentLanguage, readLocalStorage, screenshot, sectionGuidance, sectionText, useApp } from './app.ts';

describe('a new user, from the printed link to a live persona', () => {
  const app = useApp();

  it('opens a member’s link, creates a persona from the template, and is in under the name the server knows', async () => {
    const context = await app.chromium.browser.newContext({ baseURL: app.server.url, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    app.contexts.push(context);
    const page = await context.newPage();
    await page.goto(`/?token=${app.server.editorToken}`);

    // The token is kept, as the raw JWT, and taken out of the address bar.
    await page.getByTestId('persona-list-empty').waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await readLocalStorage(page, 'tandem.token')).toBe(app.server.editorToken);
    await screenshot(page, 'home-empty');

    await page.getByTestId('new-persona').click();
    await page.getByTestId('create-dialog').waitFor();
    await page.getByLabel('Name (optional)').fill('Operations lead');
    await screenshot(page, 'create-dialog');
    await page.getByRole('button', { name: 'Create and open' }).click();
    await page.waitForURL(/\/p\/[A-Za-z0-9_-]+$/);

    // A member is who the server says (SPEC §4): no dialog asks, and nothing is kept in tandem.user.
    await page.locator('.workshop[data-synced="true"]').waitFor();
    await page.locator('[data-testid="connection"][data-status="connected"]').waitFor();
    expect(await page.getByTestId('join-dialog').count()).toBe(0);
    expect(await readLocalStorage(page, 'tandem.user')).toBeNull();
    expect(await page.getByTestId('profile-name').inputValue()).toBe('Operations lead');
    // The template's prompts are guidance, not content (issue 13).
    expect(await sectionText(page, 'summary')).toBe('');
    await expect.poll(() => sectionGuidance(page, 'summary'), { timeout: 15_000 }).toContain('Who they are');
    expect(await page.getByTestId('presence').innerText()).toContain('Mara Marketing');
    expect(await page.getByTestId('account-name').innerText()).toBe('Mara Marketing');

    // Home lists it, and search finds it by name, accents or not.
    await page.getByRole('link', { name: /Tandem/ }).click();
    const card = page.locator('.persona-card', { hasText: 'Operations lead' });
    await card.waitFor();
    await page.getByPlaceholder('Search by name').fill('operations');
    await card.waitFor();
    await page.getByPlaceholder('Search by name').fill('nothing like it');
    await page.getByText(/matches/).waitFor();
    await page.getByPlaceholder('Search by name').fill('');
    await screenshot(page, 'home-list');
    await card.click();
    await page.locator('.workshop[data-synced="true"]').waitFor();
  });

  it('[§4] an operator token states a name and side in the join dialog before the workshop opens', async () => {
    const id = await app.createPersona();
    const page = await app.person({ token: app.server.operatorToken });
    await page.goto(`/p/${id}`);
    const dialog = page.getByTestId('join-dialog');
    await dialog.waitFor();
    await screenshot(page, 'join-dialog');
    // Both fields are needed; Escape does not skip the dialog.
    await dialog.getByRole('button', { name: 'Join' }).click();
    await dialog.getByRole('alert').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor();
    await dialog.getByLabel('Your name').fill('Marta');
    await dialog.getByRole('radio', { name: /Marketing/ }).click();
    await dialog.getByRole('button', { name: 'Join' }).click();

    await page.locator('.workshop[data-synced="true"]').waitFor();
    const stored = JSON.parse((await readLocalStorage(page, 'tandem.user')) ?? 'null') as Record<string, unknown>;
    expect(stored).toMatchObject({ name: 'Marta', side: 'marketing' });
    expect(stored['color']).toMatch(/^#[0-9a-f]{6}$/i);
    expect(await page.getByTestId('presence').innerText()).toContain('Marta');
  });

  it('a refused link gets a clear screen and never opens a socket (401 from /api/me)', async () => {
    const id = await app.createPersona();
    const page = await app.person({ token: 'not-a-real-token' });
    let sockets = 0;
    page.on('websocket', () => {
      sockets += 1;
    });
    // A fake clock lets the test run two minutes of reconnect timers at once instead of waiting.
    await page.clock.install();
    await page.goto(`/p/${id}`);
    await page.locator('[data-testid="access-screen"][data-reason="unauthorized"]').waitFor();
    await screenshot(page, 'access-unauthorized');
    await page.clock.runFor(120_000);
    await page.evaluate(() => 0);
    expect(sockets).toBe(0);
    await page.locator('[data-testid="access-screen"][data-reason="unauthorized"]').waitFor();
  });

  it('[S2] a viewer following a workshop link is shown the library instead, and told when it was never published', async () => {
    const page = await app.person({ token: app.server.viewerToken });
    let sockets = 0;
    page.on('websocket', () => {
      sockets += 1;
    });
    await page.goto('/p/no-such-persona');
    await page.getByTestId('reader-screen').waitFor();
    await screenshot(page, 'reader-screen');
    await page.getByTestId('reader-library-link').click();
    await page.waitForURL('**/library/no-such-persona');
    await page.getByTestId('library-not-found').waitFor();
    expect(sockets).toBe(0);
  });

  it('speaks Spanish to a Spanish browser, and switches to English on request', async () => {
    const page = await app.person({ as: BEN, locale: 'es-ES' });
    await page.goto('/');
    await page.getByRole('button', { name: 'Nuevo buyer persona' }).click();
    await page.getByRole('button', { name: 'Crear y abrir' }).click();
    await page.locator('.workshop[data-synced="true"]').waitFor();
    await page.getByText('Proceso de compra').first().waitFor();
    // The template's prompts come in the facilitator's language.
    await expect.poll(() => sectionGuidance(page, 'summary'), { timeout: 15_000 }).toContain('Quién es');
    expect(await page.getByTestId('profile-name').inputValue()).toBe('Nuevo comprador B2B');
    expect(await page.getByTestId('connection').innerText()).toContain('En directo');
    await screenshot(page, 'workshop-es');
    await page.getByRole('button', { name: 'Idioma' }).click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await page.getByText('Buying process').first().waitFor();
    expect(await documentLanguage(page)).toBe('en');
  });
});
