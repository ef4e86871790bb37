/**
 * Quote pages through HTTP (issue 13): what a reader sees of an instrument (price, change in
 * colour, sign and words, the day's figures, market state, source and delay), the chart's range
 * links and ?range rules, the symbol's one canonical case, the latest tagged stories (published
 * ones only, shown as soon as one is published), the instrument's feed, and the cache headers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeDailyBars, storeQuotes } from '../../src/markets/quotes/index.js';
import { readPageHead } from '../support/html-head.js';
import { insertTestInstrument } from '../support/instruments.js';
import { rssParserPackage } from '../support/feed-parsers.js';
import { createTestClock } from '../support/newsroom.js';
import { articleInput, createArticles, createTestApp, type TestApp } from '../support/test-app.js';
import { findMissingInOrder, visibleLines } from '../support/visible-text.js';

let site: TestApp;
// Friday 1 May 2026, 11:00 in New York: the NYSE is open until 16:00 EDT.
const clock = createTestClock('2026-05-01T15:00:00.000Z');
const PAGE = '/markets/quote/HALD/';

beforeAll(async () => {
  site = await createTestApp({}, { clock });
  await insertTestInstrument(site.database.db, { symbol: 'HALD', name: 'Halden Motors Inc', mic: 'XNYS' });
  await insertTestInstrument(site.database.db, { symbol: 'QUIET', name: 'Quiet Holdings', mic: 'XNYS' });
  const bars = ['2026-04-27', '2026-04-28', '2026-04-29', '2026-04-30'].map((day, n) => ({ day, open: 40 + n, high: 42 + n, low: 38 + n, close: 41 + n, adjClose: null, volume: 1_000_000 }));
  await storeDailyBars(site.writer, 'HALD', bars, { source: 'demo', delayMinutes: null, now: clock.now() });
  // Today's ticks: opened at 44.00, now 45.10 against yesterday's 44.00 close.
  const ticks = [0, 15, 30, 45, 60, 75, 90].map((minutes, n) => ({
    symbol: 'HALD',
    time: new Date(Date.parse('2026-05-01T13:30:00Z') + minutes * 60_000).toISOString(),
    price: 44 + n * 0.2 - (n === 6 ? 0.1 : 0),
    dayVolume: 250_000 * (n + 1),
    delayMinutes: 15,
  }));
  await storeQuotes(site.writer, ticks, { source: 'demo', now: clock.now() });
});
afterAll(() => site.close());

const get = (url: string, headers: Record<string, string> = {}) => site.app.inject({ url, headers });

describe('the quote page', () => {
  test('shows the instrument, its price and change (sign and words besides colour), source and delay, the day, the 52 weeks and the market state', async () => {
    const response = await get(PAGE);
    expect(response.statusCode).toBe(200);
    const lines = visibleLines(response.body);
    expect(
      findMissingInOrder(lines, [
        'Halden Motors Inc',
        'HALD · New York Stock Exchange · Share',
        '$45.10 ▲ +1.10 (+2.50%) (up 2.50 per cent)',
        'Demo data · Delayed 15 min · as of Fri May 1 11:00 EDT',
        'Market: Open · closes Fri May 1 16:00 EDT',
        'Price chart',
      ]),
    ).toBeUndefined();
    const facts = Object.fromEntries([...response.body.matchAll(/<dt>([^<]+)<\/dt><dd class="num">([^<]+)<\/dd>/g)].map((match) => [match[1], match[2]]));
    expect(facts).toEqual({ 'Previous close': '$44.00', Open: '$44.00', 'Day range': '$44.00 – $45.10', '52-week range': '$38.00 – $45.10', Volume: '1.8M' });
    // The change carries its direction as a class for colour, and in words for screen readers.
    expect(response.body).toMatch(/<span class="price-change move up">.*<span class="visually-hidden"> \(up 2\.50 per cent\)<\/span><\/span>/s);
  });

  test('an instrument without prices says so; no change is shown; a topic that shares its ticker\'s slug is not its news', async () => {
    await createArticles(site, [articleInput({ uri: 'urn:test:quote:topic', title: 'Quiet, please: a topic, not a ticker', tags: [{ kind: 'topic', name: 'Quiet' }] })]);
    const lines = visibleLines((await get('/markets/quote/QUIET/')).body);
    expect(findMissingInOrder(lines, ['Quiet Holdings', 'No price yet.', 'Previous close', '—', 'No stories about Quiet Holdings yet.'])).toBeUndefined();
    expect(lines.join('\n')).not.toMatch(/per cent|a topic, not a ticker/);
    expect(await rssParserPackage.parse((await get('/markets/quote/QUIET/feed.xml')).body)).toEqual([]);
  });

  test('draws one range at a time with its own id, links every range (the current one marked), and keeps a data table in <details>', async () => {
    const oneDay = (await get(PAGE)).body;
    expect(oneDay).toContain('id="quote-chart-1D-title"');
    expect(oneDay).toMatch(/<a href="\/markets\/quote\/HALD\/" aria-current="page"><abbr title="1 day">1D<\/abbr><\/a>/);
    for (const range of ['5D', '1M', '6M', '1Y', '5Y']) expect(oneDay).toContain(`href="/markets/quote/HALD/?range=${range}"`);
    expect(oneDay).toMatch(/<details><summary>Chart data as a table<\/summary><div class="chart-table"><table class="price-table"><caption>Halden Motors Inc, 1 day<\/caption>/);

    const month = await get(`${PAGE}?range=1M`);
    expect(month.statusCode).toBe(200);
    expect(month.body).toContain('id="quote-chart-1M-title"');
    expect(month.body).not.toContain('id="quote-chart-1D-title"');
    expect(month.body).toMatch(/aria-current="page"><abbr title="1 month">1M</);
    expect(readPageHead(month.body).links.find((link) => link.rel === 'canonical')?.href).toBe('http://news.test/markets/quote/HALD/?range=1M');
  });

  test('a range that is not one of the chart\'s is a 400 page naming the ranges, and is never stored; unread parameters share the range\'s entry', async () => {
    for (const bad of ['5d', 'ALL', '']) {
      const response = await get(`${PAGE}?range=${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.body).toContain('The chart range must be one of 1D, 5D, 1M, 6M, 1Y, 5Y');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(site.cache.get(`${PAGE}?range=${bad}`)).toBeUndefined();
    }
    expect((await get(`${PAGE}?range=1Y&range=5Y`)).statusCode).toBe(400);
    await get(`${PAGE}?range=6M&utm_source=x`);
    expect(site.cache.get(`${PAGE}?range=6M`)).toBeDefined();
    expect((await get(`${PAGE}?range=6M&cb=2`)).headers['x-cache']).toBe('HIT');
  });

  test('the symbol has one case: another is a 301 to the stored one (with its range); an unknown or impossible symbol is the site\'s 404', async () => {
    const lower = await get('/markets/quote/hald/');
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe(PAGE);
    expect((await get('/markets/quote/Hald/?range=5Y')).headers.location).toBe(`${PAGE}?range=5Y`);
    for (const url of ['/markets/quote/NOPE/', '/markets/quote/%3Cb%3E/', `/markets/quote/${'A'.repeat(31)}/`, '/markets/quote/nope/']) {
      const response = await get(url);
      const final = response.statusCode === 301 ? await get(response.headers.location as string) : response;
      expect(final.statusCode, url).toBe(404);
      expect(final.body).toContain('Page not found');
    }
  });

  test('answers with short lifetimes and the keys of its quotes, its instrument, every quote page and its ticker\'s stories', async () => {
    const response = await get(PAGE);
    expect(response.headers['cache-control']).toBe('public, max-age=15, s-maxage=30, stale-while-revalidate=60');
    expect(response.headers['surrogate-key']!.toString().split(' ')).toEqual(expect.arrayContaining(['quote:HALD', 'instrument:HALD', 'quote-pages', 'topic:hald', 'all']));
  });
});

describe('stories on the quote page and the instrument feed', () => {
  test('a story published with the ticker shows at once on the cached page and in the feed; a draft never does; the head links the feed', async () => {
    const before = await get(PAGE);
    expect(before.body).toContain('No stories about Halden Motors Inc yet.');
    expect((await get(PAGE)).headers['x-cache']).toBe('HIT');
    const feedBefore = await get(`${PAGE}feed.xml`);
    expect(feedBefore.statusCode).toBe(200);
    expect(await rssParserPackage.parse(feedBefore.body)).toEqual([]);

    await createArticles(site, [
      articleInput({ uri: 'urn:test:quote:draft', status: 'draft', title: 'Halden draft not for readers', tags: [{ kind: 'ticker', name: 'HALD' }] }),
      articleInput({ uri: 'urn:test:quote:published', title: 'Halden Motors raises its outlook', tags: [{ kind: 'ticker', name: 'HALD' }] }),
      articleInput({ uri: 'urn:test:quote:other', title: 'Another company entirely', tags: [{ kind: 'ticker', name: 'OTHR' }] }),
    ]);

    const after = await get(PAGE);
    expect(after.headers['x-cache']).toBe('MISS');
    const lines = visibleLines(after.body);
    expect(findMissingInOrder(lines, ['Latest news on Halden Motors Inc', 'Halden Motors raises its outlook', 'All stories tagged HALD'])).toBeUndefined();
    expect(after.body).not.toContain('Halden draft not for readers');
    expect(after.body).not.toContain('Another company entirely');
    expect(after.body).toContain('href="/topic/hald/"');

    const head = readPageHead(after.body);
    expect(head.links).toContainEqual(expect.objectContaining({ rel: 'alternate', type: 'application/rss+xml', href: `${PAGE}feed.xml` }));
    const items = await rssParserPackage.parse((await get(`${PAGE}feed.xml`)).body);
    expect(items.map((item) => item.title)).toEqual(['Halden Motors raises its outlook']);
    const feed = await get(`${PAGE}feed.xml`);
    expect(feed.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(feed.body).toContain('<title>Halden Motors Inc (HALD) · Fortune Sky</title>');
    expect((await get('/markets/quote/NOPE/feed.xml')).statusCode).toBe(404);
  });

  test('at most ten stories, newest first (by publication time)', async () => {
    await createArticles(
      site,
      Array.from({ length: 12 }, (_, n) =>
        articleInput({ uri: `urn:test:quote:many:${n}`, title: `Halden update ${n}`, publishedAt: `2024-04-${String(n + 1).padStart(2, '0')}T10:00:00Z`, tags: [{ kind: 'ticker', name: 'HALD' }] }),
      ),
    );
    const body = (await get(PAGE)).body;
    const shown = [...body.matchAll(/>(Halden update \d+|Halden Motors raises its outlook)</g)].map((match) => match[1]);
    expect(shown).toEqual(Array.from({ length: 10 }, (_, n) => `Halden update ${11 - n}`));
  });
});

describe('as the clock moves', () => {
  test('the page cache keeps a quote page 30 seconds at most: the market state follows the clock with no quote to purge it', async () => {
    expect((await get(PAGE)).headers['x-cache']).toMatch(/HIT|MISS/);
    expect((await get(PAGE)).headers['x-cache']).toBe('HIT');
    clock.advance(29_000);
    expect((await get(PAGE)).headers['x-cache']).toBe('HIT');
    // 21:00 in New York: past the close and the after-hours session.
    clock.set('2026-05-02T01:00:00.000Z');
    const evening = await get(PAGE);
    expect(evening.headers['x-cache']).toBe('MISS');
    expect(findMissingInOrder(visibleLines(evening.body), ['Market: Closed · opens Mon May 4 09:30 EDT'])).toBeUndefined();
  });
});
