import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './scripts/lint/noImportCycle.js';

/**
 * Modules that never load Yjs: the PDF (its worker thread renders from plain JSON), the library's pages
 * (read-only, published JSON) and everything they read. They import only each other and packages that are not Yjs.
 */
const YJS_FREE = [
  'server/{pdf/**,logger.ts}',
  'shared/{api,locale,presence,protocol,sides}.ts',
  'shared/scorecard/**',
  'shared/feedback/webhooks*.ts',
  'shared/feedback/{api,mentions}.ts',
  'shared/persona/{alignment,claims,labels,plainText,references,richTextDepth,schema,shapes,signoffRules,types,versionDiff}.ts',
  'client/src/features/library/**',
  'client/src/{api,i18n,session,ui}/**',
  'client/src/features/*/{strings,*Strings}.ts',
  'client/src/features/{evidence/Alignment,publishing/PdfDownloadButton}.tsx',
  'client/src/features/goals/{Notices,Badges,ScorecardTable,PeriodPicker,format}.{ts,tsx}',
  'client/src/features/report/**',
  'client/src/features/{feedback,inbox}/**',
];
/** Yjs and what is built on it: the CRDT, its protocols and providers, lib0, Tiptap's collaboration. */
const YJS_PACKAGES = ['yjs', 'yjs/*', 'y-*', '@y/*', 'lib0', 'lib0/*', '@tiptap/y-tiptap', '@tiptap/extension-collaboration*'];
const yjsImports = (allowTypeImports) => [
  'error',
  { patterns: [{ group: YJS_PACKAGES, allowTypeImports, message: 'This module is Yjs-free (YJS_FREE in eslint.config.js).' }] },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'bench/out/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}', 'tests/unit/client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Library code reports through an injected logger; only entry points and tools write to the terminal.
    files: ['server/**/*.ts', 'shared/**/*.ts', 'client/**/*.{ts,tsx}'],
    ignores: ['server/main.ts', 'server/invite.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    plugins: { tandem: { rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'tandem/no-import-cycle': 'error' },
  },
  {
    files: YJS_FREE,
    plugins: { 'import-x': importX },
    // Imports name their .ts/.tsx file, so Node's resolution finds every project module.
    settings: { 'import-x/resolver-next': [createNodeResolver()] },
    rules: {
      '@typescript-eslint/no-restricted-imports': yjsImports(false),
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            {
              target: '.',
              from: ['{client,server,shared,tests,bench,scripts}/**/*.{js,ts,tsx}'],
              except: YJS_FREE.map((glob) => `${import.meta.dirname}/${glob}`),
              message: 'A Yjs-free module imports only Yjs-free modules (YJS_FREE in eslint.config.js).',
            },
          ],
        },
      ],
    },
  },
  {
    // The schema's typed accessors name Yjs types; type imports are erased (verbatimModuleSyntax), so nothing loads.
    files: ['shared/persona/schema.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': yjsImports(true) },
  },
);
