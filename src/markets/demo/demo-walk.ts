// The demo provider's prices: a seeded random walk per instrument with the volatility of its
// kind, trading only in its market's sessions. Each trading day's close comes from a walk that
// starts at the instrument's start price on DEMO_EPOCH; each day's path from open to close is a
// bridge through points every few minutes, so the day's ticks start at its open, end at its
// close and stay within its high and low. Every number is addressed by (seed, symbol, day, …),
// so the same seed gives the same price at the same time whatever range is asked for.
import { dayFromNumber, dayNumberOf, findExchange, scheduleOf, sessionMinutes, sessionsOn, tradingDay, weekdayOf, type TradingSchedule } from '../exchanges/index.js';
import type { DailyBar, InstrumentKind, Quote } from '../types.js';
import type { DemoInstrument } from './demo-instruments.js';
import { hashOf, keyOf, normalOf, uniformOf } from './random.js';

/** What the walk needs of an instrument. */
export type DemoWalkInstrument = Pick<DemoInstrument, 'symbol' | 'mic' | 'kind' | 'decimals' | 'startPrice'>;

/** The day the walk starts from (each instrument at its start price). Earlier days have no demo data. */
export const DEMO_EPOCH = '2020-01-01';
export const DEMO_SOURCE = 'demo';
/** The demo's prices are made for the minute they are shown: nothing to delay, and "Demo data" says what they are. */
export const DEMO_DELAY_MINUTES = 0;
/** Longest range of daily bars: five years of days. */
export const MAX_DEMO_BAR_DAYS = 5 * 366;
/** Longest range of intraday ticks: ten days. */
export const MAX_DEMO_TICK_MS = 10 * 86_400_000;

interface KindModel {
  /** Daily standard deviation: of the log price, or for rates of the yield in percentage points. */
  volatility: number;
  /** Trend per year (log), for the kinds that drift. */
  drift: number;
  /** Typical daily volume, or null when the kind has none to show. */
  volume: [min: number, max: number] | null;
}

const MODELS: Record<InstrumentKind, KindModel> = {
  index: { volatility: 0.01, drift: 0.06, volume: null },
  equity: { volatility: 0.02, drift: 0.07, volume: [400_000, 20_000_000] },
  fx: { volatility: 0.005, drift: 0, volume: null },
  commodity: { volatility: 0.015, drift: 0.02, volume: [80_000, 400_000] },
  crypto: { volatility: 0.04, drift: 0.12, volume: [15_000, 60_000] },
  // About 4 basis points a day.
  rate: { volatility: 0.04, drift: 0, volume: null },
};
// Each day pulls the walk a little back towards its trend, so prices stay plausible for ever
// (the deviation's standard deviation settles near ten days' volatility).
const PULL = 0.995;
// Yields are reflected off this floor (per cent): they may approach zero, never sit below it.
const RATE_FLOOR = 0.05;
// The open's gap from the previous close on exchanges, as a share of the daily volatility.
const OVERNIGHT_GAP = 0.25;
const MS_PER_MINUTE = 60_000;
// Streams of numbers per day.
const [CLOSE, GAP, PATH, VOLUME, VOLUME_SCALE] = [1, 2, 3, 4, 5];

/** One trading day of the walk: its bar, and the path its ticks are read from. */
interface WalkDay {
  day: string;
  open: number;
  close: number;
  /** Points of the day's path (log prices, or yields), evenly spread over its trading minutes. */
  path: Float64Array;
  minutes: number;
  volume: number | null;
}

class DemoWalk {
  readonly schedule: TradingSchedule;
  private readonly model: KindModel;
  private readonly key: number;
  private readonly minutes: number;
  private readonly knots: number;
  /** Whether the market closes overnight, so a day may open away from the last close. */
  private readonly opensWithGap: boolean;
  /** The schedule's holidays as day numbers: the walk from the epoch tests every day. */
  private readonly holidays: ReadonlySet<number>;

  constructor(
    readonly instrument: DemoWalkInstrument,
    private readonly seed: number,
  ) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`The demo seed must be an integer (got ${String(seed)})`);
    if (!(instrument.startPrice > 0)) throw new RangeError(`${instrument.symbol}: the demo walk needs a start price above 0`);
    const schedule = scheduleOf(instrument);
    if (!schedule) throw new RangeError(`${instrument.symbol}: no trading hours are known for ${instrument.mic ?? 'an instrument without an exchange'}`);
    this.schedule = schedule;
    this.model = MODELS[instrument.kind];
    this.key = keyOf(instrument.symbol);
    this.minutes = sessionMinutes(schedule);
    // A point every 5 minutes, at most 96 a day (every 15 minutes round the clock).
    this.knots = Math.min(96, Math.ceil(this.minutes / 5));
    this.opensWithGap = instrument.kind !== 'crypto' && findExchange(instrument.mic) !== undefined;
    this.holidays = new Set([...(schedule.holidays ?? [])].map(dayNumberOf));
  }

  /** The trading days from `fromDay` to `toDay` (day numbers, inclusive), walked from the epoch. */
  days(fromDay: number, toDay: number): WalkDay[] {
    const epoch = dayNumberOf(DEMO_EPOCH);
    if (fromDay < epoch) throw new RangeError(`Demo data begins on ${DEMO_EPOCH}`);
    const { volatility } = this.model;
    const perDay = this.model.drift / (this.instrument.kind === 'crypto' ? 365 : 252);
    const isRate = this.instrument.kind === 'rate';
    const start = isRate ? this.instrument.startPrice : Math.log(this.instrument.startPrice);
    let [trend, deviation, previousClose] = [start, 0, start];
    const days: WalkDay[] = [];
    for (let day = epoch; day <= toDay; day++) {
      if (!this.schedule.tradingWeekdays.includes(weekdayOf(day)) || this.holidays.has(day)) continue;
      const shock = normalOf(hashOf(this.seed, this.key, day, CLOSE));
      trend += perDay;
      deviation = PULL * deviation + volatility * shock;
      const close = trend + deviation;
      if (day >= fromDay) {
        const gap = this.opensWithGap ? OVERNIGHT_GAP * volatility * normalOf(hashOf(this.seed, this.key, day, GAP)) : 0;
        const open = previousClose + gap;
        days.push({ day: dayFromNumber(day), open, close, path: this.path(day, open, close), minutes: this.minutes, volume: this.volume(day, shock) });
      }
      previousClose = close;
    }
    return days;
  }

  /** A bridge from open to close through the day's points, with a quarter of a day's volatility at midday. */
  private path(day: number, open: number, close: number): Float64Array {
    const n = this.knots;
    const walk = new Float64Array(n + 1);
    const position = hashOf(this.seed, this.key, day, PATH);
    for (let k = 1; k <= n; k++) walk[k] = walk[k - 1]! + normalOf(position, k);
    const scale = (0.5 * this.model.volatility) / Math.sqrt(n);
    const path = new Float64Array(n + 1);
    for (let k = 0; k <= n; k++) path[k] = this.floored(open + ((close - open) * k) / n + scale * (walk[k]! - (k / n) * walk[n]!));
    return path;
  }

  private volume(day: number, shock: number): number | null {
    const range = this.model.volume;
    if (!range) return null;
    const typical = range[0] * (range[1] / range[0]) ** uniformOf(hashOf(this.seed, this.key, 0, VOLUME_SCALE));
    // Busier on days that move more.
    return Math.round(typical * Math.exp(0.3 * normalOf(hashOf(this.seed, this.key, day, VOLUME)) + 0.4 * Math.abs(shock) - 0.4));
  }

  /**
   * A yield below the floor reflected above it (applied to the path's points, so a straight line
   * between two of them never dips under the day's low); other kinds' log prices as they are.
   */
  private floored(value: number): number {
    return this.instrument.kind === 'rate' && value < RATE_FLOOR ? 2 * RATE_FLOOR - value : value;
  }

  /** A path value as a price: rounded to the instrument's decimals, above zero. */
  price(value: number): number {
    const raw = this.instrument.kind === 'rate' ? this.floored(value) : Math.exp(value);
    const unit = 10 ** -this.instrument.decimals;
    return Math.max(unit, Number(raw.toFixed(this.instrument.decimals)));
  }

  /** The path's value `minute` trading minutes into the day (between points, on the straight line). */
  valueAt(day: WalkDay, minute: number): number {
    const position = (minute / day.minutes) * (day.path.length - 1);
    const below = Math.min(Math.floor(position), day.path.length - 2);
    const fraction = position - below;
    return day.path[below]! * (1 - fraction) + day.path[below + 1]! * fraction;
  }
}

/** Daily bars of a demo instrument for its trading days from `fromDay` to `toDay` (inclusive, at most five years). */
export function demoDailyBars(instrument: DemoWalkInstrument, seed: number, fromDay: string, toDay: string): DailyBar[] {
  const [from, to] = [dayNumberOf(fromDay), dayNumberOf(toDay)];
  if (to < from) return [];
  if (to - from + 1 > MAX_DEMO_BAR_DAYS) throw new RangeError(`At most ${MAX_DEMO_BAR_DAYS} days of demo bars at a time (asked for ${to - from + 1})`);
  const walk = new DemoWalk(instrument, seed);
  return walk.days(from, to).map((day) => {
    // The path runs from the open to the close, and its extremes are at its points.
    let [low, high] = [day.path[0]!, day.path[0]!];
    for (const value of day.path) [low, high] = [Math.min(low, value), Math.max(high, value)];
    const close = walk.price(day.close);
    return {
      day: day.day,
      open: walk.price(day.open),
      high: walk.price(high),
      low: walk.price(low),
      close,
      adjClose: close,
      volume: day.volume,
      source: DEMO_SOURCE,
      delayMinutes: DEMO_DELAY_MINUTES,
    };
  });
}

/**
 * Intraday quotes of a demo instrument in [from, to) (at most ten days): every `stepMinutes` on
 * the UTC clock while its market is open, and at each session's open and close. `dayVolume` is the
 * share of the day's volume traded so far.
 */
export function demoTicks(instrument: DemoWalkInstrument, seed: number, from: Date, to: Date, stepMinutes: number): Quote[] {
  if (!Number.isInteger(stepMinutes) || stepMinutes < 1 || stepMinutes > 1440) throw new RangeError(`The tick step must be a whole number of minutes from 1 to 1440 (got ${stepMinutes})`);
  const [start, end] = [from.getTime(), to.getTime()];
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw new RangeError('Demo ticks need valid times');
  if (end <= start) return [];
  if (end - start > MAX_DEMO_TICK_MS) throw new RangeError('At most ten days of demo ticks at a time');
  const walk = new DemoWalk(instrument, seed);
  const firstDay = dayNumberOf(tradingDay(instrument, from)) - 1;
  const lastDay = dayNumberOf(tradingDay(instrument, new Date(end))) + 1;
  const step = stepMinutes * MS_PER_MINUTE;
  const quotes: Quote[] = [];
  let lastTime = -Infinity;
  for (const day of walk.days(Math.max(firstDay, dayNumberOf(DEMO_EPOCH)), lastDay)) {
    let minutesBefore = 0;
    for (const session of sessionsOn(walk.schedule, day.day)) {
      const [open, close] = [session.open.getTime(), session.close.getTime()];
      const times = [open];
      for (let t = Math.ceil(open / step) * step; t < close; t += step) if (t > open) times.push(t);
      times.push(close);
      for (const t of times) {
        // A currency's day ends at the instant the next begins, at the same price: one quote.
        if (t < start || t >= end || t <= lastTime) continue;
        lastTime = t;
        const minute = minutesBefore + (t - open) / MS_PER_MINUTE;
        quotes.push({
          symbol: instrument.symbol,
          at: new Date(t).toISOString(),
          price: walk.price(walk.valueAt(day, minute)),
          dayVolume: day.volume === null ? null : Math.round((day.volume * minute) / day.minutes),
          source: DEMO_SOURCE,
          delayMinutes: DEMO_DELAY_MINUTES,
        });
      }
      minutesBefore += (close - open) / MS_PER_MINUTE;
    }
  }
  return quotes;
}
