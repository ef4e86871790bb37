import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// GET /api/v1/search through HTTP on the database of the run: what it finds (published stories
// only), its filters, sort and pages, the snippet as escaped HTML, and its answers to bad input.

let site: TestApp;

beforeAll(async () => {
  site = await createTestApp({ API_RATE_LIMIT: '100000', API_KEY_RATE_LIMIT: '100000', SITE_TIMEZONE: 'UTC' });
  await createArticles(site, [
    articleInput({
      uri: 'urn:s:copper',
      title: 'Copper tariff hits Lubeck smelters',
      dek: 'Smelters <script>alert(1)</script> & refiners brace',
      section: 'Markets',
      bylines: ['Ana Cruz'],
      tags: [{ kind: 'topic', name: 'Metals' }],
      publishedAt: '2024-03-01T10:00:00Z',
    }),
    articleInput({
      uri: 'urn:s:copper-rules',
      title: 'New copper tariff rules for importers',
      section: 'Business',
      bylines: ['Ken Ito'],
      tags: [{ kind: 'topic', name: 'Trade' }],
      publishedAt: '2024-03-05T10:00:00Z',
    }),
    articleInput({ uri: 'urn:s:draft', status: 'draft', publishedAt: null, title: 'Copper tariff secret draft' }),
    ...Array.from({ length: 25 }, (_, i) =>
      articleInput({ uri: `urn:s:harvest:${i}`, title: `Harvest report ${i}`, publishedAt: `2024-02-${String(i + 1).padStart(2, '0')}T10:00:00Z` }),
    ),
  ]);
});
afterAll(() => site.close());

async function search(query: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const response = await site.app.inject({ url: `/api/v1/search?${new URLSearchParams(query)}` });
  return { status: response.statusCode, body: JSON.parse(response.body), headers: response.headers };
}
const titles = async (query: Record<string, string>) => (await search(query)).body.items.map((item: { title: string }) => item.title);

describe('GET /api/v1/search', () => {
  test('finds published stories only, as list summaries with a snippet whose text is escaped and whose matches are marked', async () => {
    const { status, body, headers } = await search({ q: 'copper tariff' });
    expect(status).toBe(200);
    expect(body.items.map((item: { title: string }) => item.title).sort()).toEqual(['Copper tariff hits Lubeck smelters', 'New copper tariff rules for importers']);
    expect(body).toMatchObject({ total: 2, moreMatch: false, page: 1, next: null, notices: [] });
    const story = (await search({ q: 'smelters' })).body.items[0];
    expect(story).toMatchObject({
      title: 'Copper tariff hits Lubeck smelters',
      path: '/2024/03/01/copper-tariff-hits-lubeck-smelters/',
      section: { slug: 'markets' },
      bylines: [{ slug: 'ana-cruz' }],
      topics: [{ slug: 'metals' }],
    });
    expect(story.snippetHtml).toContain('<mark>Smelters</mark> &#60;script&#62;');
    expect(story.snippetHtml).not.toContain('<script');
    expect(await titles({ q: 'secret' })).toEqual([]);
    expect(headers['cache-control']).toContain('public');
  });

  test('filters by section, topic, author and dates (both days included), and sorts by date', async () => {
    expect(await titles({ q: 'copper', section: 'business' })).toEqual(['New copper tariff rules for importers']);
    expect(await titles({ q: 'copper', topic: 'metals' })).toEqual(['Copper tariff hits Lubeck smelters']);
    expect(await titles({ q: 'copper', author: 'ken-ito' })).toEqual(['New copper tariff rules for importers']);
    expect(await titles({ q: 'copper', from: '2024-03-05' })).toEqual(['New copper tariff rules for importers']);
    expect(await titles({ q: 'copper', to: '2024-03-01' })).toEqual(['Copper tariff hits Lubeck smelters']);
    expect(await titles({ q: 'copper', from: '2024-03-02', to: '2024-03-04' })).toEqual([]);
    expect(await titles({ q: 'copper', sort: 'date' })).toEqual(['New copper tariff rules for importers', 'Copper tariff hits Lubeck smelters']);
    // An unknown filter is left out, with a notice, as on the search page.
    const unknown = await search({ q: 'copper', topic: 'no-such-topic' });
    expect(unknown.body.items).toHaveLength(2);
    expect(unknown.body.notices).toEqual(['There is no topic “no-such-topic”: every topic was searched.']);
  });

  test('pages follow `next` to the last, with the count on each', async () => {
    const seen: string[] = [];
    let url: string | null = '/api/v1/search?q=harvest&sort=date&limit=10';
    for (let pages = 0; url; pages += 1) {
      expect(pages).toBeLessThan(3);
      const response = await site.app.inject({ url: url.replace('http://news.test', '') });
      const body = JSON.parse(response.body);
      expect(body.total).toBe(25);
      seen.push(...body.items.map((item: { title: string }) => item.title));
      url = body.next;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `Harvest report ${24 - i}`));
  });

  test('reads malformed text as the search page does, with notices; nothing to look for is INVALID_SEARCH', async () => {
    const lenient = await search({ q: '"copper tariff' });
    expect(lenient.status).toBe(200);
    expect(lenient.body.total).toBe(2);
    for (const q of ['the of and', '-copper', '  ', '*** OR -']) {
      const { status, body, headers } = await search({ q });
      expect([status, body.code], q).toEqual([400, 'INVALID_SEARCH']);
      expect(body.detail, q).toMatch(/nothing to search for|a word to look for/i);
      expect(headers['content-type']).toContain('application/problem+json');
    }
  });

  test('refuses bad parameters with a 400 that names them, a 10 KB text included, without searching it', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ q: `copper ${'x'.repeat(10_240)}` }, 'INVALID_REQUEST', 'q'],
      [{}, 'INVALID_REQUEST', 'q'],
      [{ q: 'copper', limit: '51' }, 'INVALID_REQUEST', 'limit'],
      [{ q: 'copper', page: '0' }, 'INVALID_REQUEST', 'page'],
      [{ q: 'copper', from: '2024-02-30' }, 'INVALID_REQUEST', 'from'],
      [{ q: 'copper', sort: 'oldest' }, 'INVALID_REQUEST', 'sort'],
      [{ q: 'copper', section: 'Not A Slug' }, 'INVALID_REQUEST', 'section'],
      [{ q: 'copper', page: '2', cursor: 'x' }, 'INVALID_REQUEST', 'cursor'],
      [{ q: 'copper', from: '2024-03-05', to: '2024-03-01' }, 'INVALID_SEARCH', 'to'],
      [{ q: 'copper', limit: '50', page: '21' }, 'INVALID_SEARCH', 'page'],
    ];
    for (const [query, code, name] of cases) {
      const { status, body } = await search(query);
      const label = JSON.stringify(query).slice(0, 80);
      expect([status, body.code], label).toEqual([400, code]);
      expect(JSON.stringify(body.errors ?? body), label).toContain(name);
      expect(JSON.stringify(body).length, label).toBeLessThan(2_000);
    }
    expect((await search({ q: 'copper', limit: '50', page: '20' })).status).toBe(200);
  });
});
