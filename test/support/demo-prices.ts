/**
 * The demo provider's prices as tests expect them, worked out from the walk itself
 * (src/markets/demo/demo-walk.ts) by the rules of its plan (demo-plan.ts), and as the database holds
 * them; and prices for pages under test, made by the walk and stored through the write path:
 *
 *   await insertDemoInstrument(db, 'HALD');
 *   expect(await storedTicks(db, 'HALD')).toEqual(firstRunTicks('HALD', at).map(withoutSymbol));
 *   await storeDemoPrices(site.writer, clock.now());   // a week of bars, the last hours' ticks
 */
import type { Kysely } from 'kysely';
import { DEMO_DELAY_MINUTES, DEMO_FILL_STEP_MINUTES, DEMO_INSTRUMENTS, DEMO_LIVE_TICKS_MS, DEMO_SEED, DEMO_SOURCE, DEMO_TICK_FILL_MS, demoDailyBars, demoTicks, isDemoTickStored, type DemoInstrument } from '../../src/markets/demo/index.js';
import { tradingDay } from '../../src/markets/exchanges/index.js';
import { MAX_QUOTES_PER_BATCH, storeDailyBars, storeQuotes } from '../../src/markets/quotes/index.js';
import type { Quote } from '../../src/markets/types.js';
import type { Schema, Writer } from '../../src/storage/index.js';
import { insertTestInstrument } from './instruments.js';

/** The demo set's instrument of this symbol. */
export function demoOf(symbol: string): DemoInstrument {
  const instrument = DEMO_INSTRUMENTS.find((candidate) => candidate.symbol === symbol);
  if (!instrument) throw new Error(`${symbol} is not in the demo set`);
  return instrument;
}

/** Inserts the demo set's instrument as the demo content does (its exchange, kind and decimals); overrides redefine it. */
export async function insertDemoInstrument(db: Kysely<Schema>, symbol: string, overrides: { mic?: string | null } = {}): Promise<void> {
  const { mic, kind, decimals, currency } = demoOf(symbol);
  await insertTestInstrument(db, { symbol, mic, kind, decimals, currency, ...overrides });
}

/** An instrument's stored ticks, oldest first, as the walk's quotes read (less the symbol). */
export async function storedTicks(db: Kysely<Schema>, symbol: string) {
  const rows = await db
    .selectFrom('quote_ticks')
    .innerJoin('instruments', 'instruments.id', 'quote_ticks.instrument_id')
    .select(['at', 'price', 'day_volume', 'source', 'delay_minutes'])
    .where('symbol', '=', symbol)
    .orderBy('at')
    .execute();
  return rows.map((row) => ({ at: row.at, price: Number(row.price), dayVolume: row.day_volume === null ? null : Number(row.day_volume), source: row.source, delayMinutes: row.delay_minutes }));
}

/** An instrument's stored daily bars, oldest first. */
export async function storedBars(db: Kysely<Schema>, symbol: string) {
  const rows = await db
    .selectFrom('daily_bars')
    .innerJoin('instruments', 'instruments.id', 'daily_bars.instrument_id')
    .select(['day', 'open', 'high', 'low', 'close', 'volume', 'source'])
    .where('symbol', '=', symbol)
    .orderBy('day')
    .execute();
  return rows.map((row) => ({ day: row.day, open: Number(row.open), high: Number(row.high), low: Number(row.low), close: Number(row.close), volume: row.volume === null ? null : Number(row.volume), source: row.source }));
}

/** A quote as stored ticks read (storedTicks). */
export const withoutSymbol = ({ symbol: _symbol, ...tick }: Quote) => tick;

/** The day a first run's tick window starts in: its bar and those before are the walk's own. */
export function windowDay(symbol: string, at: Date): string {
  return tradingDay(demoOf(symbol), new Date(at.getTime() - DEMO_TICK_FILL_MS));
}

/** The ticks a first run at `at` stores: a week at the walk's step, the last hour every minute, from the day after the window's first. */
export function firstRunTicks(symbol: string, at: Date): Quote[] {
  const [from, live, to] = [at.getTime() - DEMO_TICK_FILL_MS, at.getTime() - DEMO_LIVE_TICKS_MS, at.getTime() + 1];
  const instrument = demoOf(symbol);
  const ticks = [...demoTicks(instrument, DEMO_SEED, new Date(from), new Date(live), DEMO_FILL_STEP_MINUTES), ...demoTicks(instrument, DEMO_SEED, new Date(live), new Date(to), 1)];
  return ticks.filter((tick) => isDemoTickStored(instrument, { ticksAfterDay: windowDay(symbol, at) }, tick.at));
}

/** The minute ticks later runs store after `from`, up to and including `to`. */
export function minuteTicks(symbol: string, from: Date, to: Date): Quote[] {
  const instrument = demoOf(symbol);
  return demoTicks(instrument, DEMO_SEED, new Date(from.getTime() + 1), new Date(to.getTime() + 1), 1).filter((tick) => isDemoTickStored(instrument, { ticksAfterDay: undefined }, tick.at));
}

/** The daily bars ticks make, each filed under its trading day (as the write path does). */
export function barsOfTicks(symbol: string, ticks: readonly Quote[]) {
  const bars = new Map<string, { day: string; open: number; high: number; low: number; close: number; volume: number | null; source: string }>();
  for (const tick of ticks) {
    const day = tradingDay(demoOf(symbol), new Date(tick.at));
    const bar = bars.get(day);
    if (!bar) bars.set(day, { day, open: tick.price, high: tick.price, low: tick.price, close: tick.price, volume: tick.dayVolume, source: tick.source });
    else Object.assign(bar, { high: Math.max(bar.high, tick.price), low: Math.min(bar.low, tick.price), close: tick.price, volume: tick.dayVolume ?? bar.volume });
  }
  return [...bars.values()];
}

const DAY_MS = 86_400_000;

/** Stores each demo instrument's bars for the week before `now` and its ticks every 15 minutes in the six hours up to it. */
export async function storeDemoPrices(writer: Writer, now: Date): Promise<void> {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  for (const instrument of DEMO_INSTRUMENTS) {
    const bars = demoDailyBars(instrument, DEMO_SEED, day(now.getTime() - 8 * DAY_MS), day(now.getTime() - DAY_MS));
    await storeDailyBars(writer, instrument.symbol, bars, { source: DEMO_SOURCE, delayMinutes: DEMO_DELAY_MINUTES, now });
    const ticks = demoTicks(instrument, DEMO_SEED, new Date(now.getTime() - 6 * 3_600_000), now, 15).map(({ at, source: _source, ...quote }) => ({ ...quote, time: at }));
    for (let start = 0; start < ticks.length; start += MAX_QUOTES_PER_BATCH) {
      await storeQuotes(writer, ticks.slice(start, start + MAX_QUOTES_PER_BATCH), { source: DEMO_SOURCE, now });
    }
  }
}
