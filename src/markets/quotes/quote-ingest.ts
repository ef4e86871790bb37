// Storing quotes: every provider (the push API, CSV files, the demo walk) calls storeQuotes, one
// batch in one unit of work.
import { AppError } from '../../errors.js';
import { quoteCacheKey } from '../cache-keys.js';
import type { Work, Writer } from '../../storage/index.js';
import type { DelayMinutes } from '../types.js';
import { tradingDay } from '../exchanges/index.js';
import { checkDailyBar, checkQuote, type DailyBarInput, type QuoteInput } from './quote-rules.js';
import { findQuotedInstruments, insertTicks, upsertBarsFromTicks, upsertImportedBars, type BarUpdate, type QuotedInstrument, type TickRow } from './quote-store.js';

/** The most quotes one batch may carry (the push API's limit, and the CSV import's batch). */
export const MAX_QUOTES_PER_BATCH = 1000;

/** A quote refused, by its place in the batch. */
export interface RefusedQuote {
  /** Its index in the batch (from 0). */
  index: number;
  symbol: string;
  field: string;
  reason: string;
}

/** What a batch did: quotes stored now, quotes already stored before (sent again), quotes refused with reasons. */
export interface QuoteBatchReport {
  stored: number;
  alreadyStored: number;
  refused: RefusedQuote[];
}

/**
 * Stores a batch of quotes in one unit of work: each is checked (instrument known, sane price and
 * time, no 90 % jump from the last stored price or the batch's previous quote of it); the good ones
 * are inserted once each (a quote already stored, by an earlier batch or another instance, is
 * counted, not stored again); the ticks actually inserted are folded into their instruments'
 * daily bars; the change event names the instruments whose ticks changed. The bad ones are
 * reported by index and do not hold back the rest.
 */
export async function storeQuotes(writer: Writer, quotes: readonly QuoteInput[], { source, now }: { source: string; now: Date }): Promise<QuoteBatchReport> {
  if (quotes.length > MAX_QUOTES_PER_BATCH) {
    throw new AppError('QUOTE_BATCH_TOO_LARGE', 'invalid', `A batch carries at most ${MAX_QUOTES_PER_BATCH} quotes (this one has ${quotes.length}): send them in several batches.`);
  }
  return writer.run(now, async (work) => {
    // Symbols are upper case (types.ts); a vendor writing "hald" means HALD.
    const symbols = quotes.map((quote) => quote.symbol.toUpperCase());
    const instruments = await findQuotedInstruments(work.trx, [...new Set(symbols)]);
    const lastPrices = new Map([...instruments.values()].map((instrument) => [instrument.id, instrument.lastPrice]));
    const refused: RefusedQuote[] = [];
    const ticks: TickRow[] = [];
    quotes.forEach((quote, index) => {
      const instrument = instruments.get(symbols[index]!);
      const checked = checkQuote(quote, { kind: instrument?.kind, lastPrice: instrument && lastPrices.get(instrument.id), now });
      if ('refusal' in checked) {
        refused.push({ index, symbol: quote.symbol, ...checked.refusal });
        return;
      }
      lastPrices.set(instrument!.id, quote.price);
      ticks.push({ instrumentId: instrument!.id, at: checked.at.toISOString(), price: quote.price, dayVolume: quote.dayVolume, source, delayMinutes: quote.delayMinutes });
    });
    const inserted = await insertTicks(work.trx, ticks, now.toISOString());
    await upsertBarsFromTicks(work.trx, summarizeByDay(inserted, instruments));
    nameChangedInstruments(work, inserted, instruments);
    return { stored: inserted.length, alreadyStored: ticks.length - inserted.length, refused };
  });
}

/** The bar updates of newly stored ticks: per instrument and trading day, the earliest and latest tick and the range. */
export function summarizeByDay(ticks: readonly TickRow[], instruments: ReadonlyMap<string, QuotedInstrument>): BarUpdate[] {
  const marketById = new Map([...instruments.values()].map((instrument) => [instrument.id, instrument]));
  const bars = new Map<string, BarUpdate>();
  for (const tick of ticks) {
    const market = marketById.get(tick.instrumentId);
    const day = market ? tradingDay(market, new Date(tick.at)) : tick.at.slice(0, 10);
    const key = `${tick.instrumentId} ${day}`;
    const bar = bars.get(key);
    if (!bar) {
      bars.set(key, { instrumentId: tick.instrumentId, day, open: tick.price, openedAt: tick.at, high: tick.price, low: tick.price, close: tick.price, closedAt: tick.at, volume: tick.dayVolume, source: tick.source, delayMinutes: tick.delayMinutes });
      continue;
    }
    if (tick.at < bar.openedAt) Object.assign(bar, { open: tick.price, openedAt: tick.at });
    if (tick.at > bar.closedAt) Object.assign(bar, { close: tick.price, closedAt: tick.at, volume: tick.dayVolume ?? bar.volume, source: tick.source, delayMinutes: tick.delayMinutes });
    bar.high = Math.max(bar.high, tick.price);
    bar.low = Math.min(bar.low, tick.price);
  }
  return [...bars.values()];
}

function nameChangedInstruments(work: Work, inserted: readonly TickRow[], instruments: ReadonlyMap<string, QuotedInstrument>): void {
  if (inserted.length === 0) return;
  const changedIds = new Set(inserted.map((tick) => tick.instrumentId));
  work.dirty([...instruments.values()].filter((instrument) => changedIds.has(instrument.id)).map((instrument) => quoteCacheKey(instrument.symbol)));
}

/** A daily bar refused, by its place in the batch. */
export interface RefusedBar {
  index: number;
  day: string;
  field: string;
  reason: string;
}

/**
 * Stores daily history of one instrument in one unit of work: each bar checked, the good ones
 * written over whatever those days had (upsert by instrument and day), the bad ones reported.
 */
export async function storeDailyBars(
  writer: Writer,
  symbol: string,
  bars: readonly DailyBarInput[],
  { source, delayMinutes, now }: { source: string; delayMinutes: DelayMinutes; now: Date },
): Promise<{ stored: number; refused: RefusedBar[] }> {
  return writer.run(now, async (work) => {
    const instrument = (await findQuotedInstruments(work.trx, [symbol])).get(symbol);
    if (!instrument) throw new AppError('INSTRUMENT_NOT_FOUND', 'not_found', `There is no instrument ${JSON.stringify(symbol)}: add it in the newsroom or with fortune-sky instruments import first.`);
    const today = tradingDay(instrument, now);
    const refused: RefusedBar[] = [];
    const good: DailyBarInput[] = [];
    const days = new Set<string>();
    bars.forEach((bar, index) => {
      const refusal = days.has(bar.day) ? { field: 'date', reason: `date ${bar.day} appears twice in the batch` } : checkDailyBar(bar, instrument.kind, today);
      if (refusal) return refused.push({ index, day: bar.day, ...refusal });
      days.add(bar.day);
      good.push(bar);
    });
    await upsertImportedBars(work.trx, instrument.id, good, { source, delayMinutes });
    if (good.length > 0) work.dirty([quoteCacheKey(instrument.symbol)]);
    return { stored: good.length, refused };
  });
}
