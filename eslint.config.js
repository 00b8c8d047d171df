import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import { clientZones, layerZones, testFiles } from './eslint.layers.js';

const noElectron = { name: 'electron', message: 'Only main/electron and preload may import electron.' };

// Test helpers (fake clocks, protocol servers, temp cores) are for tests, never the app.
const testHelpers = { group: ['**/testing/*', '**/testing'], message: 'testing/ helpers are for tests only.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The layers of the house (README, "How it is built"): each zone names who may not import whom.
    // The rule resolves every import to its file, so `../../main/x` and an alias are caught alike.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.node.json', 'tsconfig.web.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Same rule, with the clients' zones on top (a later block replaces the zones, so it repeats them).
    files: clientZones.map((zone) => `${zone.target.slice(2)}/**/*.ts`),
    ignores: testFiles,
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...clientZones] }] },
  },
  // no-restricted-imports: one block per kind of file, since a later block matching the same
  // file replaces the rule's options instead of adding to them.
  {
    // The core, serve mode and the renderer run without Electron; test helpers never ship.
    files: ['main/core/**', 'main/host/**', 'renderer/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [testHelpers] }] },
  },
  {
    files: ['main/electron/**', 'preload/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [testHelpers] }] },
  },
  {
    // shared/ runs on both sides, so it is plain TypeScript: no Node, no React, no Electron.
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'react-i18next', ...builtinModules].map((name) => ({
            name,
            message: 'shared/ runs in the browser and in Node: keep Node, React and Electron out of it.',
          })),
          patterns: [{ group: ['node:*'], message: 'shared/ runs in the browser too: no Node modules.' }, testHelpers],
        },
      ],
    },
  },
  {
    // Tests may read files and use the helpers; the core's own rule about Electron still holds.
    files: testFiles,
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
