import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkHtml, nuHtmlCheckerVersion } from '../support/nu-html-checker.js';
import { insertTestInstrument } from '../support/instruments.js';
import { BROWSER_USER_AGENT, rankMostReadNow } from '../support/most-read.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

describe('Nu Html Checker (vnu-jar)', () => {
  let site: TestApp;

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'Asia/Shanghai' });
    // Every page shows the ticker strip; the article a quote chip for its ticker tag.
    await insertTestInstrument(site.database.db, { symbol: 'FSX100', kind: 'index', name: 'Fortune Sky 100', stripPosition: 1 });
    await insertTestInstrument(site.database.db, { symbol: 'TLT', name: 'Long Treasury Fund' });
    await createArticles(site, [
      articleInput({
        uri: 'urn:v:1',
        title: 'Rates & “risk”: what <moved> markets',
        dek: 'A dek with an ampersand & quotes "like this".',
        section: 'Markets',
        bylines: ['Mara Voss', 'Ken Ito'],
        tags: [{ kind: 'topic', name: 'Interest rates' }, { kind: 'ticker', name: 'TLT' }],
        bodyHtml: '<p>First paragraph with a <a href="https://example.com/report">link</a>.</p><h2>Sub-head</h2><ul><li>One</li><li>Two</li></ul><blockquote><p>A quote.</p></blockquote>',
        updatedAt: '2024-03-02T10:00:00Z',
      }),
      articleInput({ uri: 'urn:v:2', title: 'Related story', section: 'Markets', tags: [{ kind: 'topic', name: 'Interest rates' }] }),
    ]);
    // Read, so the front page and the section front show their "Most read" block (checked with them).
    await site.app.inject({ url: '/2024/03/01/rates-and-risk-what-moved-markets/', headers: { 'user-agent': BROWSER_USER_AGENT } });
    await rankMostReadNow(site);
  });
  afterAll(() => site.close());

  test('front page, section, topic, author, article, search, 404 and API reference pages have zero errors', async () => {
    const pages: Record<string, string> = {};
    for (const [name, url, status] of [
      ['front', '/', 200],
      ['section', '/markets/', 200],
      ['topic', '/topic/interest-rates/', 200],
      ['author', '/author/mara-voss/', 200],
      ['article', '/2024/03/01/rates-and-risk-what-moved-markets/', 200],
      ['not-found', '/no/such/page/', 404],
      ['search', '/search/?q=rates+%22what+moved%22&section=markets&from=2024-01-01&sort=date', 200],
      ['search-help', '/search/', 200],
      ['search-nothing', '/search/?q=the+-risk', 200],
      ['search-none', '/search/?q=zanzibar&topic=interest-rates&author=mara-voss', 200],
      ['search-bad', '/search/?q=rates&page=0', 400],
      ['api-reference', '/api/docs/', 200],
    ] as const) {
      const response = await site.app.inject({ url });
      expect(response.statusCode, url).toBe(status);
      pages[name] = response.body;
    }
    for (const name of ['front', 'section'] as const) expect(pages[name], name).toContain('<h2 id="most-read-title">Most read</h2>');
    for (const name of ['front', 'article', 'search'] as const) expect(pages[name], name).toContain('<nav class="market-strip"');
    expect(pages.article).toContain('<section class="quote-chips"');
    // A known-bad document in the same run proves the checker really reports errors.
    const { errors } = checkHtml({ ...pages, 'known-bad': '<!doctype html><html lang="en"><head></head><body><p>No title.</p></body></html>' });
    const ours = errors.filter((error) => error.url !== 'known-bad.html');
    console.info(`Nu Html Checker ${nuHtmlCheckerVersion()}: ${Object.keys(pages).length} pages, ${ours.length} errors`);
    expect(errors.filter((error) => error.url === 'known-bad.html').length).toBeGreaterThan(0);
    expect(ours).toEqual([]);
  }, 120_000);
});
