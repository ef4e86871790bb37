import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

// Query parameters a page does not read must not split the page cache: otherwise /?cb=1,
// /?cb=2… each cost a render and a cache entry, and a few thousand requests flush real pages.
let site: TestApp;
let baseUrl: string;
let routed: string[];

beforeAll(async () => {
  site = await createTestApp();
  await createArticles(site, [articleInput({ title: 'Yields climb before the auction', section: 'Markets' })]);
  routed = [];
  // Requests the pre-routing cache could not answer reach the router (and may render).
  site.app.addHook('onRequest', async (request) => {
    routed.push(request.url);
  });
  baseUrl = await site.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => site.close());

async function getAll(urls: string[], concurrency = 8): Promise<{ url: string; status: number; cache: string | null }[]> {
  const results: { url: string; status: number; cache: string | null }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const response = await fetch(baseUrl + url);
        await response.arrayBuffer();
        results.push({ url, status: response.status, cache: response.headers.get('x-cache') });
      }
    }),
  );
  return results;
}

describe('query strings a page does not read', () => {
  test('1,000 distinct ?cb=N on the front page add at most one cache entry and render once', async () => {
    const before = site.cache.stats().pages;
    routed.length = 0;
    const first = await fetch(`${baseUrl}/?cb=0`);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Yields climb before the auction');

    const results = await getAll(Array.from({ length: 1000 }, (_, n) => `/?cb=${n + 1}`));
    expect(results.filter((result) => result.status !== 200 || result.cache !== 'HIT')).toEqual([]);
    expect(site.cache.stats().pages - before).toBeLessThanOrEqual(1);
    // Only the first request was routed; the other 1,000 were answered from the cache before routing.
    expect(routed).toEqual(['/?cb=0']);
    // The plain address is that same entry.
    expect((await fetch(`${baseUrl}/`)).headers.get('x-cache')).toBe('HIT');
  });

  test('feeds, sitemaps and listing pages keep one entry per page whatever else is appended', async () => {
    const pages = ['/feed.xml', '/sitemaps/pages.xml', '/markets/', '/markets/?page=1'];
    await getAll(pages);
    const before = site.cache.stats().pages;
    routed.length = 0;
    const results = await getAll(pages.flatMap((page) => Array.from({ length: 50 }, (_, n) => `${page}${page.includes('?') ? '&' : '?'}utm_source=${n}`)));
    expect(results.filter((result) => result.status !== 200 || result.cache !== 'HIT')).toEqual([]);
    expect(site.cache.stats().pages).toBe(before);
    expect(routed).toEqual([]);
  });

  test('the parameter a page reads still counts: ?page=2 is its own page, a bad one still answers 400', async () => {
    const older = Array.from({ length: 21 }, (_, n) => articleInput({ title: `Older markets story ${n}`, section: 'Markets', publishedAt: `2024-01-${String(n + 1).padStart(2, '0')}T10:00:00Z` }));
    await createArticles(site, older);
    const second = await fetch(`${baseUrl}/markets/?cb=1&page=2`);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('Older markets story 0');
    expect(await (await fetch(`${baseUrl}/markets/?page=1&cb=2`)).text()).not.toContain('Older markets story 0');
    const bad = await fetch(`${baseUrl}/markets/?cb=1&page=abc`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('The page number must be a whole number');
  });
});
