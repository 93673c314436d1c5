/**
 * `npm run dev`: the Tandem server (restarted on change) behind Vite's dev server, which serves the
 * client with hot reload and proxies /api, /healthz and /collab (WebSockets) to it.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const serverPort = Number(process.env['PORT'] ?? 8080);
const vitePort = Number(process.env['VITE_PORT'] ?? 5173);
const host = process.env['HOST'] ?? '127.0.0.1';

process.env['TANDEM_DEV_SERVER'] = `http://${host}:${serverPort}`;
const vite = await createServer({ server: { port: vitePort, host, strictPort: true } });
await vite.listen();
const clientUrl = `http://${host}:${vitePort}`;

const server = spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], {
  stdio: 'inherit',
  // The printed invite links point at Vite, which proxies to the server.
  env: { ...process.env, PORT: String(serverPort), HOST: host, PUBLIC_URL: clientUrl, CLIENT_DIR: 'client/no-build' },
});

process.stdout.write(`\nVite (client, hot reload): ${clientUrl}  →  Tandem server: http://${host}:${serverPort}\n`);

const stop = () => {
  server.kill('SIGTERM');
  void vite.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => {
  if (code !== null && code !== 0) process.stderr.write(`The Tandem server exited with code ${code}\n`);
});
