// Issue 17's "done when", in two browsers: a marketing analyst's question on a specific claim
// reaches the sales rep it mentions live (the bell, without a reload) and by mail through a real
// SMTP server; the rep follows the inbox to the exact thread and answers; the answer reaches the
// analyst's inbox live. Who wrote what is the server's word throughout.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestBrowser } from '../helpers/browser.ts';
import { launchChromium, newPersonContext } from '../helpers/browser.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtpServer.ts';
import { ANA, BEN, CLIENT_DIR, eventuallyContains, openWorkshop, screenshot, selectWords, typeAtEnd } from './app.ts';

const CLAIM = 'Buyers sign within two weeks of a demo.';
const WORDS = 'two weeks';

describe('[issue 17] a question on a claim reaches the other team in the app and by mail', () => {
  let smtp: TestSmtpServer;
  let server: TestServer;
  let chromium: TestBrowser;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ CLIENT_DIR, SMTP_URL: smtp.url, MAIL_FROM: 'Tandem <tandem@example.com>' });
    chromium = await launchChromium();
    for (const [person, email] of [
      [ANA, 'ana@example.com'],
      [BEN, 'ben@example.com'],
    ] as const) {
      const { token } = await server.server.invite({ name: person.name, team: person.side, role: 'editor', email });
      tokens.set(person.name, token);
    }
  }, 60_000);

  afterAll(async () => {
    await chromium.close();
    await server.close();
    await smtp.close();
    removeDataDir(server.dataDir);
  });

  async function open(person: typeof ANA): Promise<Page> {
    const context = await newPersonContext(chromium.browser, server.url, { token: tokens.get(person.name) ?? '' });
    return context.newPage();
  }

  const unread = (page: Page) => page.getByTestId('inbox-bell').getAttribute('data-unread');

  it('mention → the bell and a mail with the exact place → the thread → a reply back, live', async () => {
    const created = await fetch(`${server.url}/api/personas`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.editorToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'blank', name: 'Ops lead' }),
    });
    const { id } = (await created.json()) as { id: string };
    const ana = await open(ANA);
    const ben = await open(BEN);
    await openWorkshop(ana, id);
    await openWorkshop(ben, id);
    expect(await unread(ben)).toBe('0');

    // Ana asks about a claim, on its words, mentioning Ben from the directory.
    await typeAtEnd(ana, 'buyingProcess', CLAIM);
    await eventuallyContains(ben, 'buyingProcess', CLAIM);
    await selectWords(ana, 'buyingProcess', WORDS);
    await ana.getByTestId('comment-on-words').click();
    await ana.getByTestId('compose-on-words').waitFor();
    await ana.keyboard.type('Where does this come from? @be');
    await ana.getByRole('listbox', { name: 'People and teams to mention' }).getByRole('option', { name: /Ben Sales/ }).waitFor();
    await ana.keyboard.press('Enter');
    await ana.keyboard.type('do your deals say so?');
    await ana.keyboard.press('Control+Enter');

    // Ben's bell counts it while he stays on the page: the stream, not a reload.
    await vi.waitFor(async () => expect(await unread(ben)).toBe('1'), { timeout: 20_000, interval: 100 });

    // And a mail reaches him, naming Ana and linking to the thread's exact place.
    const mail = await vi.waitFor(
      () => {
        const found = smtp.received.find((m) => m.to.includes('ben@example.com'));
        if (!found) throw new Error('no mail for Ben yet');
        return found;
      },
      { timeout: 30_000, interval: 200 },
    );
    const text = mail.parsed.text ?? '';
    expect(text).toContain('Ana Marketing');
    expect(text).toContain(`${server.url}/p/${id}?section=buyingProcess&thread=`);
    expect(smtp.received.some((m) => m.to.includes('ana@example.com'))).toBe(false);

    // The bell leads to the inbox, the item to the thread.
    await ben.getByTestId('inbox-bell').click();
    const item = ben.locator('[data-testid="inbox-item"][data-kind="mention"]');
    await item.waitFor();
    expect(await item.innerText()).toContain('Ana Marketing');
    await screenshot(ben, 'feedback-flow-inbox');
    await item.locator('.inbox-item__link').click();
    await ben.waitForURL(new RegExp(`/p/${id}\\?section=buyingProcess&thread=`));
    await vi.waitFor(async () => expect(await unread(ben)).toBe('0'), { timeout: 10_000, interval: 100 });
    const thread = ben.locator('article.thread[data-anchor="live"]');
    await thread.waitFor({ timeout: 15_000 });
    expect(await thread.locator('.thread__quote').innerText()).toBe(WORDS);

    // Ben answers in the thread; Ana's bell counts the reply, live.
    expect(await unread(ana)).toBe('0');
    await thread.locator('.thread__reply-text').click();
    await ben.keyboard.type('Yes: 14 of our last 20 won deals.');
    await ben.keyboard.press('Control+Enter');
    await vi.waitFor(async () => expect(await unread(ana)).toBe('1'), { timeout: 20_000, interval: 100 });
    await ana.getByTestId('inbox-bell').click();
    const reply = ana.locator('[data-testid="inbox-item"][data-kind="reply"]');
    await reply.waitFor();
    expect(await reply.innerText()).toContain('Ben Sales');
    await ana.getByTestId('inbox-mark-all').click();
    await vi.waitFor(async () => expect(await unread(ana)).toBe('0'), { timeout: 10_000, interval: 100 });
    await screenshot(ana, 'feedback-flow-reply-read');
  }, 180_000);
});
