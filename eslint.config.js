// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint with type information, and the layer rules the compiler cannot state:
 * the window never imports the main process, the engine never imports Electron,
 * shared/ stays pure, and only a feature's actions talk to window.studio.
 */
const node = (name) => [name, `node:${name}`];
const NODE_BUILTINS = [
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'util',
  'url',
  'worker_threads',
].flatMap(node);

/** What the window may not import; only actions (and the bootstrap) may take `studio` from the bridge. */
function windowImports({ actions }) {
  return {
    paths: [
      ...NODE_BUILTINS.map((name) => ({ name, message: 'The window never touches the disk: ask main through window.studio.' })),
      { name: 'electron', message: 'The window is sandboxed: use window.studio.' },
    ],
    patterns: [
      { group: ['**/electron/**'], message: 'The window never imports the main process: it talks to it through window.studio.' },
      ...(actions
        ? []
        : [
            {
              group: ['**/ipc/studio.ts'],
              importNames: ['studio'],
              message: 'Only a feature’s actions.ts (and app/bootstrap.ts) call window.studio.',
            },
          ]),
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'docs/', 'bench/results.json', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.shared.json', './tsconfig.node.json', './tsconfig.web.json', './tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `void promise` marks a deliberate fire-and-forget; everything else is awaited.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The rules of hooks, and effects that name everything they read.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', windowImports({ actions: false })],
    },
  },
  {
    files: ['renderer/src/features/*/actions.ts', 'renderer/src/features/*/*/actions.ts', 'renderer/src/app/bootstrap.ts'],
    rules: { 'no-restricted-imports': ['error', windowImports({ actions: true })] },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'electron/core is plain Node: Electron stays in electron/main and electron/preload.' }] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...NODE_BUILTINS.map((name) => ({ name, message: 'shared/ is pure: no Node.' })),
            { name: 'electron', message: 'shared/ is pure: no Electron.' },
          ],
          patterns: [
            {
              group: ['../electron/**', '../renderer/**', '../../electron/**', '../../renderer/**'],
              message: 'shared/ imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts', '*.config.ts'],
    rules: {
      // Tests read JSON answers and poke at fakes: `any` from JSON.parse is expected there.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes implement asynchronous contracts with answers they have at once, and
      // `act(async () => …)` is how Testing Library flushes React's updates.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
