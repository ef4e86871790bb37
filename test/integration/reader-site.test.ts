import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGE_SIZE } from '../../src/site/site-pages.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { visibleLines } from '../support/visible-text.js';

describe('reader site', () => {
  let site: TestApp;

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'America/New_York' });
    const many = Array.from({ length: PAGE_SIZE + 5 }, (_, i) =>
      articleInput({
        uri: `urn:test:industry-${i}`,
        title: `Factory orders report ${i + 1}`,
        section: 'Industries',
        bylines: ['Mara Voss', 'Ken Ito'],
        tags: [{ kind: 'topic', name: 'Manufacturing' }, { kind: 'ticker', name: 'ACME' }],
        publishedAt: new Date(Date.UTC(2024, 0, 1, 12) + i * 3600_000).toISOString(),
      }),
    );
    await createArticles(site, [
      ...many,
      articleInput({ uri: 'urn:test:moving', title: 'A story that moves', slug: 'first-slug', publishedAt: '2024-02-10T03:30:00Z' }),
    ]);
    await createArticles(site, [articleInput({ uri: 'urn:test:moving', title: 'A story that moves', slug: 'second-slug', publishedAt: '2024-02-10T03:30:00Z' })]);
  });
  afterAll(() => site.close());

  test('the front page shows the lead, the latest and a block per section, with one h1', async () => {
    const response = await site.app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    const lines = visibleLines(response.body);
    expect(lines).toContain('Latest');
    expect(lines).toContain('Industries');
    expect(response.body.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(response.body).toMatch(/<header[\s>]/);
    expect(response.body).toMatch(/<main[\s>]/);
    expect(response.body).toMatch(/<footer[\s>]/);
  });

  test('article URLs carry the first-publication date in the site time zone', async () => {
    // 2024-02-10T03:30Z is still 9 February in New York.
    const response = await site.app.inject({ url: '/2024/02/09/second-slug/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<time datetime="2024-02-09T22:30:00-05:00">2024-02-09 22:30</time>');
  });

  test('an old slug answers 301 to the current URL', async () => {
    const response = await site.app.inject({ url: '/2024/02/09/first-slug/' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/2024/02/09/second-slug/');
  });

  test('section fronts page through stories, newest first', async () => {
    const first = visibleLines((await site.app.inject({ url: '/industries/' })).body);
    expect(first).toContain(`Factory orders report ${PAGE_SIZE + 5}`);
    expect(first).toContain('Older stories →');
    const second = await site.app.inject({ url: '/industries/?page=2' });
    expect(second.statusCode).toBe(200);
    const lines = visibleLines(second.body);
    expect(lines).toContain('Factory orders report 1');
    expect(lines).toContain('← Newer stories');
    expect((await site.app.inject({ url: '/industries/?page=9' })).statusCode).toBe(404);
  });

  test('topic and author pages list their stories; bylines link to authors', async () => {
    expect(visibleLines((await site.app.inject({ url: '/topic/manufacturing/' })).body)).toContain('Factory orders report 10');
    expect(visibleLines((await site.app.inject({ url: '/topic/acme/' })).body)).toContain('Factory orders report 10');
    const author = await site.app.inject({ url: '/author/ken-ito/' });
    expect(author.statusCode).toBe(200);
    expect(visibleLines(author.body)).toContain('Ken Ito');
    const article = await site.app.inject({ url: '/2024/01/01/factory-orders-report-1/' });
    expect(article.body).toContain('<a href="/author/mara-voss/">Mara Voss</a> and <a href="/author/ken-ito/">Ken Ito</a>');
    expect(visibleLines(article.body)).toContain('Related stories');
  });

  test('unknown pages get the 404 page', async () => {
    for (const url of ['/no-such-section/', '/topic/nothing/', '/author/nobody/', '/2024/01/01/missing/', '/a/b/c/d/e/', '/feed.xmlz']) {
      const response = await site.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(visibleLines(response.body), url).toContain('Page not found');
    }
  });

  test('made-up URLs share one cached 404 page instead of filling the cache', async () => {
    await site.app.inject({ url: '/2024/01/01/warm-up-missing/' });
    const before = site.cache.stats().pages;
    for (let i = 0; i < 30; i++) {
      for (const url of [`/2024/01/01/missing-${i}/`, `/topic/none-${i}/`, `/author/nobody-${i}/`, `/nothing-${i}/`, `/topic/none-${i}/feed.xml`]) {
        expect((await site.app.inject({ url })).statusCode, url).toBe(404);
      }
    }
    expect(site.cache.stats().pages).toBe(before);
  });

  test('malformed page numbers and dates get the 400 page, never a 500', async () => {
    for (const url of ['/markets/?page=abc', '/markets/?page=0', '/markets/?page=-1', '/markets/?page=1e3', '/topic/manufacturing/?page=9999999', '/2024/02/30/any/', '/2024/13/01/any/']) {
      const response = await site.app.inject({ url });
      expect(response.statusCode, url).toBe(400);
      expect(visibleLines(response.body), url).toContain('Bad request');
    }
  });

  test('the form without a trailing slash redirects to the canonical one, keeping the query', async () => {
    const response = await site.app.inject({ url: '/industries?page=2' });
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/industries/?page=2');
  });

  test('HEAD answers headers without a body', async () => {
    const response = await site.app.inject({ method: 'HEAD', url: '/markets/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(response.headers.etag).toBeTruthy();
  });

  test('oversized request bodies are refused', async () => {
    const response = await site.app.inject({ method: 'POST', url: '/markets/', payload: 'x'.repeat(2 * 1024 * 1024), headers: { 'content-type': 'text/plain' } });
    expect(response.statusCode).toBe(413);
  });

  test('health and readiness', async () => {
    expect((await site.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await site.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', database: 'ok', changeFeed: { lagEvents: 0 } });
  });
});
