import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// The Content API (/api/v1/) through HTTP on a fresh database: filters, cursors, drafts, caching
// headers, problem details, and changes showing at once. Rate limits are high here (their own file
// tests them).

const LIMITS = { API_RATE_LIMIT: '100000', API_KEY_RATE_LIMIT: '100000' };

async function getJson(site: TestApp, url: string, headers: Record<string, string> = {}): Promise<{ response: Awaited<ReturnType<TestApp['app']['inject']>>; body: any }> {
  const response = await site.app.inject({ url, headers });
  return { response, body: response.body ? JSON.parse(response.body) : undefined };
}

/** Every page of a list, following `next`; the ids in the order they came. `duringEachPage` runs while each page is fetched. */
async function walk(site: TestApp, firstUrl: string, duringEachPage: () => Promise<void> = async () => {}): Promise<number[]> {
  const ids: number[] = [];
  let url: string | null = firstUrl;
  for (let pages = 0; url; pages += 1) {
    expect(pages).toBeLessThan(100);
    const [{ response, body }] = await Promise.all([getJson(site, url.replace('http://news.test', '')), duringEachPage()]);
    expect(response.statusCode, url).toBe(200);
    const page = body as { items: { id: number }[]; next: string | null; nextCursor: string | null };
    ids.push(...page.items.map((item) => item.id));
    url = page.next;
    if (url) expect(url).toContain(`cursor=${encodeURIComponent(page.nextCursor!)}`);
  }
  return ids;
}

describe('Content API: stories', () => {
  let site: TestApp;
  const idOf: Record<string, number> = {};

  beforeAll(async () => {
    site = await createTestApp(LIMITS);
    await createArticles(site, [
      articleInput({ uri: 'urn:a', title: 'Chip rally', section: 'Industries', bylines: ['Ana Cruz'], tags: [{ kind: 'topic', name: 'Semiconductors' }, { kind: 'ticker', name: 'TSM' }], publishedAt: '2024-03-01T08:00:00Z' }),
      articleInput({ uri: 'urn:b', title: 'Bond yields climb', section: 'Markets', bylines: ['Ken Ito'], tags: [{ kind: 'topic', name: 'Bonds' }], publishedAt: '2024-03-02T08:00:00Z' }),
      articleInput({ uri: 'urn:c', title: 'Chip export rules', section: 'Business', bylines: ['Ana Cruz', 'Ken Ito'], tags: [{ kind: 'topic', name: 'Semiconductors' }], publishedAt: '2024-03-03T08:00:00Z' }),
      articleInput({ uri: 'urn:draft', title: 'Secret merger', status: 'draft', publishedAt: null, bylines: ['Embargoed Writer'], tags: [{ kind: 'organisation', name: 'Hush Corp' }] }),
    ]);
    // A later correction-like change: only urn:b is modified after June.
    await createArticles(site, [articleInput({ uri: 'urn:b', title: 'Bond yields climb further', section: 'Markets', bylines: ['Ken Ito'], tags: [{ kind: 'topic', name: 'Bonds' }], publishedAt: '2024-03-02T08:00:00Z' })], new Date('2024-07-01T00:00:00Z'));
    for (const row of await site.database.db.selectFrom('articles').select(['id', 'uri']).execute()) idOf[row.uri] = Number(row.id);
  });
  afterAll(() => site.close());

  const titles = async (url: string) => (await getJson(site, url)).body.items.map((item: { title: string }) => item.title);

  test('the list is newest first and each filter narrows it; filters combine; an unknown slug gives an empty list', async () => {
    expect(await titles('/api/v1/articles')).toEqual(['Chip export rules', 'Bond yields climb further', 'Chip rally']);
    expect(await titles('/api/v1/articles?section=markets')).toEqual(['Bond yields climb further']);
    expect(await titles('/api/v1/articles?topic=semiconductors')).toEqual(['Chip export rules', 'Chip rally']);
    expect(await titles('/api/v1/articles?topic=tsm')).toEqual(['Chip rally']);
    expect(await titles('/api/v1/articles?author=ken-ito')).toEqual(['Chip export rules', 'Bond yields climb further']);
    expect(await titles('/api/v1/articles?author=ana-cruz&topic=semiconductors&section=industries')).toEqual(['Chip rally']);
    expect(await titles('/api/v1/articles?updatedSince=2024-06-30T21:00:00-02:00')).toEqual(['Bond yields climb further']);
    expect(await titles('/api/v1/articles?updatedSince=2024-07-01T02:00:01%2B02:00')).toEqual([]);
    expect(await titles('/api/v1/articles?section=no-such-section')).toEqual([]);
  });

  test('a story in the list carries what the schema says, with absolute links', async () => {
    const [story] = (await getJson(site, '/api/v1/articles?topic=tsm')).body.items;
    expect(story).toEqual({
      id: idOf['urn:a'],
      url: 'http://news.test/2024/03/01/chip-rally/',
      path: '/2024/03/01/chip-rally/',
      title: 'Chip rally',
      teaser: expect.any(String),
      section: { slug: 'industries', name: 'Industries', url: 'http://news.test/industries/' },
      bylines: [{ name: 'Ana Cruz', slug: 'ana-cruz', url: 'http://news.test/author/ana-cruz/' }],
      topics: [
        { slug: 'semiconductors', name: 'Semiconductors', kind: 'topic', url: 'http://news.test/topic/semiconductors/' },
        { slug: 'tsm', name: 'TSM', kind: 'ticker', url: 'http://news.test/topic/tsm/' },
      ],
      publishedAt: '2024-03-01T08:00:00.000Z',
      modifiedAt: '2024-06-01T00:00:00.000Z',
      image: null,
    });
  });

  test('one story by id and by path (a former path too) in full', async () => {
    const byId = await getJson(site, `/api/v1/articles/${idOf['urn:b']}`);
    expect(byId.response.statusCode).toBe(200);
    expect(byId.body).toMatchObject({ id: idOf['urn:b'], uri: 'urn:b', title: 'Bond yields climb further', path: '/2024/03/02/bond-yields-climb/', corrections: [], language: 'en' });
    expect(byId.body.bodyHtml).toContain('<p>');
    const byPath = await getJson(site, `/api/v1/articles/by-path?path=${encodeURIComponent('/2024/03/02/bond-yields-climb/')}`);
    expect(byPath.body).toEqual(byId.body);
    const byUrl = await getJson(site, `/api/v1/articles/by-path?path=${encodeURIComponent('http://news.test/2024/03/02/bond-yields-climb')}`);
    expect(byUrl.body).toEqual(byId.body);
    // The slug changes; the old path still finds the story, which gives its new path.
    await createArticles(site, [articleInput({ uri: 'urn:c', slug: 'chip-export-rules-tighten', title: 'Chip export rules', section: 'Business', bylines: ['Ana Cruz', 'Ken Ito'], tags: [{ kind: 'topic', name: 'Semiconductors' }], publishedAt: '2024-03-03T08:00:00Z' })]);
    const moved = await getJson(site, `/api/v1/articles/by-path?path=${encodeURIComponent('/2024/03/03/chip-export-rules/')}`);
    expect(moved.response.statusCode).toBe(200);
    expect(moved.body.path).toBe('/2024/03/03/chip-export-rules-tighten/');
  });

  test('drafts never appear: not in lists, not by id or path, nor their topics and bylines', async () => {
    const draftId = idOf['urn:draft'];
    const all = await walk(site, '/api/v1/articles?limit=2');
    expect(all).not.toContain(draftId);
    for (const url of [`/api/v1/articles/${draftId}`, `/api/v1/articles/${draftId}.ninjs`, '/api/v1/articles/by-path?path=/2024/06/01/secret-merger/']) {
      const { response, body } = await getJson(site, url);
      expect(response.statusCode, url).toBe(404);
      expect(body.code).toBe('ARTICLE_NOT_FOUND');
    }
    expect(await titles('/api/v1/articles?topic=hush-corp')).toEqual([]);
    expect(await titles('/api/v1/articles?author=embargoed-writer')).toEqual([]);
    const topics = (await getJson(site, '/api/v1/topics?limit=100')).body.items.map((t: { slug: string }) => t.slug);
    expect(topics).toEqual(['bonds', 'semiconductors', 'tsm']);
    const authors = (await getJson(site, '/api/v1/authors')).body.items.map((a: { slug: string }) => a.slug);
    expect(authors).toEqual(['ana-cruz', 'ken-ito']);
    expect((await getJson(site, '/api/v1/topics?kind=organisation')).body.items).toEqual([]);
  });

  test('sections, topics and authors: topics and authors page by slug', async () => {
    const sections = (await getJson(site, '/api/v1/sections')).body.items;
    expect(sections.map((s: { slug: string }) => s.slug)).toEqual(['markets', 'business', 'industries', 'internet']);
    const topicSlugs: string[] = [];
    let url: string | null = '/api/v1/topics?limit=1';
    while (url) {
      const { body } = await getJson(site, url.replace('http://news.test', ''));
      expect(body.items.length).toBeLessThanOrEqual(1);
      topicSlugs.push(...body.items.map((t: { slug: string }) => t.slug));
      url = body.next;
    }
    expect(topicSlugs).toEqual(['bonds', 'semiconductors', 'tsm']);
    expect((await getJson(site, '/api/v1/topics?kind=ticker')).body.items).toEqual([{ slug: 'tsm', name: 'TSM', kind: 'ticker', url: 'http://news.test/topic/tsm/' }]);
    const firstAuthor = await getJson(site, '/api/v1/authors?limit=1');
    expect(firstAuthor.body.items).toEqual([{ slug: 'ana-cruz', name: 'Ana Cruz', bio: '', url: 'http://news.test/author/ana-cruz/' }]);
    expect((await getJson(site, `/api/v1/authors?limit=1&cursor=${firstAuthor.body.nextCursor}`)).body.items[0].slug).toBe('ken-ito');
  });

  test('ETag and 304; cache headers name the surrogate keys; errors are not stored', async () => {
    const first = await site.app.inject({ url: '/api/v1/articles?section=markets' });
    expect(first.headers['cache-control']).toBe('public, max-age=30, s-maxage=300, stale-while-revalidate=60');
    expect(first.headers['surrogate-key']).toBe('feeds all');
    const etag = String(first.headers.etag);
    const again = await site.app.inject({ url: '/api/v1/articles?section=markets', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await site.app.inject({ url: '/api/v1/articles?section=markets', headers: { 'if-none-match': `"other", W/${etag}` } })).statusCode).toBe(304);
    expect((await site.app.inject({ url: '/api/v1/articles?section=business', headers: { 'if-none-match': etag } })).statusCode).toBe(200);
    const article = await site.app.inject({ url: `/api/v1/articles/${idOf['urn:a']}` });
    // Its live key too: a live story's updates move its updated time.
    expect(article.headers['surrogate-key']).toBe(`article:${idOf['urn:a']} live:${idOf['urn:a']} all`);
    expect(article.headers.vary).toBe('Accept');
    const missing = await site.app.inject({ url: '/api/v1/articles/999999' });
    expect(missing.headers['cache-control']).toBe('no-store');
    expect(missing.headers.etag).toBeUndefined();
  });

  test('bad input gets a problem detail with the right status and code, never a 500', async () => {
    const cases: [string, number, string, Record<string, string>?][] = [
      ['/api/v1/articles?limit=0', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?limit=101', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?limit=ten', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?section=Not%20A%20Slug', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?section=a&section=b', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?updatedSince=yesterday', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?updatedSince=2024-02-30T00:00:00Z', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?updatedSince=2024-03-01T00:00:00', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?sectoin=markets', 400, 'INVALID_REQUEST'],
      [`/api/v1/articles?${'x'.repeat(5000)}=1`, 400, 'INVALID_REQUEST'],
      ['/api/v1/articles?cursor=not-a-cursor', 400, 'INVALID_CURSOR'],
      [`/api/v1/articles?cursor=${Buffer.from('["2024-03-01T00:00:00.000Z",-1]').toString('base64url')}`, 400, 'INVALID_CURSOR'],
      [`/api/v1/articles?cursor=${'A'.repeat(401)}`, 400, 'INVALID_REQUEST'],
      ['/api/v1/topics?kind=planet', 400, 'INVALID_REQUEST'],
      [`/api/v1/topics?cursor=${Buffer.from('["2024-03-01T00:00:00.000Z",3]').toString('base64url')}`, 400, 'INVALID_CURSOR'],
      ['/api/v1/articles/abc', 400, 'INVALID_ARTICLE_ID'],
      ['/api/v1/articles/0', 400, 'INVALID_ARTICLE_ID'],
      ['/api/v1/articles/99999999999', 404, 'ARTICLE_NOT_FOUND'],
      ['/api/v1/articles/by-path', 400, 'INVALID_REQUEST'],
      ['/api/v1/articles/by-path?path=/markets/', 400, 'INVALID_ARTICLE_PATH'],
      ['/api/v1/articles/by-path?path=/2099/01/01/nothing/', 404, 'ARTICLE_NOT_FOUND'],
      ['/api/v1/no-such-thing', 404, 'NOT_FOUND'],
      ['/api/v1/articles', 406, 'NOT_ACCEPTABLE', { accept: 'text/html' }],
      [`/api/v1/articles/${1}`, 406, 'NOT_ACCEPTABLE', { accept: 'application/xml' }],
      ['/api/v1/articles', 401, 'API_KEY_INVALID', { authorization: 'Basic dXNlcjpwYXNz' }],
      ['/api/v1/articles', 401, 'API_KEY_INVALID', { authorization: `Bearer fsk_${'a'.repeat(43)}` }],
    ];
    for (const [url, status, code, headers] of cases) {
      const response = await site.app.inject({ url, headers });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toBe('application/problem+json; charset=utf-8');
      const problem = JSON.parse(response.body);
      expect(problem, url).toMatchObject({ type: `http://news.test/api/docs/#${code}`, title: expect.any(String), status, detail: expect.any(String), code });
      if (status === 401) expect(response.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_token"');
    }
    const unknownParameter = JSON.parse((await site.app.inject({ url: '/api/v1/articles?sectoin=markets' })).body);
    expect(unknownParameter.errors).toEqual([{ name: 'sectoin', reason: expect.stringContaining('sectoin') }]);
  });
});

describe('Content API: changes show at once', () => {
  let site: TestApp;
  beforeAll(async () => {
    site = await createTestApp(LIMITS);
  });
  afterAll(() => site.close());

  /** The keys of the last change event: what the edge cache is purged by. */
  async function lastChangeKeys(): Promise<string[]> {
    const row = await site.database.db.selectFrom('change_events').select('keys').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    return row.keys.split(' ');
  }

  function purgedBy(surrogateKey: unknown, changeKeys: string[]): boolean {
    const keys = String(surrogateKey).split(' ');
    return changeKeys.includes('*') || keys.some((key) => key !== 'all' && changeKeys.includes(key));
  }

  test('a publish is in the very next answer, and an unpublish gone from it; the edge is purged by the answers\' keys', async () => {
    const story = articleInput({ uri: 'urn:live', title: 'Live story', publishedAt: '2024-05-01T00:00:00Z' });
    const before = await site.app.inject({ url: '/api/v1/articles' });
    expect(JSON.parse(before.body).items).toEqual([]);

    await createArticles(site, [story]);
    const id = Number((await site.database.db.selectFrom('articles').select('id').where('uri', '=', 'urn:live').executeTakeFirstOrThrow()).id);
    const listed = await site.app.inject({ url: '/api/v1/articles' });
    expect(JSON.parse(listed.body).items.map((item: { id: number }) => item.id)).toEqual([id]);
    expect(purgedBy(before.headers['surrogate-key'], await lastChangeKeys())).toBe(true);
    const one = await site.app.inject({ url: `/api/v1/articles/${id}` });
    expect(one.statusCode).toBe(200);
    const topics = await site.app.inject({ url: '/api/v1/topics' });

    await createArticles(site, [{ ...story, status: 'unpublished' }]);
    const keys = await lastChangeKeys();
    for (const answer of [listed, one, topics]) expect(purgedBy(answer.headers['surrogate-key'], keys), String(answer.headers['surrogate-key'])).toBe(true);
    expect((await site.app.inject({ url: `/api/v1/articles/${id}` })).statusCode).toBe(404);
    expect(JSON.parse((await site.app.inject({ url: '/api/v1/articles' })).body).items).toEqual([]);
    expect(JSON.parse((await site.app.inject({ url: '/api/v1/topics' })).body).items).toEqual([]);
    // A client revalidating its copy gets the new answer, not a 304.
    expect((await site.app.inject({ url: '/api/v1/articles', headers: { 'if-none-match': String(listed.headers.etag) } })).statusCode).toBe(200);
  });

  test('a walk with cursors sees every story once, in order, while stories are published as it goes', async () => {
    // 45 stories, many sharing a publication time (ties are ordered by id).
    const inputs = Array.from({ length: 45 }, (_, i) => articleInput({ uri: `urn:walk:${i}`, title: `Walk story ${i}`, publishedAt: `2024-04-${String(1 + Math.floor(i / 4)).padStart(2, '0')}T09:00:00Z` }));
    await createArticles(site, inputs);
    const expected = (await site.database.db.selectFrom('articles').select(['id', 'published_at']).where('status', '=', 'published').execute())
      .sort((a, b) => (b.published_at! < a.published_at! ? -1 : b.published_at! > a.published_at! ? 1 : Number(b.id) - Number(a.id)))
      .map((row) => Number(row.id));
    let added = 0;
    const seen = await walk(site, '/api/v1/articles?limit=7', async () => {
      // A newer story is published while each page is read: it is ahead of the cursor, so the pages to come do not shift.
      added += 1;
      await createArticles(site, [
        articleInput({ uri: `urn:walk:new:${added}`, title: `New story ${added}`, publishedAt: `2024-06-${String(added).padStart(2, '0')}T09:00:00Z` }),
      ]);
    });
    expect(added).toBeGreaterThanOrEqual(7);
    // Every story there at the start, once and in order; the only others are stories published during
    // the walk (one published while the first page was read may be on it: it was the newest then).
    const existing = new Set(expected);
    expect(seen.filter((id) => existing.has(id))).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
    const newIds = new Set((await site.database.db.selectFrom('articles').select('id').where('uri', 'like', 'urn:walk:new:%').execute()).map((row) => Number(row.id)));
    expect(seen.filter((id) => !existing.has(id)).every((id) => newIds.has(id))).toBe(true);
    expect(seen.filter((id) => !existing.has(id)).length).toBeLessThanOrEqual(1);
  });
});
