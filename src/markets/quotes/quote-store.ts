// The SQL of quotes and daily bars, written once for both dialects. Every read or write of ticks
// names an instrument and a time range, so it walks the primary key (instrument_id, at).
import { sql, type Kysely } from 'kysely';
import type { Schema, Transaction } from '../../storage/index.js';
import type { DelayMinutes, InstrumentKind } from '../types.js';
import type { DailyBarInput } from './quote-rules.js';

/** What storing a quote needs to know of its instrument. */
export interface QuotedInstrument {
  id: number;
  symbol: string;
  kind: InstrumentKind;
  mic: string | null;
  /** The price a new quote is compared with: the latest tick's, or else the latest daily close. */
  lastPrice: number | undefined;
}

/** A tick about to be stored. */
export interface TickRow {
  instrumentId: number;
  /** ISO 8601 UTC with milliseconds: the key, with the instrument. */
  at: string;
  price: number;
  dayVolume: number | null;
  source: string;
  delayMinutes: DelayMinutes;
}

/** One trading day's summary of the ticks a batch stored for an instrument, to fold into its daily bar. */
export interface BarUpdate {
  instrumentId: number;
  day: string;
  open: number;
  openedAt: string;
  high: number;
  low: number;
  close: number;
  closedAt: string;
  volume: number | null;
  source: string;
  delayMinutes: DelayMinutes;
}

/** The instruments named by these symbols with their last prices: one query, two index lookups per instrument. */
export async function findQuotedInstruments(db: Kysely<Schema>, symbols: readonly string[]): Promise<Map<string, QuotedInstrument>> {
  if (symbols.length === 0) return new Map();
  const rows = await db
    .selectFrom('instruments as i')
    .select((eb) => [
      'i.id',
      'i.symbol',
      'i.kind',
      'i.mic',
      eb.selectFrom('quote_ticks as q').select('q.price').whereRef('q.instrument_id', '=', 'i.id').orderBy('q.at', 'desc').limit(1).as('last_tick_price'),
      eb.selectFrom('daily_bars as b').select('b.close').whereRef('b.instrument_id', '=', 'i.id').orderBy('b.day', 'desc').limit(1).as('last_close'),
    ])
    .where('i.symbol', 'in', [...symbols])
    .execute();
  return new Map(
    rows.map((row) => [
      row.symbol,
      { id: Number(row.id), symbol: row.symbol, kind: row.kind as InstrumentKind, mic: row.mic, lastPrice: numberOrUndefined(row.last_tick_price ?? row.last_close) },
    ]),
  );
}

function numberOrUndefined(value: number | string | null | undefined): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

/**
 * Inserts ticks, each once: a tick whose instrument and time are already stored (the same batch
 * sent again, or by another instance at the same moment) is left alone. Returns the ticks this call
 * inserted, which alone may be folded into daily bars. Rows go in key order, so two transactions
 * inserting overlapping batches on PostgreSQL take row locks in the same order and never deadlock.
 */
export async function insertTicks(trx: Transaction, ticks: readonly TickRow[], receivedAt: string): Promise<TickRow[]> {
  if (ticks.length === 0) return [];
  const sorted = [...ticks].sort((a, b) => a.instrumentId - b.instrumentId || (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const inserted = await trx
    .insertInto('quote_ticks')
    .values(
      sorted.map((tick) => ({
        instrument_id: tick.instrumentId,
        at: tick.at,
        price: tick.price,
        day_volume: tick.dayVolume,
        source: tick.source,
        delay_minutes: tick.delayMinutes,
        received_at: receivedAt,
      })),
    )
    .onConflict((oc) => oc.columns(['instrument_id', 'at']).doNothing())
    .returning(['instrument_id', 'at'])
    .execute();
  // The keys come back; the rows are ours. A key sent twice in one batch was inserted from its first
  // row (rows are inserted in order, and the sort is stable).
  const insertedKeys = new Set(inserted.map((row) => `${row.instrument_id} ${row.at}`));
  return sorted.filter((tick) => insertedKeys.delete(`${tick.instrumentId} ${tick.at}`));
}

/**
 * Folds new ticks into their daily bars with one conditional upsert, never read-then-write: a new
 * day's bar is inserted; an existing one takes the open of an earlier tick (by `opened_at`), the
 * close, volume, source and delay of a later one (by `closed_at`), and widens its range. So ticks
 * arriving out of order, or from two instances at once (the upsert waits on the row), leave the right
 * open and close. An imported end-of-day bar (`opened_at` null) keeps its open; a tick takes over its
 * close. Every SET reads the row as it was before the update, on both dialects.
 */
export async function upsertBarsFromTicks(trx: Transaction, updates: readonly BarUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const sorted = [...updates].sort((a, b) => a.instrumentId - b.instrumentId || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const isEarlier = sql`excluded.opened_at < daily_bars.opened_at`;
  const isLater = sql`(daily_bars.closed_at IS NULL OR excluded.closed_at > daily_bars.closed_at)`;
  const fromLater = <T>(column: string) => sql<T>`CASE WHEN ${isLater} THEN ${sql.ref(`excluded.${column}`)} ELSE ${sql.ref(`daily_bars.${column}`)} END`;
  await trx
    .insertInto('daily_bars')
    .values(
      sorted.map((bar) => ({
        instrument_id: bar.instrumentId,
        day: bar.day,
        open: bar.open,
        high: bar.high,
        low: bar.low,
        close: bar.close,
        adj_close: null,
        volume: bar.volume,
        opened_at: bar.openedAt,
        closed_at: bar.closedAt,
        source: bar.source,
        delay_minutes: bar.delayMinutes,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['instrument_id', 'day']).doUpdateSet({
        open: sql`CASE WHEN ${isEarlier} THEN excluded.open ELSE daily_bars.open END`,
        opened_at: sql`CASE WHEN ${isEarlier} THEN excluded.opened_at ELSE daily_bars.opened_at END`,
        high: sql`CASE WHEN excluded.high > daily_bars.high THEN excluded.high ELSE daily_bars.high END`,
        low: sql`CASE WHEN excluded.low < daily_bars.low THEN excluded.low ELSE daily_bars.low END`,
        close: fromLater<number>('close'),
        volume: sql`CASE WHEN ${isLater} THEN coalesce(excluded.volume, daily_bars.volume) ELSE daily_bars.volume END`,
        source: fromLater<string>('source'),
        delay_minutes: fromLater<number | null>('delay_minutes'),
        closed_at: fromLater<string | null>('closed_at'),
      }),
    )
    .execute();
}

/** Writes imported daily bars of one instrument, each replacing what that day had (end-of-day history is the day's last word). */
export async function upsertImportedBars(
  trx: Transaction,
  instrumentId: number,
  bars: readonly DailyBarInput[],
  { source, delayMinutes }: { source: string; delayMinutes: DelayMinutes },
): Promise<void> {
  // 12 values a row: 500 rows stay far below either dialect's limit on bound parameters.
  for (let start = 0; start < bars.length; start += 500) {
    await trx
      .insertInto('daily_bars')
      .values(
        bars.slice(start, start + 500).map((bar) => ({
          instrument_id: instrumentId,
          day: bar.day,
          open: bar.open,
          high: bar.high,
          low: bar.low,
          close: bar.close,
          adj_close: bar.adjClose,
          volume: bar.volume,
          opened_at: null,
          closed_at: null,
          source,
          delay_minutes: delayMinutes,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['instrument_id', 'day']).doUpdateSet({
          open: sql`excluded.open`,
          high: sql`excluded.high`,
          low: sql`excluded.low`,
          close: sql`excluded.close`,
          adj_close: sql`excluded.adj_close`,
          volume: sql`excluded.volume`,
          opened_at: null,
          closed_at: null,
          source: sql`excluded.source`,
          delay_minutes: sql`excluded.delay_minutes`,
        }),
      )
      .execute();
  }
}

/**
 * Deletes ticks older than `before`, at most `limit` a run: instrument by instrument along the
 * primary key (there is no index on time alone, and none is needed), oldest first. Returns how
 * many went; fewer than the limit means nothing older is left.
 */
export async function deleteTicksBefore(db: Kysely<Schema>, before: string, limit: number): Promise<number> {
  const instruments = await db.selectFrom('instruments').select('id').orderBy('id').execute();
  let deleted = 0;
  for (const { id } of instruments) {
    if (deleted >= limit) break;
    const oldest = db
      .selectFrom('quote_ticks')
      .select('at')
      .where('instrument_id', '=', id)
      .where('at', '<', before)
      .orderBy('at')
      .limit(limit - deleted);
    const result = await db.deleteFrom('quote_ticks').where('instrument_id', '=', id).where('at', 'in', oldest).executeTakeFirst();
    deleted += Number(result.numDeletedRows);
  }
  return deleted;
}
