// The persona edits every scenario makes, identical for both servers.
import * as Y from 'yjs';
import { getProfile, getSection } from '../../shared/persona/schema.ts';
import type { SectionKey } from '../../shared/persona/schema.ts';
import { nextTurn } from './wait.ts';

/** Blank personas start with this section empty, so its length counts the bench's paragraphs. */
const BENCH_SECTION: SectionKey = 'summary';
const STAMP_PREFIX = 't:';

/** One small edit: a paragraph appended to the section, in its own transaction. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  getSection(doc, BENCH_SECTION).push([paragraph]);
}

export function paragraphCount(doc: Y.Doc): number {
  return getSection(doc, BENCH_SECTION).length;
}

/** Appends `count` paragraphs, `perTurn` at a time, letting the socket drain between bursts. */
export async function appendParagraphs(doc: Y.Doc, count: number, perTurn: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    appendParagraph(doc, `Edit ${i + 1} of ${count}`);
    if ((i + 1) % perTurn === 0) await nextTurn();
  }
}

/**
 * Decodes a document like the one about to be loaded, twice, so the bench process's JIT is as
 * warm for whichever server is measured first as for the second.
 */
export function warmUpDecoding(paragraphs: number): void {
  const source = new Y.Doc();
  for (let i = 0; i < paragraphs; i++) appendParagraph(source, `Warm-up ${i}`);
  const state = Y.encodeStateAsUpdate(source);
  for (let round = 0; round < 2; round++) Y.applyUpdate(new Y.Doc(), state);
}

/** One small timed edit: a profile key whose value is the send time (performance.now, same process). */
export function stampEdit(doc: Y.Doc, key: string): void {
  getProfile(doc).set(`${STAMP_PREFIX}${key}`, performance.now().toFixed(3));
}

/** Calls `onStamp` with the stamp's age for each stamped key a remote update (origin `origin`) brings. */
export function observeStamps(doc: Y.Doc, origin: unknown, onStamp: (latencyMs: number) => void): void {
  const profile = getProfile(doc);
  profile.observe((event, transaction) => {
    if (transaction.origin !== origin) return;
    const now = performance.now();
    for (const key of event.keysChanged) {
      if (!key.startsWith(STAMP_PREFIX)) continue;
      const sentAt = Number(profile.get(key));
      if (Number.isFinite(sentAt)) onStamp(now - sentAt);
    }
  });
}
