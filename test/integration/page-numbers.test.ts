/**
 * Issue 8 #16: page numbers past the last page answer the cached 404 without touching the database.
 * Issue 10: the count behind a listing's last page is exact, and for shallow pages stops early.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { loadConfig } from '../../src/config/index.js';
import { countPublishedArticles, type ArticleInput } from '../../src/content/articles/index.js';
import { saveArticlesAtomically } from '../../src/ingest/index.js';
import { buildApp, type App } from '../../src/server.js';
import type { Database } from '../../src/storage/index.js';
import { articleInput } from '../support/test-app.js';
import { MAX_LISTING_PAGE } from '../../src/site/site-pages.js';
import { createFreshDatabase } from '../../src/storage/fresh-database.js';

let app: App;
let database: Database;
let remove: () => Promise<void>;
let queries = 0;

beforeEach(async () => {
  const temp = await createFreshDatabase();
  remove = temp.remove;
  const config = loadConfig({ DATABASE_URL: temp.url, MEDIA_DIR: join(temp.dir, 'media'), SITE_URL: 'http://news.test', LOG_LEVEL: 'silent', DEMO_CONTENT: 'false' });
  database = await openReadyDatabase(config, { onQuery: () => (queries += 1) });
  app = await buildApp({ config, database });
});
afterEach(async () => {
  await app.app.close();
  await database.close();
  await remove();
});

async function publish(count: number, from: number, overrides: Partial<ArticleInput> = {}) {
  const stories = Array.from({ length: count }, (_, i) =>
    articleInput({
      uri: `urn:test:pages:${from + i}`,
      title: `Paged story ${from + i}`,
      bylines: ['Page Writer'],
      tags: [{ kind: 'topic', name: 'Paging' }],
      publishedAt: new Date(Date.UTC(2024, 0, 1) + (from + i) * 60_000).toISOString(),
      ...overrides,
    }),
  );
  await saveArticlesAtomically(app.writer, 'test', stories, { now: new Date('2024-06-01T00:00:00Z'), timeZone: 'UTC', actor: 'test' });
}

const get = (url: string) => app.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });

describe('page numbers past the last page', () => {
  test.each(['/markets/', '/topic/paging/', '/author/page-writer/', '/topic/no-such-topic/'])(
    '%s?page=999999 answers 404, and asking again is a cache hit that runs no query',
    async (path) => {
      await publish(25, 0);
      expect((await get(`${path}?page=2`)).statusCode).toBe(path.includes('no-such') ? 404 : 200);
      const first = await get(`${path}?page=999999`);
      expect(first.statusCode).toBe(404);
      expect(first.body.length).toBeGreaterThan(0);
      queries = 0;
      const again = await get(`${path}?page=999999`);
      expect(again.statusCode).toBe(404);
      expect(again.headers['x-cache']).toBe('HIT');
      const other = await get(`${path}?page=123456`);
      expect(other.statusCode).toBe(404);
      expect(queries).toBe(0);
    },
  );

  test('the last page moves when stories are published: the remembered count is purged with the listing', async () => {
    await publish(25, 0);
    expect((await get('/markets/?page=2')).statusCode).toBe(200);
    expect((await get('/markets/?page=3')).statusCode).toBe(404);
    await publish(20, 100);
    expect((await get('/markets/?page=3')).statusCode).toBe(200);
    expect((await get('/topic/paging/?page=3')).statusCode).toBe(200);
    expect((await get('/markets/?page=4')).statusCode).toBe(404);
  });
});

describe('the last page of a listing', () => {
  test('shallow pages (counted up to a cap) and deep pages (counted in full) agree on where a listing ends', async () => {
    await publish(45, 0);
    for (const path of ['/markets/', '/topic/paging/', '/author/page-writer/']) {
      expect((await get(`${path}?page=3`)).statusCode, path).toBe(200);
      expect((await get(`${path}?page=4`)).statusCode, path).toBe(404);
      expect((await get(`${path}?page=50`)).statusCode, path).toBe(404);
      expect((await get(`${path}?page=51`)).statusCode, path).toBe(404);
    }
  });

  test('a page past the deepest served is a 404 that runs no query, even before the listing was counted', async () => {
    await publish(25, 0);
    // The shared 404 page is made once (it reads the sections); after that a 404 costs no query.
    expect((await get('/no-such-page/')).statusCode).toBe(404);
    for (const path of ['/markets/', '/topic/paging/', '/author/page-writer/']) {
      queries = 0;
      const response = await get(`${path}?page=${MAX_LISTING_PAGE + 1}`);
      expect(response.statusCode, path).toBe(404);
      expect(queries, path).toBe(0);
    }
  });

  test('counts only published stories of the listing, and no further than asked', async () => {
    await publish(25, 0);
    // Drafts under the same topic and byline, and published stories elsewhere, are not counted.
    await publish(4, 100, { status: 'draft', publishedAt: null });
    await publish(3, 200, { section: 'Business', bylines: ['Other Writer'], tags: [{ kind: 'topic', name: 'Elsewhere' }] });
    const { db } = database;
    const ids = async (table: 'tags' | 'authors', slug: string) => (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const markets = (await db.selectFrom('sections').select('id').where('slug', '=', 'markets').executeTakeFirstOrThrow()).id;
    const [paging, writer] = [await ids('tags', 'paging'), await ids('authors', 'page-writer')];
    for (const filter of [{ sectionId: markets }, { tagId: paging }, { authorId: writer }, { tagId: paging, authorId: writer, sectionId: markets }]) {
      expect(await countPublishedArticles(db, filter), JSON.stringify(filter)).toBe(25);
      expect(await countPublishedArticles(db, filter, { upTo: 10 }), JSON.stringify(filter)).toBe(10);
      expect(await countPublishedArticles(db, filter, { upTo: 30 }), JSON.stringify(filter)).toBe(25);
    }
    expect(await countPublishedArticles(db, { tagId: paging, sectionId: markets + 1000 })).toBe(0);
    const two = await db.selectFrom('articles').select('id').where('uri', 'in', ['urn:test:pages:0', 'urn:test:pages:1']).execute();
    expect(await countPublishedArticles(db, { authorId: writer, excludeIds: two.map((row) => row.id) })).toBe(23);
  });
});

describe('sitemap parts past the last', () => {
  test.each(['/sitemaps/pages-999999.xml', '/sitemaps/articles-2024-01-999999.xml', '/sitemaps/articles-2023-05-7.xml'])(
    '%s answers 404, and asking again is a cache hit that runs no query',
    async (path) => {
      await publish(3, 0);
      expect((await get('/sitemaps/articles-2024-01.xml')).statusCode).toBe(200);
      expect((await get(path)).statusCode).toBe(404);
      queries = 0;
      const again = await get(path);
      expect(again.statusCode).toBe(404);
      expect(again.headers['x-cache']).toBe('HIT');
      expect(queries).toBe(0);
    },
  );
});
