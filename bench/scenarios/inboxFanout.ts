// Issue 17: one action that concerns 500 members (a sign-off asked of the sales team, 500 sales
// editors), and the time until every one of their inboxes has it, read through the API as each
// member's bell would.
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { createPersona, inviteMember, type BenchMember } from '../lib/people.ts';
import { timedFetch } from '../lib/seedStore.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const members = (quick: boolean) => (quick ? 100 : 500);
/** Inboxes read at once while waiting: a crowd of bells, not a stampede. */
const POLLERS = 25;
const GIVE_UP_MS = 60_000;

interface InboxAnswer {
  items: { kind: string; place: { personaId: string } }[];
}

export const inboxFanout: Scenario = {
  name: 'inbox-fanout',
  title: 'Inbox: one action that concerns many members',
  describe(quick) {
    return (
      `${members(quick)} sales editors are invited; a marketing editor asks sales to sign a section off ` +
      '(`POST /api/personas/:id/signoff-requests`), which concerns every one of them. The clock starts before the ' +
      `request; ${POLLERS} pollers then read \`GET /api/me/inbox?limit=1\` for each member in turn until every inbox ` +
      'holds the request. Figures: the request\'s round trip, and per member the time until their inbox had it.'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'members', label: 'members concerned', digits: 0 },
    { key: 'requestMs', label: 'the action: round trip (ms)', digits: 1 },
    { key: 'firstMs', label: 'first inbox has it (ms)', digits: 0 },
    { key: 'p50Ms', label: 'inboxes: p50 (ms)', digits: 0 },
    { key: 'allMs', label: 'every inbox has it (ms)', digits: 0 },
    { key: 'reads', label: 'inbox reads while waiting', digits: 0 },
  ],

  async run(kind, ctx) {
    const count = members(ctx.quick);
    const dataDir = makeDataDir('inbox-fanout');
    let server: ServerProcess | null = null;
    try {
      server = await startServer(kind, { dataDir, logName: `${kind}-inbox-fanout` });
      const people = server.people;
      if (people === null) throw new Error('inbox-fanout needs the project server, which has members');
      const url = server.httpUrl;
      const sales: BenchMember[] = [];
      for (let i = 0; i < count; i++) sales.push(await inviteMember(url, people.adminToken, { name: `Sales ${i}`, team: 'sales', role: 'editor' }));
      ctx.log(`${kind}: ${count} sales editors invited`);
      const id = await createPersona(url, people.editorToken, 'Inbox fan-out');

      const started = performance.now();
      const asked = await timedFetch(`${url}/api/personas/${id}/signoff-requests`, people.editorToken, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ section: 'goals', team: 'sales' }),
      });
      const arrived: number[] = [];
      let reads = 0;
      const waiting = [...sales];
      const poll = async () => {
        for (let member = waiting.shift(); member !== undefined; member = waiting.shift()) {
          if (performance.now() - started > GIVE_UP_MS) throw new Error(`an inbox still lacked the request after ${GIVE_UP_MS} ms`);
          const { body } = await timedFetch(`${url}/api/me/inbox?limit=1`, member.token);
          reads += 1;
          const answer = JSON.parse(new TextDecoder().decode(body)) as InboxAnswer;
          if (answer.items.some((item) => item.kind === 'signoff-requested' && item.place.personaId === id)) arrived.push(performance.now() - started);
          else waiting.push(member);
        }
      };
      await Promise.all(Array.from({ length: POLLERS }, poll));
      ctx.log(`${kind}: every inbox has it after ${(Math.max(...arrived)).toFixed(0)} ms`);
      return {
        figures: {
          members: count,
          requestMs: asked.ms,
          firstMs: Math.min(...arrived),
          p50Ms: percentile(arrived, 50),
          allMs: Math.max(...arrived),
          reads,
        },
        notes: [],
      };
    } finally {
      await server?.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    return [
      {
        description: `inbox fan-out: one action concerning ${fmt(num(project, 'members'), 0)} members reaches every inbox`,
        met: null,
        detail: `every inbox ${fmt(num(project, 'allMs'), 0)} ms (p50 ${fmt(num(project, 'p50Ms'), 0)} ms, action ${fmt(num(project, 'requestMs'), 1)} ms, ${fmt(num(project, 'reads'), 0)} reads)`,
      },
    ];
  },
};
