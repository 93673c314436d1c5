// An ESLint rule that fails on any import cycle between the project's modules, type-only imports included:
// import-x/no-cycle skips those by design, and a cycle of types still makes the reading go back and forth.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The project modules a file imports (relative specifiers that name an existing file), cached by modification time. */
const importsCache = new Map();

function projectImportsOf(file) {
  const mtime = statSync(file).mtimeMs;
  const cached = importsCache.get(file);
  if (cached?.mtime === mtime) return cached.imports;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [...new Set(importedFiles.map(({ fileName }) => resolveRelative(file, fileName)).filter((found) => found !== null))];
  importsCache.set(file, { mtime, imports });
  return imports;
}

function resolveRelative(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const resolved = path.resolve(path.dirname(from), specifier);
  return /\.(ts|tsx|js|mjs)$/.test(resolved) && existsSync(resolved) ? resolved : null;
}

/** The shortest chain of imports from `start` back to `target`, or null when there is none. */
function pathBack(start, target) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const next of projectImportsOf(file)) {
      if (next === target) {
        const chain = [file];
        for (let at = cameFrom.get(file); at !== null; at = cameFrom.get(at)) chain.unshift(at);
        return chain;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid an import that leads, through any chain of imports (types included), back to the importing module.' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    const root = context.cwd;
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const imported = resolveRelative(file, source.value);
      if (imported === null || imported === file) return;
      const back = pathBack(imported, file);
      if (back === null) return;
      const chain = [file, ...back, file].map((step) => path.relative(root, step)).join(' → ');
      context.report({ node, messageId: 'cycle', data: { chain } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
