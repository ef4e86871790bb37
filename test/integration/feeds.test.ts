import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articlePath } from '../../src/content/articles/index.js';
import { importNinjsFile } from '../../src/ingest/index.js';
import { stripForbiddenXmlCharacters } from '../../src/syndication/index.js';
import { feedsmithJsonParser, jsonFeedSpecParser, rowanmanningParser, rssParserPackage, type FeedParser } from '../support/feed-parsers.js';
import { articleInput, createArticles, createTempDir, createTestApp, type TestApp } from '../support/test-app.js';
import { xmllint } from '../support/xmllint.js';
import { recordAudit } from '../../src/newsroom/index.js';

const CONTROL_TITLE = 'Wire copy\u0001 with \u0008control\u001F characters & <angle> brackets';

/** What the database holds for a feed: the newest 50 published stories of a scope. */
async function expectedItems(site: TestApp, scope: { section?: string; topic?: string; author?: string }) {
  let query = site.database.db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.uri', 'articles.title', 'articles.slug', 'articles.url_date', 'articles.published_at', 'articles.updated_at'])
    .where('articles.status', '=', 'published');
  if (scope.section) query = query.where('sections.slug', '=', scope.section);
  if (scope.topic) {
    const slug = scope.topic;
    query = query.where('articles.id', 'in', (eb) =>
      eb.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('article_tags.article_id').where('tags.slug', '=', slug),
    );
  }
  if (scope.author) {
    const slug = scope.author;
    query = query.where('articles.id', 'in', (eb) =>
      eb.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select('article_authors.article_id').where('authors.slug', '=', slug),
    );
  }
  const rows = await query.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(50).execute();
  return rows.map((row) => ({
    id: row.uri,
    title: row.title,
    link: `${site.config.siteUrl}${articlePath({ urlDate: row.url_date!, slug: row.slug })}`,
    published: row.published_at!,
    updated: row.updated_at ?? row.published_at!,
  }));
}

const SCOPES: { path: string; scope: { section?: string; topic?: string; author?: string } }[] = [
  { path: '/', scope: {} },
  { path: '/markets/', scope: { section: 'markets' } },
  { path: '/business/', scope: { section: 'business' } },
  { path: '/topic/china/', scope: { topic: 'china' } },
  { path: '/topic/oil/', scope: { topic: 'oil' } },
  { path: '/author/ken-ito/', scope: { author: 'ken-ito' } },
  { path: '/author/wire-desk/', scope: { author: 'wire-desk' } },
];

const FORMATS: { file: string; isXml: boolean; parsers: FeedParser[] }[] = [
  { file: 'feed.xml', isXml: true, parsers: [rssParserPackage, rowanmanningParser] },
  { file: 'atom.xml', isXml: true, parsers: [rssParserPackage, rowanmanningParser] },
  { file: 'feed.json', isXml: false, parsers: [feedsmithJsonParser, jsonFeedSpecParser] },
];

describe('feeds', () => {
  let site: TestApp;
  const temp = createTempDir();

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'Asia/Shanghai' });
    const oil = Array.from({ length: 55 }, (_, i) =>
      articleInput({
        uri: `urn:test:oil-${i}`,
        title: `Crude settles, day ${i + 1}`,
        section: 'Markets',
        bylines: ['Mara Voss'],
        tags: [{ kind: 'topic', name: 'Oil' }],
        publishedAt: new Date(Date.UTC(2024, 0, 1, 9) + i * 86_400_000).toISOString(),
      }),
    );
    await createArticles(site, [
      ...oil,
      articleInput({
        uri: 'https://wire.example/items/china-trade',
        title: 'China trade surplus widens',
        section: 'Business',
        bylines: ['Ken Ito', 'Mara Voss'],
        tags: [{ kind: 'topic', name: 'China' }, { kind: 'ticker', name: 'FXI' }],
        publishedAt: '2024-03-05T23:30:00Z',
        updatedAt: '2024-03-06T04:15:00Z',
      }),
      articleInput({ uri: 'urn:test:no-byline', title: 'Markets close mixed', section: 'Business', bylines: [], tags: [], publishedAt: '2024-03-04T08:00:00Z' }),
      articleInput({ uri: 'urn:test:draft', title: 'Not yet', status: 'draft', section: 'Business', tags: [{ kind: 'topic', name: 'China' }] }),
    ]);
    // Imported wire copy with characters XML forbids, through the real import path.
    const file = join(temp.dir, 'wire.json');
    writeFileSync(
      file,
      JSON.stringify({
        uri: 'urn:wire:control-characters',
        type: 'text',
        firstCreated: '2024-03-06T01:00:00Z',
        headlines: [{ role: 'main', value: CONTROL_TITLE }],
        descriptions: [{ role: 'teaser', value: 'A teaser\u0002 with a control character.' }],
        bodies: [{ role: 'main', contentType: 'text/html', value: '<p>Body text\u0007 with a bell and a \u000B vertical tab, long enough.</p>' }],
        subjects: [{ name: 'Business', rel: 'section' }, { name: 'China\u0003' }],
        people: [{ name: 'Wire Desk\u0004', rel: 'author' }],
      }),
    );
    await importNinjsFile(site.writer, file, {
      defaults: { language: 'en', source: 'wire' },
      context: { now: new Date('2024-03-06T02:00:00Z'), timeZone: site.config.siteTimeZone, actor: 'test' },
      audit: recordAudit,
    });
  });
  afterAll(async () => {
    await site.close();
    temp.remove();
  });

  for (const { path, scope } of SCOPES) {
    for (const format of FORMATS) {
      test(`${path}${format.file}: ${format.parsers.map((p) => p.name).join(' and ')} read what the database holds`, async () => {
        const response = await site.app.inject({ url: `${path}${format.file}` });
        expect(response.statusCode).toBe(200);
        if (format.isXml) expect(xmllint(response.body)).toEqual({ code: 0, output: '' });
        const expected = await expectedItems(site, scope);
        expect(expected.length).toBeGreaterThan(0);
        for (const parser of format.parsers) {
          const items = await parser.parse(response.body);
          expect(items, parser.name).toEqual(
            expected.map((item) => ({
              id: item.id,
              // XML cannot carry the forbidden characters at all; JSON escapes them.
              title: format.isXml ? stripForbiddenXmlCharacters(item.title) : item.title,
              link: item.link,
              published: item.published,
              updated: item.updated,
            })),
          );
        }
      });
    }
  }

  test('a feed holds the newest 50 stories', async () => {
    const items = await rowanmanningParser.parse((await site.app.inject({ url: '/topic/oil/feed.xml' })).body);
    expect(items).toHaveLength(50);
    expect(items[0]!.title).toBe('Crude settles, day 55');
  });

  test('items carry teaser, full HTML content, bylines with links, categories and zoned times', async () => {
    const atom = (await site.app.inject({ url: '/business/atom.xml' })).body;
    expect(atom).toContain('<published>2024-03-06T07:30:00+08:00</published><updated>2024-03-06T12:15:00+08:00</updated>');
    expect(atom).toContain('<author><name>Ken Ito</name><uri>http://news.test/author/ken-ito/</uri></author>');
    expect(atom).toContain('<category term="FXI" scheme="http://news.test/topic/" label="FXI"/>');
    const rss = (await site.app.inject({ url: '/business/feed.xml' })).body;
    expect(rss).toContain('<pubDate>Wed, 06 Mar 2024 07:30:00 +0800</pubDate>');
    expect(rss).toContain('<dc:creator>Ken Ito</dc:creator><dc:creator>Mara Voss</dc:creator>');
    expect(rss).toContain('<category domain="http://news.test/business/">Business</category>');
    expect(rss).toMatch(/<content:encoded>&lt;p&gt;Body of test story \d+/);
    const json = JSON.parse((await site.app.inject({ url: '/business/feed.json' })).body);
    const trade = json.items.find((item: { id: string }) => item.id === 'https://wire.example/items/china-trade');
    expect(trade.authors).toEqual([
      { name: 'Ken Ito', url: 'http://news.test/author/ken-ito/' },
      { name: 'Mara Voss', url: 'http://news.test/author/mara-voss/' },
    ]);
    expect(trade.tags).toEqual(['Business', 'China', 'FXI']);
    expect(trade.content_html).toMatch(/^<p>/);
    expect(trade.summary).toMatch(/^Body of test story/);
  });

  test('XML feeds drop the characters XML forbids from imported text and stay well-formed', async () => {
    for (const url of ['/feed.xml', '/atom.xml', '/author/wire-desk/feed.xml', '/topic/china/atom.xml']) {
      const body = (await site.app.inject({ url })).body;
      expect(body, url).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      expect(body, url).toContain('Wire copy with control characters &amp; &lt;angle&gt; brackets');
      expect(xmllint(body), url).toEqual({ code: 0, output: '' });
    }
  });

  test('feeds of unknown sections, topics and authors answer 404', async () => {
    for (const path of ['/no-such-section/', '/topic/no-such-topic/', '/author/nobody/']) {
      for (const { file } of FORMATS) {
        expect((await site.app.inject({ url: `${path}${file}` })).statusCode, `${path}${file}`).toBe(404);
      }
    }
  });

  test('a query string on a feed URL is ignored, never an error', async () => {
    const plain = await site.app.inject({ url: '/feed.xml' });
    for (const query of ['?page=abc', '?page=-1', '?%', '?%zz=%', '?a[]=1&a=2', `?q=${'x'.repeat(5000)}`, '?format=atom&utm_source=reader']) {
      for (const path of ['/feed.xml', '/markets/atom.xml', '/topic/china/feed.json', '/author/nobody/feed.xml']) {
        const response = await site.app.inject({ url: `${path}${query}` });
        expect(response.statusCode, `${path}${query}`).toBeLessThan(500);
      }
      expect((await site.app.inject({ url: `/feed.xml${query}` })).body).toBe(plain.body);
    }
  });

  test('feeds are cached, validated with ETag and Last-Modified, and purged when a story changes', async () => {
    const first = await site.app.inject({ url: '/markets/feed.json' });
    const second = await site.app.inject({ url: '/markets/feed.json' });
    expect(second.headers['x-cache']).toBe('HIT');
    expect(first.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    expect(first.headers['surrogate-key']).toContain('feeds');
    const lastModified = String(first.headers['last-modified']);
    expect(new Date(lastModified).toISOString()).toBe((await expectedItems(site, { section: 'markets' }))[0]!.updated);
    expect((await site.app.inject({ url: '/markets/feed.json', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode).toBe(304);
    expect((await site.app.inject({ url: '/markets/feed.json', headers: { 'if-modified-since': lastModified } })).statusCode).toBe(304);
    const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect((await site.app.inject({ url: '/markets/feed.json', headers: { 'if-modified-since': older } })).statusCode).toBe(200);

    await createArticles(site, [articleInput({ uri: 'urn:test:fresh', title: 'Fresh market story', section: 'Markets', publishedAt: '2024-12-01T00:00:00Z' })]);
    const after = await site.app.inject({ url: '/markets/feed.json', headers: { 'if-modified-since': lastModified } });
    expect(after.statusCode).toBe(200);
    expect(after.headers['x-cache']).toBe('MISS');
    expect(JSON.parse(after.body).items[0].title).toBe('Fresh market story');
  });

  test('over a real socket, If-Modified-Since alone gets 304 and If-None-Match works on the cached fast path', async () => {
    const address = await site.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const first = await fetch(`${address}/atom.xml`);
      await first.text();
      const byDate = await fetch(`${address}/atom.xml`, { headers: { 'if-modified-since': first.headers.get('last-modified')! } });
      expect(byDate.status).toBe(304);
      const byTag = await fetch(`${address}/atom.xml`, { headers: { 'if-none-match': first.headers.get('etag')! } });
      expect(byTag.status).toBe(304);
      expect(byTag.headers.get('x-cache')).toBe('HIT');
    } finally {
      await site.app.server.close();
    }
  });
});
