// One linter for the whole repo. Besides the usual rules it guards the architecture's boundaries:
// shared/ is the pure domain, drizzle/pg live only in the data layer, botbuilder only in the Teams adapter.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const dataLayerPackages = ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'];
const teamsSdkPackages = ['botbuilder', 'botbuilder-*', 'botframework-*'];
const graphSdkPackages = ['@azure/msal-*', '@microsoft/microsoft-graph-client'];

const restrict = (groups, message, ...more) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: groups, message }, ...more.map(([group, why]) => ({ group, message: why }))] },
  ],
});

// Folders of bot/src, by what they may not import (relative paths), so dependencies keep pointing inward:
// conversation and http → services → data; services hand domain events to notifications, the only place
// besides conversation that builds cards; nothing below the adapters knows them.
const folder = (name) => [`../${name}/*`, `../../${name}/*`, `../../../${name}/*`, `./${name}/*`];
const botPackages = [...dataLayerPackages, ...teamsSdkPackages, ...graphSdkPackages];
const botPackagesMessage =
  'drizzle/pg only in bot/src/data, botbuilder only in bot/src/teams, MSAL and the Graph client only in bot/src/graph.';
const layer = (forbidden, why) => [forbidden.flatMap(folder), why];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      '.data*/',
      'bot/src/data/migrations/',
      'tab/dist/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [
        ...dataLayerPackages,
        ...teamsSdkPackages,
        'fastify',
        '@fastify/*',
        'react',
        '@microsoft/*',
        'node:*',
        'fs',
        'path',
      ],
      'shared/ is the pure domain: no SDK, no I/O.',
    ),
  },
  {
    files: ['bot/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['bot/src/data/**'],
    rules: restrict(botPackages, botPackagesMessage),
  },
  {
    files: ['bot/src/services/**/*.ts'],
    rules: restrict(
      botPackages,
      botPackagesMessage,
      layer(
        ['conversation', 'cards', 'http', 'teams', 'jobs'],
        'Services are the use cases: no adapters, no cards (hand domain events to notifications/).',
      ),
    ),
  },
  {
    files: ['bot/src/notifications/**/*.ts'],
    rules: restrict(
      botPackages,
      botPackagesMessage,
      layer(
        ['services', 'conversation', 'http', 'teams', 'jobs'],
        'notifications/ turns domain events into messages; it knows no use case and no adapter.',
      ),
    ),
  },
  {
    files: ['bot/src/cards/**/*.ts'],
    rules: restrict(
      botPackages,
      botPackagesMessage,
      layer(
        ['services', 'conversation', 'notifications', 'http', 'teams', 'jobs', 'data'],
        'Cards are pure builders of Adaptive Card JSON.',
      ),
    ),
  },
  {
    files: ['bot/src/conversation/**/*.ts'],
    rules: restrict(
      botPackages,
      botPackagesMessage,
      layer(['http', 'teams', 'jobs'], 'The conversation is SDK-free and knows no other transport.'),
    ),
  },
  {
    files: ['bot/src/graph/**/*.ts'],
    rules: restrict(
      [...dataLayerPackages, ...teamsSdkPackages],
      'drizzle/pg only in bot/src/data, botbuilder only in bot/src/teams.',
    ),
  },
  {
    // The Teams adapter is the one home of botbuilder; fastify-bridge.ts is the one file importing both it and Fastify.
    files: ['bot/src/teams/**/*.ts'],
    rules: restrict(dataLayerPackages, 'drizzle/pg only in bot/src/data.'),
  },
  {
    files: ['tests/**/*.ts'],
    rules: restrict(
      teamsSdkPackages,
      'Tests drive the bot with raw activities over HTTP (tests/helpers/teams-http.ts), so they survive an SDK change.',
    ),
  },
  {
    // The tab runs in the browser and knows the server only through HTTP and shared/'s types.
    files: ['tab/src/**/*.{ts,tsx}', 'tests/tab/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [...dataLayerPackages, ...teamsSdkPackages, 'fastify', '@fastify/*', 'node:*', '**/bot/**'],
      'The tab talks to the server through its API only (types from #shared).',
    ),
  },
  {
    // Components, hooks and pages stay small: state and requests in a hook, presentational parts apart.
    files: ['tab/src/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // One typed function per endpoint lives in tab/src/api/; pages, components and hooks call those,
    // never a path (or fetch) of their own, so every response type comes from #shared.
    files: ['tab/src/**/*.{ts,tsx}'],
    ignores: ['tab/src/api/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/^\\/api\\//], TemplateElement[value.raw=/^\\/api\\//]',
          message: 'Call the endpoint through its function in tab/src/api/, not by path.',
        },
        {
          selector: "CallExpression[callee.name='fetch']",
          message: 'Requests go through tab/src/api/.',
        },
      ],
    },
  },
  {
    files: ['bot/src/data/**/*.ts'],
    rules: restrict(
      [...teamsSdkPackages, 'fastify', '@fastify/*'],
      'The data layer knows nothing of HTTP or Teams.',
      layer(
        ['services', 'conversation', 'notifications', 'cards', 'http', 'teams', 'jobs', 'graph'],
        'The data layer is the innermost bot layer.',
      ),
    ),
  },
);
