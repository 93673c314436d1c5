// nginx from the system, run on deploy/nginx/tandem.conf with its upstreams and listen address
// replaced; everything it writes (pid, logs, temp files) stays in a temp directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const DEPLOYED_CONF = 'deploy/nginx/tandem.conf';
/** Added by the test only: which upstream answered (nginx's $upstream_addr). */
export const UPSTREAM_HEADER = 'x-tandem-upstream';

/** The nginx binary on PATH or in Debian's /usr/sbin; null when there is none. */
export function findNginx(): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin'];
  for (const dir of dirs.filter(Boolean)) {
    const candidate = join(dir, 'nginx');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port from the probe');
  return address.port;
}

/** The deployed site file with these upstreams, this listen port, and the upstream header. */
export function siteConf(deployed: string, upstreams: readonly string[], port: number, accessLog: string): string {
  const replace = (text: string, pattern: RegExp, by: string) => {
    if (!pattern.test(text)) throw new Error(`${DEPLOYED_CONF} no longer has ${String(pattern)}: update tests/helpers/nginx.ts`);
    return text.replace(pattern, by);
  };
  let conf = replace(deployed, /^\s*server [\d.]+:\d+[^;]*;\n/gm, '');
  conf = replace(conf, /^(\s*hash \$tandem_route consistent;\n)/m, `$1${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=10s;\n`).join('')}`);
  conf = replace(conf, /listen 80;/, `listen 127.0.0.1:${port};`);
  conf = replace(conf, /access_log \S+ tandem;/, `access_log ${accessLog} tandem;`);
  return replace(conf, /(server_name _;)/, `$1\n    add_header X-Tandem-Upstream $upstream_addr always;`);
}

export interface RunningNginx {
  url: string;
  wsUrl: string;
  dir: string;
  /** What nginx wrote to its access log so far. */
  accessLog(): string;
  stop(): Promise<void>;
}

/**
 * nginx in the foreground on a free port, in front of `upstreams` (host:port). Sized for a few
 * thousand proxied sockets: each takes two of nginx's connections.
 */
export async function startNginx(binary: string, upstreams: readonly string[]): Promise<RunningNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'tandem-nginx-'));
  const deployed = readFileSync(DEPLOYED_CONF, 'utf8');
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    writeFileSync(join(dir, 'tandem.conf'), siteConf(deployed, upstreams, port, join(dir, 'access.log')));
    writeFileSync(
      join(dir, 'nginx.conf'),
      [
        'daemon off;',
        'worker_processes 1;',
        'worker_rlimit_nofile 16384;',
        `pid ${join(dir, 'nginx.pid')};`,
        `error_log ${join(dir, 'error.log')} warn;`,
        // As root the workers would run as nobody, who cannot write the temp directory.
        ...(process.getuid?.() === 0 ? ['user root root;'] : []),
        'events { worker_connections 8192; }',
        'http {',
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`),
        `  include ${join(dir, 'tandem.conf')};`,
        '}',
        '',
      ].join('\n'),
    );
    const child = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    let gone = false;
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve)).finally(() => (gone = true));
    const ready = await Promise.race([waitForHealth(url, () => gone), exited.then(() => false)]);
    if (ready) return running(child, exited, dir, url);
    const errors = readFileSync(join(dir, 'error.log'), 'utf8');
    // Another process took the port between the probe and nginx: try another.
    if (attempt < 3 && /Address already in use/.test(errors)) continue;
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`nginx did not start:\n${errors}`);
  }
}

/** True once nginx answers /healthz from an upstream; false if it exits first. */
async function waitForHealth(url: string, exited: () => boolean): Promise<boolean> {
  while (!exited()) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function running(child: ChildProcess, exited: Promise<number | null>, dir: string, url: string): RunningNginx {
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    dir,
    accessLog: () => readFileSync(join(dir, 'access.log'), 'utf8'),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
