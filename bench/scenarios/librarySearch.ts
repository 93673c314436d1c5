// Publishing 2: library search latency with a thousand published personas.
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { personaShape, SEGMENTS } from '../lib/personaContent.ts';
import { seedPersonas, timedFetch } from '../lib/seedStore.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const TARGET_MS = 20;
const SIZE = { paragraphs: 2, listItems: 3, evidencePerSide: 5 };
const load = (quick: boolean) => ({ personas: quick ? 200 : 1_000, queries: quick ? 200 : 1_000 });

/** What people type: names and their prefixes, words with and without accents, two words, rare and common ones. */
function queries(count: number, personas: number): { label: string; query: string }[] {
  const kinds: ((i: number) => { label: string; query: string })[] = [
    (i) => ({ label: 'name', query: `q=${encodeURIComponent(personaShape(i % personas).name.split(' ')[0] ?? '')}` }),
    (i) => ({ label: 'name prefix', query: `q=${encodeURIComponent((personaShape(i % personas).name.slice(0, 3)))}` }),
    () => ({ label: 'word without its accent', query: 'q=logistica' }),
    () => ({ label: 'two words', query: `q=${encodeURIComponent('presupuesto integración')}` }),
    () => ({ label: 'common word', query: 'q=riesgo' }),
    () => ({ label: 'rare word', query: 'q=zzzznada' }),
    (i) => ({ label: 'segment', query: `segment=${encodeURIComponent(SEGMENTS[i % SEGMENTS.length] ?? '')}` }),
    (i) => ({ label: 'word + segment', query: `q=pinguino&segment=${encodeURIComponent(SEGMENTS[i % SEGMENTS.length] ?? '')}` }),
    () => ({ label: 'everything', query: '' }),
  ];
  return Array.from({ length: count }, (_, i) => (kinds[i % kinds.length] as (i: number) => { label: string; query: string })(i));
}

export const librarySearch: Scenario = {
  name: 'library-search',
  title: 'Publishing: library search',
  describe(quick) {
    const { personas, queries: n } = load(quick);
    return (
      `${personas.toLocaleString('en')} personas written into a fresh SQLite file before the server starts (profile, ` +
      `${SIZE.evidencePerSide} evidence items per side, every section with a heading, ${SIZE.paragraphs} paragraphs and ` +
      `${SIZE.listItems} claims; about 3,000 words each), each published once through \`POST /api/personas/:id/publish\`. ` +
      `Then ${n.toLocaleString('en')} \`GET /api/library\` requests, one after another, cycling through: a first name, ` +
      'a name prefix, a word typed without its accent, two words, a common word (most personas match), a word no ' +
      'persona has, a segment filter, a word plus a segment, and the whole library (no query). Time is the HTTP round ' +
      'trip from the bench process until the last byte of the JSON.'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'p50', label: 'search: p50 (ms)', digits: 1 },
    { key: 'p95', label: 'search: p95 (ms)', digits: 1 },
    { key: 'max', label: 'search: max (ms)', digits: 1 },
    { key: 'everythingP95', label: 'whole library (1,000 rows): p95 (ms)', digits: 1 },
    { key: 'meanResults', label: 'results per search: mean', digits: 0 },
    { key: 'publishP50', label: 'publish: p50 (ms)', digits: 1 },
    { key: 'personas', label: 'published personas', digits: 0 },
  ],

  async run(kind, ctx) {
    const { personas, queries: n } = load(ctx.quick);
    const dataDir = makeDataDir('library-search');
    let server: ServerProcess | null = null;
    try {
      const seedStarted = performance.now();
      const ids = await seedPersonas(dataDir, personas, SIZE);
      ctx.log(`${kind}: ${ids.length} personas written in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
      server = await startServer(kind, { dataDir, logName: `${kind}-library-search` });
      const token = server.params['token'];
      if (token === undefined) throw new Error('library-search needs the project server, which issues tokens');
      const publishTimes: number[] = [];
      for (const id of ids) {
        const { ms } = await timedFetch(`${server.httpUrl}/api/personas/${id}/publish`, token, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        publishTimes.push(ms);
      }
      ctx.log(`${kind}: ${ids.length} published, p50 ${percentile(publishTimes, 50)?.toFixed(1)} ms each`);
      const times: number[] = [];
      const everything: number[] = [];
      let results = 0;
      for (const { label, query } of queries(n, personas)) {
        const { ms, body } = await timedFetch(`${server.httpUrl}/api/library${query ? `?${query}` : ''}`, token);
        times.push(ms);
        if (label === 'everything') everything.push(ms);
        results += (JSON.parse(new TextDecoder().decode(body)) as { personas: unknown[] }).personas.length;
      }
      return {
        figures: {
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          max: percentile(times, 100),
          everythingP95: percentile(everything, 95),
          meanResults: results / times.length,
          publishP50: percentile(publishTimes, 50),
          personas: ids.length,
        },
        notes: [],
      };
    } finally {
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const p95 = num(project, 'p95');
    return [
      {
        description: `publishing: library search p95 ≤ ${TARGET_MS} ms with ${fmt(num(project, 'personas'), 0)} published personas`,
        met: p95 === null ? null : p95 <= TARGET_MS,
        detail: `p50 ${fmt(num(project, 'p50'), 1)} ms, p95 ${fmt(p95, 1)} ms, max ${fmt(num(project, 'max'), 1)} ms`,
      },
    ];
  },
};
