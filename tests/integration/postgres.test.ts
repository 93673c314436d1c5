// SPEC §9 on one process: DATABASE_URL keeps everything in PostgreSQL (the engine the test run
// started, tests/engines/globalSetup.ts), a fresh database per block.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemberResponseSchema, libraryListResponseSchema, meResponseSchema, publishResponseSchema } from '../../shared/api.ts';
import { openPostgresStorage } from '../../server/storage/postgres/postgresStorage.ts';
import { createClientPool } from '../helpers/clients.ts';
import { createTestDatabase, onTestDatabase } from '../helpers/engines.ts';
import { apiCalls, createPersona } from '../helpers/http.ts';
import { appendParagraph, sectionText } from '../helpers/persona.ts';
import { runEntry, runToEnd } from '../helpers/process.ts';
import { removeDataDir, startTestServer, type TestServer } from '../helpers/server.ts';
import { startPostgres, type PostgresEngine } from '../engines/postgres.ts';

const pool = createClientPool();
afterEach(() => pool.destroyAll());

describe('a Tandem on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let t: TestServer;
  const { api, postJson } = apiCalls(() => t);

  beforeAll(async () => {
    database = await createTestDatabase('server');
    t = await startTestServer({ DATABASE_URL: database.url });
  });
  afterAll(async () => {
    pool.destroyAll();
    await t.close();
    removeDataDir(t.dataDir);
    await database.drop();
  });

  it('[§9] two stock clients co-edit a persona kept in PostgreSQL; after a restart its content is back', async () => {
    const id = await createPersona(t, { name: 'Olivia', template: 'blank' });
    const mara = pool.connect(t, id, t.editorToken);
    const sam = pool.connect(t, id, t.salesToken);
    await Promise.all([mara.synced(), sam.synced()]);
    appendParagraph(mara.doc, 'summary', 'Mara escribe.');
    appendParagraph(sam.doc, 'goals', 'Sam añade.');
    await vi.waitFor(() => {
      expect(sectionText(sam.doc, 'summary')).toBe('Mara escribe.');
      expect(sectionText(mara.doc, 'goals')).toBe('Sam añade.');
    });
    pool.destroyAll();

    t = await t.restart();
    const later = pool.connect(t, id, t.editorToken);
    await later.synced();
    expect(sectionText(later.doc, 'summary')).toBe('Mara escribe.');
    expect(sectionText(later.doc, 'goals')).toBe('Sam añade.');
    // It is PostgreSQL that holds the persona's log.
    const tables = await onTestDatabase((client) => client.query("SELECT count(*)::int AS n FROM updates WHERE persona_id = $1", [id]), database.url);
    expect(tables.rows[0]?.n).toBeGreaterThan(0);
  });

  it('[§6] an admin invites a member, whose link works at once', async () => {
    const response = await postJson('/api/members', { name: 'Inés Ibáñez', team: 'sales', role: 'editor', email: 'ines@example.com' }, t.adminToken);
    expect(response.status).toBe(201);
    const { link } = createMemberResponseSchema.parse(await response.json());
    const token = new URL(link).searchParams.get('token') ?? '';
    const me = await api('/api/me', { token });
    expect(me.status).toBe(200);
    expect(meResponseSchema.parse(await me.json()).member).toMatchObject({ name: 'Inés Ibáñez', email: 'ines@example.com' });
  });

  it('[§6] npm run invite writes the member into PostgreSQL while the server runs', async () => {
    const result = await runToEnd(
      runEntry('server/invite.ts', ['--name', 'Quique CLI', '--team', 'marketing', '--role', 'viewer'], {
        DATABASE_URL: database.url,
        DATA_DIR: t.dataDir,
        AUTH_SECRET: t.config.authSecret ?? '',
        LOG_LEVEL: 'silent',
      }),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const link = result.stdout.trim().split('\n').at(-1) ?? '';
    const me = await api('/api/me', { token: new URL(link).searchParams.get('token') ?? '' });
    expect(me.status).toBe(200);
  });

  it('[LIB5] publishes, and finds the published persona by word prefixes, without regard to case or accents', async () => {
    const id = await createPersona(t, { name: 'Tomás Núñez', template: 'blank' });
    const editor = pool.connect(t, id, t.editorToken);
    const sales = pool.connect(t, id, t.salesToken);
    await Promise.all([editor.synced(), sales.synced()]);
    appendParagraph(editor.doc, 'summary', 'Directora de logística en Cádiz');
    // What another client received has been stored (S5): the publish freezes it.
    await vi.waitFor(() => expect(sectionText(sales.doc, 'summary')).toBe('Directora de logística en Cádiz'));
    const published = await postJson(`/api/personas/${id}/publish`, { note: 'primera' });
    expect(published.status).toBe(201);
    expect(publishResponseSchema.parse(await published.json()).version).toBe(1);
    const ids = async (q: string) => {
      const response = await api(`/api/library?q=${encodeURIComponent(q)}`, { token: t.viewerToken });
      expect(response.status).toBe(200);
      return libraryListResponseSchema.parse(await response.json()).personas.map((p) => p.id);
    };
    expect(await ids('tomas nunez')).toEqual([id]);
    expect(await ids('LOGIST cadiz')).toEqual([id]);
    expect(await ids('Logística')).toEqual([id]);
    expect(await ids('istica')).toEqual([]);
    expect(await ids("tomas' OR 1=1 --")).toEqual([]);
  });
});

describe('/healthz on PostgreSQL', () => {
  let engine: PostgresEngine;
  let t: TestServer;
  beforeAll(async () => {
    // An engine of its own, that this test may stop.
    engine = await startPostgres();
    t = await startTestServer({ DATABASE_URL: engine.url });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    removeDataDir(t.dataDir);
    engine.remove();
  });

  const health = async () => (await fetch(`${t.url}/healthz`)).status;

  it('[§9] answers 503 while the database cannot be reached, and 200 once it can again', async () => {
    expect(await health()).toBe(200);
    engine.stop();
    await vi.waitFor(async () => expect(await health()).toBe(503), { timeout: 10_000, interval: 200 });
    engine.start();
    await vi.waitFor(async () => expect(await health()).toBe(200), { timeout: 10_000, interval: 200 });
    // And the store works again on new connections.
    expect((await createPersona(t, { name: 'Back' })).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('migrations', () => {
  it('[§9] two processes starting together on one empty database both migrate it, once', async () => {
    const database = await createTestDatabase('migrate');
    try {
      const script = [
        "import { openPostgresStorage } from './server/storage/postgres/postgresStorage.ts';",
        'const storage = await openPostgresStorage({ url: process.env.DATABASE_URL });',
        "await storage.createPersona({ id: process.env.PERSONA, name: '', role: '', segment: '', evidence: { marketing: 0, sales: 0 }, updatedAt: new Date().toISOString() }, new Uint8Array([0, 0]));",
        'await storage.close();',
      ].join('\n');
      // `node --import tsx --input-type=module --eval <script>`: a process of its own each, as two servers are.
      const start = (persona: string) => runToEnd(runEntry('--input-type=module', ['--eval', script], { DATABASE_URL: database.url, PERSONA: persona }));
      const [one, two] = await Promise.all([start('from-one'), start('from-two')]);
      expect([one.code, one.stderr, two.code, two.stderr]).toEqual([0, '', 0, '']);
      const storage = await openPostgresStorage({ url: database.url });
      try {
        expect((await storage.index.listIndex()).map((row) => row.id).sort()).toEqual(['from-one', 'from-two']);
      } finally {
        await storage.close();
      }
      const applied = await onTestDatabase((client) => client.query('SELECT version FROM schema_migrations ORDER BY version'), database.url);
      expect(applied.rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    } finally {
      await database.drop();
    }
  }, 60_000);
});
