// Scenario 4: the server is killed shortly after a burst of edits; every edit sent before the kill should survive.
import { connectAll, connectClient, trackCount } from '../lib/clients.ts';
import { appendParagraphs, paragraphCount } from '../lib/edits.ts';
import type { ServerKind, ServerProcess } from '../lib/servers.ts';
import { makeDataDir, removeDataDir } from '../lib/dataDirs.ts';
import { startServer } from '../lib/servers.ts';
import { sleep } from '../lib/wait.ts';
import type { Figures, Scenario } from './scenario.ts';
import { fmt, num } from './scenario.ts';

const PERSONA = 'crash';
const EDITS = 500;
const EDITS_PER_TURN = 50;
const KILL_AFTER_MS = [50, 250, 1_000] as const;
const RECOVERY = { quietMs: 3_000, timeoutMs: 20_000 };

export const crash: Scenario = {
  name: 'crash',
  title: 'Crash',
  describe() {
    return (
      `One client appends ${EDITS} paragraphs as fast as it can; the server gets SIGKILL ` +
      `${KILL_AFTER_MS.join(', ')} ms after the last one is sent (a fresh data directory each time), is restarted, ` +
      `and a fresh client counts what survived.`
    );
  },
  rows: KILL_AFTER_MS.map((ms) => ({ key: `survived${ms}`, label: `edits surviving SIGKILL at +${ms} ms (of ${EDITS})`, digits: 0 })),

  async run(kind, ctx) {
    const figures: Figures = {};
    const notes: string[] = [];
    for (const waitMs of KILL_AFTER_MS) {
      const survived = await killAndCount(kind, waitMs);
      figures[`survived${waitMs}`] = survived;
      ctx.log(`${kind}: SIGKILL at +${waitMs} ms: ${survived} of ${EDITS} survived`);
      if (survived < EDITS) notes.push(`${kind}: ${EDITS - survived} edits lost on SIGKILL ${waitMs} ms after the last send`);
    }
    return { figures, notes };
  },

  targets(project) {
    const survived = KILL_AFTER_MS.map((ms) => num(project, `survived${ms}`));
    return [
      {
        description: `crash: ${EDITS}/${EDITS} edits survive SIGKILL at every wait`,
        met: survived.some((n) => n === null) ? null : survived.every((n) => n === EDITS),
        detail: KILL_AFTER_MS.map((ms, i) => `+${ms} ms: ${fmt(survived[i] ?? null, 0)}`).join(', '),
      },
    ];
  },
};

async function killAndCount(kind: ServerKind, waitMs: number): Promise<number> {
  const dataDir = makeDataDir('crash');
  let server: ServerProcess | null = null;
  try {
    server = await startServer(kind, { dataDir, logName: `${kind}-crash-${waitMs}-1` });
    const { people } = server;
    const persona = await server.createPersona(PERSONA);
    const [writer] = await connectAll(server, [persona], 30_000);
    if (!writer) throw new Error('no writer');
    await appendParagraphs(writer.doc, EDITS, EDITS_PER_TURN);
    await sleep(waitMs);
    const killed = server.kill();
    // Before it can reconnect to the restarted server and hand its copy back.
    writer.destroy();
    await killed;
    server = await startServer(kind, { dataDir, people, logName: `${kind}-crash-${waitMs}-2` });
    const fresh = connectClient(server, persona);
    const recovered = trackCount(fresh.doc, paragraphCount, EDITS);
    await fresh.synced();
    await recovered.settle(RECOVERY);
    fresh.destroy();
    return recovered.state.count;
  } finally {
    await server?.stop();
    removeDataDir(dataDir);
  }
}
