/**
 * Prices for the demo instruments, made by the demo walk and stored through the quote write path
 * (the demo provider itself is the app's own): a week of daily bars and the last hours' ticks.
 *
 *   await loadDemoContent(site.writer, …);           // the stories and the 32 instruments
 *   await storeDemoPrices(site.writer, clock.now());
 */
import { DEMO_INSTRUMENTS } from '../../src/markets/demo/demo-instruments.js';
import { demoDailyBars, demoTicks, DEMO_DELAY_MINUTES, DEMO_SOURCE } from '../../src/markets/demo/demo-walk.js';
import { MAX_QUOTES_PER_BATCH, storeDailyBars, storeQuotes } from '../../src/markets/quotes/index.js';
import type { Writer } from '../../src/storage/index.js';

const DAY_MS = 86_400_000;
const SEED = 42;

/** Stores each demo instrument's bars for the week before `now` and its ticks every 15 minutes in the six hours up to it. */
export async function storeDemoPrices(writer: Writer, now: Date): Promise<void> {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  for (const instrument of DEMO_INSTRUMENTS) {
    const bars = demoDailyBars(instrument, SEED, day(now.getTime() - 8 * DAY_MS), day(now.getTime() - DAY_MS));
    await storeDailyBars(writer, instrument.symbol, bars, { source: DEMO_SOURCE, delayMinutes: DEMO_DELAY_MINUTES, now });
    const ticks = demoTicks(instrument, SEED, new Date(now.getTime() - 6 * 3_600_000), now, 15).map(({ at, source: _source, ...quote }) => ({ ...quote, time: at }));
    for (let start = 0; start < ticks.length; start += MAX_QUOTES_PER_BATCH) {
      await storeQuotes(writer, ticks.slice(start, start + MAX_QUOTES_PER_BATCH), { source: DEMO_SOURCE, now });
    }
  }
}
