/**
 * Most read through HTTP on a real port (cache hits are answered before routing, so only a socket
 * reaches them): views counted for rendered pages and cache hits alike, bots and prefetches left
 * out, flushed to the database, ranked once a minute by one instance, shown on the front page and
 * the section fronts and by /api/v1/most-read; a recomputation purges only the pages that show a
 * ranking whose order changed; drafts and unpublished stories never show; two instances on one
 * database add up.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { buildApp } from '../../src/server.js';
import { BROWSER_USER_AGENT } from '../support/most-read.js';
import { createTestClock, type TestClock } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { articlePathOf } from '../support/two-instances.js';

const BROWSER = BROWSER_USER_AGENT;
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const MINUTE = 60_000;

let clock: TestClock;
let site: TestApp;
let baseUrl: string;
beforeEach(async () => {
  clock = createTestClock('2026-05-01T09:00:00.000Z');
  site = await createTestApp({ API_RATE_LIMIT: '100000' }, { clock });
  baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => site.close());

/** Fetches a page as a browser would (or with other headers); returns status, x-cache and body. */
async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const response = await fetch(baseUrl + path, { method, headers: { 'user-agent': BROWSER, ...headers } });
  return { status: response.status, cache: response.headers.get('x-cache'), body: await response.text() };
}

/** The titles in a page's "Most read" block, in order; [] when the page has none. */
function mostReadTitles(html: string): string[] {
  const block = /<section class="most-read" aria-labelledby="most-read-title"><h2 id="most-read-title">Most read<\/h2><ol class="most-read-list">(.*?)<\/ol><\/section>/s.exec(html);
  if (!block) {
    expect(html).not.toContain('Most read');
    return [];
  }
  return [...block[1]!.matchAll(/<li><a href="[^"]+">([^<]*)<\/a><\/li>/g)].map((match) => match[1]!);
}

async function storyIds(): Promise<Record<string, number>> {
  const rows = await site.database.db.selectFrom('articles').select(['id', 'uri']).execute();
  return Object.fromEntries(rows.map((row) => [row.uri, Number(row.id)]));
}

async function storedViews(): Promise<Record<number, number>> {
  const rows = await site.database.db.selectFrom('story_views').select(['article_id', 'views']).execute();
  const views: Record<number, number> = {};
  for (const row of rows) views[row.article_id] = (views[row.article_id] ?? 0) + Number(row.views);
  return views;
}

/** Reads a page n times as a reader. */
async function read(path: string, times: number) {
  for (let i = 0; i < times; i += 1) expect((await get(path)).status).toBe(200);
}

async function publishFour() {
  await createArticles(site, [
    articleInput({ uri: 'urn:a', title: 'Alpha yields', section: 'Markets', publishedAt: '2026-04-30T08:00:00Z' }),
    articleInput({ uri: 'urn:b', title: 'Bravo bonds', section: 'Markets', publishedAt: '2026-04-30T09:00:00Z' }),
    articleInput({ uri: 'urn:c', title: 'Charlie chips', section: 'Business', publishedAt: '2026-04-30T10:00:00Z' }),
    articleInput({ uri: 'urn:draft', title: 'Delta draft', section: 'Markets', status: 'draft', publishedAt: null }),
  ]);
  const ids = await storyIds();
  return { ids, path: { a: await articlePathOf(site.database, ids['urn:a']!), b: await articlePathOf(site.database, ids['urn:b']!), c: await articlePathOf(site.database, ids['urn:c']!) } };
}

describe('most read', () => {
  test('readers’ views are counted on rendered pages and cache hits; bots, HEAD, prefetches and other pages are not; flushed, ranked and shown', async () => {
    const { ids, path } = await publishFour();
    expect(mostReadTitles((await get('/')).body)).toEqual([]);

    // Alpha: rendered once, then served from the cache before routing — every view counts.
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push((await get(path.a)).cache);
    expect(answers).toEqual(['MISS', 'HIT', 'HIT', 'HIT']);
    await read(path.c, 2);
    await read(path.b, 1);
    // Not views: a crawler, no user agent, HEAD, prefetches, a revalidation (304), other pages.
    for (let i = 0; i < 5; i += 1) await get(path.b, { 'user-agent': GOOGLEBOT });
    await fetch(baseUrl + path.b);
    await get(path.b, {}, 'HEAD');
    await get(path.b, { 'sec-purpose': 'prefetch' });
    await get(path.b, { purpose: 'prefetch' });
    const etag = (await fetch(baseUrl + path.b, { headers: { 'user-agent': BROWSER, 'accept-encoding': 'identity' } })).headers.get('etag')!;
    expect((await get(path.b, { 'if-none-match': etag, 'accept-encoding': 'identity' })).status).toBe(304);
    await read('/markets/', 3);
    await read('/feed.xml', 3);

    await site.mostRead.flush();
    expect(await storedViews()).toEqual({ [ids['urn:a']!]: 4, [ids['urn:b']!]: 2, [ids['urn:c']!]: 2 });
    expect(site.mostRead.counter.totals().counted).toBe(8);

    // The rankings were claimed at start-up; the next run is a minute later.
    expect((await site.mostRead.runDue()).ran).toBe(false);
    clock.advance(MINUTE);
    expect(await site.mostRead.runDue()).toEqual({ ran: true, changedKeys: ['most-read', 'most-read:markets', 'most-read:business'] });

    // Ties go to the newer story (Charlie and Bravo have two views each).
    expect(mostReadTitles((await get('/')).body)).toEqual(['Alpha yields', 'Charlie chips', 'Bravo bonds']);
    expect(mostReadTitles((await get('/markets/')).body)).toEqual(['Alpha yields', 'Bravo bonds']);
    expect(mostReadTitles((await get('/business/')).body)).toEqual(['Charlie chips']);
    expect(mostReadTitles((await get('/industries/')).body)).toEqual([]);
    // Only a section front's first page; never an article page, topic page or the second page.
    expect(mostReadTitles((await get(path.a)).body)).toEqual([]);
    expect(mostReadTitles((await get('/topic/testing/')).body)).toEqual([]);

    const api = await fetch(`${baseUrl}/api/v1/most-read`);
    expect(api.status).toBe(200);
    expect(api.headers.get('surrogate-key')).toBe('most-read feeds all');
    const body = (await api.json()) as { items: { rank: number; views: number; article: { id: number; title: string; url: string } }[] };
    expect(body.items.map(({ rank, views, article }) => [rank, views, article.title, article.url])).toEqual([
      [1, 4, 'Alpha yields', `http://news.test${path.a}`],
      [2, 2, 'Charlie chips', `http://news.test${path.c}`],
      [3, 2, 'Bravo bonds', `http://news.test${path.b}`],
    ]);
    const titles = async (query: string) => ((await (await fetch(`${baseUrl}/api/v1/most-read${query}`)).json()) as { items: { article: { title: string } }[] }).items.map((item) => item.article.title);
    expect(await titles('?section=markets&limit=1')).toEqual(['Alpha yields']);
    expect(await titles('?section=no-such-section')).toEqual([]);
    for (const bad of ['?limit=11', '?limit=0', '?section=Bad%20Slug', '?window=7d']) expect((await fetch(`${baseUrl}/api/v1/most-read${bad}`)).status, bad).toBe(400);
  });

  test('a recomputation purges only the pages showing a ranking whose order changed — never article pages — and only once a minute', async () => {
    const { path } = await publishFour();
    await read(path.a, 2);
    await read(path.c, 1);
    clock.advance(MINUTE);
    await site.mostRead.runDue();

    const purged: string[][] = [];
    site.cache.addPurgeListener((keys) => purged.push([...keys]));
    const cached = ['/', '/markets/', '/business/', path.a, path.b, path.c, '/topic/testing/'];
    for (const page of cached) await get(page);
    for (const page of cached) expect((await get(page)).cache, page).toBe('HIT');

    // Bravo overtakes in Markets and on the front page; Business keeps its order.
    await read(path.b, 3);
    // Within the minute nothing runs, on this instance or any other.
    expect((await site.mostRead.runDue()).ran).toBe(false);
    clock.advance(MINUTE);
    expect(await site.mostRead.runDue()).toEqual({ ran: true, changedKeys: ['most-read', 'most-read:markets'] });
    expect(purged).toEqual([['most-read', 'most-read:markets']]);
    const afterPurge = Object.fromEntries(await Promise.all(cached.map(async (page) => [page, (await get(page)).cache] as const)));
    expect(afterPurge).toEqual({ '/': 'MISS', '/markets/': 'MISS', '/business/': 'HIT', [path.a]: 'HIT', [path.b]: 'HIT', [path.c]: 'HIT', '/topic/testing/': 'HIT' });
    expect(mostReadTitles((await get('/')).body)).toEqual(['Bravo bonds', 'Alpha yields', 'Charlie chips']);

    // More views that keep the order: the counts are updated (the API shows them), nothing is purged.
    await read(path.b, 1);
    clock.advance(MINUTE);
    expect(await site.mostRead.runDue()).toEqual({ ran: true, changedKeys: [] });
    expect(purged).toHaveLength(1);
    const api = (await (await fetch(`${baseUrl}/api/v1/most-read?limit=1`)).json()) as { items: { views: number }[] };
    // Bravo's views: two while the pages were cached, three to overtake, one as the pages were checked, one more.
    expect(api.items[0]!.views).toBe(7);
  });

  test('drafts never show, and a story unpublished drops out at once, before the next ranking', async () => {
    const { ids, path } = await publishFour();
    // A draft has no public page to view; even views recorded for it (say, before it was unpublished) never rank it.
    expect((await get('/2026/04/30/delta-draft/')).status).toBe(404);
    await site.database.db.insertInto('story_views').values({ article_id: ids['urn:draft']!, hour_start: '2026-05-01T09:00:00.000Z', views: 1000 }).execute();
    await read(path.a, 2);
    await read(path.b, 1);
    clock.advance(MINUTE);
    await site.mostRead.runDue();
    expect(mostReadTitles((await get('/')).body)).toEqual(['Alpha yields', 'Bravo bonds']);
    expect(mostReadTitles((await get('/markets/')).body)).toEqual(['Alpha yields', 'Bravo bonds']);

    await createArticles(site, [articleInput({ uri: 'urn:a', title: 'Alpha yields', section: 'Markets', publishedAt: '2026-04-30T08:00:00Z', status: 'unpublished' })]);
    expect(mostReadTitles((await get('/')).body)).toEqual(['Bravo bonds']);
    expect(mostReadTitles((await get('/markets/')).body)).toEqual(['Bravo bonds']);
    const api = (await (await fetch(`${baseUrl}/api/v1/most-read`)).json()) as { items: { rank: number; article: { title: string } }[] };
    expect(api.items.map((item) => [item.rank, item.article.title])).toEqual([[1, 'Bravo bonds']]);
    expect(JSON.stringify(api)).not.toContain('Delta draft');
  });

  test('views older than the window stop counting and are pruned after two days', async () => {
    const { ids, path } = await publishFour();
    await read(path.a, 3);
    await site.mostRead.flush();
    clock.advance(25 * 60 * MINUTE);
    await read(path.b, 1);
    expect(await site.mostRead.runDue()).toMatchObject({ ran: true });
    expect(mostReadTitles((await get('/')).body)).toEqual(['Bravo bonds']);
    // 49 hours after Alpha's views, a day after Bravo's: only Alpha's are deleted.
    clock.advance(24 * 60 * MINUTE);
    await site.mostRead.runDue();
    expect(await storedViews()).toEqual({ [ids['urn:b']!]: 1 });
  });

  test('a flush that fails keeps its views: they are written with the next one', async () => {
    const { ids, path } = await publishFour();
    await read(path.a, 2);
    const { db } = site.database;
    // The table away for a moment: the write fails for real.
    await sql`ALTER TABLE story_views RENAME TO story_views_away`.execute(db);
    await expect(site.mostRead.flush()).rejects.toThrow();
    await sql`ALTER TABLE story_views_away RENAME TO story_views`.execute(db);
    await read(path.a, 1);
    await site.mostRead.flush();
    expect(await storedViews()).toEqual({ [ids['urn:a']!]: 3 });
  });

  test('two instances on one database: their views add up, one of them ranks, and the other’s pages follow; shutdown writes what is left', async () => {
    const { ids, path } = await publishFour();
    const secondDatabase = await openReadyDatabase(site.config);
    const second = await buildApp({ config: site.config, database: secondDatabase, clock });
    // At once on PostgreSQL. SQLite's two connections in one process take turns: one waiting for
    // the write lock would block the event loop the other needs to commit (real instances are
    // processes, where the wait is harmless).
    const both = async <T,>(first: () => Promise<T>, other: () => Promise<T>): Promise<T[]> =>
      site.database.dialect === 'postgres' ? Promise.all([first(), other()]) : [await first(), await other()];
    try {
      const readOnSecond = async (url: string, times: number) => {
        for (let i = 0; i < times; i += 1) expect((await second.app.inject({ url, headers: { 'user-agent': BROWSER } })).statusCode).toBe(200);
      };
      await read(path.a, 3);
      await readOnSecond(path.a, 2);
      await readOnSecond(path.b, 4);
      await both(() => site.mostRead.flush(), () => second.mostRead.flush());
      expect(await storedViews()).toEqual({ [ids['urn:a']!]: 5, [ids['urn:b']!]: 4 });

      // The second instance keeps its front page, with no ranking yet, in its cache.
      await second.app.inject({ url: '/' });
      const cachedFront = await second.app.inject({ url: '/' });
      expect([cachedFront.headers['x-cache'], mostReadTitles(cachedFront.body)]).toEqual(['HIT', []]);
      clock.advance(MINUTE);
      const outcomes = await both(() => site.mostRead.runDue(), () => second.mostRead.runDue());
      expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
      // The second instance's cached front page is purged through the change log (its follower, on cue here).
      await second.changes.catchUp();
      const front = await second.app.inject({ url: '/' });
      expect(mostReadTitles(front.body)).toEqual(['Alpha yields', 'Bravo bonds']);

      await readOnSecond(path.b, 2);
      await second.app.close();
      expect((await storedViews())[ids['urn:b']!]).toBe(6);
    } finally {
      await second.app.close();
      await secondDatabase.close();
    }
  });
});
