import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../app-setup.js';
import { createChangeWriter } from '../../changes/index.js';
import type { Database, Writer } from '../../storage/index.js';
import { createFreshDatabase, type FreshDatabase } from '../../storage/fresh-database.js';
import { insertTestInstrument } from '../../../test/support/instruments.js';
import { storeDailyBars, storeQuotes } from './quote-ingest.js';
import { MAX_INTRADAY_POINTS, readChartSeries, readMarketMovers, readQuoteSnapshot, readQuoteSnapshots } from './quote-reads.js';

let fresh: FreshDatabase;
let database: Database;
let writer: Writer;
const now = new Date('2026-05-01T20:00:00Z');

beforeEach(async () => {
  fresh = await createFreshDatabase();
  database = await openReadyDatabase({ databaseUrl: fresh.url });
  writer = createChangeWriter(database);
  for (const symbol of ['HALD', 'LUMA', 'NWG', 'QUIET']) await insertTestInstrument(database.db, { symbol });
  await insertTestInstrument(database.db, { symbol: 'EURUSD', mic: null, kind: 'fx' });
});
afterEach(async () => {
  await database.close();
  await fresh.remove();
});

const bar = (day: string, close: number, volume = 1000) => ({ day, open: close, high: close + 1, low: close - 1, close, adjClose: null, volume });
const tick = (symbol: string, time: string, price: number, dayVolume: number | null = null) => ({ symbol, time, price, dayVolume, delayMinutes: 15 });

describe('snapshots', () => {
  test("last price and time, source and delay, previous close, change, the day's bar and the 52-week range", async () => {
    await storeDailyBars(writer, 'HALD', [bar('2025-04-01', 80), bar('2025-06-02', 30), bar('2026-04-29', 40), bar('2026-04-30', 50)], { source: 'csv', delayMinutes: null, now });
    await storeQuotes(writer, [tick('HALD', '2026-05-01T14:00:00Z', 52, 100), tick('HALD', '2026-05-01T19:00:00Z', 55, 300)], { source: 'api:Vendor', now });
    const snapshot = await readQuoteSnapshot(database.db, 'HALD', now);
    expect(snapshot).toMatchObject({
      symbol: 'HALD',
      last: { price: 55, at: '2026-05-01T19:00:00.000Z', source: 'api:Vendor', delayMinutes: 15 },
      previousClose: 50,
      change: 5,
      changePercent: 10,
      day: { day: '2026-05-01', open: 52, high: 55, low: 52, volume: 300 },
      // 2025-04-01 is more than a year back; 2025-06-02's low is 29.
      week52: { high: 55, low: 29 },
    });
  });

  test('end-of-day history alone: the last close, against the close before', async () => {
    await storeDailyBars(writer, 'LUMA', [bar('2026-04-29', 40), bar('2026-04-30', 38)], { source: 'csv', delayMinutes: null, now });
    expect(await readQuoteSnapshot(database.db, 'LUMA', now)).toMatchObject({ last: { price: 38, at: '2026-04-30', source: 'csv', delayMinutes: null }, previousClose: 40, change: -2, changePercent: -5 });
    expect(await readQuoteSnapshot(database.db, 'QUIET', now)).toMatchObject({ last: null, previousClose: null, change: null, day: null, week52: null });
    expect(await readQuoteSnapshot(database.db, 'NOPE', now)).toBeUndefined();
  });

  test("the strip's many instruments in one read, in symbol order", async () => {
    await storeQuotes(writer, [tick('EURUSD', '2026-05-01T19:00:00Z', 1.1), tick('NWG', '2026-05-01T19:00:00Z', 31)], { source: 'demo', now });
    const strip = await readQuoteSnapshots(database.db, { symbols: ['NWG', 'EURUSD', 'QUIET'] }, now);
    expect(strip.map((snapshot) => [snapshot.symbol, snapshot.last?.price ?? null])).toEqual([
      ['EURUSD', 1.1],
      ['NWG', 31],
      ['QUIET', null],
    ]);
  });
});

describe('movers', () => {
  test('gainers and losers by percent against the previous close, most active by volume, over one kind', async () => {
    for (const [symbol, close] of [['HALD', 100], ['LUMA', 50], ['NWG', 20]] as const) {
      await storeDailyBars(writer, symbol, [bar('2026-04-30', close)], { source: 'csv', delayMinutes: null, now });
    }
    await storeQuotes(
      writer,
      [tick('HALD', '2026-05-01T19:00:00Z', 103, 5_000), tick('LUMA', '2026-05-01T19:00:00Z', 45, 90_000), tick('NWG', '2026-05-01T19:00:00Z', 22, 1_000), tick('EURUSD', '2026-05-01T19:00:00Z', 1.2, 9e9)],
      { source: 'demo', now },
    );
    const movers = await readMarketMovers(database.db, 'equity', { limit: 5, now });
    expect(movers.gainers.map((s) => [s.symbol, Math.round(s.changePercent!)])).toEqual([
      ['NWG', 10],
      ['HALD', 3],
    ]);
    expect(movers.losers.map((s) => [s.symbol, Math.round(s.changePercent!)])).toEqual([['LUMA', -10]]);
    expect(movers.mostActive.map((s) => s.symbol)).toEqual(['LUMA', 'HALD', 'NWG']);
  });

  test('several kinds in one read; without the 52-week range when not asked for, and with the strip place', async () => {
    await database.db.updateTable('instruments').set({ strip_position: 2 }).where('symbol', '=', 'EURUSD').execute();
    await storeDailyBars(writer, 'HALD', [bar('2026-04-29', 40), bar('2026-04-30', 50)], { source: 'csv', delayMinutes: null, now });
    await storeQuotes(writer, [tick('EURUSD', '2026-05-01T19:00:00Z', 1.1)], { source: 'demo', now });
    const both = await readQuoteSnapshots(database.db, { kinds: ['equity', 'fx'] }, now, { withYearRange: false });
    expect(both.map((snapshot) => [snapshot.symbol, snapshot.kind, snapshot.stripPosition])).toEqual([
      ['EURUSD', 'fx', 2],
      ['HALD', 'equity', null],
      ['LUMA', 'equity', null],
      ['NWG', 'equity', null],
      ['QUIET', 'equity', null],
    ]);
    expect(both.find((snapshot) => snapshot.symbol === 'HALD')).toMatchObject({ last: { price: 50 }, previousClose: 40, week52: null });
    expect((await readQuoteSnapshot(database.db, 'HALD', now))!.week52).toEqual({ high: 51, low: 39 });
    expect(await readQuoteSnapshots(database.db, { kinds: [] }, now)).toEqual([]);
  });
});

describe('chart series', () => {
  test('1D gives at most 400 points however many ticks, the last of each bucket, ending at the latest tick', async () => {
    const start = Date.parse('2026-05-01T13:30:00Z');
    // A tick every 10 seconds for six and a half hours: 2,340 ticks.
    const times = Array.from({ length: 2340 }, (_, n) => new Date(start + n * 10_000).toISOString());
    for (let from = 0; from < times.length; from += 1000) {
      await storeQuotes(writer, times.slice(from, from + 1000).map((time, n) => tick('HALD', time, 40 + ((from + n) % 50) / 10)), { source: 'demo', now });
    }
    const series = await readChartSeries(database.db, 'HALD', '1D', now);
    expect(series.length).toBeGreaterThan(50);
    expect(series.length).toBeLessThanOrEqual(MAX_INTRADAY_POINTS);
    expect(series.at(-1)).toEqual({ at: times.at(-1), price: 40 + (2339 % 50) / 10 });
    expect(series.map((point) => point.at)).toEqual([...series.map((point) => point.at)].sort());
    expect(await readChartSeries(database.db, 'HALD', '5D', now)).not.toHaveLength(0);
    expect(await readChartSeries(database.db, 'QUIET', '1D', now)).toEqual([]);
  });

  test('1M to 5Y are the daily closes of the range', async () => {
    await storeDailyBars(writer, 'HALD', [bar('2021-06-01', 10), bar('2025-06-02', 20), bar('2026-04-10', 30), bar('2026-04-30', 40)], { source: 'csv', delayMinutes: null, now });
    expect((await readChartSeries(database.db, 'HALD', '1M', now)).map((p) => p.at)).toEqual(['2026-04-10', '2026-04-30']);
    expect((await readChartSeries(database.db, 'HALD', '1Y', now)).map((p) => p.price)).toEqual([20, 30, 40]);
    expect(await readChartSeries(database.db, 'HALD', '5Y', now)).toHaveLength(4);
  });
});
