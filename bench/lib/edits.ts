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

/**
 * Types into a section the way a person at a keyboard does, as y-prosemirror stores it: every
 * character is its own transaction (one update on the wire), appended to the section's last
 * paragraph; a paragraph is started when the last one holds `lineLength` characters.
 */
export class SectionTypist {
  readonly #fragment: Y.XmlFragment;
  readonly #doc: Y.Doc;
  #line: Y.XmlText | null = null;

  constructor(
    doc: Y.Doc,
    section: SectionKey,
    readonly lineLength = 100,
  ) {
    this.#doc = doc;
    this.#fragment = getSection(doc, section);
  }

  /** One keystroke: one character, one transaction. */
  type(char: string): void {
    this.#doc.transact(() => {
      const line = this.#line;
      if (line === null || line.length >= this.lineLength) this.#newParagraph(char);
      else line.insert(line.length, char);
    });
  }

  /** Starts a paragraph with `char` in the same transaction (Enter, then the key, counts as one edit here). */
  newParagraph(char: string): void {
    this.#doc.transact(() => this.#newParagraph(char));
  }

  #newParagraph(char: string): void {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText(char);
    paragraph.insert(0, [text]);
    this.#fragment.push([paragraph]);
    this.#line = text;
  }
}

/** Characters typed into a section so far: the summed length of its paragraphs' text. */
export function typedLength(doc: Y.Doc, section: SectionKey = BENCH_SECTION): number {
  let length = 0;
  for (const block of getSection(doc, section).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    for (const child of block.toArray()) if (child instanceof Y.XmlText) length += child.length;
  }
  return length;
}

const FILLER = 'Buyers compare three vendors and ask finance before any pilot. ';

/**
 * `count` keystrokes into the bench section, `perTurn` per event-loop turn; the last ones type
 * `marker` at the start of a paragraph of its own, so the final edit completes it.
 */
export async function typeHistory(doc: Y.Doc, count: number, marker: string, perTurn: number): Promise<void> {
  const typist = new SectionTypist(doc, BENCH_SECTION);
  const fillerCount = count - marker.length;
  if (fillerCount < 0) throw new Error('the marker is longer than the history');
  for (let i = 0; i < count; i++) {
    if (i < fillerCount) typist.type(FILLER[i % FILLER.length] ?? ' ');
    else if (i === fillerCount) typist.newParagraph(marker[0] ?? '');
    else typist.type(marker[i - fillerCount] ?? '');
    if ((i + 1) % perTurn === 0) await nextTurn();
  }
}
