// @ts-check
// The boundaries of DESIGN.md ("Layout", "The write path") as a check, not a habit. This lint is
// about dependency direction, not style: the only rules are the boundaries below and the
// parser's own syntax errors (no type-aware rules, nothing that formats).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

// Where each layer lives. Patterns are folders from the repository root: the capability folders of
// src/content/ (text/, taxonomy/, media/, articles/, stories/, curation/) are inside `src/content`,
// so they are the domain with no pattern of their own (their order among themselves is
// CONTENT_IMPORTS below); a new top-level folder is added to its layer's pattern.
const ELEMENTS = [
  // Kysely per dialect, migrations, the unit of work and the dialect ports.
  { type: 'storage', pattern: 'src/storage' },
  // The domain: content operations and stores, the change log, jobs, ingest, search, markets.
  { type: 'domain', pattern: 'src/{content,ingest,changes,jobs,search,most-read,markets}' },
  // Reader routes: the site's pages and the feeds, sitemaps and structured data.
  { type: 'pages', pattern: 'src/{site,syndication}' },
  // The newsroom, the JSON API (public and newsroom) and webhooks (the API's articles, pushed).
  { type: 'newsroom', pattern: 'src/{newsroom,api,webhooks}' },
  // The page cache.
  { type: 'cache', pattern: 'src/cache' },
  // What operators and load balancers read: /readyz, /metrics.
  { type: 'operations', pattern: 'src/operations' },
].map((element) => ({ ...element, partialMatch: false }));

// Element patterns match folders; single files are classified as file categories.
const FILES = [
  // The composition root and the command line: the only files that wire everything together.
  { category: 'app', pattern: 'src/{server,cli}.ts' },
];
const APP = { file: { categories: 'app' } };

// Database drivers: only src/storage/ opens connections or knows a dialect.
const DRIVERS = ['better-sqlite3', 'pg', 'pg-pool', 'pg-cursor', 'pg-query-stream'].map((name) => ({
  name,
  message: 'Only src/storage/ talks to a database driver: use the Database, its Kysely instance or a port from storage/index.js.',
}));
const DRIVER_PATTERNS = [{ group: ['better-sqlite3/*', 'pg/*'], message: 'Only src/storage/ talks to a database driver.' }];

// The capability folders of src/content/ and the folders each may import (through their index.ts).
// Dependencies point one way: text ← taxonomy ← articles → media; stories and curation sit on top.
const CONTENT_IMPORTS = {
  text: [],
  media: [],
  taxonomy: ['text'],
  articles: ['text', 'taxonomy', 'media'],
  stories: ['text', 'taxonomy', 'articles'],
  curation: ['articles'],
};
// Outside a capability folder, code imports its index.ts only, never an inner file.
const CONTENT_INDEX_ONLY = {
  regex: '(^|/)content/[^/]+/(?!index\\.js$)[^/]+$',
  message: 'Import a content capability through its index.ts (content/<folder>/index.js), never one of its inner files.',
};
/** The import rules of one capability folder: other folders through their index, and only the folders it may use. */
function contentFolderPatterns(folder) {
  const allowed = CONTENT_IMPORTS[folder];
  return [
    {
      regex: '^\\.\\./[^./][^/]*/(?!index\\.js$)[^/]+$',
      message: 'Import another content capability through its index.ts (../<folder>/index.js), never one of its inner files.',
    },
    {
      regex: `^\\.\\./(?!(${[folder, ...allowed].join('|')})/)[^./][^/]*/`,
      message: `src/content/${folder}/ may use ${allowed.length ? allowed.map((name) => `${name}/`).join(', ') : 'no other content folder'}: dependencies between content folders point one way (eslint.config.js, CONTENT_IMPORTS).`,
    },
  ];
}

// Route and page files: everything under src/site/ and src/syndication/, and in the newsroom and
// the API the files that register routes or plugins and the files that render pages.
const ROUTE_FILES = [
  'src/{site,syndication}/**/*.{ts,tsx}',
  'src/operations/**/routes.ts',
  'src/{newsroom,api}/**/{routes,*-routes,*-route,*-plugin}.{ts,tsx}',
  'src/{newsroom,api}/**/*-page.tsx',
  'src/{newsroom,api}/**/views/**/*.{ts,tsx}',
];

// Reader routes run no SQL of their own. Routes may name the database's *type* (`import type
// { Kysely }`), because they receive the handle and pass it to module services; they may not
// import a Kysely value (`sql`, `Kysely`, expression helpers) nor start a query or a transaction.
const NO_SQL_IMPORTS = [
  ...DRIVERS,
  {
    name: 'kysely',
    allowTypeImports: true,
    message: 'Routes and pages run no SQL of their own: call a module service (type-only imports of Kysely types are allowed).',
  },
];
const QUERY_METHODS = ['selectFrom', 'selectNoFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto', 'transaction', 'connection', 'executeQuery'];
const NO_SQL_CALLS = {
  selector: `CallExpression[callee.type='MemberExpression'][callee.property.name=/^(${QUERY_METHODS.join('|')})$/]`,
  message: 'Routes and pages run no SQL of their own: move the query or transaction into a module service or store.',
};

// Only src/changes reads the change log by hand: after a commit the writer does it (the unit of
// work), and a request asking for validation waits for the follower's readBeforeServing(), which
// shares one read among many requests. Tests may call catchUp() to follow on cue.
const NO_CATCH_UP = {
  selector: "CallExpression[callee.name='catchUp'], CallExpression[callee.property.name='catchUp']",
  message: 'Only src/changes calls catchUp(): write through the unit of work (runWrite / Writer), which reads the change log after commit; a request that must see every commit first awaits changes.readBeforeServing().',
};

// No route purges by hand: the unit of work drives the change feed after each commit, and
// time-bound pages expire (RenderedPage.expiresAt) instead of being purged.
const NO_HAND_PURGE = [
  NO_CATCH_UP,
  {
    selector: "CallExpression[callee.property.name='purge']",
    message: 'No route purges by hand: a write purges through the unit of work; a page that goes stale with time sets expiresAt.',
  },
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'bench/.data/', 'bench/results/', 'coverage/', 'data/', '.tmp/'] },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser },
    // Sources carry a few disable comments for style rules this boundaries-only lint does not run.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { '@typescript-eslint': tseslint.plugin, boundaries },
    settings: {
      // Resolves `./x.js` to `x.ts`: without it no local import would be seen, and nothing checked.
      'import/resolver': { [fileURLToPath(new URL('./eslint-resolver.cjs', import.meta.url))]: {} },
      'boundaries/elements': ELEMENTS,
      'boundaries/files': FILES,
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          // Only the directions DESIGN.md forbids are listed; everything else stays allowed.
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'domain' } },
              disallow: { to: [{ element: { types: { anyOf: ['pages', 'newsroom', 'operations'] } } }, APP] },
              message:
                'The domain (content, ingest, changes, jobs, search) imports no pages, newsroom or operations code: take what it needs as an option or a port, wired in server.ts.',
            },
            {
              from: { element: { type: 'storage' } },
              disallow: { to: [{ element: { types: { anyOf: ['domain', 'pages', 'newsroom', 'cache', 'operations'] } } }, APP] },
              message: 'storage/ knows no domain: it imports nothing from content, changes, jobs, ingest, cache, site, syndication, newsroom, api or operations.',
            },
          ],
        },
      ],
      '@typescript-eslint/no-restricted-imports': ['error', { paths: DRIVERS, patterns: [...DRIVER_PATTERNS, CONTENT_INDEX_ONLY] }],
    },
  },
  {
    files: ['src/storage/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  ...Object.keys(CONTENT_IMPORTS).map((folder) => ({
    files: [`src/content/${folder}/**`],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: DRIVERS, patterns: [...DRIVER_PATTERNS, ...contentFolderPatterns(folder)] }],
    },
  })),
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/changes/**', 'src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', NO_CATCH_UP] },
  },
  {
    files: ROUTE_FILES,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: NO_SQL_IMPORTS, patterns: [...DRIVER_PATTERNS, CONTENT_INDEX_ONLY] }],
      'no-restricted-syntax': ['error', NO_SQL_CALLS, ...NO_HAND_PURGE],
    },
  },
);
