/**
 * Market movers (/markets/movers/) and the Markets front (/markets/), as a reader gets them over
 * HTTP (issue 13): gainers, losers and most active in the right order from stored quotes, each row
 * linked to its quote page, with source, delay and time; the Markets front's data beside its
 * stories; short lifetimes instead of purges (a quote batch purges neither these pages nor any
 * article page); an empty state; other sections and later pages unchanged.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeDailyBars, storeQuotes } from '../../src/markets/quotes/index.js';
import type { InstrumentKind } from '../../src/markets/types.js';
import { hasTable, noteAfterTable, readTable } from '../support/html-tables.js';
import { insertTestInstrument } from '../support/instruments.js';
import { checkHtml } from '../support/nu-html-checker.js';
import { createTestClock } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { articlePathOf } from '../support/two-instances.js';

// Friday 2026-05-01, 16:00 in New York: the close. Quotes are of 15:00 there.
const clock = createTestClock('2026-05-01T20:00:00.000Z');
const QUOTE_TIME = '2026-05-01T19:00:00Z';
const PRICES_CACHE_CONTROL = 'public, max-age=30, s-maxage=30';

/** An instrument with a previous close (a daily bar on 2026-04-30) and a latest price today. */
interface Priced {
  symbol: string;
  kind?: InstrumentKind;
  name?: string;
  mic?: string | null;
  currency?: string;
  decimals?: number;
  stripPosition?: number | null;
  previousClose: number;
  price: number;
  dayVolume?: number | null;
  source?: string;
  delayMinutes?: number | null;
}

// Fourteen shares closing at 100 yesterday: S01…S11 up 1…11 %, S12…S14 down 1…3 %; volume grows with the number.
const SHARES: Priced[] = Array.from({ length: 14 }, (_, n) => ({
  symbol: `S${String(n + 1).padStart(2, '0')}`,
  name: `Share ${n + 1} Inc`,
  previousClose: 100,
  price: n < 11 ? 100 + (n + 1) : 100 - (n - 10),
  dayVolume: (n + 1) * 1_000,
}));
// S13's price comes from a vendor with a 15-minute delay: the losers' table then labels each row.
SHARES[12] = { ...SHARES[12]!, source: 'api:Vendor', delayMinutes: 15 };

const OTHERS: Priced[] = [
  { symbol: 'FSX100', kind: 'index', name: 'Fortune Sky 100', stripPosition: 1, previousClose: 4_000, price: 4_040 },
  { symbol: 'FSTECH', kind: 'index', name: 'Fortune Sky Tech 50', mic: 'XNAS', stripPosition: 2, previousClose: 11_000, price: 10_780 },
  { symbol: 'AAIDX', kind: 'index', name: 'Alpha Small Caps', previousClose: 100, price: 100.5 },
  { symbol: 'EURUSD', kind: 'fx', name: 'Euro / US dollar', mic: null, decimals: 4, stripPosition: 3, previousClose: 1.1, price: 1.1011 },
  { symbol: 'GOLD', kind: 'commodity', name: 'Gold', mic: null, previousClose: 1_800, price: 1_782, dayVolume: 250_000 },
  // US10Y moved 5 basis points (1.25 %), DE10Y 1 basis point (5 %): yields rank by points.
  { symbol: 'US10Y', kind: 'rate', name: 'US 10-year Treasury yield', mic: null, decimals: 3, previousClose: 4, price: 4.05 },
  { symbol: 'DE10Y', kind: 'rate', name: 'German 10-year Bund yield', mic: null, currency: 'EUR', decimals: 3, previousClose: 0.2, price: 0.21 },
];

async function storePriced(site: TestApp, instruments: Priced[]): Promise<void> {
  const now = clock.now();
  for (const instrument of instruments) {
    const { symbol, kind = 'equity', name, mic = 'XNYS', currency = 'USD', decimals = 2, stripPosition = null } = instrument;
    await insertTestInstrument(site.database.db, { symbol, kind, name, mic, currency, decimals, stripPosition });
    const close = instrument.previousClose;
    await storeDailyBars(site.writer, symbol, [{ day: '2026-04-30', open: close, high: close, low: close, close, adjClose: null, volume: null }], { source: 'csv', delayMinutes: null, now });
  }
  for (const source of new Set(instruments.map((instrument) => instrument.source ?? 'demo'))) {
    const group = instruments.filter((instrument) => (instrument.source ?? 'demo') === source);
    const quotes = group.map((instrument) => ({ symbol: instrument.symbol, time: QUOTE_TIME, price: instrument.price, dayVolume: instrument.dayVolume ?? null, delayMinutes: instrument.delayMinutes ?? 0 }));
    const report = await storeQuotes(site.writer, quotes, { source, now });
    expect(report.refused).toEqual([]);
  }
}

const symbols = (html: string, id: string) => readTable(html, id).rows.map((row) => row.cells[1]);
const names = (html: string, id: string) => readTable(html, id).rows.map((row) => row.cells[0]);

describe('with quotes stored', () => {
  let site: TestApp;
  let articlePath: string;

  beforeAll(async () => {
    site = await createTestApp({ SITE_TIMEZONE: 'America/New_York' }, { clock });
    // 22 Markets stories (a second page), the newest last; one Business story.
    await createArticles(site, [
      ...Array.from({ length: 22 }, (_, n) => articleInput({ uri: `urn:m:${n}`, title: `Markets story ${n + 1}`, section: 'Markets', publishedAt: `2026-04-${String(n + 1).padStart(2, '0')}T10:00:00Z` })),
      articleInput({ uri: 'urn:b:1', title: 'A business story', section: 'Business', publishedAt: '2026-04-30T10:00:00Z' }),
    ]);
    const story = await site.database.db.selectFrom('articles').select('id').where('uri', '=', 'urn:m:21').executeTakeFirstOrThrow();
    articlePath = await articlePathOf(site.database, Number(story.id));
    await storePriced(site, [...SHARES, ...OTHERS]);
  });
  afterAll(() => site.close());

  test('the movers page: gainers, losers and most active among shares, in order, bounded, linked, with figures a reader can check', async () => {
    const response = await site.app.inject({ url: '/markets/movers/' });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain('<h1 class="page-title">Market movers</h1>');

    // Ten rows at most: S01 (up 1 %) is the eleventh gainer.
    expect(symbols(html, 'gainers')).toEqual(['S11', 'S10', 'S09', 'S08', 'S07', 'S06', 'S05', 'S04', 'S03', 'S02']);
    expect(symbols(html, 'losers')).toEqual(['S14', 'S13', 'S12']);
    expect(symbols(html, 'most-active')).toEqual(['S14', 'S13', 'S12', 'S11', 'S10', 'S09', 'S08', 'S07', 'S06', 'S05']);

    const gainers = readTable(html, 'gainers');
    expect(gainers.caption).toBe('Gainers');
    expect(gainers.columns).toEqual(['Name', 'Symbol', 'Last', 'Change', 'Volume'].map((text) => ({ text, scope: 'col' })));
    // Sign, figures and the direction in words beside the colour.
    expect(gainers.rows[0]).toEqual({ cells: ['Share 11 Inc', 'S11', '$111.00', '▲ +11.00 (+11.00%) (up 11.00 per cent)', '11K'], headerScope: 'row', links: ['/markets/quote/S11/'] });
    const losers = readTable(html, 'losers');
    expect(losers.rows[0]!.cells.slice(2, 4)).toEqual(['$97.00', '▼ −3.00 (−3.00%) (down 3.00 per cent)']);
    expect(html).toMatch(/<span class="price-change move down"><span aria-hidden="true">▼ <\/span>−3\.00 \(−3\.00%\)/);
    expect(html).toMatch(/<span class="price-change move up"><span aria-hidden="true">▲ <\/span>\+11\.00 \(\+11\.00%\)/);

    // One source and delay for the whole table: said once under it, with the time in the site's zone.
    expect(noteAfterTable(html, 'gainers')).toBe('Demo data · Real time · As of 2026-05-01 15:00');
    // The losers' sources differ: each row says its own.
    expect(losers.rows.map((row) => row.cells[0])).toEqual(['Share 14 Inc Demo data · Real time', 'Share 13 Inc api:Vendor · Delayed 15 min', 'Share 12 Inc Demo data · Real time']);
    expect(noteAfterTable(html, 'losers')).toBe('As of 2026-05-01 15:00');
  });

  test('the movers page ranks the other kinds by the size of their move, yields by basis points', async () => {
    const html = (await site.app.inject({ url: '/markets/movers/' })).body;
    expect(symbols(html, 'moves-index')).toEqual(['FSTECH', 'FSX100', 'AAIDX']);
    expect(readTable(html, 'moves-index').rows[0]!.cells.slice(2)).toEqual(['10,780.00', '▼ −220.00 (−2.00%) (down 2.00 per cent)']);
    expect(symbols(html, 'moves-fx')).toEqual(['EURUSD']);
    expect(readTable(html, 'moves-commodity').rows[0]!.cells.slice(2)).toEqual(['$1,782.00', '▼ −18.00 (−1.00%) (down 1.00 per cent)', '250K']);
    const yields = readTable(html, 'moves-rate');
    expect(yields.rows.map((row) => row.cells[1])).toEqual(['US10Y', 'DE10Y']);
    expect(yields.rows[0]!.cells.slice(2)).toEqual(['4.050%', '▲ +0.050 (+5.0 bp) (up 5.0 basis points)']);
    // No coin is stored: no empty table for it.
    expect(hasTable(html, 'moves-crypto')).toBe(false);
  });

  test('the Markets front: the section’s stories with the data blocks and the top movers beside them', async () => {
    const response = await site.app.inject({ url: '/markets/' });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    // The newest story leads, the list follows; the pager leads to page 2.
    expect(html).toMatch(/<article class="lead"[^>]*>[\s\S]*Markets story 22/);
    expect(html).toContain('Markets story 3');
    expect(html).not.toContain('Markets story 2<');
    expect(html).toContain('href="/markets/?page=2"');
    expect(html).toContain('<h2 id="market-data-title">Market data</h2>');

    // The strip's instruments first, in its order, then the rest by symbol.
    expect(names(html, 'front-index')).toEqual(['Fortune Sky 100', 'Fortune Sky Tech 50', 'Alpha Small Caps']);
    expect(readTable(html, 'front-index').rows.map((row) => row.links[0])).toEqual(['/markets/quote/FSX100/', '/markets/quote/FSTECH/', '/markets/quote/AAIDX/']);
    expect(readTable(html, 'front-fx').rows[0]!.cells).toEqual(['Euro / US dollar', '1.1011', '▲ +0.0011 (+0.10%) (up 0.10 per cent)']);
    expect(names(html, 'front-commodity')).toEqual(['Gold']);
    expect(names(html, 'front-rate')).toEqual(['German 10-year Bund yield', 'US 10-year Treasury yield']);
    expect(noteAfterTable(html, 'front-index')).toBe('Demo data · Real time · As of 2026-05-01 15:00');
    expect(names(html, 'front-gainers')).toEqual(['Share 11 Inc', 'Share 10 Inc', 'Share 9 Inc']);
    expect(names(html, 'front-losers')).toEqual(['Share 14 Inc Demo data · Real time', 'Share 13 Inc api:Vendor · Delayed 15 min', 'Share 12 Inc Demo data · Real time']);
    expect(html).toContain('<a href="/markets/movers/">All market movers</a>');
  });

  test('both pages are valid HTML (Nu Html Checker)', async () => {
    const pages = { movers: (await site.app.inject({ url: '/markets/movers/' })).body, front: (await site.app.inject({ url: '/markets/' })).body };
    // A known-bad document in the same run proves the checker reports errors.
    const { errors } = checkHtml({ ...pages, 'known-bad': '<!doctype html><html lang="en"><head></head><body><table><tr><th scope="sideways">x</th></tr></table></body></html>' });
    expect(errors.filter((error) => error.url === 'known-bad.html').length).toBeGreaterThan(0);
    expect(errors.filter((error) => error.url !== 'known-bad.html')).toEqual([]);
  }, 120_000);

  test('short lifetimes on the pages with prices; the section’s later pages and other sections unchanged', async () => {
    for (const url of ['/markets/movers/', '/markets/']) {
      const response = await site.app.inject({ url });
      expect(response.headers['cache-control'], url).toBe(PRICES_CACHE_CONTROL);
      expect(String(response.headers['surrogate-key']).split(' '), url).toContain('markets:movers');
    }
    expect(String((await site.app.inject({ url: '/markets/' })).headers['surrogate-key']).split(' ')).toContain('section:markets');

    const pageTwo = await site.app.inject({ url: '/markets/?page=2' });
    expect(pageTwo.statusCode).toBe(200);
    expect(pageTwo.headers['cache-control']).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=600');
    expect(pageTwo.body).toContain('Markets story 2<');
    expect(pageTwo.body).not.toContain('id="market-data-title"');
    expect(pageTwo.body).not.toContain('<table class="quotes"');

    const business = await site.app.inject({ url: '/business/' });
    expect(business.headers['cache-control']).toBe('public, max-age=60, s-maxage=300, stale-while-revalidate=600');
    expect(business.body).toContain('A business story');
    expect(business.body).not.toContain('id="market-data-title"');
    expect(business.body).not.toContain('<table class="quotes"');

    // One address for the movers page: without the slash it redirects; a query string is the same page.
    const bare = await site.app.inject({ url: '/markets/movers' });
    expect([bare.statusCode, bare.headers.location]).toEqual([301, '/markets/movers/']);
    expect((await site.app.inject({ url: '/markets/movers/?page=3&x=1' })).body).toBe((await site.app.inject({ url: '/markets/movers/' })).body);
  });

  test('a quote batch purges no page: the price pages show it once they expire, article pages stay cached', async () => {
    const urls = ['/markets/movers/', '/markets/', articlePath];
    // Changes committed before this test (the stories, the first prices) are delivered first: on
    // PostgreSQL one read late would purge the pages this test watches for purges.
    await site.changes.readBeforeServing();
    for (const url of urls) expect((await site.app.inject({ url })).statusCode, url).toBe(200);
    expect(urls.filter((url) => site.cache.get(url) === undefined)).toEqual([]);
    const purged: string[] = [];
    site.cache.addPurgeListener((keys) => purged.push(...keys));

    // S01 jumps from the eleventh gainer to the first.
    clock.advance(10_000);
    await storeQuotes(site.writer, [{ symbol: 'S01', time: '2026-05-01T19:30:00Z', price: 120, dayVolume: 1_500, delayMinutes: 0 }], { source: 'demo', now: clock.now() });
    expect(purged.filter((key) => !key.startsWith('quote:'))).toEqual([]);
    expect(urls.filter((url) => site.cache.get(url) === undefined)).toEqual([]);
    expect(symbols((await site.app.inject({ url: '/markets/movers/' })).body, 'gainers')[0]).toBe('S11');

    // Thirty seconds after they were rendered the price pages expire; the article page is still the cached one.
    clock.advance(21_000);
    expect(site.cache.get(articlePath)).toBeDefined();
    const movers = (await site.app.inject({ url: '/markets/movers/' })).body;
    expect(readTable(movers, 'gainers').rows[0]!.cells.slice(1, 4)).toEqual(['S01', '$120.00', '▲ +20.00 (+20.00%) (up 20.00 per cent)']);
    expect(noteAfterTable(movers, 'gainers')).toBe('Demo data · Real time · As of 2026-05-01 15:30');
    expect(names((await site.app.inject({ url: '/markets/' })).body, 'front-gainers')[0]).toBe('Share 1 Inc');

    // A story published in Markets still purges the Markets front at once, not at its expiry.
    expect(site.cache.get('/markets/')).toBeDefined();
    await createArticles(site, [articleInput({ uri: 'urn:m:new', title: 'Markets story just in', section: 'Markets', publishedAt: '2026-05-01T19:45:00Z' })], clock.now());
    expect(site.cache.get('/markets/')).toBeUndefined();
    expect((await site.app.inject({ url: '/markets/' })).body).toMatch(/<article class="lead"[^>]*>[\s\S]*Markets story just in/);
  });
});

describe('without market data', () => {
  let site: TestApp;
  const emptyClock = createTestClock('2026-05-01T20:00:00.000Z');

  beforeAll(async () => {
    site = await createTestApp({}, { clock: emptyClock });
    await createArticles(site, [articleInput({ uri: 'urn:e:1', title: 'A markets story', section: 'Markets' })]);
  });
  afterAll(() => site.close());

  test('the movers page says so, and the Markets section is its plain listing, with no empty blocks', async () => {
    const check = async () => {
      const movers = await site.app.inject({ url: '/markets/movers/' });
      expect(movers.statusCode).toBe(200);
      expect(movers.body).toContain('No market data yet.');
      expect(movers.body).not.toContain('<table');
      const markets = await site.app.inject({ url: '/markets/' });
      expect(markets.body).toContain('A markets story');
      expect(markets.body).not.toContain('id="market-data-title"');
      expect(markets.body).not.toContain('<table');
      // Still short-lived: instruments and quotes arriving purge no section page.
      expect(markets.headers['cache-control']).toBe(PRICES_CACHE_CONTROL);
    };
    await check();
    // Instruments without any price show nothing either.
    await insertTestInstrument(site.database.db, { symbol: 'QUIET' });
    await insertTestInstrument(site.database.db, { symbol: 'CALM', kind: 'index' });
    emptyClock.advance(31_000);
    await check();
  });
});
