import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articlePath, insertArticlesInBulk, type BulkArticle } from '../../src/content/articles/index.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { xmllint } from '../support/xmllint.js';

const HOUR = 3_600_000;

/** Every <loc> in a sitemap, with its <lastmod>. */
function locations(xml: string): { loc: string; lastmod: string | undefined }[] {
  return [...xml.matchAll(/<(?:url|sitemap)><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?/g)].map((m) => ({ loc: m[1]!.replaceAll('&amp;', '&'), lastmod: m[2] }));
}

const pathOf = (url: string) => new URL(url).pathname;

describe('sitemaps', () => {
  let site: TestApp;
  const now = Math.floor(Date.now() / 1000) * 1000; // sitemaps show whole seconds

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'Asia/Shanghai' });
    await createArticles(site, [
      articleInput({ uri: 'urn:s:jan', title: 'January story', section: 'Markets', tags: [{ kind: 'topic', name: 'Rates' }], publishedAt: '2024-01-15T08:00:00Z' }),
      articleInput({ uri: 'urn:s:feb', title: 'February story', section: 'Business', bylines: ['Ana Cruz'], publishedAt: '2024-02-10T08:00:00Z', updatedAt: '2024-02-11T09:00:00Z' }),
      // 2024-02-29T20:00Z is already 1 March in Shanghai: months follow the date in the URL.
      articleInput({ uri: 'urn:s:leap', title: 'Leap day evening', section: 'Business', publishedAt: '2024-02-29T20:00:00Z' }),
      articleInput({ uri: 'urn:s:recent', title: 'Fresh \u0001 news & <analysis>', section: 'Internet', language: 'en-GB', publishedAt: new Date(now - 2 * HOUR).toISOString() }),
      articleInput({ uri: 'urn:s:yesterday', title: 'Yesterday’s story', section: 'Internet', publishedAt: new Date(now - 30 * HOUR).toISOString() }),
      articleInput({ uri: 'urn:s:old-week', title: 'Last week', section: 'Internet', publishedAt: new Date(now - 50 * HOUR).toISOString() }),
      articleInput({ uri: 'urn:s:draft', title: 'Draft', status: 'draft', publishedAt: null }),
    ]);
  });
  afterAll(() => site.close());

  async function get(url: string) {
    const response = await site.app.inject({ url });
    expect(response.statusCode, url).toBe(200);
    expect(response.headers['content-type'], url).toBe('application/xml; charset=utf-8');
    return response.body;
  }

  test('the index and every sitemap it lists validate against the sitemaps.org schemas', async () => {
    const index = await get('/sitemap.xml');
    expect(xmllint(index, 'siteindex.xsd')).toEqual({ code: 0, output: expect.stringContaining('validates') });
    const listed = locations(index).map((entry) => pathOf(entry.loc));
    expect(listed).toContain('/sitemaps/pages.xml');
    expect(listed).toContain('/sitemaps/articles-2024-01.xml');
    expect(listed).toContain('/sitemaps/articles-2024-03.xml');
    for (const path of listed) {
      const result = xmllint(await get(path), 'sitemap.xsd');
      expect(result.code, `${path}: ${result.output}`).toBe(0);
    }
  });

  test('article sitemaps hold every published story once, by month, with lastmod in the site zone', async () => {
    const index = await get('/sitemap.xml');
    const urls = new Map<string, string | undefined>();
    for (const { loc } of locations(index).filter((entry) => entry.loc.includes('/articles-'))) {
      for (const entry of locations(await get(pathOf(loc)))) {
        expect(urls.has(entry.loc), entry.loc).toBe(false);
        urls.set(entry.loc, entry.lastmod);
      }
    }
    const rows = await site.database.db.selectFrom('articles').select(['url_date', 'slug', 'published_at', 'updated_at']).where('status', '=', 'published').execute();
    expect(new Set(urls.keys())).toEqual(new Set(rows.map((row) => `http://news.test${articlePath({ urlDate: row.url_date!, slug: row.slug })}`)));
    for (const row of rows) {
      const lastmod = urls.get(`http://news.test${articlePath({ urlDate: row.url_date!, slug: row.slug })}`)!;
      expect(lastmod).toMatch(/\+08:00$/);
      expect(new Date(lastmod).toISOString()).toBe(row.updated_at ?? row.published_at);
    }
    expect(locations(await get('/sitemaps/articles-2024-03.xml')).map((e) => pathOf(e.loc))).toEqual(['/2024/03/01/leap-day-evening/']);
    expect(locations(await get('/sitemaps/articles-2024-02.xml')).find((e) => e.loc.endsWith('/february-story/'))?.lastmod).toBe('2024-02-11T17:00:00+08:00');
  });

  test('the listing sitemap has the front page, sections, topics and authors that have stories', async () => {
    const paths = locations(await get('/sitemaps/pages.xml')).map((entry) => pathOf(entry.loc));
    expect(paths).toEqual(expect.arrayContaining(['/', '/markets/', '/business/', '/internet/', '/topic/rates/', '/topic/testing/', '/author/ana-cruz/', '/author/test-writer/']));
    expect(paths).not.toContain('/industries/');
    expect(new Set(paths).size).toBe(paths.length);
  });

  test('the news sitemap lists the last 48 hours with publication, language, date and title, and validates', async () => {
    const news = await get('/news-sitemap.xml');
    expect(xmllint(news, 'news-all.xsd')).toEqual({ code: 0, output: expect.stringContaining('validates') });
    const paths = locations(news).map((entry) => pathOf(entry.loc));
    expect(paths).toHaveLength(2);
    expect(paths[0]).toMatch(/\/fresh-news-and-analysis\/$/);
    expect(paths[1]).toMatch(/\/yesterdays-story\/$/);
    expect(news).toContain('<news:publication><news:name>Fortune Sky</news:name><news:language>en</news:language></news:publication>');
    expect(news).toContain('<news:title>Fresh  news &amp; &lt;analysis&gt;</news:title>');
    expect(news).toMatch(/<news:publication_date>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00<\/news:publication_date>/);
    expect(news).not.toMatch(/[\u0000-\u0008]/);
  });

  test('robots.txt lists the sitemaps and keeps the newsroom and API out', async () => {
    const response = await site.app.inject({ url: '/robots.txt' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = response.body.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['User-agent: *', 'Disallow: /newsroom/', 'Disallow: /api/', 'Sitemap: http://news.test/sitemap.xml', 'Sitemap: http://news.test/news-sitemap.xml']));
  });

  test('sitemaps are cached and purged when a story is published', async () => {
    await get('/sitemap.xml');
    expect((await site.app.inject({ url: '/sitemap.xml' })).headers['x-cache']).toBe('HIT');
    expect((await site.app.inject({ url: '/news-sitemap.xml' })).headers['x-cache']).toBe('HIT');
    await createArticles(site, [articleInput({ uri: 'urn:s:new-month', title: 'A story in May', publishedAt: '2024-05-02T08:00:00Z' })]);
    const index = await site.app.inject({ url: '/sitemap.xml' });
    expect(index.headers['x-cache']).toBe('MISS');
    expect(index.body).toContain('/sitemaps/articles-2024-05.xml');
  });

  test('unknown or empty sitemap files answer 404, and queries never make a 500', async () => {
    for (const url of ['/sitemaps/articles-2023-01.xml', '/sitemaps/articles-2024-13.xml', '/sitemaps/articles-2024-01-2.xml', '/sitemaps/pages-2.xml', '/sitemaps/other.xml', '/sitemaps/articles-2024-01-1.xml']) {
      expect((await site.app.inject({ url })).statusCode, url).toBe(404);
    }
    for (const url of ['/sitemap.xml?x=%', '/news-sitemap.xml?page=-1', '/sitemaps/pages.xml?a[]=1', '/robots.txt?%zz']) {
      expect((await site.app.inject({ url })).statusCode, url).toBe(200);
    }
  });
});

describe('the news sitemap over time', () => {
  test('is served from the cache within its ten-minute slot and rendered afresh in the next, dropping a story that passed 48 hours, with no purge', async () => {
    // 48 h after publication falls inside the second slot, 9 minutes in.
    const slotStart = Date.UTC(2026, 0, 5, 10, 0);
    let now = slotStart + 60_000;
    const site = await createTestApp({}, { clock: { now: () => new Date(now) } });
    try {
      await createArticles(site, [articleInput({ uri: 'urn:s:ageing', title: 'Ageing story', publishedAt: new Date(slotStart + 10 * 60_000 + 9 * 60_000 - 48 * HOUR).toISOString() })]);
      const purges: string[][] = [];
      site.cache.addPurgeListener((keys) => purges.push([...keys]));
      const first = await site.app.inject({ url: '/news-sitemap.xml' });
      expect(first.body).toContain('Ageing story');
      now = slotStart + 9 * 60_000;
      expect((await site.app.inject({ url: '/news-sitemap.xml' })).headers['x-cache']).toBe('HIT');
      now = slotStart + 10 * 60_000 + 9 * 60_000 + 1;
      const next = await site.app.inject({ url: '/news-sitemap.xml' });
      expect(next.headers['x-cache']).toBe('MISS');
      expect(next.body).not.toContain('Ageing story');
      expect(purges).toEqual([]);
    } finally {
      await site.close();
    }
  });
});

describe('a month with more than 50,000 stories', () => {
  let site: TestApp;

  beforeAll(async () => {
    site = await createTestApp();
    const section = await site.database.db.selectFrom('sections').select('id').executeTakeFirstOrThrow();
    const stories: BulkArticle[] = Array.from({ length: 50_001 }, (_, i) => {
      const publishedAt = new Date(Date.UTC(2024, 0, 1) + i * 50_000).toISOString();
      return {
        id: i + 1,
        authorIds: [],
        tagIds: [],
        row: {
          uri: `urn:bulk:${i}`, slug: `bulk-story-${i}`, url_date: publishedAt.slice(0, 10), status: 'published', title: `Bulk ${i}`, dek: '', excerpt: null,
          teaser: '', body_html: '<p>x</p>', section_id: section.id, language: 'en', canonical_url: null, source: 'test', word_count: 1,
          published_at: publishedAt, updated_at: null, created_at: publishedAt, modified_at: publishedAt, revision: 1,
        },
      };
    });
    await site.writer.run(new Date(), (work) => insertArticlesInBulk(work, stories));
  }, 120_000);
  afterAll(() => site.close());

  test('is split into files of at most 50,000 URLs (and 50 MB), each valid', async () => {
    const index = (await site.app.inject({ url: '/sitemap.xml' })).body;
    expect(locations(index).map((e) => pathOf(e.loc))).toEqual(['/sitemaps/pages.xml', '/sitemaps/articles-2024-01.xml', '/sitemaps/articles-2024-01-2.xml']);
    const first = (await site.app.inject({ url: '/sitemaps/articles-2024-01.xml' })).body;
    const second = (await site.app.inject({ url: '/sitemaps/articles-2024-01-2.xml' })).body;
    expect(locations(first)).toHaveLength(50_000);
    expect(locations(second).map((e) => pathOf(e.loc))).toEqual(['/2024/01/29/bulk-story-50000/']);
    expect(Buffer.byteLength(first)).toBeLessThan(50 * 1024 * 1024);
    expect(xmllint(first, 'sitemap.xsd').code).toBe(0);
    expect(xmllint(second, 'sitemap.xsd').code).toBe(0);
  });
});
