import { describe, expect, it } from 'vitest';
import { openWorkshop, readLocalStorage, screenshot, useApp } from './app.ts';

describe('members, from the first admin’s link to a removed person signed out', () => {
  const app = useApp();

  it('[§6] the admin invites Ana on the Members page; her link opens the workshop as her; removing her signs her out at once', async () => {
    // The first admin's link, as the first start prints it.
    const adminContext = await app.chromium.browser.newContext({ baseURL: app.server.url, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    app.contexts.push(adminContext);
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
    const admin = await adminContext.newPage();
    await admin.goto(`/?token=${app.server.people.admin.token}`);
    await admin.getByTestId('persona-list-empty').waitFor();
    expect(await admin.getByTestId('account-name').innerText()).toBe('Admin');
    expect(await readLocalStorage(admin, 'tandem.user')).toBeNull();

    await admin.getByTestId('nav-members').click();
    await admin.waitForURL('**/members');
    await admin.getByTestId('members-table').waitFor();
    await screenshot(admin, 'members-page');

    // Invite Ana, a marketing editor, and copy her link: it is shown once.
    const invite = admin.getByRole('form', { name: 'Invite a person' });
    await invite.getByLabel('Name').fill('Ana');
    await invite.getByLabel('Role').selectOption('editor');
    await invite.getByLabel('Team').selectOption('marketing');
    await invite.getByLabel(/Email/).fill('ana@example.com');
    await invite.getByRole('button', { name: 'Invite and make their link' }).click();
    const reveal = admin.getByTestId('link-reveal');
    await reveal.waitFor();
    await reveal.getByTestId('link-reveal-copy').click();
    await reveal.getByText('Copied').waitFor();
    const link = await admin.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
    expect(link).toBe(await reveal.getByTestId('link-reveal-url').inputValue());
    expect(link).toMatch(/\/\?token=[\w-]+\.[\w-]+\.[\w-]+$/);
    await admin.locator('[data-testid="member-row"][data-member="Ana"]').waitFor();
    await screenshot(admin, 'members-invited');

    // Ana's link opens the app as her; in the workshop, presence shows the name the server knows.
    const id = await app.createPersona({ template: 'b2b', name: 'Operations lead' });
    const anaContext = await app.chromium.browser.newContext({ baseURL: app.server.url, locale: 'en-US', viewport: { width: 1280, height: 900 } });
    app.contexts.push(anaContext);
    const ana = await anaContext.newPage();
    await ana.goto(link);
    await ana.getByTestId('persona-list').waitFor();
    expect(await ana.getByTestId('account-name').innerText()).toBe('Ana');
    await openWorkshop(ana, id);
    await expect.poll(() => ana.getByTestId('presence').innerText()).toContain('Ana');
    expect(await ana.getByTestId('join-dialog').count()).toBe(0);
    await screenshot(ana, 'members-ana-workshop');

    // The admin removes Ana (after confirming); her open workshop says she is signed out within seconds.
    const row = admin.locator('[data-testid="member-row"][data-member="Ana"]');
    await row.getByRole('button', { name: 'Remove Ana' }).click();
    const confirm = admin.getByTestId('confirm-remove');
    await confirm.waitFor();
    await screenshot(admin, 'members-confirm-remove');
    const removedAt = Date.now();
    await confirm.getByRole('button', { name: 'Remove Ana' }).click();
    await ana.locator('[data-testid="access-screen"][data-reason="unauthorized"]').waitFor({ timeout: 3000 });
    const signedOutAfter = Date.now() - removedAt;
    expect(signedOutAfter).toBeLessThan(3000);
    expect(await ana.getByTestId('access-screen').innerText()).toContain('You are signed out');
    await screenshot(ana, 'members-ana-signed-out');
    await row.waitFor({ state: 'detached' });

    // The admin signs out: the link is forgotten here, and the access screen follows.
    await admin.getByTestId('account').click();
    await admin.getByTestId('sign-out').click();
    await admin.locator('[data-testid="access-screen"][data-reason="no-token"]').waitFor();
    expect(await readLocalStorage(admin, 'tandem.token')).toBeNull();
  });
});
