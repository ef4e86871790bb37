/**
 * The boundaries lint (eslint.config.js) proves itself: for each rule, a planted violation in
 * the place it forbids is reported by that rule, and the same code where it is allowed is not. A
 * lint that reported nothing — say, a resolver that stopped seeing `./x.js` as `x.ts` — fails here.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, test } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: REPO_ROOT });
});

/** The rule ids of the problems ESLint reports for `code` as if it were the file at `filePath`. */
async function ruleIdsFor(filePath: string, code: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => message.ruleId);
}

const BOUNDARIES = 'boundaries/dependencies';
const RESTRICTED_IMPORTS = '@typescript-eslint/no-restricted-imports';
const RESTRICTED_SYNTAX = 'no-restricted-syntax';

describe('the domain imports no pages or newsroom code', () => {
  test.each([
    ['src/content/planted.ts', "import { siteRoutes } from '../site/routes.js';\nexport const planted = siteRoutes;\n"],
    ['src/jobs/planted.ts', "import { recordAudit } from '../newsroom/accounts/index.js';\nexport const planted = recordAudit;\n"],
    ['src/ingest/planted.ts', "import type { SyndicationRoutesOptions } from '../syndication/index.js';\nexport type Planted = SyndicationRoutesOptions;\n"],
    ['src/changes/planted.ts', "import { apiRoutes } from '../api/index.js';\nexport const planted = apiRoutes;\n"],
    ['src/content/planted.ts', "import { buildApp } from '../server.js';\nexport const planted = buildApp;\n"],
    ['src/jobs/planted.ts', "import { createAppMetrics } from '../operations/index.js';\nexport const planted = createAppMetrics;\n"],
  ])('%s: the planted import or call is refused', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toEqual([BOUNDARIES]);
  });

  test('the domain may use storage, the cache and errors; the newsroom may use the domain', async () => {
    const code = "import { runWrite } from '../storage/index.js';\nimport { PageCache } from '../cache/index.js';\nimport { AppError } from '../errors.js';\nexport const planted = [runWrite, PageCache, AppError];\n";
    expect(await ruleIdsFor('src/content/planted.ts', code)).toEqual([]);
    expect(await ruleIdsFor('src/newsroom/planted.ts', "import { publishScheduledStory } from '../content/stories/index.js';\nexport const planted = publishScheduledStory;\n")).toEqual([]);
  });
});

describe('storage knows no domain', () => {
  test.each([
    ['content', "import { publishScheduledStory } from '../content/stories/index.js';\nexport const planted = publishScheduledStory;\n"],
    ['changes', "import type { ChangeFollower } from '../changes/index.js';\nexport type Planted = ChangeFollower;\n"],
    ['cache', "import { PageCache } from '../cache/index.js';\nexport const planted = PageCache;\n"],
    ['newsroom', "import { recordAudit } from '../newsroom/index.js';\nexport const planted = recordAudit;\n"],
    ['site', "import { siteRoutes } from '../site/routes.js';\nexport const planted = siteRoutes;\n"],
    ['operations', "import { checkReadiness } from '../operations/index.js';\nexport const planted = checkReadiness;\n"],
  ])('src/storage importing %s is refused', async (_layer, code) => {
    expect(await ruleIdsFor('src/storage/planted.ts', code)).toEqual([BOUNDARIES]);
  });

  test('storage may import its own modules and its drivers', async () => {
    const code = "import Sqlite from 'better-sqlite3';\nimport { Kysely } from 'kysely';\nimport type { Schema } from './schema.js';\nexport type Planted = [Sqlite.Database, Kysely<Schema>];\n";
    expect(await ruleIdsFor('src/storage/planted.ts', code)).toEqual([]);
  });
});

describe('nothing outside storage touches a database driver', () => {
  test.each([
    ['src/content/planted.ts', "import Sqlite from 'better-sqlite3';\nexport const planted = Sqlite;\n"],
    ['src/content/articles/planted.ts', "import Sqlite from 'better-sqlite3';\nexport const planted = Sqlite;\n"],
    ['src/server-planted.ts', "import pg from 'pg';\nexport const planted = pg;\n"],
    ['src/site/planted.ts', "import type { Database } from 'better-sqlite3';\nexport type Planted = Database;\n"],
    ['test/integration/planted.test.ts', "import { Pool } from 'pg';\nexport const planted = Pool;\n"],
  ])('%s: the planted import or call is refused', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toEqual([RESTRICTED_IMPORTS]);
  });
});

describe('content capability folders are used through their index.ts, in one direction', () => {
  test.each([
    ['src/newsroom/stories/planted.ts', "import { findStoryRecord } from '../../content/stories/story-store.js';\nexport const planted = findStoryRecord;\n"],
    ['src/site/planted.ts', "import { listPublishedArticles } from '../content/articles/article-queries.js';\nexport const planted = listPublishedArticles;\n"],
    ['test/integration/planted.test.ts', "import type { StoredArticle } from '../../src/content/articles/article.js';\nexport type Planted = StoredArticle;\n"],
    ['src/content/stories/planted.ts', "import { saveArticle } from '../articles/article-service.js';\nexport const planted = saveArticle;\n"],
    ['src/content/articles/planted.ts', "import { findStoryRecord } from '../stories/index.js';\nexport const planted = findStoryRecord;\n"],
    ['src/content/taxonomy/planted.ts', "import { articlePath } from '../articles/index.js';\nexport const planted = articlePath;\n"],
  ])('%s: the planted import is refused', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toEqual([RESTRICTED_IMPORTS]);
  });

  test("a folder's own files, and the folders below it through their index, are allowed", async () => {
    const story = "import { saveArticle } from '../articles/index.js';\nimport { findStoryRecord } from './story-store.js';\nimport { AppError } from '../../errors.js';\nexport const planted = [saveArticle, findStoryRecord, AppError];\n";
    expect(await ruleIdsFor('src/content/stories/planted.ts', story)).toEqual([]);
    expect(await ruleIdsFor('src/content/articles/planted.test.ts', "import { loadPublicFootprint } from './article-store.js';\nexport const planted = loadPublicFootprint;\n")).toEqual([]);
    expect(await ruleIdsFor('src/site/planted.ts', "import { articlePath } from '../content/articles/index.js';\nexport const planted = articlePath;\n")).toEqual([]);
  });
});

describe('reader routes (and newsroom and API routes and pages) run no SQL of their own', () => {
  test.each([
    ['src/site/planted.ts', "import { sql } from 'kysely';\nexport const planted = sql`select 1`;\n"],
    ['src/syndication/planted.ts', "import { Kysely } from 'kysely';\nexport const planted = Kysely;\n"],
    ['src/newsroom/stories/planted-routes.tsx', "import { sql } from 'kysely';\nexport const planted = sql;\n"],
    ['src/api/routes.ts', "import { type Kysely, sql } from 'kysely';\nexport type Planted = Kysely<object>;\nexport const planted = sql;\n"],
  ])('%s: a Kysely value import is refused', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toEqual([RESTRICTED_IMPORTS]);
  });

  test.each([
    ['src/site/planted.ts', "export const planted = (db: any) => db.selectFrom('articles').selectAll().execute();\n"],
    ['src/syndication/planted.ts', "export const planted = (db: any) => db.deleteFrom('articles').execute();\n"],
    ['src/newsroom/accounts/planted-routes.tsx', 'export const planted = (db: any) => db.transaction().execute(async () => {});\n'],
    ['src/newsroom/media/planted-page.tsx', "export const planted = (db: any) => db.updateTable('media').set({}).execute();\n"],
    ['src/operations/routes.ts', "export const planted = (db: any) => db.selectFrom('jobs').selectAll().execute();\n"],
  ])('%s: a query or transaction is refused', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toEqual([RESTRICTED_SYNTAX]);
  });

  test("type-only Kysely imports are allowed in routes; newsroom stores and services run the newsroom's SQL", async () => {
    const typeOnly = "import type { Kysely } from 'kysely';\nimport type { Schema } from '../storage/index.js';\nexport type Planted = Kysely<Schema>;\n";
    expect(await ruleIdsFor('src/site/planted.ts', typeOnly)).toEqual([]);
    const store = "import { sql } from 'kysely';\nexport const planted = (db: any) => db.selectFrom('sessions').select(sql`1`.as('one')).execute();\n";
    expect(await ruleIdsFor('src/newsroom/accounts/planted-store.ts', store)).toEqual([]);
  });
});

describe('no route purges by hand', () => {
  test.each([
    ['src/site/routes.ts', 'export const planted = (changes: any) => changes.catchUp();\n'],
    ['src/syndication/planted.ts', "export const planted = (cache: any) => cache.purge(['news-sitemap']);\n"],
    ['src/newsroom/curation/planted-routes.tsx', 'export const planted = async (catchUp: () => Promise<void>) => { await catchUp(); };\n'],
    ['src/api/routes.ts', "export const planted = (app: any) => app.cache.purge(['home']);\n"],
  ])('%s: the planted import or call is refused', async (filePath, code) => {
    expect(await ruleIdsFor(filePath, code)).toEqual([RESTRICTED_SYNTAX]);
  });

  test('the change follower and the cache itself may purge', async () => {
    expect(await ruleIdsFor('src/changes/planted.ts', "export const planted = (cache: any) => cache.purge(['home']);\n")).toEqual([]);
    expect(await ruleIdsFor('src/changes/planted.ts', 'export const planted = (changes: any) => changes.catchUp();\n')).toEqual([]);
  });

  test('nothing else in src reads the change log by hand, the composition root included; tests may', async () => {
    expect(await ruleIdsFor('src/server-planted.ts', 'export const planted = (changes: any) => changes.catchUp();\n')).toEqual([RESTRICTED_SYNTAX]);
    expect(await ruleIdsFor('src/jobs/planted.ts', 'export const planted = (changes: any) => changes.catchUp();\n')).toEqual([RESTRICTED_SYNTAX]);
    expect(await ruleIdsFor('src/server-planted.ts', 'export const planted = (changes: any) => changes.readBeforeServing();\n')).toEqual([]);
    expect(await ruleIdsFor('test/integration/planted.test.ts', 'export const planted = (changes: any) => changes.catchUp();\n')).toEqual([]);
  });
});
