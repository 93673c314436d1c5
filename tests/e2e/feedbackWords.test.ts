// Issue 17 in Chromium, one browser per team: a comment on selected words stays on them while the
// other team edits around them, mentions a member picked from the directory, and says so once the
// words are deleted.
import type { Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { ANA, BEN, eventuallyContains, openWorkshop, screenshot, sectionText, selectWords, typeAtEnd, useApp } from './app.ts';

const SENTENCE = 'Buyers want a cheap plan for small teams.';
const WORDS = 'cheap plan';

/** The words highlighted as commented on, in a section. */
function highlighted(page: Page, section: string): Promise<string> {
  return page.locator(`[data-section="${section}"] .thread-anchor`).evaluateAll((spans) => spans.map((span) => span.textContent ?? '').join(''));
}

describe('[issue 17] comments on words and mentions, in two browsers', () => {
  const app = useApp();

  it('a comment on selected words survives the other team’s edits around them, names a mentioned member, and says when the words are deleted', async () => {
    const id = await app.createPersona({ template: 'blank', name: 'Ops lead' });
    const ana = await app.person({ as: ANA });
    const ben = await app.person({ as: BEN });
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);
    await typeAtEnd(ana, 'pains', SENTENCE);
    await eventuallyContains(ben, 'pains', SENTENCE);

    // Ana selects the words; the bubble menu offers Comment; the composer shows the words.
    await selectWords(ana, 'pains', WORDS);
    await ana.getByTestId('comment-on-words').click();
    const onWords = ana.getByTestId('compose-on-words');
    await onWords.waitFor();
    expect(await onWords.locator('blockquote').innerText()).toBe(WORDS);

    // `@` opens the member picker: typing narrows it, Enter picks Ben.
    const composer = ana.getByRole('combobox', { name: 'Your message' });
    await expect.poll(() => composer.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    await ana.keyboard.type('Cheap compared to what? @be');
    const picker = ana.getByRole('listbox', { name: 'People and teams to mention' });
    await picker.waitFor();
    await picker.getByRole('option', { name: /Ben Sales/ }).waitFor();
    await screenshot(ana, 'feedback-mention-picker');
    await ana.keyboard.press('Enter');
    expect(await composer.inputValue()).toBe('Cheap compared to what? @Ben Sales ');
    await ana.keyboard.type('can you check?');
    await ana.keyboard.press('Control+Enter');

    // The thread: highlighted on both pages, listed with its quote, the mention read as the name.
    for (const page of [ana, ben]) {
      await expect.poll(() => highlighted(page, 'pains'), { timeout: 15_000 }).toBe(WORDS);
    }
    const card = ana.locator('article.thread[data-anchor="live"]');
    await card.waitFor();
    expect(await card.locator('.thread__quote').innerText()).toBe(WORDS);
    expect(await card.locator('.mention--member').innerText()).toBe('@Ben Sales');
    await screenshot(ana, 'feedback-comment-on-words');

    // The server read the mention from the text as Ben's member id, and the thread as Ana's.
    const me = await fetch(`${app.server.url}/api/me`, { headers: { authorization: `Bearer ${app.tokens.get(BEN.name) ?? ''}` } });
    const benId = ((await me.json()) as { member: { id: string } }).member.id;
    await vi.waitFor(
      async () => {
        const response = await fetch(`${app.server.url}/api/personas/${id}/activity`, { headers: { authorization: `Bearer ${app.server.editorToken}` } });
        const { events } = (await response.json()) as { events: { type: string; member: { name: string } | null; detail: Record<string, unknown> }[] };
        const started = events.find((event) => event.type === 'thread-started');
        expect(started?.member?.name).toBe(ANA.name);
        expect(started?.detail).toMatchObject({ section: 'pains', quote: WORDS, mentions: [{ kind: 'member', id: benId }] });
      },
      { timeout: 15_000, interval: 200 },
    );

    // Ben (sales) types right before and right after the words, and at the start: the comment stays on them.
    await selectWords(ben, 'pains', WORDS, 'start');
    await ben.keyboard.type('very ');
    await selectWords(ben, 'pains', WORDS, 'end');
    await ben.keyboard.type(' (monthly)');
    await selectWords(ben, 'pains', 'Buyers', 'start');
    await ben.keyboard.type('In short: ');
    const edited = 'In short: Buyers want a very cheap plan (monthly) for small teams.';
    await eventuallyContains(ana, 'pains', edited);
    for (const page of [ana, ben]) {
      await expect.poll(() => highlighted(page, 'pains'), { timeout: 15_000 }).toBe(WORDS);
    }
    // Ana types elsewhere in the section: still on the same words.
    await typeAtEnd(ana, 'pains', ' Ana adds a line.');
    await eventuallyContains(ben, 'pains', 'Ana adds a line.');
    expect(await highlighted(ana, 'pains')).toBe(WORDS);
    expect(await highlighted(ben, 'pains')).toBe(WORDS);

    // Ben deletes the words: Ana's thread says so, keeps the quote, and nothing is highlighted.
    await selectWords(ben, 'pains', `very ${WORDS} `);
    await ben.keyboard.press('Backspace');
    await vi.waitFor(async () => expect(await sectionText(ana, 'pains')).toContain('want a (monthly)'), { timeout: 15_000, interval: 100 });
    const gone = ana.locator('article.thread[data-anchor="deleted"]');
    await gone.waitFor({ timeout: 15_000 });
    expect(await gone.innerText()).toContain('The text this comment was on was deleted.');
    expect(await gone.locator('.thread__quote').innerText()).toBe(WORDS);
    expect(await highlighted(ana, 'pains')).toBe('');
    await screenshot(ana, 'feedback-deleted-anchor');
  }, 180_000);
});
