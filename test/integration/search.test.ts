import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSignedInUser, createTestClock, type TestClock } from '../support/newsroom.js';
import { createStoryAs, postForm, pressEditorButton } from '../support/newsroom-stories.js';
import { searchFor } from '../support/search-page.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// The reader's search through HTTP, on the database of the run: what it finds (published stories
// only, as they stand after each step of the newsroom), what it says to malformed input, and that
// its pages are never stored in the page cache.
let site: TestApp;
let clock: TestClock;

beforeEach(async () => {
  clock = createTestClock('2026-05-01T09:00:00.000Z');
  site = await createTestApp({ SITE_TIMEZONE: 'Asia/Shanghai' }, { clock });
});
afterEach(async () => site.close());

const titlesFor = async (q: string, params: Record<string, string> = {}) => (await searchFor(site, { q, ...params })).titles;

describe('what search finds', () => {
  test('a published story by its headline, body, dek, topic, ticker or byline; a draft never', async () => {
    await createArticles(site, [
      articleInput({
        title: 'Quillmark Freight expands its Rotterdam hub',
        dek: 'A bet on cross-dock volumes',
        bodyHtml: '<p>The logistics group said the <em>warehouse</em> opens in spring.</p>',
        tags: [{ kind: 'topic', name: 'Port logistics' }, { kind: 'ticker', name: 'QMKF' }],
        bylines: ['Odile Brennan'],
      }),
      articleInput({ status: 'draft', title: 'Quillmark Freight draft memo', bodyHtml: '<p>Warehouse plans.</p>' }),
    ]);
    for (const q of ['Quillmark', 'warehouse', 'cross-dock', 'logistics', 'QMKF', 'Brennan', '"Rotterdam hub"', 'Rotter*']) {
      expect(await titlesFor(q), q).toEqual(['Quillmark Freight expands its Rotterdam hub']);
    }
    expect(await titlesFor('memo')).toEqual([]);
  });

  test('follows the newsroom: found once published, with its new words once updated, gone once unpublished; a scheduled story only once it goes out', async () => {
    const editor = await createSignedInUser(site, 'editor');
    const fields = { title: 'Ostrava smelter restarts its furnace', body: '<p>Zinc output resumes after a long outage.</p>', topics: 'Metals' };
    const id = await createStoryAs(site, editor, fields);
    expect(await titlesFor('Ostrava')).toEqual([]);

    expect((await pressEditorButton(site, editor, id, 'publish', fields)).statusCode).toBe(303);
    expect(await titlesFor('Ostrava zinc')).toEqual(['Ostrava smelter restarts its furnace']);

    const updated = { ...fields, title: 'Ostrava smelter restarts its kiln', material: 'on' };
    expect((await pressEditorButton(site, editor, id, 'update', updated)).statusCode).toBe(303);
    expect(await titlesFor('furnace')).toEqual([]);
    expect(await titlesFor('kiln')).toEqual(['Ostrava smelter restarts its kiln']);

    expect((await pressEditorButton(site, editor, id, 'unpublish', updated)).statusCode).toBe(303);
    expect(await titlesFor('Ostrava')).toEqual([]);

    const later = { title: 'Brno foundry to announce buyer', body: '<p>The sale closes next week.</p>', topics: 'Metals' };
    const scheduled = await createStoryAs(site, editor, later);
    // 18:00 in Shanghai, the site's time zone here, is 10:00 UTC.
    expect((await pressEditorButton(site, editor, scheduled, 'schedule', { ...later, publish_at: '2026-05-01T18:00' })).statusCode).toBe(303);
    expect(await titlesFor('foundry')).toEqual([]);
    clock.set('2026-05-01T10:00:00.000Z');
    expect(await site.scheduledPublisher.runDue()).toEqual([scheduled]);
    expect(await titlesFor('foundry')).toEqual(['Brno foundry to announce buyer']);
  });

  test('a renamed topic finds its stories by the new name', async () => {
    const admin = await createSignedInUser(site, 'admin');
    await createArticles(site, [articleInput({ title: 'Wafer fabs slow orders', tags: [{ kind: 'topic', name: 'Semiconductors' }] })]);
    const tag = await site.database.db.selectFrom('tags').select('id').where('slug', '=', 'semiconductors').executeTakeFirstOrThrow();
    expect((await postForm(site, admin, `/newsroom/topics/${tag.id}/rename`, { name: 'Microchips' })).statusCode).toBe(303);
    expect(await titlesFor('microchips')).toEqual(['Wafer fabs slow orders']);
  });

  test('filters by section, topic, author and dates (calendar days in the site’s time zone), and sorts by date', async () => {
    await createArticles(site, [
      articleInput({ title: 'Cobalt prices rise', section: 'Markets', tags: [{ kind: 'topic', name: 'Metals' }], bylines: ['Ana Ruiz'], publishedAt: '2026-03-01T15:59:00Z' }),
      articleInput({ title: 'Cobalt miner hires', section: 'Business', tags: [{ kind: 'topic', name: 'Mining' }], bylines: ['Ben Cole'], publishedAt: '2026-03-01T16:00:00Z' }),
      articleInput({ title: 'Cobalt recyclers grow', section: 'Business', tags: [{ kind: 'topic', name: 'Metals' }], bylines: ['Ana Ruiz'], publishedAt: '2026-04-01T08:00:00Z' }),
    ]);
    expect(await titlesFor('cobalt', { sort: 'date' })).toEqual(['Cobalt recyclers grow', 'Cobalt miner hires', 'Cobalt prices rise']);
    expect(await titlesFor('cobalt', { section: 'business', sort: 'date' })).toEqual(['Cobalt recyclers grow', 'Cobalt miner hires']);
    expect(await titlesFor('cobalt', { topic: 'metals', sort: 'date' })).toEqual(['Cobalt recyclers grow', 'Cobalt prices rise']);
    expect(await titlesFor('cobalt', { author: 'ben-cole' })).toEqual(['Cobalt miner hires']);
    // 16:00 UTC is midnight of March 2 in Shanghai, the site's time zone here.
    expect(await titlesFor('cobalt', { from: '2026-03-01', to: '2026-03-01' })).toEqual(['Cobalt prices rise']);
    expect(await titlesFor('cobalt', { from: '2026-03-02', sort: 'date' })).toEqual(['Cobalt recyclers grow', 'Cobalt miner hires']);
    const unknown = await searchFor(site, { q: 'cobalt', topic: 'no-such-topic' });
    expect(unknown.titles).toHaveLength(3);
    expect(unknown.notices).toContain('There is no topic “no-such-topic”: every topic was searched.');
  });

  test('pages of 20 with a count, and the links between them keep the search', async () => {
    await createArticles(
      site,
      Array.from({ length: 45 }, (_, i) => articleInput({ title: `Harvest report ${i}`, publishedAt: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3_600_000).toISOString() })),
    );
    const first = await searchFor(site, { q: 'harvest', sort: 'date' });
    expect(first.titles).toEqual(Array.from({ length: 20 }, (_, i) => `Harvest report ${44 - i}`));
    expect(first.count).toBe('45 stories newest first · 1–20');
    expect(first.body).toContain('href="/search/?q=harvest&amp;sort=date&amp;page=2" rel="next"');
    const third = await searchFor(site, { q: 'harvest', sort: 'date', page: '3' });
    expect(third.titles).toEqual(['Harvest report 4', 'Harvest report 3', 'Harvest report 2', 'Harvest report 1', 'Harvest report 0']);
    expect(third.body).toContain('href="/search/?q=harvest&amp;sort=date&amp;page=2" rel="prev"');
    expect(third.body).not.toContain('rel="next"');
    const past = await searchFor(site, { q: 'harvest', page: '9' });
    expect([past.status, past.message]).toEqual([200, 'No more results here: 45 stories match, on pages 1 to 3. Back to the first page']);
  });

  test('snippets mark the matched words and stay text: markup in a story is shown, never run', async () => {
    await createArticles(site, [
      articleInput({
        title: 'Fees & "charges" <b>rise</b> at Tollgate',
        bodyHtml: '<p>Tollgate said fees on &lt;script&gt;alert(1)&lt;/script&gt; transfers rose; fee income doubled.</p>',
      }),
    ]);
    const page = await searchFor(site, { q: 'fee tollgate' });
    expect(page.titles).toEqual(['Fees & "charges" <b>rise</b> at Tollgate']);
    expect(page.marked).toEqual(['Tollgate', 'fees', 'fee']);
    expect(page.body).not.toMatch(/<script>alert|<b>rise/);
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script> transfers');
  });
});

describe('what search says', () => {
  test('an empty search shows how to search; a search with nothing to look for says so', async () => {
    const blank = await searchFor(site, {});
    expect(blank.status).toBe(200);
    expect(blank.body).toContain('How to search');
    const stopWords = await searchFor(site, { q: 'the of and' });
    expect([stopWords.status, stopWords.message]).toEqual([200, expect.stringContaining('nothing to search for')]);
    const onlyExcluded = await searchFor(site, { q: '-crypto' });
    expect(onlyExcluded.message).toContain('cannot be made of words to leave out');
    const none = await searchFor(site, { q: 'zanzibar' });
    expect(none.message).toBe('No stories match “zanzibar”. Try fewer or other words, or fewer filters.');
  });

  test('malformed queries are answered, never with a 500: unbalanced quotes, lone operators, both dialects’ syntax, 10 KB of text', async () => {
    await createArticles(site, [articleInput({ title: 'Steel tariffs (NOT over)', bodyHtml: '<p>Talks "NEAR" a deal.</p>' })]);
    const inputs = ['"', '"steel tariffs', 'steel"', '-', 'OR', 'AND OR NOT', '*', '**', '()', 'NEAR(steel tariffs)', '{title}: steel', 'title:steel', "steel':*", 'steel & !tariffs', '<->', "'; DROP TABLE articles; --", '\\', '\u0000', '<script>alert(1)</script>', '📈📉'];
    for (const q of inputs) {
      const page = await searchFor(site, { q });
      expect(page.status, JSON.stringify(q)).toBe(200);
      expect(page.count ?? page.message, JSON.stringify(q)).toBeTruthy();
      expect(page.body).not.toContain('<script>alert');
    }
    expect(await titlesFor('"steel tariffs')).toEqual(['Steel tariffs (NOT over)']);
    const long = await searchFor(site, { q: `steel ${'x'.repeat(10_240)}` });
    expect(long.status).toBe(200);
    expect(long.notices).toContain('Only the first 200 characters of your search were used.');
    // What the page repeats of the text is what was searched: no 10 KB echoed back.
    expect(long.body.length).toBeLessThan((await searchFor(site, { q: 'steel' })).body.length + 2_000);
  });

  test('a malformed page number, sort or date is a 400 page saying what is wrong', async () => {
    for (const [params, message] of [
      [{ page: '0' }, 'The page number must be a whole number from 1 up'],
      [{ page: 'abc' }, 'The page number must be a whole number from 1 up'],
      [{ sort: 'popular' }, 'Sort by relevance or by date'],
      [{ from: '2026-02-30' }, 'The start date is not a calendar date.'],
      [{ to: '31/12/2026' }, 'The end date must be written YYYY-MM-DD'],
      [{ from: '2026-03-02', to: '2026-03-01' }, 'The start date comes after the end date.'],
    ] as const) {
      const page = await searchFor(site, { q: 'steel', ...params });
      expect(page.status, JSON.stringify(params)).toBe(400);
      expect(page.body).toContain(message);
    }
  });

  test('any query string is answered 200 or 400', async () => {
    await createArticles(site, [articleInput({ title: 'Steel tariffs' })]);
    const value = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40, unit: 'binary' }), fc.constantFrom('1', '0', '-1', 'date', 'relevance', '2026-01-01', 'markets'));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('q', 'page', 'sort', 'section', 'topic', 'author', 'from', 'to', 'x'), value), async (params) => {
        const { status } = await searchFor(site, params);
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 150 },
    );
  });
});

describe('search pages and the rest of the site', () => {
  test('are never stored in the page cache, and say so to browsers, proxies and search engines', async () => {
    await createArticles(site, [articleInput({ title: 'Steel tariffs' })]);
    await site.app.inject({ url: '/' });
    const before = site.cache.stats().pages;
    for (let i = 0; i < 30; i++) {
      const page = await searchFor(site, { q: `steel ${i}`, page: String(1 + (i % 3)) });
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['x-cache']).toBeUndefined();
      expect(page.body).toContain('<meta name="robots" content="noindex"/>');
    }
    expect(site.cache.stats().pages).toBe(before);
  });

  test('results and filtered searches are kept out of search engines; the bare search page, asking for nothing, is indexable with its canonical URL', async () => {
    const searches: Record<string, string>[] = [{ q: 'steel' }, { q: '', section: 'markets' }, { q: '', sort: 'date' }, { q: '', page: '2' }];
    for (const params of searches) {
      expect((await searchFor(site, params)).body, JSON.stringify(params)).toContain('<meta name="robots" content="noindex"/>');
    }
    const bare = (await site.app.inject({ url: '/search/' })).body;
    expect(bare).not.toContain('noindex');
    expect(bare).toContain('<link rel="canonical" href="http://news.test/search/"/>');
    expect((await site.app.inject({ url: '/search/' })).headers['cache-control']).toBe('no-store');
  });

  test('a search page, like the pages the cache holds, is compressed for browsers that ask (br, else gzip), the same page once decoded', async () => {
    await createArticles(site, [articleInput({ title: 'Copper prices climb' })]);
    const url = '/search/?q=copper';
    const plain = await site.app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await site.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect([br.headers['content-encoding'], br.headers.vary]).toEqual(['br', 'accept-encoding']);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gzip = await site.app.inject({ url: '/search/?q=copper&page=x', headers: { 'accept-encoding': 'gzip' } });
    expect([gzip.statusCode, gzip.headers['content-encoding']]).toEqual([400, 'gzip']);
    expect(gunzipSync(gzip.rawPayload).toString()).toContain('Bad request');
  });

  test('every page links the search from its header and head; the front page’s WebSite names the search URL; /opensearch.xml describes it', async () => {
    await createArticles(site, [articleInput({ title: 'Steel tariffs', tags: [{ kind: 'topic', name: 'Trade' }] })]);
    for (const url of ['/', '/markets/', '/topic/trade/', '/2024/03/01/steel-tariffs/', '/search/?q=steel', '/no/such/page/']) {
      const { body } = await site.app.inject({ url });
      expect(body, url).toContain('<form class="masthead-search" action="/search/" method="get" role="search"');
      expect(body, url).toContain('<link rel="search" type="application/opensearchdescription+xml" title="Fortune Sky" href="/opensearch.xml"/>');
    }
    const front = (await site.app.inject({ url: '/' })).body;
    expect(front).toContain('"urlTemplate":"http://news.test/search/?q={search_term_string}"');
    const description = await site.app.inject({ url: '/opensearch.xml' });
    expect(description.statusCode).toBe(200);
    expect(description.headers['content-type']).toBe('application/opensearchdescription+xml; charset=utf-8');
    expect(description.body).toContain('<Url type="text/html" method="get" template="http://news.test/search/?q={searchTerms}"/>');
    expect(description.body).toContain('<ShortName>Fortune Sky</ShortName>');
  });
});
