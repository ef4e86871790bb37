/**
 * WordPress and Ghost archives move in: exports built in code are imported with their counts,
 * sections, bylines, topics, featured images and old addresses checked over HTTP (301 to the new
 * story); an interrupted import resumes without doubling anything; a second run changes nothing;
 * a hostile WXR (a DOCTYPE with entities) is refused before anything is written. Both databases.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countRevisions, findStoredArticleByUri } from '../../src/content/articles/index.js';
import { importGhostFile, importWordPressFile, type GhostImportOptions, type ImportReport, type WordPressImportOptions } from '../../src/ingest/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { createTempDir, createTestApp, type TestApp } from '../support/test-app.js';
import { ghostExport, WXR_TAIL, wxrAttachmentItem, wxrHead, wxrPostItem, type WxrPost } from '../support/archive-exports.js';

const temp = createTempDir();
afterAll(() => temp.remove());

function writeFile(name: string, text: string): string {
  const file = join(temp.dir, name);
  writeFileSync(file, text);
  return file;
}

const SITE = 'https://old.example.com';
const NOW = new Date('2026-01-05T00:00:00Z');
const settings = (site: TestApp) => ({ language: 'en', context: { now: NOW, timeZone: site.config.siteTimeZone, actor: 'test import' }, audit: recordAudit });

const wordpress = (site: TestApp, file: string, options: Partial<WordPressImportOptions> = {}) =>
  importWordPressFile(site.writer, file, { categoriesAs: 'sections', ...settings(site), ...options });
const ghost = (site: TestApp, file: string, options: Partial<GhostImportOptions> = {}) => importGhostFile(site.writer, file, { ...settings(site), ...options });

const skippedCount = (report: ImportReport) => [...report.skipped.values()].reduce((sum, tally) => sum + tally.count, 0);
const reasons = (tallies: ImportReport['skipped']) => [...tallies.keys()].join(' | ');

async function countStories(site: TestApp, uriPrefix: string): Promise<number> {
  const row = await site.database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('uri', 'like', `${uriPrefix}%`).executeTakeFirstOrThrow();
  return Number(row.n);
}

function post(id: number, overrides: Partial<WxrPost> = {}): WxrPost {
  return {
    id,
    title: `Old post number ${id}`,
    slug: `old-post-${id}`,
    date: '2020-01-02 10:00:00',
    link: `${SITE}/archives/${id}`,
    author: 'jdoe',
    body: `The opening paragraph of old post ${id}, with enough words to read.\n\nA second paragraph with <a href="${SITE}/elsewhere/">a link</a>.`,
    categories: [{ name: 'Markets', slug: 'markets' }],
    tags: ['China'],
    ...overrides,
  };
}

describe('WordPress import', () => {
  let site: TestApp;
  let file: string;
  let first: ImportReport;
  beforeAll(async () => {
    site = await createTestApp();
    const items = [
      post(101, { title: 'Harbour stocks rally', slug: 'harbour-stocks-rally', tags: ['China', 'Trade'], thumbnailId: 500 }),
      post(102, { author: 'rroe', categories: [{ name: 'Tech News', slug: 'tech-news' }], date: '2020-01-03 10:00:00', link: `${SITE}/2020/01/03/old-post-102/` }),
      post(103, { status: 'draft', categories: [{ name: 'Business', slug: 'business' }] }),
      post(104, { type: 'page' }),
      post(105, { status: 'trash' }),
      post(106, { body: '   ' }),
      post(107, { author: 'ghostwriter', categories: [{ name: 'Uncategorized', slug: 'uncategorized' }] }),
      post(108, { type: 'revision' }),
    ];
    const image = { id: 500, url: `${SITE}/wp-content/uploads/2020/01/harbour.jpg`, caption: 'Cranes at the harbour', credit: 'Photo: Old Desk', alt: 'Container cranes', width: 1200, height: 800 };
    // The attachment comes after the post that shows it: the first pass finds it wherever it is.
    const authors = [{ login: 'jdoe', name: 'Jane Doe' }, { login: 'rroe', name: 'Richard Roe' }];
    file = writeFile('wordpress.xml', wxrHead(SITE, authors) + items.map(wxrPostItem).join('') + wxrAttachmentItem(image) + WXR_TAIL);
    first = await wordpress(site, file, { sectionMap: 'Tech News=internet' });
  });
  afterAll(() => site.close());

  test('imports posts (drafts as drafts) and reports every item it skipped with the reason', () => {
    expect(first).toMatchObject({ created: 4, updated: 0, unchanged: 0, images: 1, resumedAfter: 0 });
    expect(skippedCount(first)).toBe(5);
    expect(reasons(first.skipped)).toMatch(/page items are not imported/);
    expect(reasons(first.skipped)).toMatch(/status "trash"/);
    expect(reasons(first.skipped)).toMatch(/empty post/);
    expect(reasons(first.skipped)).toMatch(/revision items/);
    expect(reasons(first.skipped)).toMatch(/attachments/);
    expect(reasons(first.noted)).toMatch(/author "ghostwriter" not among the export's authors/);
    expect(reasons(first.noted)).toMatch(/categories matching no section \(Uncategorized\)/);
  });

  test('maps categories to sections (by name or --section-map), tags to topics, authors to bylines', async () => {
    const harbour = await findStoredArticleByUri(site.database.db, 'urn:wordpress:old.example.com:post:101');
    expect(harbour).toMatchObject({ status: 'published', sectionSlug: 'markets', bylines: ['Jane Doe'], slug: 'harbour-stocks-rally', urlDate: '2020-01-02', source: 'wordpress' });
    expect(harbour!.tags).toEqual([{ kind: 'topic', name: 'China' }, { kind: 'topic', name: 'Trade' }]);
    expect(harbour!.bodyHtml).toContain('<p>The opening paragraph of old post 101');
    expect(await findStoredArticleByUri(site.database.db, 'urn:wordpress:old.example.com:post:102')).toMatchObject({ sectionSlug: 'internet', bylines: ['Richard Roe'] });
    expect(await findStoredArticleByUri(site.database.db, 'urn:wordpress:old.example.com:post:103')).toMatchObject({ status: 'draft', sectionSlug: 'business', publishedAt: null });
    expect(await findStoredArticleByUri(site.database.db, 'urn:wordpress:old.example.com:post:107')).toMatchObject({ bylines: ['ghostwriter'] });
  });

  test('keeps the featured image as a remote reference with its caption, credit and size', async () => {
    const row = await site.database.db
      .selectFrom('articles')
      .innerJoin('media', 'media.id', 'articles.hero_media_id')
      .select(['media.remote_url', 'media.caption', 'media.credit', 'media.alt', 'media.width', 'media.height'])
      .where('articles.uri', '=', 'urn:wordpress:old.example.com:post:101')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ remote_url: `${SITE}/wp-content/uploads/2020/01/harbour.jpg`, caption: 'Cranes at the harbour', credit: 'Photo: Old Desk', alt: 'Container cranes', width: 1200, height: 800 });
  });

  test('old permalinks answer 301 to the new address; a draft\'s and an unchanged one\'s do not', async () => {
    const moved = await site.app.inject({ method: 'GET', url: '/archives/101/' });
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/2020/01/02/harbour-stocks-rally/');
    expect((await site.app.inject({ method: 'GET', url: moved.headers.location as string })).statusCode).toBe(200);
    // Without the trailing slash: the site's own convention first, then the old address.
    const bare = await site.app.inject({ method: 'GET', url: '/archives/101' });
    expect([bare.statusCode, bare.headers.location]).toEqual([301, '/archives/101/']);
    expect((await site.app.inject({ method: 'GET', url: '/archives/103/' })).statusCode).toBe(404);
    // Post 102 keeps its address: it is served, and never redirects to itself.
    expect((await site.app.inject({ method: 'GET', url: '/2020/01/03/old-post-102/' })).statusCode).toBe(200);
    expect((await site.app.inject({ method: 'GET', url: '/archives/999/' })).statusCode).toBe(404);
  });

  test('running it again changes nothing', async () => {
    const again = await wordpress(site, file, { sectionMap: 'Tech News=internet' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, redirects: 0, resumedAfter: 0 });
    const harbour = await findStoredArticleByUri(site.database.db, 'urn:wordpress:old.example.com:post:101');
    expect(await countRevisions(site.database.db, harbour!.id)).toBe(1);
    const media = await site.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(media.n)).toBe(1);
  });

  test('refuses an unknown section in --section-map, naming the sections there are', async () => {
    await expect(wordpress(site, file, { sectionMap: 'Tech News=gadgets' })).rejects.toThrow(/no section "gadgets". Sections: markets, business, industries, internet/);
  });
});

describe('WordPress import, interrupted and resumed', () => {
  let site: TestApp;
  beforeAll(async () => {
    site = await createTestApp();
  });
  afterAll(() => site.close());

  test('an import stopped after two batches resumes after them: every post once, and a third run changes nothing', async () => {
    const posts = Array.from({ length: 10 }, (_, index) => post(200 + index, { slug: `resumed-${index}` }));
    const file = writeFile('resume.xml', wxrHead(SITE, [{ login: 'jdoe', name: 'Jane Doe' }]) + posts.map(wxrPostItem).join('') + WXR_TAIL);
    const stopAfterTwo = async (batches: number) => {
      if (batches === 2) throw new Error('the process died here');
    };
    await expect(wordpress(site, file, { batchSize: 3, afterBatch: stopAfterTwo })).rejects.toThrow('the process died here');
    expect(await countStories(site, 'urn:wordpress:')).toBe(6);

    const resumed = await wordpress(site, file, { batchSize: 3 });
    expect(resumed).toMatchObject({ resumedAfter: 6, created: 4, unchanged: 0 });
    expect(await countStories(site, 'urn:wordpress:')).toBe(10);
    const redirects = await site.database.db.selectFrom('redirects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(redirects.n)).toBe(10);

    expect(await wordpress(site, file, { batchSize: 3 })).toMatchObject({ resumedAfter: 0, created: 0, updated: 0, unchanged: 10 });
  });
});

describe('hostile WordPress exports', () => {
  let site: TestApp;
  beforeAll(async () => {
    site = await createTestApp();
  });
  afterAll(() => site.close());

  const laughs = `<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
`;
  const external = `<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n`;

  test.each([
    ['entity expansion ("billion laughs")', laughs, '&lol3;'],
    ['an external entity (XXE)', external, '&xxe;'],
  ])('a DOCTYPE with %s is refused with its reason, nothing written', async (_name, doctype, reference) => {
    const file = writeFile('hostile.xml', wxrHead(SITE, [], doctype) + wxrPostItem(post(301, { title: `Hostile ${reference}`, body: `Body ${reference}` })) + WXR_TAIL);
    await expect(wordpress(site, file)).rejects.toMatchObject({ code: 'IMPORT_DOCTYPE_REFUSED', message: expect.stringMatching(/declares a DOCTYPE.*Nothing imported/) });
    expect(await countStories(site, 'urn:wordpress:')).toBe(0);
  });

  test('a file that is not well-formed XML is refused with the parser\'s reason', async () => {
    const file = writeFile('broken.xml', wxrHead(SITE, []) + '<item><title>Unclosed</item>' + WXR_TAIL);
    await expect(wordpress(site, file)).rejects.toMatchObject({ code: 'IMPORT_INVALID_XML' });
    expect(await countStories(site, 'urn:wordpress:')).toBe(0);
  });
});

describe('Ghost import', () => {
  let site: TestApp;
  let report: ImportReport;
  const GHOST_SITE = 'https://ghost.old.test';
  beforeAll(async () => {
    site = await createTestApp();
    const ghostPost = (id: string, overrides: Record<string, unknown> = {}) => ({
      id,
      uuid: `uuid-${id}`,
      title: `Ghost story ${id}`,
      slug: `ghost-story-${id}`,
      html: `<p>The body of Ghost story ${id}, with a <a href="__GHOST_URL__/other/">link home</a>.</p>`,
      type: 'post',
      status: 'published',
      published_at: '2023-04-05T06:07:08.000Z',
      updated_at: '2023-04-05T06:07:08.000Z',
      custom_excerpt: null,
      feature_image: null,
      ...overrides,
    });
    // The posts come before the tables that describe them, as Ghost writes them.
    const text = ghostExport([
      [
        'posts',
        [
          ghostPost('p1', { title: 'Markets rally on rate hopes', slug: 'markets-rally', feature_image: '__GHOST_URL__/content/images/2023/04/rally.jpg' }),
          ghostPost('p2', { status: 'draft', published_at: null }),
          ghostPost('p3', { type: 'page' }),
          ghostPost('p4', { html: null, mobiledoc: '{"version":"0.3.1"}' }),
          ghostPost('p5'),
        ],
      ],
      ['posts_meta', [{ id: 'm1', post_id: 'p1', feature_image_alt: 'Traders at screens', feature_image_caption: '<span>Traders in the morning</span>' }]],
      ['tags', [{ id: 't1', name: 'Markets', slug: 'markets' }, { id: 't2', name: 'China', slug: 'china' }, { id: 't3', name: '#hidden', slug: 'hash-hidden', visibility: 'internal' }]],
      ['users', [{ id: 'u1', name: 'Ann Author', slug: 'ann' }, { id: 'u2', name: 'Bob Writer', slug: 'bob' }]],
      ['posts_tags', [{ id: 'pt2', post_id: 'p1', tag_id: 't2', sort_order: 1 }, { id: 'pt1', post_id: 'p1', tag_id: 't1', sort_order: 0 }, { id: 'pt3', post_id: 'p5', tag_id: 't3', sort_order: 0 }]],
      ['posts_authors', [{ id: 'pa2', post_id: 'p1', author_id: 'u2', sort_order: 1 }, { id: 'pa1', post_id: 'p1', author_id: 'u1', sort_order: 0 }, { id: 'pa3', post_id: 'p5', author_id: 'u9', sort_order: 0 }]],
      ['redirects', [{ from: '^/old-rally/$', to: '/markets-rally/' }, { from: '^/circle-a/$', to: '/circle-b/' }, { from: '/circle-b/', to: '/circle-a/' }, { from: '/old-about', to: '/about/' }, { from: '^/tag/(.*)$', to: '/topic/$1/' }, { from: '/away/', to: 'https://elsewhere.test/' }]],
    ]);
    report = await ghost(site, writeFile('ghost.json', text), { siteUrl: GHOST_SITE });
  });
  afterAll(() => site.close());

  test('imports posts with their tags, authors (in order) and featured image; reports what it skipped', async () => {
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0, images: 1 });
    expect(reasons(report.skipped)).toMatch(/pages are not imported/);
    expect(reasons(report.skipped)).toMatch(/no html, only mobiledoc or lexical/);
    expect(reasons(report.skipped)).toMatch(/redirect by a pattern/);
    expect(reasons(report.skipped)).toMatch(/redirect to another site/);
    expect(reasons(report.noted)).toMatch(/author u9 not among the export's users/);
    const rally = await findStoredArticleByUri(site.database.db, 'urn:ghost:post:p1');
    expect(rally).toMatchObject({ status: 'published', sectionSlug: 'markets', bylines: ['Ann Author', 'Bob Writer'], slug: 'markets-rally', source: 'ghost' });
    expect(rally!.tags.map((tag) => tag.name)).toEqual(['Markets', 'China']);
    expect(rally!.bodyHtml).toContain('href="https://ghost.old.test/other/"');
    expect(await findStoredArticleByUri(site.database.db, 'urn:ghost:post:p2')).toMatchObject({ status: 'draft' });
    expect(await findStoredArticleByUri(site.database.db, 'urn:ghost:post:p5')).toMatchObject({ bylines: [], tags: [] });
    const image = await site.database.db.selectFrom('media').select(['remote_url', 'alt', 'caption']).executeTakeFirstOrThrow();
    expect(image).toEqual({ remote_url: `${GHOST_SITE}/content/images/2023/04/rally.jpg`, alt: 'Traders at screens', caption: 'Traders in the morning' });
  });

  test('the old /slug/ addresses and the export\'s redirects answer 301, and lead to the story', async () => {
    const old = await site.app.inject({ method: 'GET', url: '/markets-rally/' });
    expect([old.statusCode, old.headers.location]).toEqual([301, '/2023/04/05/markets-rally/']);
    // The export's redirect leads to the post's old address, which leads to the story: one 301 to the end.
    const viaRedirect = await site.app.inject({ method: 'GET', url: '/old-rally/' });
    expect([viaRedirect.statusCode, viaRedirect.headers.location]).toEqual([301, '/2023/04/05/markets-rally/']);
    // Redirects in a circle lead nowhere: a 404, never a loop.
    expect([(await site.app.inject({ method: 'GET', url: '/circle-a/' })).statusCode, (await site.app.inject({ method: 'GET', url: '/circle-b/' })).statusCode]).toEqual([404, 404]);
    const toAPage = await site.app.inject({ method: 'GET', url: '/old-about/' });
    expect([toAPage.statusCode, toAPage.headers.location]).toEqual([301, '/about/']);
    expect((await site.app.inject({ method: 'GET', url: '/2023/04/05/markets-rally/' })).statusCode).toBe(200);
    // A section's own address is the section, whatever an old post was called.
    expect((await site.app.inject({ method: 'GET', url: '/markets/' })).statusCode).toBe(200);
  });

  test('a file that is no Ghost export is refused', async () => {
    await expect(ghost(site, writeFile('not-ghost.json', '{"hello": ["world"]}'))).rejects.toMatchObject({ code: 'IMPORT_NOT_GHOST' });
    await expect(ghost(site, writeFile('truncated.json', '{"db":[{"data":{"posts":[{"id":"x"'))).rejects.toMatchObject({ code: 'IMPORT_INVALID_JSON' });
  });
});
