// What the reader pages show of prices: snapshots (one instrument, the strip's many, a kind's
// movers) in one query each, and chart series. Every read of ticks names an instrument and a time
// range, so it walks the primary key; none scans the ticks of all time.
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../storage/index.js';
import type { DelayMinutes, InstrumentKind } from '../types.js';
import { tradingDay } from '../exchanges/index.js';

/** An instrument's prices as a quote page, the strip or a movers list shows them. */
export interface QuoteSnapshot {
  symbol: string;
  name: string;
  kind: InstrumentKind;
  mic: string | null;
  currency: string;
  decimals: number;
  /** Place in the ticker strip (1 first), or null: the newsroom's choice of the instruments that matter most. */
  stripPosition: number | null;
  /** The latest price: the latest tick, or the latest daily close when no tick is as recent; null when nothing is stored. */
  last: { price: number; at: string; source: string; delayMinutes: DelayMinutes } | null;
  previousClose: number | null;
  change: number | null;
  /** Change against the previous close, in percent. */
  changePercent: number | null;
  /** The latest trading day's bar. */
  day: { day: string; open: number; high: number; low: number; volume: number | null } | null;
  /** Range of the daily bars of the 52 weeks up to now. */
  week52: { high: number; low: number } | null;
}

interface SnapshotRow {
  symbol: string;
  name: string;
  kind: string;
  mic: string | null;
  currency: string;
  decimals: number;
  strip_position: number | null;
  tick_at: string | null;
  tick_price: number | null;
  tick_source: string | null;
  tick_delay: number | null;
  bar_day: string | null;
  bar_open: number | null;
  bar_high: number | null;
  bar_low: number | null;
  bar_close: number | null;
  bar_volume: number | null;
  bar_source: string | null;
  bar_delay: number | null;
  previous_close: number | null;
  high_52w: number | null;
  low_52w: number | null;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Snapshots of the instruments a filter names, in one query: per instrument the latest tick and
 * the latest two daily bars are found by the primary keys (max(at), max(day)), the 52-week range
 * from at most a year of bars. `symbols` for the strip or a quote page; `kind` or `kinds` for movers.
 * `withYearRange: false` leaves the 52-week range out (`week52` null): it reads a year of bars per
 * instrument, most of the cost of a list that does not show it (on the movers page, 32 instruments
 * with a year and a half of bars each, leaving it out took a render from 19 ms to 7 on a busy machine).
 */
export async function readQuoteSnapshots(
  db: Kysely<Schema>,
  filter: { symbols: readonly string[] } | { kind: InstrumentKind } | { kinds: readonly InstrumentKind[] },
  now: Date,
  { withYearRange = true }: { withYearRange?: boolean } = {},
): Promise<QuoteSnapshot[]> {
  const values = 'symbols' in filter ? filter.symbols : 'kinds' in filter ? filter.kinds : [filter.kind];
  if (values.length === 0) return [];
  const yearAgo = new Date(now.getTime() - YEAR_MS).toISOString().slice(0, 10);
  const where = sql`${sql.ref('symbols' in filter ? 'i.symbol' : 'i.kind')} IN (${sql.join(values.map((value) => sql`${value}`))})`;
  const yearRange = withYearRange
    ? sql`(SELECT max(y.high) FROM daily_bars y WHERE y.instrument_id = i.id AND y.day >= ${yearAgo}) AS high_52w,
      (SELECT min(y.low) FROM daily_bars y WHERE y.instrument_id = i.id AND y.day >= ${yearAgo}) AS low_52w`
    : sql`NULL AS high_52w, NULL AS low_52w`;
  const { rows } = await sql<SnapshotRow>`
    SELECT i.symbol, i.name, i.kind, i.mic, i.currency, i.decimals, i.strip_position,
      t.at AS tick_at, t.price AS tick_price, t.source AS tick_source, t.delay_minutes AS tick_delay,
      cur.day AS bar_day, cur.open AS bar_open, cur.high AS bar_high, cur.low AS bar_low, cur.close AS bar_close,
      cur.volume AS bar_volume, cur.source AS bar_source, cur.delay_minutes AS bar_delay,
      prev.close AS previous_close,
      ${yearRange}
    FROM instruments i
    LEFT JOIN quote_ticks t ON t.instrument_id = i.id AND t.at = (SELECT max(q.at) FROM quote_ticks q WHERE q.instrument_id = i.id)
    LEFT JOIN daily_bars cur ON cur.instrument_id = i.id AND cur.day = (SELECT max(b.day) FROM daily_bars b WHERE b.instrument_id = i.id)
    LEFT JOIN daily_bars prev ON prev.instrument_id = i.id AND prev.day = (SELECT max(b.day) FROM daily_bars b WHERE b.instrument_id = i.id AND b.day < cur.day)
    WHERE ${where}
    ORDER BY i.symbol`.execute(db);
  return rows.map(toSnapshot);
}

/** One instrument's snapshot, or undefined when there is no such instrument. */
export async function readQuoteSnapshot(db: Kysely<Schema>, symbol: string, now: Date): Promise<QuoteSnapshot | undefined> {
  return (await readQuoteSnapshots(db, { symbols: [symbol] }, now))[0];
}

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toSnapshot(row: SnapshotRow): QuoteSnapshot {
  const tickDay = row.tick_at === null ? null : tradingDay({ kind: row.kind as InstrumentKind, mic: row.mic }, new Date(row.tick_at));
  // A tick is the last price unless end-of-day history already has a later day.
  const last =
    row.tick_at !== null && (row.bar_day === null || tickDay! >= row.bar_day)
      ? { price: num(row.tick_price)!, at: row.tick_at, source: row.tick_source!, delayMinutes: row.tick_delay }
      : row.bar_day !== null
        ? { price: num(row.bar_close)!, at: row.bar_day, source: row.bar_source!, delayMinutes: row.bar_delay }
        : null;
  // The previous close is the day before the last price's day: the latest bar's own close when the tick is of a newer day.
  const previousClose = last && row.bar_day !== null && tickDay !== null && tickDay > row.bar_day ? num(row.bar_close) : num(row.previous_close);
  const change = last && previousClose !== null ? last.price - previousClose : null;
  return {
    symbol: row.symbol,
    name: row.name,
    kind: row.kind as InstrumentKind,
    mic: row.mic,
    currency: row.currency,
    decimals: Number(row.decimals),
    stripPosition: num(row.strip_position),
    last,
    previousClose,
    change,
    changePercent: change !== null && previousClose ? (change / Math.abs(previousClose)) * 100 : null,
    day: row.bar_day === null ? null : { day: row.bar_day, open: num(row.bar_open)!, high: num(row.bar_high)!, low: num(row.bar_low)!, volume: num(row.bar_volume) },
    week52: row.high_52w === null || row.low_52w === null ? null : { high: num(row.high_52w)!, low: num(row.low_52w)! },
  };
}

/** The movers of a kind of instrument: most up and most down against the previous close, and most traded today. */
export interface MarketMovers {
  gainers: QuoteSnapshot[];
  losers: QuoteSnapshot[];
  mostActive: QuoteSnapshot[];
}

/** Movers over every instrument of a kind, from one snapshot query (a kind holds hundreds of instruments at most); without the 52-week range. */
export async function readMarketMovers(db: Kysely<Schema>, kind: InstrumentKind, { limit, now }: { limit: number; now: Date }): Promise<MarketMovers> {
  return moversAmong(await readQuoteSnapshots(db, { kind }, now, { withYearRange: false }), limit);
}

/** The movers among snapshots (of one kind: percent changes and volumes of different kinds do not compare), `limit` of each. */
export function moversAmong(snapshots: readonly QuoteSnapshot[], limit: number): MarketMovers {
  const priced = snapshots.filter((snapshot) => snapshot.changePercent !== null);
  const byPercent = [...priced].sort((a, b) => b.changePercent! - a.changePercent! || a.symbol.localeCompare(b.symbol));
  return {
    gainers: byPercent.filter((snapshot) => snapshot.changePercent! > 0).slice(0, limit),
    losers: byPercent.filter((snapshot) => snapshot.changePercent! < 0).reverse().slice(0, limit),
    mostActive: snapshots
      .filter((snapshot) => (snapshot.day?.volume ?? 0) > 0)
      .sort((a, b) => b.day!.volume! - a.day!.volume! || a.symbol.localeCompare(b.symbol))
      .slice(0, limit),
  };
}

/** The chart ranges of a quote page. */
export type ChartRange = '1D' | '5D' | '1M' | '6M' | '1Y' | '5Y';
export const CHART_RANGES: readonly ChartRange[] = ['1D', '5D', '1M', '6M', '1Y', '5Y'];
/** The most points an intraday chart gets: a point per bucket of the range, however many ticks it holds. */
export const MAX_INTRADAY_POINTS = 400;

const DAY_MS = 24 * 60 * 60 * 1000;
const INTRADAY_SPAN: Partial<Record<ChartRange, number>> = { '1D': DAY_MS, '5D': 5 * DAY_MS };
const DAILY_SPAN_DAYS: Partial<Record<ChartRange, number>> = { '1M': 31, '6M': 183, '1Y': 366, '5Y': 5 * 366 };

/** One point of a chart: a time (ISO, or a day for daily ranges) and the price then. */
export interface ChartPoint {
  at: string;
  price: number;
}

/**
 * The series of a chart. 1D and 5D come from ticks: the range up to the latest tick is cut into at
 * most 400 buckets and each gives its last tick, found by one index seek per bucket, so the cost
 * is the same for a tick a minute or ten a second. Longer ranges are the daily closes (5 years:
 * some 1,300 rows, one range of the primary key).
 */
export async function readChartSeries(db: Kysely<Schema>, symbol: string, range: ChartRange, now: Date): Promise<ChartPoint[]> {
  const instrument = await db.selectFrom('instruments').select(['id', 'kind', 'mic']).where('symbol', '=', symbol).executeTakeFirst();
  if (!instrument) return [];
  const id = Number(instrument.id);
  const span = INTRADAY_SPAN[range];
  if (span !== undefined) return readIntradaySeries(db, id, span);
  const today = tradingDay({ kind: instrument.kind as InstrumentKind, mic: instrument.mic }, now);
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - DAILY_SPAN_DAYS[range]! * DAY_MS).toISOString().slice(0, 10);
  const rows = await db.selectFrom('daily_bars').select(['day', 'close']).where('instrument_id', '=', id).where('day', '>', from).orderBy('day').execute();
  return rows.map((row) => ({ at: row.day, price: Number(row.close) }));
}

async function readIntradaySeries(db: Kysely<Schema>, instrumentId: number, spanMs: number): Promise<ChartPoint[]> {
  const latest = await db.selectFrom('quote_ticks').select('at').where('instrument_id', '=', instrumentId).orderBy('at', 'desc').limit(1).executeTakeFirst();
  if (!latest) return [];
  const end = Date.parse(latest.at);
  const width = spanMs / MAX_INTRADAY_POINTS;
  const edges = Array.from({ length: MAX_INTRADAY_POINTS }, (_, n) => {
    const bucketEnd = n === MAX_INTRADAY_POINTS - 1 ? latest.at : new Date(end - spanMs + (n + 1) * width).toISOString();
    return sql`(${new Date(end - spanMs + n * width).toISOString()}, ${bucketEnd})`;
  });
  const lastInBucket = (column: 'at' | 'price') =>
    sql.raw(`(SELECT q.${column} FROM quote_ticks q WHERE q.instrument_id = ${instrumentId} AND q.at > e.bucket_start AND q.at <= e.bucket_end ORDER BY q.at DESC LIMIT 1)`);
  const { rows } = await sql<{ at: string | null; price: number | null }>`
    WITH e(bucket_start, bucket_end) AS (VALUES ${sql.join(edges)})
    SELECT ${lastInBucket('at')} AS at, ${lastInBucket('price')} AS price FROM e ORDER BY e.bucket_start`.execute(db);
  return rows.flatMap((row) => (row.at === null ? [] : [{ at: row.at, price: Number(row.price) }]));
}
