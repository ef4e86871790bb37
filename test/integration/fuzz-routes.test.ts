// Property-based fuzzing (fast-check) of routing and query parameters through HTTP, on an app with
// stories, topics, authors and a draft: whatever the path, query string or method, the server never
// answers 5xx, user text never turns into markup, and redirects stay on this site. Requests go to a
// real port with the path sent byte for byte (inject() and fetch() would normalise "//", "\\" and "..").
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// User text carries this marker; if it ever shows up as an element or attribute name, it was not escaped.
const MARKER = 'x-fuzz';
const hostileText = [
  `<${MARKER}>`, `"><${MARKER} a=1>`, `'><${MARKER}>`, `</script><${MARKER}>`, `</title><${MARKER}>`, `" ${MARKER}="1`, `' ${MARKER}='1`,
  `--><${MARKER}>`, `]]><${MARKER}>`, `\u2028</script><${MARKER}>`, `&lt;${MARKER}&gt;`, `javascript:alert(1)`,
];
// Path pieces: real routes and their parts, odd encodings, traversal and separators.
const knownSegments = ['', 'markets', 'business', 'industries', 'internet', 'topic', 'author', 'testing', 'test-writer', 'draft-topic', '2024', '03', '01', '02', '29', '13', '00',
  'fuzz-story-one', 'fuzz-draft', 'feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml', 'sitemaps', 'pages.xml', 'articles-2024-03.xml', 'news-sitemap.xml', 'robots.txt',
  'logo.png', 'api', 'v1', 'articles', '1.ninjs', '99999999999999999999.ninjs', 'media', 'ab', 'newsroom', 'sign-in', 'sign-out', 'setup', 'stories', 'edit', 'assets', 'healthz', 'readyz', 'metrics', 'index.html', 'preview', 'preview-links'];
const oddSegments = ['.', '..', '%2e%2e', '%2F', '%5C', '%00', '%', '%zz', '%E2%82', '%C0%AE', '\\', '~', ';', ',', '@', ':', '+', '%20', '%09', '*', '$', '!', "'", '(', ')'];
const encodedText = fc.string({ maxLength: 12, unit: 'grapheme' }).map(encodeURIComponent);
/** A known segment with one character percent-encoded, as a client may send it (`%6Eewsroom`). */
const encodedKnownSegment = fc.tuple(fc.constantFrom(...knownSegments.filter(Boolean)), fc.nat()).map(([known, at]) => {
  const index = at % known.length;
  return `${known.slice(0, index)}%${known.charCodeAt(index).toString(16).toUpperCase()}${known.slice(index + 1)}`;
});
const segment = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...knownSegments) },
  { weight: 1, arbitrary: encodedKnownSegment },
  { weight: 2, arbitrary: fc.constantFrom(...oddSegments) },
  { weight: 2, arbitrary: encodedText },
  { weight: 1, arbitrary: fc.constantFrom(...hostileText).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.constantFrom('9'.repeat(30), '-1', '1e309', 'NaN', 'a'.repeat(400)) },
);
const path = fc
  .tuple(fc.array(segment, { minLength: 0, maxLength: 6 }), fc.boolean(), fc.constantFrom('/', '//', '/\\', '/%2F'))
  .map(([segments, endsWithSlash, start]) => start + segments.join('/') + (endsWithSlash && segments.length ? '/' : ''));
// Real addresses of the app, each fuzzed by mutating its segments: near-misses reach the handlers.
const publicRoutes = ['/', '/markets/', '/business/?page=2', '/topic/testing/', '/author/test-writer/', '/2024/03/01/fuzz-story-one/', '/feed.xml', '/markets/atom.xml',
  '/topic/testing/feed.json', '/author/test-writer/feed.xml', '/sitemap.xml', '/sitemaps/pages.xml', '/sitemaps/articles-2024-03.xml', '/news-sitemap.xml',
  '/robots.txt', '/logo.png', '/opensearch.xml', '/search/?q=fuzz', '/search/?q=story&sort=date&page=2', '/api/v1/articles/1.ninjs', '/api/v1/articles/1', '/media/ab/0123456789abcdef.jpg', '/healthz', '/readyz', '/metrics',
  `/preview/${'A'.repeat(43)}/`];
const newsroomRoutes = ['/newsroom/', '/newsroom/sign-in/', '/newsroom/sign-out/', '/newsroom/setup/?token=x', '/newsroom/stories/', '/newsroom/stories/1/edit',
  '/newsroom/stories/1/preview', '/newsroom/stories/1/preview-links/', '/newsroom/stories/1/revisions/', '/newsroom/stories/1/revisions/1/', '/newsroom/media/', '/newsroom/users/', '/newsroom/audit/',
  '/newsroom/front-page/', '/newsroom/sections/', '/newsroom/assets/editor.js', '/api/newsroom/media', '/api/newsroom/stories/1/autosave'];
const segmentMutation = fc.oneof(
  { weight: 6, arbitrary: fc.constant((known: string) => known) },
  { weight: 2, arbitrary: fc.nat().map((at) => (known: string) => (known ? `${known.slice(0, at % known.length)}%${known.charCodeAt(at % known.length).toString(16).toUpperCase()}${known.slice((at % known.length) + 1)}` : known)) },
  { weight: 1, arbitrary: segment.map((other) => () => other) },
  { weight: 1, arbitrary: fc.constantFrom((known: string) => known.toUpperCase(), (known: string) => `${known}/`, (known: string) => `${known}%2F..`) },
);
/** A real address with some of its path segments mutated (query kept). */
const nearRoute = (routes: string[]) =>
  fc.tuple(fc.constantFrom(...routes), fc.array(segmentMutation, { minLength: 8, maxLength: 8 })).map(([route, mutations]) => {
    const [routePath = '/', query] = route.split('?');
    const mutated = routePath.split('/').map((part, index) => (index === 0 ? part : mutations[index % mutations.length]!(part))).join('/');
    return { path: mutated, query: query ? `?${query}` : '' };
  });
const queryValue = fc.oneof(
  fc.constantFrom('1', '2', '0', '-1', '999999', '9'.repeat(40), '1e309', '0x10', '1.5', '+1', '%201', '', '%', '%00', '%zz', '[]', 'a'.repeat(2000)),
  fc.constantFrom(...hostileText).map(encodeURIComponent),
  encodedText,
);
const queryString = fc
  .array(fc.tuple(fc.constantFrom('page', 'page', 'q', 'cb', 'page[]', 'page[a]', '__proto__', 'constructor', 'utm_source', ''), queryValue), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}` : ''));
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS');

/** What the server answered. */
interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** Sends one request with the path exactly as given. */
function send(port: number, method: string, path: string, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) };
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The names of every element and attribute in an HTML document. */
function markupNames(html: string): string[] {
  const names: string[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => names.push(name, ...Object.keys(attributes)) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return names;
}

/** Whether a Location header stays on this site (a path, not a scheme-relative or backslashed host). */
function isOnSite(location: string): boolean {
  if (location.startsWith('http://news.test/')) return true;
  return location.startsWith('/') && !/^\/[/\\]/.test(location) && !/[\u0000-\u001f]/.test(location);
}

// The checks prove themselves first: a page that echoed the marker raw would be caught.
test('the markup check sees user text that became an element or attribute', () => {
  expect(markupNames(`<p>${hostileText[0]}</p>`)).toContain(MARKER);
  expect(markupNames(`<a title="${hostileText[5]}">`)).toContain(MARKER);
  expect(markupNames(`<p>&lt;${MARKER}&gt; <a title="&quot; ${MARKER}=&quot;1">`).filter((name) => name.includes(MARKER))).toEqual([]);
  expect(isOnSite('//evil.example/x/')).toBe(false);
  expect(isOnSite('/\\evil.example/x/')).toBe(false);
  expect(isOnSite('/markets/')).toBe(true);
});

describe('routing and query parameters (properties, through HTTP)', () => {
  let site: TestApp;
  let port: number;
  const get = (url: string) => send(port, 'GET', url);

  beforeAll(async () => {
    site = await createTestApp();
    await site.app.listen({ port: 0, host: '127.0.0.1' });
    port = (site.app.server.address() as AddressInfo).port;
    await createArticles(site, [
      articleInput({ uri: 'urn:fuzz:one', title: 'Fuzz story one', slug: 'fuzz-story-one', publishedAt: '2024-03-01T10:00:00Z' }),
      articleInput({ uri: 'urn:fuzz:two', title: 'Fuzz story two', section: 'Business', publishedAt: '2024-03-02T10:00:00Z', bylines: ['Ana Cruz'] }),
      articleInput({ uri: 'urn:fuzz:draft', title: 'Fuzz draft', slug: 'fuzz-draft', status: 'draft', publishedAt: null, tags: [{ kind: 'topic', name: 'Draft topic' }] }),
    ]);
  });
  afterAll(async () => {
    agent.destroy();
    await site.close();
  });

  /** Sends the request (a form body of the query's pairs for POST and PUT) and checks the answer is safe. */
  async function expectSafeAnswer(verb: string, url: string): Promise<void> {
    const response = await send(port, verb, url, verb === 'POST' || verb === 'PUT' ? (url.split('?')[1] ?? '') : undefined);
    expect(response.statusCode, `${verb} ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
    const contentType = String(response.headers['content-type'] ?? '');
    // HTML and XML (feeds, sitemaps) are parsed as markup by browsers; JSON is data and must parse.
    if (/html|xml/.test(contentType)) {
      expect(response.body, `${verb} ${url}`).not.toContain(`<${MARKER}`);
      expect(markupNames(response.body).filter((name) => name.includes(MARKER)), `${verb} ${url}`).toEqual([]);
    } else if (contentType.includes('json') && verb !== 'HEAD') {
      expect(() => JSON.parse(response.body), `${verb} ${url}`).not.toThrow();
    }
  }

  test('no method, path or query string gives a 5xx, and user text never becomes markup', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, queryString, async (verb, requestPath, query) => {
        await expectSafeAnswer(verb, requestPath + query);
      }),
      { numRuns: 500 },
    );
  });

  test('addresses near the public routes never give a 5xx, and user text never becomes markup', async () => {
    await fc.assert(
      fc.asyncProperty(method, nearRoute(publicRoutes), queryString, async (verb, near, query) => {
        await expectSafeAnswer(verb, near.path + (query || near.query));
      }),
      { numRuns: 500 },
    );
  });

  // Finding 6 of issue 8 (encoded paths bypassed the newsroom hooks: `GET /%6Eewsroom/sign-in/` was a 500).
  test('addresses near the newsroom routes never give a 5xx, and user text never becomes markup', async () => {
    await fc.assert(
      fc.asyncProperty(method, nearRoute(newsroomRoutes), queryString, async (verb, near, query) => {
        await expectSafeAnswer(verb, near.path + (query || near.query));
      }),
      { numRuns: 500, examples: [['GET', { path: '/%6Eewsroom/sign-in/', query: '' }, '']] },
    );
  });

  test('the cached pages keep answering the same way: repeated requests give the same status', async () => {
    await fc.assert(
      fc.asyncProperty(path, queryString, async (requestPath, query) => {
        const url = requestPath + query;
        const first = await get(url);
        const second = await get(url);
        expect(second.statusCode, url).toBe(first.statusCode);
      }),
      { numRuns: 150 },
    );
  });

  test('a draft never shows: no page, feed or sitemap answers with its headline', async () => {
    await fc.assert(
      fc.asyncProperty(path, queryString, async (requestPath, query) => {
        const response = await get(requestPath + query);
        expect(response.body, requestPath + query).not.toContain('Fuzz draft');
      }),
      { numRuns: 200 },
    );
  });

  test('stored text from the wire (headline, dek, teaser, bylines, topics, body) never becomes markup on any page that shows it', async () => {
    const hostile = fc.tuple(fc.constantFrom(...hostileText), fc.string({ maxLength: 12, unit: 'grapheme' })).map(([attack, noise]) => `${noise}${attack}${noise}`);
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, hostile, hostile, async (title, dek, byline, topic, body) => {
        serial += 1;
        const slug = `stored-${serial}`;
        await createArticles(site, [
          articleInput({ uri: `urn:fuzz:stored:${serial}`, title: `Stored ${serial} ${title}`, slug, dek, excerpt: serial % 2 ? dek : null, bodyHtml: `<p>${body}</p>${body}`, bylines: [byline], tags: [{ kind: 'topic', name: topic }], publishedAt: '2024-04-01T10:00:00Z' }),
        ]);
        const stored = await site.database.db.selectFrom('articles').select('id').where('uri', '=', `urn:fuzz:stored:${serial}`).executeTakeFirstOrThrow();
        const links = await site.database.db
          .selectFrom('article_tags')
          .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
          .select('tags.slug')
          .where('article_id', '=', stored.id)
          .unionAll((eb) => eb.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select('authors.slug').where('article_id', '=', stored.id))
          .execute();
        const [topicSlug, authorSlug] = links.map((row) => row.slug);
        for (const url of [`/2024/04/01/${slug}/`, '/', '/markets/', `/topic/${topicSlug}/`, `/author/${authorSlug}/`, '/feed.xml', '/atom.xml', '/feed.json', `/api/v1/articles/${stored.id}.ninjs`]) {
          await expectSafeAnswer('GET', url);
        }
      }),
      { numRuns: 60 },
    );
  });

  // Finding 5 of issue 8 (open redirect: `GET //evil.example/x` answered 301 to `//evil.example/x/`).
  test('every redirect stays on this site', async () => {
    await fc.assert(
      fc.asyncProperty(path, queryString, async (requestPath, query) => {
        const response = await get(requestPath + query);
        if (response.statusCode >= 300 && response.statusCode < 400) expect(isOnSite(String(response.headers.location)), `${requestPath + query} → ${response.headers.location}`).toBe(true);
      }),
      { numRuns: 300, examples: [['//evil.example/x', ''], ['/\\evil.example/x', '']] },
    );
  });
});
