import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import type { TestBrowser } from '../helpers/browser.ts';
import { launchChromium, newPersonContext, sectionEditor } from '../helpers/browser.ts';
import type { Participant } from '../helpers/browser.ts';
import type { TestServer } from '../helpers/server.ts';
import { removeDataDir, startTestServer } from '../helpers/server.ts';

export const CLIENT_DIR = resolve('dist/client');
const SCREENSHOT_DIR = resolve('test-results/screenshots');

/** Two members every e2e server starts with: their name and team come from the server (SPEC §6). */
export const ANA: Participant = { name: 'Ana Marketing', side: 'marketing', color: '#2563eb' };
export const BEN: Participant = { name: 'Ben Sales', side: 'sales', color: '#ea580c' };

/** The real server serving the built client, and a real Chromium, for one test file. */
export interface App {
  server: TestServer;
  chromium: TestBrowser;
  contexts: BrowserContext[];
  /** The personal tokens of the members named like ANA and BEN. */
  tokens: ReadonlyMap<string, string>;
  /**
   * A separate person's browser with a token already stored: `as` a member (ANA, BEN: their own
   * token), a given `token`, or, with an operator token, the `participant` it states in `tandem.user`.
   */
  person(options: { as?: Participant; token?: string; participant?: Participant; locale?: string }): Promise<Page>;
  createPersona(body?: { name?: string; template?: 'blank' | 'b2b' }): Promise<string>;
  close(): Promise<void>;
}

export async function startApp(): Promise<App> {
  const server = await startTestServer({ CLIENT_DIR });
  const chromium = await launchChromium();
  const contexts: BrowserContext[] = [];
  const tokens = new Map<string, string>();
  for (const person of [ANA, BEN]) {
    const { token } = await server.server.invite({ name: person.name, team: person.side, role: 'editor' });
    tokens.set(person.name, token);
  }
  return {
    server,
    chromium,
    contexts,
    tokens,
    async person({ as, token, participant, locale }) {
      const own = as ? tokens.get(as.name) : undefined;
      const context = await newPersonContext(chromium.browser, server.url, {
        token: token ?? own ?? server.editorToken,
        ...(participant ? { participant } : {}),
        ...(locale ? { locale } : {}),
      });
      contexts.push(context);
      return context.newPage();
    },
    async createPersona(body = { template: 'b2b' }) {
      const response = await fetch(`${server.url}/api/personas`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.editorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: string }).id;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
      await chromium.close();
      await server.close();
      removeDataDir(server.dataDir);
    },
  };
}

/**
 * Starts the app before a file's tests and closes it after them. The returned object forwards to
 * the app once `beforeAll` has started it, so tests read `app.server`, `app.person(…)` directly.
 */
export function useApp(): App {
  let app: App | undefined;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  return new Proxy({} as App, {
    get(_target, key: keyof App) {
      if (!app) throw new Error('the app starts in beforeAll; use it inside a test');
      return app[key];
    },
  });
}

/** Opens a persona's workshop and waits until it is live and synced with the server. */
export async function openWorkshop(page: Page, personaId: string): Promise<void> {
  await page.goto(`/p/${personaId}`);
  await page.locator('.workshop[data-synced="true"]').waitFor();
  await connectionIs(page, 'connected');
}

export async function connectionIs(page: Page, status: 'connected' | 'connecting' | 'offline'): Promise<void> {
  await page.locator(`[data-testid="connection"][data-status="${status}"]`).waitFor();
}

/** A section's text as the document holds it: other people's caret labels left out. */
export function sectionText(page: Page, key: string): Promise<string> {
  return sectionEditor(page, key).evaluate((element) => {
    const copy = element.cloneNode(true) as typeof element;
    for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** The guidance an empty section shows (issue 13): its placeholder, never its text; '' when it has content. */
export function sectionGuidance(page: Page, key: string): Promise<string> {
  return sectionEditor(page, key).evaluate((element) => element.querySelector('p.is-editor-empty')?.getAttribute('data-placeholder') ?? '');
}

/** Puts the caret at the end of a section and types there, as a person would. */
export async function typeAtEnd(page: Page, key: string, text: string): Promise<void> {
  const editor = sectionEditor(page, key);
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

export async function eventuallyContains(page: Page, key: string, text: string): Promise<void> {
  await vi.waitFor(async () => expect(await sectionText(page, key)).toContain(text), { timeout: 15_000, interval: 100 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // From the top, so the sticky header is drawn where a person sees it.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The page's own globals, typed: the node typings carry no DOM. */
interface PageGlobals {
  localStorage: { getItem(key: string): string | null };
  document: { documentElement: { lang: string } };
}

export function readLocalStorage(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => (globalThis as unknown as PageGlobals).localStorage.getItem(k), key);
}

export function documentLanguage(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang);
}

/** Adds an item to the board from the participant's own column, through the form a person uses. */
export async function addEvidenceOnBoard(page: Page, side: 'marketing' | 'sales', item: { kind: string; text: string; source: string; section: string }) {
  await page.getByRole('button', { name: side === 'marketing' ? 'Add data point' : 'Add anecdote' }).click();
  const form = page.getByRole('form', { name: side === 'marketing' ? 'New data point' : 'New anecdote' });
  await form.getByLabel('Kind').selectOption({ label: item.kind });
  await form.getByLabel('Supports section').selectOption({ label: item.section });
  await form.getByLabel('Evidence').fill(item.text);
  await form.getByLabel('Source').fill(item.source);
  await form.getByRole('button', { name: 'Add to board' }).click();
}

/** Selects `words` in a section as a person dragging over them would (a DOM selection ProseMirror reads). */
export async function selectWords(page: Page, section: string, words: string, collapse: 'none' | 'start' | 'end' = 'none'): Promise<void> {
  const editor = sectionEditor(page, section);
  await editor.click();
  await editor.evaluate(
    (element, [text, where]) => {
      interface DomText {
        data: string;
      }
      interface DomSelection {
        removeAllRanges(): void;
        setBaseAndExtent(a: DomText, ao: number, b: DomText, bo: number): void;
      }
      const doc = (globalThis as unknown as { document: { createTreeWalker(root: unknown, what: number): { nextNode(): DomText | null }; getSelection(): DomSelection } }).document;
      // The words may span text nodes (a highlight splits them): find them in the text of all.
      const walker = doc.createTreeWalker(element, 4);
      const nodes: { node: DomText; from: number }[] = [];
      let all = '';
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        nodes.push({ node, from: all.length });
        all += node.data;
      }
      const at = all.indexOf(text);
      const locate = (offset: number) => {
        const found = [...nodes].reverse().find((entry) => entry.from <= offset) ?? nodes[0];
        return found ? { node: found.node, offset: offset - found.from } : null;
      };
      const start = locate(where === 'end' ? at + text.length : at);
      const end = locate(where === 'start' ? at : at + text.length);
      if (at !== -1 && start && end) {
        doc.getSelection().setBaseAndExtent(start.node, start.offset, end.node, end.offset);
        return;
      }
      throw new Error(`no "${text}" in the section`);
    },
    [words, collapse] as const,
  );
}
