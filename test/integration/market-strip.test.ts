/**
 * The ticker strip and quote chips (issue 13): every page carries the strip's names and links but
 * never a price; the prices come from /markets/strip.json and /markets/quotes.json, short-cached
 * and never purged by quotes; the strip's instruments are read once and again after a strip change.
 */
import { isQuoteCacheKey } from '../../src/markets/cache-keys.js';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../src/app-setup.js';
import { setStripSymbols } from '../../src/markets/instruments/index.js';
import { storeQuotes } from '../../src/markets/quotes/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { MARKET_DATA_MAX_AGE_SECONDS } from '../../src/site/market-data-routes.js';
import { loadMarketIsland } from '../../src/site/market-island.js';
import { insertTestInstrument } from '../support/instruments.js';
import { createTestClock } from '../support/newsroom.js';
import { buildApp } from '../../src/server.js';
import { articleInput, createArticles, createTestApp, stopBackgroundWriters, type TestApp } from '../support/test-app.js';
import { articlePathOf } from '../support/two-instances.js';

let site: TestApp;
let storyPath: string;
const clock = createTestClock('2026-05-01T18:00:00.000Z');
const purged: string[] = [];

async function pushQuotes(quotes: { symbol: string; price: number; minute: number }[]): Promise<void> {
  const report = await storeQuotes(
    site.writer,
    quotes.map(({ symbol, price, minute }) => ({ symbol, price, time: new Date(Date.parse('2026-05-01T17:00:00Z') + minute * 60_000).toISOString(), dayVolume: null, delayMinutes: 0 })),
    { source: 'demo', now: clock.now() },
  );
  expect(report.refused).toEqual([]);
}

const get = (url: string, headers: Record<string, string> = {}) => site.app.inject({ url, headers });
const json = async (url: string) => JSON.parse((await get(url)).body) as { quotes: Record<string, unknown>[] };

beforeAll(async () => {
  site = await createTestApp({}, { clock });
  const db = site.database.db;
  await insertTestInstrument(db, { symbol: 'FSX100', kind: 'index', name: 'Fortune Sky 100', stripPosition: 1 });
  await insertTestInstrument(db, { symbol: 'EURUSD', kind: 'fx', mic: null, name: 'Euro / US dollar', decimals: 4, stripPosition: 2 });
  await insertTestInstrument(db, { symbol: 'HALD', name: 'Halden Motors Inc' });
  await insertTestInstrument(db, { symbol: 'NWG', name: 'Northwind Grid Corp' });
  await storeDailyHistory();
  await createArticles(site, [
    articleInput({ uri: 'urn:test:strip:halden', title: 'Halden Motors beats forecasts', tags: [{ kind: 'ticker', name: 'HALD' }, { kind: 'ticker', name: 'NWG' }, { kind: 'ticker', name: 'NOSUCH' }] }),
    articleInput({ uri: 'urn:test:strip:plain', title: 'A story with no tickers' }),
  ]);
  const story = await db.selectFrom('articles').select('id').where('uri', '=', 'urn:test:strip:halden').executeTakeFirstOrThrow();
  storyPath = await articlePathOf(site.database, Number(story.id));
  site.cache.addPurgeListener((keys) => purged.push(...keys));
});
afterAll(() => site.close());

// Yesterday's closes, so today's quotes have a change to show.
async function storeDailyHistory() {
  await pushQuotes([
    { symbol: 'FSX100', price: 4200, minute: 0 },
    { symbol: 'EURUSD', price: 1.12, minute: 0 },
    { symbol: 'HALD', price: 42, minute: 0 },
  ]);
  clock.advance(24 * 60 * 60_000);
  await pushQuotes([
    { symbol: 'FSX100', price: 4213.55, minute: 24 * 60 },
    { symbol: 'EURUSD', price: 1.1164, minute: 24 * 60 },
    { symbol: 'HALD', price: 42.3, minute: 24 * 60 },
  ]);
}

describe('the strip in every page', () => {
  test('names link to quote pages in strip order on the front page, a section and an article, with empty price slots', async () => {
    for (const url of ['/', '/markets/', storyPath]) {
      const html = (await get(url)).body;
      const strip = html.match(/<nav class="market-strip" aria-label="Market data" data-strip>.*?<\/nav>/s)?.[0];
      expect(strip, url).toBeDefined();
      expect([...strip!.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
        ['/markets/quote/FSX100/', 'Fortune Sky 100'],
        ['/markets/quote/EURUSD/', 'EUR/USD'],
      ]);
      expect(strip).toContain('<span class="price" data-price></span> <span class="move" data-move></span>');
      // Under the section bar.
      expect(html.indexOf('aria-label="Sections"')).toBeLessThan(html.indexOf('data-strip'));
    }
  });

  test('no price is written into a page: stored prices show only through the island', async () => {
    for (const url of ['/', storyPath]) {
      const html = (await get(url)).body;
      for (const price of ['4,213.55', '1.1164', '42.30', '$42.30', '+0.32%']) expect(html, `${url} ${price}`).not.toContain(price);
    }
  });

  test('the island is linked when built, and the page policy lets it run and fetch from this site only', async () => {
    const island = loadMarketIsland();
    expect(island, 'npm run build:client builds the island').toBeDefined();
    const response = await get('/');
    expect(response.body).toContain(`<script type="module" src="${island!.url}"></script>`);
    expect(response.headers['content-security-policy']).toMatch(/script-src 'self'; connect-src 'self';/);
  });

  test('an article shows a chip per ticker tag naming a known instrument, with symbol and name, and no price', async () => {
    const html = (await get(storyPath)).body;
    const chips = html.match(/<section class="quote-chips" aria-label="Quotes" data-quotes="HALD,NWG">.*?<\/section>/s)?.[0];
    expect(chips).toBeDefined();
    expect([...chips!.matchAll(/<a href="([^"]+)"><span class="chip-symbol">(\w+)<\/span> ([^<]+)<\/a>/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['/markets/quote/HALD/', 'HALD', 'Halden Motors Inc'],
      ['/markets/quote/NWG/', 'NWG', 'Northwind Grid Corp'],
    ]);
    const plain = await site.database.db.selectFrom('articles').select('id').where('uri', '=', 'urn:test:strip:plain').executeTakeFirstOrThrow();
    expect((await get(await articlePathOf(site.database, Number(plain.id)))).body).not.toContain('class="quote-chips"');
  });
});

describe('/markets/strip.json', () => {
  test("carries the strip's prices in strip order, formatted, with source, delay and time", async () => {
    const response = await get('/markets/strip.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe(`public, max-age=${MARKET_DATA_MAX_AGE_SECONDS}, s-maxage=${MARKET_DATA_MAX_AGE_SECONDS}`);
    expect(response.headers['surrogate-key']).toBe('markets:strip all');
    expect(JSON.parse(response.body)).toEqual({
      quotes: [
        { symbol: 'FSX100', price: '4,213.55', change: '+13.55 (+0.32%)', move: '▲ +0.32%', percent: 0.32, direction: 'up', words: 'up 0.32 per cent', source: 'Demo data', delay: 'Real time', at: '2026-05-02T17:00:00.000Z' },
        { symbol: 'EURUSD', price: '1.1164', change: '\u22120.0036 (\u22120.32%)', move: '▼ \u22120.32%', percent: -0.32, direction: 'down', words: 'down 0.32 per cent', source: 'Demo data', delay: 'Real time', at: '2026-05-02T17:00:00.000Z' },
      ],
    });
  });

  test('is small: a few hundred bytes in brotli', async () => {
    const response = await site.app.inject({ url: '/markets/strip.json', headers: { 'accept-encoding': 'br' } });
    expect(response.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(response.rawPayload).toString()).quotes).toHaveLength(2);
    expect(response.rawPayload.length).toBeLessThan(400);
  });

  test('a quote batch purges no page and not the strip data, which shows the new price once its lifetime is over', async () => {
    const pages = ['/', storyPath, '/markets/strip.json'];
    for (const url of pages) await get(url);
    expect(pages.filter((url) => site.cache.get(url) === undefined)).toEqual([]);
    purged.length = 0;

    await pushQuotes([{ symbol: 'FSX100', price: 4250.1, minute: 24 * 60 + 1 }]);
    // Only the quote key is purged (at once, or later: quote purges are coalesced).
    expect(purged.filter((key) => !isQuoteCacheKey(key))).toEqual([]);
    expect(pages.filter((url) => site.cache.get(url) === undefined)).toEqual([]);
    expect((await json('/markets/strip.json')).quotes[0]!.price).toBe('4,213.55');

    clock.advance(MARKET_DATA_MAX_AGE_SECONDS * 1000 - 1000);
    expect((await json('/markets/strip.json')).quotes[0]!.price).toBe('4,213.55');
    clock.advance(1000);
    const response = await get('/markets/strip.json');
    expect(response.headers['x-cache']).toBe('MISS');
    expect(JSON.parse(response.body).quotes[0].price).toBe('4,250.10');
    // The pages are still the ones cached before the quote.
    expect([site.cache.get('/'), site.cache.get(storyPath)]).not.toContain(undefined);
    expect((await get('/')).body).not.toContain('4,250.10');
  });
});

describe('/markets/quotes.json', () => {
  test('answers the chips of a story: sorted symbols, short-cached', async () => {
    const response = await get('/markets/quotes.json?symbols=HALD,NWG&utm=1');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe(`public, max-age=${MARKET_DATA_MAX_AGE_SECONDS}, s-maxage=${MARKET_DATA_MAX_AGE_SECONDS}`);
    // NWG has no price yet: only HALD is answered.
    expect(JSON.parse(response.body).quotes.map((quote: { symbol: string; price: string }) => [quote.symbol, quote.price])).toEqual([['HALD', '$42.30']]);
    expect(site.cache.get('/markets/quotes.json?symbols=HALD%2CNWG')).toBeDefined();
  });

  test.each([
    ['/markets/quotes.json', 400, 'INVALID_QUOTE_SYMBOLS'],
    ['/markets/quotes.json?symbols=NWG,HALD', 400, 'INVALID_QUOTE_SYMBOLS'],
    ['/markets/quotes.json?symbols=HALD&symbols=NWG', 400, 'INVALID_QUOTE_SYMBOLS'],
    [`/markets/quotes.json?symbols=${Array.from({ length: 11 }, (_, n) => `A${n + 10}`).join(',')}`, 400, 'INVALID_QUOTE_SYMBOLS'],
    ['/markets/quotes.json?symbols=%3Cscript%3E', 400, 'INVALID_QUOTE_SYMBOLS'],
    ['/markets/quotes.json?symbols=HALD,NOSUCH', 404, 'QUOTE_SYMBOL_UNKNOWN'],
  ])('%s is refused with %i, in JSON, and not kept', async (url, status, code) => {
    const pagesBefore = site.cache.stats().pages;
    const response = await get(url);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(response.body).error.code).toBe(code);
    expect(site.cache.stats().pages).toBe(pagesBefore);
  });
});

describe('the strip after a change to it', () => {
  const stripNames = (html: string) => [...html.match(/data-strip>.*?<\/nav>/s)![0].matchAll(/<a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

  test('every page shows the new strip (the kept list is read again), here and in another process, and strip.json follows it', async () => {
    // A second server on the same database, with the strip it read kept too.
    await stopBackgroundWriters(site);
    const otherDatabase = await openReadyDatabase({ databaseUrl: site.databaseUrl });
    const other = await buildApp({ config: site.config, database: otherDatabase, clock });
    try {
      await stopBackgroundWriters(other);
      for (const app of [site.app, other.app]) expect(stripNames((await app.inject({ url: '/' })).body)).toEqual(['Fortune Sky 100', 'EUR/USD']);

      await site.writer.run(clock.now(), (work) => setStripSymbols(work, ['EURUSD', 'HALD'], { actorUserId: null, via: 'cli', audit: recordAudit }));
      for (const url of ['/', storyPath]) expect(stripNames((await get(url)).body), url).toEqual(['EUR/USD', 'Halden Motors Inc']);
      expect((await json('/markets/strip.json')).quotes.map((quote) => quote.symbol)).toEqual(['EURUSD', 'HALD']);
      // The other process follows the change log (read at once here, as a no-cache request does) and forgets its strip with every page.
      await other.changes.readBeforeServing();
      const fromOther = await other.app.inject({ url: '/' });
      expect(stripNames(fromOther.body)).toEqual(['EUR/USD', 'Halden Motors Inc']);
    } finally {
      await other.app.close();
      await otherDatabase.close();
    }
  });
});

describe('the island', () => {
  test('is served at its hashed URL from the page cache, compressed, cached for a year; other names are 404', async () => {
    const island = loadMarketIsland()!;
    const response = await get(island.url, { 'accept-encoding': 'br' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(response.rawPayload).equals(island.body)).toBe(true);
    expect((await get('/assets/strip-00000000.js')).statusCode).toBe(404);
  });

  test('is at most 2 KB of script, minified, before compression', () => {
    const island = loadMarketIsland();
    expect(island, 'npm run build:client builds the island').toBeDefined();
    expect(island!.body.length).toBeLessThanOrEqual(2048);
    // It is the island: it reads the strip's data and fills the slots.
    expect(island!.body.toString()).toContain('/markets/strip.json');
  });
});
