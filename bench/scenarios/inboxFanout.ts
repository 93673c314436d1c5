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
      'request; the first and the last member invited read `GET /api/me/inbox?limit=1` back to back until theirs holds ' +
      `it (one transaction delivers to all), then ${POLLERS} pollers read every member's inbox once to confirm each has it ` +
      '(the sweep, mostly the reads themselves).'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'members', label: 'members concerned', digits: 0 },
    { key: 'requestMs', label: 'the action: round trip (ms)', digits: 1 },
    { key: 'firstMs', label: 'first member\'s inbox has it (ms)', digits: 0 },
    { key: 'lastMs', label: 'last member\'s inbox has it (ms)', digits: 0 },
    { key: 'everyInbox', label: 'every inbox has it' },
    { key: 'sweepMs', label: 'sweep of every inbox (ms)', digits: 0 },
    { key: 'readP50', label: 'an inbox read: p50 (ms)', digits: 1 },
    { key: 'readP95', label: 'an inbox read: p95 (ms)', digits: 1 },
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
      const has = async (member: BenchMember): Promise<boolean> => {
        const { body } = await timedFetch(`${url}/api/me/inbox?limit=1`, member.token);
        const answer = JSON.parse(new TextDecoder().decode(body)) as InboxAnswer;
        return answer.items.some((item) => item.kind === 'signoff-requested' && item.place.personaId === id);
      };
      // First the first and the last member invited, read back to back: when the last one's inbox has it.
      const watch = async (member: BenchMember): Promise<number> => {
        while (!(await has(member))) {
          if (performance.now() - started > GIVE_UP_MS) throw new Error(`an inbox still lacked the request after ${GIVE_UP_MS} ms`);
        }
        return performance.now() - started;
      };
      const [firstMs, lastMs] = await Promise.all([watch(sales[0] as BenchMember), watch(sales.at(-1) as BenchMember)]);
      // Then every inbox, read by a crowd of bells: the sweep's time is mostly the reads themselves.
      const sweepStarted = performance.now();
      const reads: number[] = [];
      const waiting = [...sales];
      let missing = 0;
      const poll = async () => {
        for (let member = waiting.shift(); member !== undefined; member = waiting.shift()) {
          const readStarted = performance.now();
          if (!(await has(member))) missing += 1;
          reads.push(performance.now() - readStarted);
        }
      };
      await Promise.all(Array.from({ length: POLLERS }, poll));
      const sweepMs = performance.now() - sweepStarted;
      ctx.log(`${kind}: the last inbox had it after ${lastMs.toFixed(0)} ms; ${count - missing} of ${count} confirmed in a ${sweepMs.toFixed(0)} ms sweep`);
      return {
        figures: {
          members: count,
          requestMs: asked.ms,
          firstMs,
          lastMs,
          everyInbox: missing === 0,
          sweepMs,
          readP50: percentile(reads, 50),
          readP95: percentile(reads, 95),
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
        met: project.everyInbox === true,
        detail: `last inbox ${fmt(num(project, 'lastMs'), 0)} ms after the action (its round trip ${fmt(num(project, 'requestMs'), 1)} ms); sweep of all ${fmt(num(project, 'sweepMs'), 0)} ms, a read p95 ${fmt(num(project, 'readP95'), 1)} ms`,
      },
    ];
  },
};
