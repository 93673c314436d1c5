// A store with every kind of record, and everything a store serves read back through its own API:
// what the portable contract and the backup/copy commands' tests compare before and after.
import * as Y from 'yjs';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../../shared/feedback/api.ts';
import type { Deal } from '../../../../shared/scorecard/deals.ts';
import { actualsByPeriod } from '../../../../shared/scorecard/figures.ts';
import type { Storage } from '../../../../server/storage/storage.ts';
import { AT, entry, publishInput, textUpdate } from './fixtures.ts';

const at = (minutes: number): string => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

const deal = (id: string, personaId: string, overrides: Partial<Deal> = {}): Deal => ({
  id,
  name: `Deal ${id}`,
  stage: 'Closed Won',
  outcome: 'won',
  amount: 1200.5,
  createdAt: '2026-10-01T00:00:00.000Z',
  closedAt: '2026-11-15T10:32:00.000Z',
  lossReason: '',
  personaId,
  ...overrides,
});

const DEALS = [
  deal('d1', 'p-draft'),
  deal('d2', 'p-draft', { outcome: 'lost', stage: 'Closed Lost', lossReason: 'Price', amount: null }),
  deal('d3', 'p-archived', { outcome: 'open', stage: 'Qualified', closedAt: null }),
];
const STAGED_DEALS = [deal('s1', 'p-compacted', { amount: 99.99 }), deal('s2', 'p-draft', { createdAt: '2026-11-02T00:00:00.000Z' })];

/** Every period the fixture's deals have figures for. */
export const FIXTURE_PERIODS = [...new Set([...actualsByPeriod(DEALS).keys(), ...actualsByPeriod(STAGED_DEALS).keys()])].sort();

/** A CSV file that is not UTF-8 (Latin-1 "é" and a NUL byte): kept byte for byte, never decoded. */
export const FIXTURE_FILE = new Uint8Array([...Buffer.from('id,name,persona\nd1,Caf'), 0xe9, 0x00, ...Buffer.from(',Fiona\n')]);

/**
 * Fills an empty store with every kind of record: personas in each state of their life (a log not
 * compacted, one compacted with entries after it), several versions, members active, inactive and
 * removed, tokens used, expiring and revoked, checkpoints whole and incremental (one pruned, its
 * update folded), gathered activity, two CRM imports (one staged), the persona map and notices.
 */
export async function fillEveryKind(storage: Storage): Promise<void> {
  const { people, index, library, history, activity, crm, log } = storage;

  await people.addMember({ id: 'm-ana', name: 'Ana', team: 'marketing', role: 'admin', email: 'ana@example.com', createdAt: at(0) });
  await people.addMember({ id: 'm-sam', name: 'Sam', team: 'sales', role: 'editor', email: null, createdAt: at(1) });
  await people.addMember({ id: 'm-idle', name: 'Iris', team: 'other', role: 'viewer', email: 'iris@example.com', createdAt: at(2) });
  await people.addMember({ id: 'm-gone', name: 'Gus', team: 'sales', role: 'editor', email: 'gus@example.com', createdAt: at(3) });
  await people.updateMember('m-idle', { active: false });
  await people.addToken({ id: 't-ana-link', memberId: 'm-ana', kind: 'link', createdAt: at(4), expiresAt: null });
  await people.addToken({ id: 't-ana-session', memberId: 'm-ana', kind: 'session', createdAt: at(5), expiresAt: at(60 * 24) });
  await people.touchToken('t-ana-session', at(6));
  await people.addToken({ id: 't-sam-old', memberId: 'm-sam', kind: 'link', createdAt: at(4), expiresAt: null });
  await people.revokeToken('m-sam', 't-sam-old', at(7));
  await people.addToken({ id: 't-gone', memberId: 'm-gone', kind: 'link', createdAt: at(4), expiresAt: null });
  await people.removeMember('m-gone', at(8));
  // A member who was removed, then a new one took their email.
  await people.addMember({ id: 'm-gus2', name: 'Gus', team: 'sales', role: 'viewer', email: 'gus@example.com', createdAt: at(9) });

  // A draft whose log was never compacted: three entries.
  const draft = new Y.Doc();
  await storage.createPersona(entry('p-draft', 'Fiona Finance', at(10)), textUpdate(draft, 'Fiona'), 'b2b');
  await log.append([{ personaId: 'p-draft', update: textUpdate(draft, ' buys') }]);
  await log.append([{ personaId: 'p-draft', update: textUpdate(draft, ' software') }]);
  await index.updateIndex({ ...entry('p-draft', 'Fiona Finance', at(11)), evidence: { marketing: 2, sales: 1 }, segment: 'Banca' });
  await index.markTemplateChecked('p-draft', at(11), 'b2b');
  // Compacted, with an entry after the state.
  const compacted = new Y.Doc();
  await storage.createPersona(entry('p-compacted', 'Carla Café', at(12)), textUpdate(compacted, 'Carla'));
  const [upTo] = await log.append([{ personaId: 'p-compacted', update: textUpdate(compacted, ' drinks') }]);
  await log.compact('p-compacted', Y.encodeStateAsUpdate(compacted), upTo ?? 2);
  await log.append([{ personaId: 'p-compacted', update: textUpdate(compacted, ' coffee') }]);
  const archived = new Y.Doc();
  await storage.createPersona(entry('p-archived', 'Ártur Archivo', at(13)), textUpdate(archived, 'Artur'));
  const trashed = new Y.Doc();
  await storage.createPersona(entry('p-trashed', 'Tina Trash', at(14)), textUpdate(trashed, 'Tina'));

  // Versions: two of the draft (the second is the library's), one of the archived, one of the trashed.
  await library.publish(publishInput('p-draft', { name: 'Fiona', note: 'first', state: Y.encodeStateAsUpdate(draft), searchText: 'Fiona old text' }));
  await library.publish(
    publishInput('p-draft', { name: 'Fiona', note: 'second', publishedAt: at(15), publishedBy: null, segment: 'Banca', searchText: 'Fiona financiera ñandú' }),
  );
  await library.publish(publishInput('p-archived', { name: 'Ártur', avatar: '🦉', state: Y.encodeStateAsUpdate(archived), searchText: 'Ártur árbol' }));
  await library.publish(publishInput('p-trashed', { name: 'Tina', searchText: 'Tina trash' }));
  await index.archive('p-archived', at(16));
  await index.trash('p-trashed', at(17));

  // Checkpoints: a whole state, then two built on it; the middle one pruned folds into the last.
  const c1 = await history.add({ personaId: 'p-draft', at: at(20), kind: 'auto', authors: ['m-ana'], update: Y.encodeStateAsUpdateV2(draft), after: null });
  const vector = Y.encodeStateVector(draft);
  await log.append([{ personaId: 'p-draft', update: textUpdate(draft, ' today') }]);
  const c2 = await history.add({ personaId: 'p-draft', at: at(21), kind: 'auto', authors: ['m-sam'], update: Y.encodeStateAsUpdateV2(draft, vector), after: c1 });
  const vector2 = Y.encodeStateVector(draft);
  await log.append([{ personaId: 'p-draft', update: textUpdate(draft, '!') }]);
  await history.add({ personaId: 'p-draft', at: at(22), kind: 'publish', authors: ['operator'], update: Y.encodeStateAsUpdateV2(draft, vector2), after: c2 });
  await history.add({ personaId: 'p-draft', at: at(23), kind: 'restore', authors: [], update: Y.encodeStateAsUpdateV2(draft, Y.encodeStateVector(draft)), after: c2 });
  await history.prune('p-draft', [c2]);
  await history.add({ personaId: 'p-compacted', at: at(24), kind: 'auto', authors: ['m-gone'], update: Y.encodeStateAsUpdateV2(compacted), after: null });

  // Activity: edits gathered into one event (its start kept), a publish, the Operator's archive.
  await activity.record({ personaId: 'p-draft', at: at(30), memberId: 'm-ana', type: 'edited', detail: { section: 'goals' }, gatherWithinMs: 600_000 });
  await activity.record({ personaId: 'p-draft', at: at(33), memberId: 'm-ana', type: 'edited', detail: { section: 'goals' }, gatherWithinMs: 600_000 });
  await activity.recordAll([
    { personaId: 'p-draft', at: at(34), memberId: 'm-sam', type: 'published', detail: { version: 2, note: 'second' } },
    { personaId: 'p-archived', at: at(35), memberId: null, type: 'archived', detail: {} },
    { personaId: 'p-trashed', at: at(36), memberId: 'm-gone', type: 'trashed', detail: { nested: { list: [1, 'two', null] } } },
  ]);

  // CRM: one import kept at once, one staged; the persona map; notices, one read.
  const figures = [...actualsByPeriod(DEALS.filter((d) => d.personaId === 'p-draft'))].map(([period, actuals]) => ({ personaId: 'p-draft', period, actuals }));
  await crm.addImport(
    { id: 'imp-1', at: at(40), by: { id: 'm-sam', name: 'Sam', team: 'sales' }, kind: 'deals', rows: 3, sha256: 'a'.repeat(64), filename: 'deals.csv', source: 'hubspot' },
    FIXTURE_FILE,
    DEALS,
    figures,
  );
  const stage = crm.stageImport();
  await stage.add(STAGED_DEALS);
  await stage.commit({ id: 'imp-2', at: at(41), by: null, kind: 'deals', rows: 2, sha256: 'b'.repeat(64), filename: null, source: null }, new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
  await crm.updatePersonaMap({ 'Fiona Finance': 'p-draft', 'Café Carla': 'p-compacted', Forgotten: 'p-draft' });
  await crm.updatePersonaMap({ Forgotten: null });
  await crm.addNotices([
    { id: 'n-1', memberId: 'm-ana', at: at(42), personaId: 'p-draft', personaName: 'Fiona', kind: 'target-met', detail: { target: 'winRate', value: 0.5 }, readAt: null },
    { id: 'n-2', memberId: 'm-sam', at: at(43), personaId: 'p-draft', personaName: 'Fiona', kind: 'target-met', detail: {}, readAt: null },
  ]);
  await crm.markNoticeRead('m-ana', 'n-1', at(44));

  // Inboxes: a burst gathered into one item (its start and key kept), a read item; saved settings.
  const { inbox, mailQueue, webhooks } = storage;
  const place = { personaId: 'p-draft', section: 'goals' as const };
  const evidence = (id: string, minutes: number) => ({
    id,
    memberId: 'm-ana',
    kind: 'evidence-added' as const,
    at: at(minutes),
    actorId: 'm-sam',
    personaId: 'p-draft',
    place,
    detail: { excerpt: `Evidence ${id}` },
    gatherKey: 'evidence:p-draft',
    gatherWithinMs: 600_000,
  });
  await inbox.deliver([evidence('i-burst', 50), evidence('i-burst-2', 52)]);
  await inbox.deliver([
    { id: 'i-reply', memberId: 'm-sam', kind: 'reply', at: at(53), actorId: null, personaId: 'p-archived', place: { personaId: 'p-archived' }, detail: { excerpt: '¿Sí?' } },
    { id: 'i-pub', memberId: 'm-sam', kind: 'published', at: at(54), actorId: 'm-ana', personaId: 'p-draft', place: { personaId: 'p-draft', version: 2 }, detail: {} },
  ]);
  await inbox.markRead('m-sam', { ids: ['i-reply'] }, at(55));
  await inbox.saveSettings('m-sam', {
    ...DEFAULT_NOTIFICATION_SETTINGS,
    inbox: { ...DEFAULT_NOTIFICATION_SETTINGS.inbox, reply: false },
    email: 'daily',
  });

  // Mails waiting: one put off after a failed send, one for the daily digest.
  await mailQueue.add([
    { memberId: 'm-ana', itemId: 'i-burst', personaId: 'p-draft', mode: 'immediate', item: '{"id":"i-burst"}', dueAt: at(51) },
    { memberId: 'm-sam', itemId: 'i-pub', personaId: 'p-draft', mode: 'daily', item: '{"id":"i-pub"}', dueAt: at(60 * 24) },
  ]);
  const [[waiting] = []] = await mailQueue.due(at(51), 0, 10);
  if (waiting) await mailQueue.postpone([waiting.seq], at(56));

  // Webhooks: one with a delivery delivered, one failed, one pending; one made by the Operator with none.
  await webhooks.addHook({ id: 'h-1', url: 'https://hooks.example.com/a', events: ['published', 'mention'], format: 'slack', secret: 's3cret', createdAt: at(57), createdBy: 'm-ana' });
  await webhooks.addHook({ id: 'h-2', url: 'https://hooks.example.com/b', events: [], format: 'json', secret: 'other', createdAt: at(58), createdBy: null });
  const delivery = (id: string, personaId: string | null) => ({ id, hookId: 'h-1', event: personaId ? 'published' : 'test', personaId, body: `{"id":"${id}"}`, createdAt: at(59) });
  await webhooks.addDeliveries([delivery('d-ok', 'p-draft'), delivery('d-failed', null), delivery('d-pending', 'p-draft')]);
  await webhooks.recordAttempt('d-ok', { at: at(60), statusCode: 200, error: null, status: 'delivered', nextAt: null }, 20);
  await webhooks.recordAttempt('d-failed', { at: at(60), statusCode: null, error: 'refused', status: 'failed', nextAt: null }, 20);
  await webhooks.recordAttempt('d-pending', { at: at(60), statusCode: 503, error: 'HTTP 503', status: 'pending', nextAt: at(65) }, 20);
}

const b64 = (bytes: Uint8Array | null): string | null => (bytes === null ? null : Buffer.from(bytes).toString('base64'));

/** Everything a store serves, read through its API only, as plain JSON (bytes in base64). */
export async function readEverything(storage: Storage) {
  const { index, library, people, history, activity, crm, log } = storage;
  const views = { drafts: await index.listIndex('drafts'), archived: await index.listIndex('archived'), trash: await index.listIndex('trash') };
  const personaIds = Object.values(views).flat().map((row) => row.id).sort();
  const personas = [];
  for (const id of personaIds) {
    const stored = await log.load(id);
    const versions = await library.listVersions(id);
    const checkpoints = await history.list(id);
    personas.push({
      id,
      status: await index.status(id),
      log: stored && { lastSeq: stored.lastSeq, updates: stored.updates.map(b64) },
      logLength: await log.logLength(id),
      versions,
      versionBodies: await Promise.all(
        versions.map(async (v) => ({ version: await library.getVersion(id, v.version), state: b64(await library.getVersionState(id, v.version)) })),
      ),
      // A trashed persona's versions leave the library, but their states are kept.
      trashedStates: await Promise.all([1, 2, 3].map(async (n) => b64(await library.getVersionState(id, n)))),
      checkpoints,
      checkpointUpdates: await Promise.all(checkpoints.map(async (c) => (await history.updates(id, c.id))?.map(b64))),
      historyBytes: await history.storedBytes(id),
      activity: await activity.list(id),
      figures: await Promise.all(FIXTURE_PERIODS.map(async (period) => [period, Object.fromEntries(await crm.figuresOf(id, period))])),
    });
  }
  const members = await people.listMembers();
  const imports = await crm.listImports();
  return {
    views,
    personas,
    library: {
      all: await library.searchLibrary({}),
      search: await library.searchLibrary({ q: 'nandu' }),
      old: await library.searchLibrary({ q: 'old' }),
      arbol: await library.searchLibrary({ q: 'ARB' }),
      segments: await library.librarySegments(),
    },
    lastChanged: Object.fromEntries(await activity.lastChanged(personaIds, ['edited', 'published', 'archived', 'trashed'])),
    members,
    memberCount: await people.countMembers(),
    byEmail: await people.findMemberByEmail('GUS@example.com'),
    tokens: await Promise.all(members.map(async (m) => [m.id, await people.listTokens(m.id)])),
    notices: await Promise.all(members.map(async (m) => [m.id, await crm.listNotices(m.id)])),
    imports,
    latestImport: await crm.latestImport(),
    importFiles: await Promise.all(imports.map(async (i) => b64(await crm.importFile(i.id)))),
    importDeals: await Promise.all(imports.flatMap((i) => personaIds.map(async (p) => [i.id, p, await crm.importDeals(i.id, p)]))),
    dealCounts: await Promise.all(imports.map(async (i) => Object.fromEntries(await crm.dealCounts(i.id)))),
    personaMap: await crm.personaMap(),
    inbox: await Promise.all(members.map(async (m) => [m.id, await storage.inbox.list(m.id), await storage.inbox.unread(m.id)])),
    notificationSettings: Object.fromEntries(await storage.inbox.settingsOf(members.map((m) => m.id))),
    mailQueue: { due: await storage.mailQueue.due(at(60 * 48), 0, 100), next: await storage.mailQueue.nextDueAt() },
    webhooks: await Promise.all((await storage.webhooks.listHooks()).map(async (h) => [h, await storage.webhooks.listDeliveries(h.id, 100)])),
    dueDeliveries: await storage.webhooks.dueDeliveries(at(60 * 48), 100),
    nextDelivery: await storage.webhooks.nextDueAt(),
  };
}
