import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium; no tool downloads its own browser here. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Chromium with the flags this machine needs. Playwright gives every launched browser a fresh
 * temporary user-data dir (and removes it on close); it refuses a `--user-data-dir` flag.
 */
export async function launchChromium(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`No Chromium at ${CHROMIUM_PATH}: run "apt-get install -y chromium" (the test command does when it can)`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return { browser, close: () => browser.close() };
}

interface PageStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Participant {
  name: string;
  side: 'marketing' | 'sales';
  color: string;
}

/**
 * A new browser context (its own storage, like a separate person's browser) whose localStorage
 * already holds a token and, optionally, a participant, so no dialog stands in the way.
 */
export async function newPersonContext(
  browser: Browser,
  baseUrl: string,
  { token, participant, locale = 'en-US', bypassCSP = false }: { token: string; participant?: Participant; locale?: string; bypassCSP?: boolean },
): Promise<BrowserContext> {
  // bypassCSP: for the bench's probes, which the page's Content-Security-Policy would refuse to evaluate.
  const context = await browser.newContext({ baseURL: baseUrl, locale, viewport: { width: 1280, height: 900 }, bypassCSP });
  await context.addInitScript(
    ([t, p]) => {
      // Runs in the page; the node typings have no DOM.
      const storage = (globalThis as unknown as { localStorage: PageStorage }).localStorage;
      if (!storage.getItem('tandem.token')) storage.setItem('tandem.token', t);
      if (p && !storage.getItem('tandem.user')) storage.setItem('tandem.user', p);
    },
    [token, participant ? JSON.stringify(participant) : ''] as const,
  );
  return context;
}

/** The ProseMirror element of one section (SPEC §4: inside `[data-section="<key>"]`). */
export function sectionEditor(page: Page, key: string) {
  return page.locator(`[data-section="${key}"] .ProseMirror`);
}
