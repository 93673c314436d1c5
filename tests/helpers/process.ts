import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Every stdout line so far. */
  lines: string[];
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry point the way the npm scripts do (through tsx, no build needed). */
export function runEntry(entry: string, args: string[], env: Record<string, string>): ChildProcess {
  const { AUTH_SECRET: _unused, ...parentEnv } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    env: { ...parentEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Collects a finished process's output and exit code. */
export async function runToEnd(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}

/** `server/main.ts` in a child process; resolves once it logs `listening on …`. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = runEntry('server/main.ts', [], { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
  const { stdout } = child;
  if (!stdout) throw new Error('no stdout from the server child');
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    void exited.then((code) => reject(new Error(`server exited early with ${code}`)));
    createInterface({ input: stdout }).on('line', (line) => {
      lines.push(line);
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });
  return { child, url, lines, exited };
}
