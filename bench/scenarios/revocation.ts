// People: how soon removing a member ends their open socket (SPEC §6: within 1 second, 4401).
import { connectAll } from '../lib/clients.ts';
import type { BenchClient } from '../lib/clients.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { inviteMember, removeMember } from '../lib/people.ts';
import type { ServerProcess } from '../lib/servers.ts';
import { startServer } from '../lib/servers.ts';
import { percentile } from '../lib/stats.ts';
import { withTimeout } from '../lib/wait.ts';
import type { Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const TARGET_MS = 1_000;
const UNAUTHORIZED = 4401;
/** Long enough to tell "late" from "never". */
const CLOSE_TIMEOUT_MS = 5_000;
const load = (quick: boolean) => ({ removals: quick ? 5 : 20 });

export const revocation: Scenario = {
  name: 'revocation',
  title: 'People: removal to socket close',
  describe(quick) {
    const { removals } = load(quick);
    return (
      `${removals} times, one after another: an admin invites an editor (\`POST /api/members\`), who opens the ` +
      'persona with a stock y-websocket provider on their personal token while the bench editor stays connected to ' +
      'it; once synced, the admin removes them (`DELETE /api/members/:id`). Time runs from just before the request is ' +
      'sent until the removed member\'s provider reports its socket closed; the close code must be 4401. Then the ' +
      'removed token is tried on `GET /api/me`, which must answer 401.'
    );
  },
  servers: ['project'],
  rows: [
    { key: 'closeP50', label: 'removal to socket close: p50 (ms)', digits: 1 },
    { key: 'closeMax', label: 'removal to socket close: max (ms)', digits: 1 },
    { key: 'deleteP50', label: 'DELETE /api/members/:id answered: p50 (ms)', digits: 1 },
    { key: 'closed4401', label: 'sockets closed with 4401', digits: 0 },
    { key: 'refused', label: 'removed tokens refused at once (401)', digits: 0 },
    { key: 'removals', label: 'removals', digits: 0 },
  ],

  async run(kind, ctx) {
    const { removals } = load(ctx.quick);
    const dataDir = makeDataDir('revocation');
    const server = await startServer(kind, { dataDir, logName: `${kind}-revocation` });
    const clients: BenchClient[] = [];
    const notes: string[] = [];
    try {
      const adminToken = server.people?.adminToken;
      if (adminToken === undefined) throw new Error('revocation needs the project server, which has members');
      const persona = await server.createPersona('revocation');
      clients.push(...(await connectAll(server, [persona], 30_000)));
      const closeMs: number[] = [];
      const deleteMs: number[] = [];
      let closed4401 = 0;
      let refused = 0;
      for (let n = 0; n < removals; n++) {
        const member = await inviteMember(server.httpUrl, adminToken, { name: `Leaver ${n + 1}`, team: n % 2 === 0 ? 'marketing' : 'sales', role: 'editor' });
        const [leaver] = await connectAll(server, [persona], 30_000, [{ token: member.token }]);
        if (!leaver) throw new Error('no client for the member to remove');
        clients.push(leaver);
        const { ms, code } = await timeRemoval(server, adminToken, member.id, leaver, deleteMs);
        if (ms !== null) closeMs.push(ms);
        if (code === UNAUTHORIZED) closed4401 += 1;
        else notes.push(`${kind}: removal ${n + 1}: the socket ${code === null ? 'stayed open' : `closed with ${code}`}`);
        leaver.destroy();
        const me = await fetch(`${server.httpUrl}/api/me`, { headers: { authorization: `Bearer ${member.token}` } });
        if (me.status === 401) refused += 1;
      }
      return {
        figures: {
          closeP50: percentile(closeMs, 50),
          closeMax: closeMs.length === removals ? percentile(closeMs, 100) : null,
          deleteP50: percentile(deleteMs, 50),
          closed4401,
          refused,
          removals,
        },
        notes,
      };
    } finally {
      for (const client of clients) client.destroy();
      await server.stop();
      removeDataDir(dataDir);
    }
  },

  targets(project) {
    const [max, closed, refused, removals] = [num(project, 'closeMax'), num(project, 'closed4401'), num(project, 'refused'), num(project, 'removals')];
    return [
      {
        description: `revocation: every removed member's socket closed with 4401 within ${fmt(TARGET_MS / 1000, 0)} s`,
        met: max === null || closed === null || removals === null ? null : closed === removals && max <= TARGET_MS,
        detail: `${fmt(closed, 0)} of ${fmt(removals, 0)} closed with 4401, the slowest after ${fmt(max)} ms`,
      },
      {
        description: 'revocation: a removed member\'s token is refused at once',
        met: refused === null || removals === null ? null : refused === removals,
        detail: `${fmt(refused, 0)} of ${fmt(removals, 0)} answered 401 right after the removal`,
      },
    ];
  },
};

/**
 * Removes the member and waits for their provider's socket to close: the milliseconds from just
 * before the request until the close event (null when it never came) and the close code.
 */
async function timeRemoval(
  server: ServerProcess,
  adminToken: string,
  memberId: string,
  client: BenchClient,
  deleteMs: number[],
): Promise<{ ms: number | null; code: number | null }> {
  const closed = new Promise<{ at: number; code: number | null }>((resolve) => {
    client.provider.once('connection-close', (event) => resolve({ at: performance.now(), code: event?.code ?? null }));
  });
  const started = performance.now();
  await removeMember(server.httpUrl, adminToken, memberId);
  deleteMs.push(performance.now() - started);
  try {
    const { at, code } = await withTimeout(closed, CLOSE_TIMEOUT_MS, 'the removed member\'s socket to close');
    return { ms: at - started, code };
  } catch {
    return { ms: null, code: null };
  }
}
