// Live notices (issue 17), two people in two browsers: what one does shows on the other's screen
// as it happens, brief and linked, while the other goes on typing without losing a character.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { replyToThread, startThread } from '../../shared/persona/threads.ts';
import { createClientPool } from '../helpers/clients.ts';
import { ANA, BEN, addEvidenceOnBoard, eventuallyContains, openWorkshop, screenshot, sectionText, typeAtEnd, useApp } from './app.ts';

const POLL = { timeout: 15_000, interval: 100 };
const noticeLinks = (page: Page) => page.locator('.live-notice__link');
const noticeTexts = (page: Page) => noticeLinks(page).allInnerTexts();

describe('live notices, in Chromium', () => {
  const app = useApp();
  const pool = createClientPool();

  it('a sign-off, a publish and an anecdote by one show on the other’s screen while they type', async () => {
    const id = await app.createPersona({ template: 'b2b', name: 'Laura, jefa de compras' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);
    await typeAtEnd(ana, 'objections', 'Too expensive for a small team.');
    await eventuallyContains(ben, 'objections', 'Too expensive for a small team.');

    // Ben types into Pains, a key every 20 ms, from before Ana signs off until both notices are on his screen.
    await typeAtEnd(ben, 'pains', '');
    let typed = '';
    let noticed = false;
    const typing = (async () => {
      for (let n = 0; !noticed || n < 3; n += 1) {
        const word = `word${n} `;
        await ben.keyboard.type(word, { delay: 20 });
        typed += word;
      }
    })();
    // Each notice a link to its place, read as it comes: they go by themselves after a few seconds.
    const shown = async () => Object.fromEntries(await noticeLinks(ben).evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute('href')])));
    await ana.locator('#section-objections [data-signoff-action]').click();
    await expect.poll(shown, POLL).toMatchObject({ 'Ana Marketing signed Objections off': `/p/${id}?section=objections` });
    await ana.getByTestId('publish-button').click();
    const dialog = ana.getByTestId('publish-dialog');
    await dialog.getByTestId('publish-confirm').click();
    await expect.poll(shown, POLL).toMatchObject({ 'Ana Marketing published v1': `/library/${id}?version=1` });
    await ana.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await screenshot(ben, 'live-notices');
    // The notices came while Ben was typing, and took neither his focus nor a character.
    const inPains = () => ben.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document.activeElement?.closest('[data-section="pains"]') != null);
    expect(await inPains()).toBe(true);
    noticed = true;
    await typing;
    expect(typed.length).toBeGreaterThan(20);
    await eventuallyContains(ana, 'pains', typed.trim());
    expect(await sectionText(ben, 'pains')).toContain(typed.trim());
    expect(await ben.getByTestId('live-announcement').innerText()).toBe('Ana Marketing published v1');
    // Nobody is told of their own doing.
    expect(await noticeLinks(ana).count()).toBe(0);

    // The sign-off's link opens the workshop on its section, highlighted.
    await ben.goto(`/p/${id}?section=objections`);
    await ben.locator('#section-objections[data-highlighted="true"]').waitFor();

    // Ben's anecdote reaches Ana; its link opens the board on it.
    await ben.locator('.workshop[data-synced="true"]').waitFor();
    await addEvidenceOnBoard(ben, 'sales', { kind: 'Anecdote', text: 'Laura asked twice about SSO', source: 'Call', section: 'Pains & challenges' });
    await expect.poll(() => noticeTexts(ana), POLL).toEqual(['Ben Sales added 1 sales anecdote to Pains & challenges']);
    const href = (await noticeLinks(ana).first().getAttribute('href')) ?? '';
    expect(href).toMatch(new RegExp(`^/p/${id}\\?section=pains&evidence=[\\w-]+$`));
    // Dismissed by hand.
    await ana.getByRole('button', { name: 'Dismiss' }).click();
    expect(await noticeLinks(ana).count()).toBe(0);
    await ana.goto(href);
    const evidenceId = new URLSearchParams(href.split('?')[1]).get('evidence') ?? '';
    await ana.locator(`[data-evidence-id="${evidenceId}"][data-highlighted="true"]`).waitFor();
  }, 240_000);

  it('a deep link opens the threads on its thread and marks it, and a reply by the other shows live, in Spanish', async () => {
    const id = await app.createPersona({ template: 'b2b' });
    const sam = pool.connect(app.server, id, app.tokens.get(BEN.name) ?? '');
    await sam.synced();
    const thread = startThread(sam.doc, 'goals', { text: 'Is the budget owner the CFO?', author: BEN.name, side: 'sales' });
    const ana = await app.person({ as: ANA, locale: 'es-ES' });
    await ana.goto(`/p/${id}?section=goals&thread=${thread.id}`);
    await ana.locator('.workshop[data-synced="true"]').waitFor();
    await ana.locator(`[data-thread-id="${thread.id}"][data-highlighted="true"]`).waitFor();
    expect(await ana.getByTestId('tab-threads').getAttribute('aria-selected')).toBe('true');
    replyToThread(sam.doc, thread.id, { text: 'Yes, and the COO signs', author: BEN.name, side: 'sales' });
    await expect.poll(() => noticeTexts(ana), POLL).toEqual(['Ben Sales respondió en Objetivos']);
    expect(await noticeLinks(ana).first().getAttribute('href')).toBe(`/p/${id}?section=goals&thread=${thread.id}`);
    pool.destroyAll();
  });
});
