import { afterEach } from 'vitest';
import * as Y from 'yjs';
import type { PersonaIndexEntry, PublishInput, Storage } from '../../../../server/storage/storage.ts';

/** How a backend under test is opened: `open` again after `close` opens the same data. */
export interface StorageHarness {
  open(): Promise<Storage>;
  dispose(): Promise<void>;
}

export const AT = '2026-11-24T10:00:00.000Z';

export const entry = (id: string, name = '', updatedAt = AT): PersonaIndexEntry => ({
  id,
  name,
  role: 'CFO',
  segment: 'Retail',
  evidence: { marketing: 0, sales: 0 },
  updatedAt,
});

/** The update that appends `text` to the doc's text 't'. */
export const textUpdate = (doc: Y.Doc, text: string): Uint8Array => {
  let update: Uint8Array = new Uint8Array();
  const capture = (u: Uint8Array) => (update = u);
  doc.once('update', capture);
  doc.getText('t').insert(doc.getText('t').length, text);
  return update;
};

/** The text 't' that these updates, applied in order to a fresh doc, make. */
export const replay = (updates: readonly Uint8Array[]): string => {
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc.getText('t').toString();
};

export const publishInput = (personaId: string, overrides: Partial<PublishInput> = {}): PublishInput => ({
  personaId,
  publishedAt: AT,
  publishedBy: { id: 'member-ana', name: 'Ana', team: 'marketing', verified: true },
  note: '',
  name: 'María',
  role: 'CFO',
  segment: 'Retail',
  avatar: '🦊',
  state: textUpdate(new Y.Doc(), personaId),
  snapshot: JSON.stringify({ personaId }),
  searchText: 'María CFO Retail',
  ...overrides,
});

/**
 * A fresh backend per test: `open()` opens it (again after `reopen`), and it is closed and
 * disposed of after the test.
 */
export function useStorage(makeHarness: () => StorageHarness) {
  let harness: StorageHarness | null = null;
  let storage: Storage | null = null;
  afterEach(async () => {
    await storage?.close();
    await harness?.dispose();
    storage = null;
    harness = null;
  });
  return {
    async open(): Promise<Storage> {
      harness = makeHarness();
      storage = await harness.open();
      return storage;
    },
    /** Closes the storage and opens the same data again. */
    async reopen(): Promise<Storage> {
      if (!harness || !storage) throw new Error('open() first');
      await storage.close();
      storage = await harness.open();
      return storage;
    },
  };
}
