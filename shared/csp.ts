// What the page may run under the server's Content-Security-Policy (issue 14), agreed by the build
// (vite.config.ts puts it in index.html) and the server (which allows it by its hash).

/**
 * zod compiles object parsers with `new Function` when it may, probing once per schema it builds; a
 * policy without 'unsafe-eval' reports each probe as a violation even though zod catches the error.
 * This runs before any module, so every schema is built without the probe (zod adopts this config).
 */
export const ZOD_JITLESS_SCRIPT = 'globalThis.__zod_globalConfig={jitless:true};';
