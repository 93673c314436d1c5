// Issue 14, item 8: what every HTTP response tells the browser. The CSP is what the built client
// needs and nothing more (checked in Chromium by tests/e2e/robustness.csp.test.ts).
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ZOD_JITLESS_SCRIPT } from '../../shared/csp.ts';

const scriptHash = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' ${scriptHash(ZOD_JITLESS_SCRIPT)}`,
  // The editor's carets and React set style attributes; no script can come through a style.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // 'self' covers the same origin's ws:/wss: (the workshop socket).
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

/** Set before any route answers; Node merges them into whatever head the route writes. */
export function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}
