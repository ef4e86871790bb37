import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openReadyDatabase } from '../../app-setup.js';
import { createChangeWriter } from '../../changes/index.js';
import type { Database, Writer } from '../../storage/index.js';
import { createFreshDatabase, type FreshDatabase } from '../../storage/fresh-database.js';
import { insertTestInstrument } from '../../../test/support/instruments.js';
import { storeDailyBars, storeQuotes } from './quote-ingest.js';
import type { QuoteInput } from './quote-rules.js';
import { deleteTicksBefore } from './quote-store.js';

let fresh: FreshDatabase;
let database: Database;
let writer: Writer;
const now = new Date('2026-05-01T20:00:00Z');
const source = 'api:Test vendor';

beforeEach(async () => {
  fresh = await createFreshDatabase();
  database = await openReadyDatabase({ databaseUrl: fresh.url });
  writer = createChangeWriter(database);
  await insertTestInstrument(database.db, { symbol: 'HALD', mic: 'XNYS' });
  await insertTestInstrument(database.db, { symbol: 'FSASIA', mic: 'XTKS', kind: 'index', currency: 'JPY' });
  await insertTestInstrument(database.db, { symbol: 'DE10Y', mic: null, kind: 'rate', currency: 'EUR' });
  await insertTestInstrument(database.db, { symbol: 'BTCUSD', mic: null, kind: 'crypto' });
});
afterEach(async () => {
  await database.close();
  await fresh.remove();
});

const quote = (symbol: string, time: string, price: number, dayVolume: number | null = null): QuoteInput => ({ symbol, time, price, dayVolume, delayMinutes: 15 });

async function barsOf(symbol: string) {
  return database.db
    .selectFrom('daily_bars')
    .innerJoin('instruments', 'instruments.id', 'daily_bars.instrument_id')
    .select(['day', 'open', 'high', 'low', 'close', 'volume', 'opened_at', 'closed_at', 'daily_bars.source'])
    .where('symbol', '=', symbol)
    .orderBy('day')
    .execute();
}

async function tickCount(): Promise<number> {
  const row = await database.db.selectFrom('quote_ticks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('storeQuotes', () => {
  test('stores the good quotes of a batch, reports each bad one by index with its field and reason, and names the changed instruments', async () => {
    const report = await storeQuotes(
      writer,
      [quote('HALD', '2026-05-01T14:00:00Z', 42, 100), quote('NOPE', '2026-05-01T14:00:00Z', 1), quote('hald', '2026-05-01T14:01:00Z', -3), quote('DE10Y', '2026-05-01T14:00:00Z', -0.4), quote('HALD', '2026-05-01T21:00:00Z', 43)],
      { source, now },
    );
    expect(report.stored).toBe(2);
    expect(report.alreadyStored).toBe(0);
    expect(report.refused.map(({ index, field }) => [index, field])).toEqual([
      [1, 'symbol'],
      [2, 'price'],
      [4, 'time'],
    ]);
    const events = await database.db.selectFrom('change_events').select('keys').execute();
    expect(events.map((event) => event.keys)).toEqual(['quote:DE10Y quote:HALD']);
  });

  test('the same batch twice stores each quote once and leaves the bar as it was', async () => {
    const batch = [quote('HALD', '2026-05-01T14:00:00Z', 42, 100), quote('HALD', '2026-05-01T15:00:00Z', 44, 300), quote('HALD', '2026-05-01T15:00:00Z', 45, 300)];
    const first = await storeQuotes(writer, batch, { source, now });
    const barAfterFirst = await barsOf('HALD');
    const second = await storeQuotes(writer, batch, { source, now });
    expect([first.stored, first.alreadyStored]).toEqual([2, 1]);
    expect([second.stored, second.alreadyStored]).toEqual([0, 3]);
    expect(await tickCount()).toBe(2);
    expect(await barsOf('HALD')).toEqual(barAfterFirst);
    expect(barAfterFirst).toMatchObject([{ day: '2026-05-01', open: 42, high: 44, low: 42, close: 44, volume: 300 }]);
    // No new tick, no change event.
    expect(await database.db.selectFrom('change_events').select('id').execute()).toHaveLength(1);
  });

  test('ticks arriving out of order leave the earliest as the open and the latest as the close', async () => {
    await storeQuotes(writer, [quote('HALD', '2026-05-01T15:00:00Z', 43, 200)], { source, now });
    await storeQuotes(writer, [quote('HALD', '2026-05-01T13:30:00Z', 41, 50), quote('HALD', '2026-05-01T14:00:00Z', 45, 120)], { source, now });
    await storeQuotes(writer, [quote('HALD', '2026-05-01T19:59:00Z', 40, 900), quote('HALD', '2026-05-01T16:00:00Z', 44, 400)], { source, now });
    expect(await barsOf('HALD')).toMatchObject([{ day: '2026-05-01', open: 41, high: 45, low: 40, close: 40, volume: 900, opened_at: '2026-05-01T13:30:00.000Z', closed_at: '2026-05-01T19:59:00.000Z' }]);
  });

  test("a tick's trading day is the exchange's local date", async () => {
    // 23:30 UTC is 08:30 the next morning in Tokyo; a yield trades round the week and its day
    // begins at 17:00 New York (19:30 there), so it is the next day too; a coin keeps the UTC day.
    const late = new Date('2026-05-01T23:45:00Z');
    await storeQuotes(writer, [quote('FSASIA', '2026-05-01T23:30:00Z', 27000), quote('DE10Y', '2026-05-01T23:30:00Z', 0.2), quote('BTCUSD', '2026-05-01T23:30:00Z', 40_000)], { source, now: late });
    expect((await barsOf('FSASIA')).map((bar) => bar.day)).toEqual(['2026-05-02']);
    expect((await barsOf('DE10Y')).map((bar) => bar.day)).toEqual(['2026-05-02']);
    expect((await barsOf('BTCUSD')).map((bar) => bar.day)).toEqual(['2026-05-01']);
  });

  test('a jump of 90 % from the last stored price is refused, also against the batch\'s own earlier quote', async () => {
    await storeQuotes(writer, [quote('HALD', '2026-05-01T14:00:00Z', 40)], { source, now });
    const report = await storeQuotes(writer, [quote('HALD', '2026-05-01T14:01:00Z', 80), quote('HALD', '2026-05-01T14:02:00Z', 60), quote('HALD', '2026-05-01T14:03:00Z', 120)], { source, now });
    expect(report.stored).toBe(1);
    expect(report.refused.map((refusal) => [refusal.index, refusal.reason.includes('40 to 80'), refusal.reason.includes('60 to 120')])).toEqual([
      [0, true, false],
      [2, false, true],
    ]);
  });

  test('a tick takes over the close of an imported day and keeps its open', async () => {
    await storeDailyBars(writer, 'HALD', [{ day: '2026-05-01', open: 40, high: 41, low: 39, close: 40.5, adjClose: null, volume: 1000 }], { source: 'csv', delayMinutes: null, now });
    await storeQuotes(writer, [quote('HALD', '2026-05-01T19:00:00Z', 42, 1500)], { source, now });
    expect(await barsOf('HALD')).toMatchObject([{ open: 40, high: 42, low: 39, close: 42, volume: 1500, source }]);
  });
});

describe('storeDailyBars', () => {
  test('writes good bars over what those days had and reports bad ones', async () => {
    const bar = { day: '2026-04-29', open: 10, high: 12, low: 9, close: 11, adjClose: 10.9, volume: 5000 };
    await storeDailyBars(writer, 'HALD', [bar], { source: 'csv', delayMinutes: null, now });
    const report = await storeDailyBars(writer, 'HALD', [{ ...bar, close: 11.5 }, { ...bar, day: '2026-04-30', low: 13 }, { ...bar, close: 11.2 }, { ...bar, day: '2026-05-02' }], { source: 'csv', delayMinutes: null, now });
    expect(report.stored).toBe(1);
    expect(report.refused.map(({ index, field }) => [index, field])).toEqual([
      [1, 'low'],
      [2, 'date'],
      [3, 'date'],
    ]);
    expect(await barsOf('HALD')).toMatchObject([{ day: '2026-04-29', close: 11.5, opened_at: null, closed_at: null }]);
  });

  test('an unknown symbol is a not-found error', async () => {
    await expect(storeDailyBars(writer, 'NOPE', [], { source: 'csv', delayMinutes: null, now })).rejects.toMatchObject({ code: 'INSTRUMENT_NOT_FOUND' });
  });
});

describe('deleteTicksBefore', () => {
  test('deletes old ticks, at most the limit a run', async () => {
    const times = ['2026-04-30T14:00:00Z', '2026-04-30T15:00:00Z', '2026-04-30T16:00:00Z', '2026-05-01T14:00:00Z'];
    await storeQuotes(writer, times.map((time, n) => quote('HALD', time, 40 + n)), { source, now });
    expect(await deleteTicksBefore(database.db, '2026-05-01T00:00:00.000Z', 2)).toBe(2);
    expect(await deleteTicksBefore(database.db, '2026-05-01T00:00:00.000Z', 2)).toBe(1);
    expect(await deleteTicksBefore(database.db, '2026-05-01T00:00:00.000Z', 2)).toBe(0);
    expect(await tickCount()).toBe(1);
  });
});
