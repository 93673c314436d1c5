import * as prng from 'lib0/prng';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { evidenceToYjs } from '../../shared/persona/converters.ts';
import { readPersona } from '../../shared/persona/readPersona.ts';
import { getEvidence, getProfile, getSection, SECTION_KEYS } from '../../shared/persona/schema.ts';
import type { TestClient } from '../helpers/clients.ts';
import { useCollabFixture } from '../helpers/fixture.ts';
import { appendParagraph } from '../helpers/persona.ts';
import { readStoredDoc } from '../helpers/store.ts';

const { pool, start, restart } = useCollabFixture();

/** Seeds that once failed stay here as regression tests; one fresh seed runs each time too. */
const REGRESSION_SEEDS = [1, 7, 2026];
const freshSeed = Math.floor(Math.random() * 1_000_000);
const STEPS = 200;
const PROFILE_FIELDS = ['name', 'role', 'segment', 'companySize', 'location'] as const;

/** One random action by one client: an edit, or dropping / regaining its connection. */
function randomStep(gen: prng.PRNG, clients: TestClient[], step: number): void {
  const index = prng.int31(gen, 0, clients.length - 1);
  const client = clients[index];
  if (!client) return;
  const { doc, provider } = client;
  const roll = prng.real53(gen);
  if (roll < 0.3) {
    getProfile(doc).set(prng.oneOf(gen, [...PROFILE_FIELDS]), prng.word(gen, 1, 12));
  } else if (roll < 0.55) {
    appendParagraph(doc, prng.oneOf(gen, [...SECTION_KEYS]), `${index}:${step} ${prng.word(gen, 1, 20)}`);
  } else if (roll < 0.7) {
    getEvidence(doc).push([
      evidenceToYjs({
        id: `c${index}-${step}`,
        side: prng.bool(gen) ? 'marketing' : 'sales',
        kind: 'anecdote',
        text: prng.utf16String(gen, 30),
        source: 'fuzz',
        section: prng.oneOf(gen, [...SECTION_KEYS]),
        author: `client ${index}`,
        createdAt: new Date(Date.UTC(2026, 10, 24, 0, 0, step)).toISOString(),
      }),
    ]);
  } else if (roll < 0.8) {
    const evidence = getEvidence(doc);
    if (evidence.length > 0) evidence.delete(prng.int31(gen, 0, evidence.length - 1), 1);
  } else if (roll < 0.87) {
    const section = getSection(doc, prng.oneOf(gen, [...SECTION_KEYS]));
    if (section.length > 0) section.delete(0, 1);
  } else if (provider.shouldConnect) {
    provider.disconnect();
  } else {
    provider.connect();
  }
}

describe('sync fuzz through the server', () => {
  it.each([...REGRESSION_SEEDS, freshSeed])(
    'random edits and disconnects by four editors converge, and survive a restart (seed %i)',
    async (seed) => {
      let t = await start();
      const gen = prng.create(seed);
      const clients = Array.from({ length: 4 }, () => pool.connect(t, 'fuzz', t.editorToken));
      await Promise.all(clients.map((c) => c.synced()));
      for (let step = 0; step < STEPS; step++) {
        randomStep(gen, clients, step);
        // Let the network interleave with the edits, in a different pattern per seed.
        if (prng.int31(gen, 0, 3) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect();
      await Promise.all(clients.map((c) => c.synced()));

      const [first, ...rest] = clients;
      if (!first) throw new Error('no clients');
      await vi.waitFor(async () => {
        const expected = readPersona(first.doc);
        for (const c of rest) expect(readPersona(c.doc)).toEqual(expected);
        for (const c of rest) expect(Y.encodeStateVector(c.doc)).toEqual(Y.encodeStateVector(first.doc));
        expect(readPersona((await readStoredDoc(t.dataDir, 'fuzz')).doc)).toEqual(expected);
      }, { timeout: 10_000 });

      const expected = readPersona(first.doc);
      t = await restart(t);
      const fresh = pool.connect(t, 'fuzz', t.editorToken);
      await fresh.synced();
      expect(readPersona(fresh.doc)).toEqual(expected);
    },
  );
});
