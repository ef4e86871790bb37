import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkHtml, nuHtmlCheckerVersion } from '../support/nu-html-checker.js';
import { insertTestInstrument } from '../support/instruments.js';
import { BROWSER_USER_AGENT, rankMostReadNow } from '../support/most-read.js';
import { storeDailyBars, storeQuotes } from '../../src/markets/quotes/index.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';

describe('Nu Html Checker (vnu-jar)', () => {
  let site: TestApp;

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'Asia/Shanghai' });
    // Every page shows the ticker strip; the article a quote chip for its ticker tag (TLT). TLT's quote
    // page has a chart, its data table and the tagged story; EMPTY's has no prices.
    await insertTestInstrument(site.database.db, { symbol: 'FSX100', kind: 'index', name: 'Fortune Sky 100', stripPosition: 1 });
    await insertTestInstrument(site.database.db, { symbol: 'TLT', name: 'Treasury & Bond "Trust"' });
    await insertTestInstrument(site.database.db, { symbol: 'EMPTY' });
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
    // TLT's prices.
    const now = new Date();
    const days = Array.from({ length: 40 }, (_, n) => new Date(now.getTime() - (40 - n) * 86_400_000).toISOString().slice(0, 10));
    await storeDailyBars(site.writer, 'TLT', days.map((day, n) => ({ day, open: 90 + n / 10, high: 91 + n / 10, low: 89 + n / 10, close: 90.5 + n / 10, adjClose: null, volume: 1000 })), { source: 'demo', delayMinutes: null, now });
    await storeQuotes(site.writer, [{ symbol: 'TLT', time: new Date(now.getTime() - 60_000).toISOString(), price: 94.2, dayVolume: 500, delayMinutes: 15 }], { source: 'vendor', now });
  });
  afterAll(() => site.close());

  test('front page, section, topic, author, article, search, quote, 404 and API reference pages have zero errors', async () => {
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
      ['quote', '/markets/quote/TLT/', 200],
      ['quote-month', '/markets/quote/TLT/?range=1M', 200],
      ['quote-no-prices', '/markets/quote/EMPTY/', 200],
      ['quote-bad-range', '/markets/quote/TLT/?range=10Y', 400],
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
