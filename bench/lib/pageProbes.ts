// Code the client scenarios run inside Chromium pages. It is sent as source text, not as functions:
// tsx compiles this file with helpers (such as esbuild's `__name`) that do not exist in a page.
import type { Page } from 'playwright-core';

/** The summary section's ProseMirror, as tests/helpers/browser.ts `sectionEditor` finds it. */
const SUMMARY_EDITOR = '[data-section="summary"] .ProseMirror';

/** Milliseconds after navigation start (`performance.now()` in the new document). */
export interface ReadyTimes {
  syncedAt: number;
  editableAt: number;
  readyAt: number;
  /** The workshop's lazily loaded chunk was requested, and finished downloading; null when not seen. */
  workshopChunkStartAt: number | null;
  workshopChunkAt: number | null;
  domContentLoadedAt: number;
}

/**
 * An init script: from the document's start, a MutationObserver notes when the workshop says it has
 * synced, when the summary editor is editable, and when both hold and the editor shows `marker`.
 */
export function readyProbeScript(marker: string): string {
  return `(() => {
  const marker = ${JSON.stringify(marker)};
  const state = { syncedAt: null, editableAt: null, readyAt: null };
  globalThis.__tandemReady = state;
  const observer = new MutationObserver(() => {
    const now = performance.now();
    const workshop = document.querySelector('.workshop[data-synced="true"]');
    if (workshop && state.syncedAt === null) state.syncedAt = now;
    const editor = document.querySelector(${JSON.stringify(`${SUMMARY_EDITOR}[contenteditable="true"]`)});
    if (editor && state.editableAt === null) state.editableAt = now;
    if (workshop && editor && (editor.textContent || '').includes(marker)) {
      state.readyAt = now;
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;
}

/** Waits for the ready probe to fire and reads its times. */
export async function readReadyTimes(page: Page, timeoutMs: number): Promise<ReadyTimes> {
  // A function, not a string: a string predicate is run with eval in the page, which the CSP refuses.
  await page.waitForFunction(() => {
    const probe = (globalThis as { __tandemReady?: { readyAt: number | null } }).__tandemReady;
    return probe !== undefined && probe.readyAt !== null;
  }, undefined, {
    timeout: timeoutMs,
    polling: 50,
  });
  return (await page.evaluate(`(() => {
  const state = globalThis.__tandemReady;
  const chunk = performance.getEntriesByType('resource').find((e) => /\\/WorkshopPage[^/]*\\.js$/.test(e.name));
  const navigation = performance.getEntriesByType('navigation')[0];
  return {
    ...state,
    workshopChunkStartAt: chunk ? chunk.startTime : null,
    workshopChunkAt: chunk ? chunk.responseEnd : null,
    domContentLoadedAt: navigation ? navigation.domContentLoadedEventEnd : 0,
  };
})()`)) as ReadyTimes;
}

/** On the typing page: the wall-clock time (`timeOrigin + now`) of every printable keydown, in order. */
export const KEYDOWN_PROBE = `(() => {
  const times = [];
  globalThis.__tandemKeydowns = times;
  addEventListener('keydown', (event) => {
    if (event.key.length === 1) times.push(performance.timeOrigin + performance.now());
  }, { capture: true });
})()`;

export const readKeydowns = (page: Page) => page.evaluate('globalThis.__tandemKeydowns') as Promise<number[]>;

/**
 * On the watching page: the wall-clock time each character of `expected` first shows in the
 * summary paragraph that starts with `anchor` (other people's caret labels left out). Index i is
 * the (i+1)-th keystroke, since only one person types in that paragraph.
 */
export function arrivalProbe(anchor: string, expected: string): string {
  return `(() => {
  const anchor = ${JSON.stringify(anchor)};
  const expected = ${JSON.stringify(expected)};
  const state = { times: [], mismatch: null };
  globalThis.__tandemArrivals = state;
  const editor = document.querySelector(${JSON.stringify(SUMMARY_EDITOR)});
  let paragraph = null;
  const textOf = (element) => {
    const copy = element.cloneNode(true);
    for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove();
    return copy.textContent || '';
  };
  const observer = new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    if (!paragraph || !paragraph.isConnected || !textOf(paragraph).startsWith(anchor)) {
      paragraph = Array.from(editor.querySelectorAll('p')).find((p) => textOf(p).startsWith(anchor)) || null;
      if (!paragraph) return;
    }
    const typed = textOf(paragraph).slice(anchor.length);
    while (state.times.length < typed.length && state.times.length < expected.length) {
      const i = state.times.length;
      if (typed[i] !== expected[i]) {
        state.mismatch = state.mismatch || { at: i, typed: typed.slice(0, i + 10) };
        return;
      }
      state.times.push(now);
    }
  });
  observer.observe(editor, { subtree: true, childList: true, characterData: true });
})()`;
}

export const readArrivals = (page: Page) =>
  page.evaluate('globalThis.__tandemArrivals') as Promise<{ times: number[]; mismatch: { at: number; typed: string } | null }>;
