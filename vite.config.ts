import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { serviceWorkerPlugin } from './client/build/serviceWorker.ts';
import { ZOD_JITLESS_SCRIPT } from './shared/csp.ts';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm run dev` finds the Tandem server that Vite proxies the API and WebSockets to. */
const devServer = process.env['TANDEM_DEV_SERVER'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    serviceWorkerPlugin(),
    // Inline, first in <head>: the server's CSP allows exactly this script by its hash (shared/csp.ts).
    { name: 'tandem-zod-jitless', transformIndexHtml: () => [{ tag: 'script', children: ZOD_JITLESS_SCRIPT, injectTo: 'head-prepend' }] },
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // Production builds carry no source maps (issue 14): the server does not serve them either.
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': devServer,
      '/healthz': devServer,
      // Sign-in through the identity provider: PUBLIC_URL is Vite's address in development, so the callback comes here.
      '/auth': devServer,
      '/collab': { target: devServer.replace(/^http/, 'ws'), ws: true },
    },
  },
  test: {
    root: repoRoot,
    reporters: ['default', './tests/summaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          root: repoRoot,
          environment: 'node',
          include: ['tests/unit/{server,shared}/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          // PostgreSQL and Redis for the run (issue 19): started once, stopped after.
          globalSetup: ['tests/engines/globalSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          root: repoRoot,
          environment: 'jsdom',
          include: ['tests/unit/client/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/unit/client/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          root: repoRoot,
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
