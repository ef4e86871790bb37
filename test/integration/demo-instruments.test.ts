import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDemoContent, readDemoSet } from '../../src/demo/load-demo.js';
import { DEMO_INSTRUMENTS } from '../../src/markets/demo/demo-instruments.js';
import { findInstrument, listInstruments, listStripInstruments } from '../../src/markets/instruments/index.js';
import { recordAudit } from '../../src/newsroom/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the demo instruments', () => {
  let site: TestApp;
  const load = () => loadDemoContent(site.writer, { now: new Date('2026-01-05T09:00:00.000Z'), timeZone: 'UTC', audit: recordAudit });

  beforeAll(async () => {
    site = await createTestApp();
  });
  afterAll(() => site.close());

  test('every ticker of a demo story is a demo instrument', () => {
    const symbols = new Set(DEMO_INSTRUMENTS.map((instrument) => instrument.symbol));
    const tickers = readDemoSet().articles.flatMap((article) => article.tickers);
    expect(tickers.length).toBeGreaterThan(20);
    expect(tickers.filter((ticker) => !symbols.has(ticker))).toEqual([]);
  });

  test('load with the demo stories, once however often the demo is loaded, the strip in its order', async () => {
    await load();
    await load();
    const stored = await listInstruments(site.database.db);
    expect(stored.map((instrument) => instrument.symbol).sort()).toEqual(DEMO_INSTRUMENTS.map((instrument) => instrument.symbol).sort());
    expect((await listStripInstruments(site.database.db)).map((instrument) => instrument.symbol)).toEqual(['FSX100', 'FSTECH', 'FSEU50', 'FSASIA', 'EURUSD', 'USDJPY', 'BRENT', 'GOLD', 'BTCUSD', 'US10Y']);
    expect(await findInstrument(site.database.db, 'BRW')).toMatchObject({ mic: 'XLON', currency: 'GBP', aliases: ['Brightwater', 'Brightwater Stores'] });
  });

  test('the stories about a demo company carry its ticker tag', async () => {
    const tagged = await site.database.db
      .selectFrom('articles')
      .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['articles.title', 'tags.name'])
      .where('tags.kind', '=', 'ticker')
      .execute();
    const titlesOf = (symbol: string) => tagged.filter((row) => row.name === symbol).map((row) => row.title);
    expect(titlesOf('SKYV')).toEqual([expect.stringContaining('Skyvale Airlines')]);
    expect(titlesOf('NWSC')).toHaveLength(3);
    // "Halden & Rowe", a bank in an IPO story, is not Halden Motors.
    expect(titlesOf('HALD')).toEqual([]);
  });
});
