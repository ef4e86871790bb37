// Axis ticks: 4 to 6 round prices (steps of 1, 2 or 5 × 10ⁿ) and time labels suited to the range.
import { scheduleOf, zoneOffsetMinutes, type MarketRef } from '../exchanges/index.js';

/** The span of time a chart shows. */
export type ChartRange = '1D' | '5D' | '1M' | '6M' | '1Y' | '5Y';

export const CHART_RANGES: readonly ChartRange[] = ['1D', '5D', '1M', '6M', '1Y', '5Y'];

/** The y axis: its bounds and ticks, and the decimals its labels need. */
export interface PriceAxis {
  low: number;
  high: number;
  ticks: number[];
  decimals: number;
}

/**
 * Round ticks covering [min, max]: the smallest 1/2/5 × 10ⁿ step giving at most 6 ticks (never
 * finer than the instrument's last decimal), widened to at least 4. A flat series gets a band
 * around its price.
 */
export function priceAxis(min: number, max: number, decimals: number): PriceAxis {
  const finest = 10 ** -decimals;
  if (max - min < finest) {
    const half = Math.max(Math.abs(max) * 0.005, 2 * finest);
    [min, max] = [min - half, max + half];
  }
  let exponent = Math.floor(Math.log10((max - min) / 5));
  let step = 0;
  let low = 0;
  let high = 0;
  search: for (; ; exponent++) {
    for (const mantissa of [1, 2, 5]) {
      step = Math.max(mantissa * 10 ** exponent, finest);
      low = Math.floor(min / step + 1e-9) * step;
      high = Math.ceil(max / step - 1e-9) * step;
      if (Math.round((high - low) / step) + 1 <= 6) break search;
    }
  }
  // Four ticks at least: widen below, then above.
  for (let side = 0; Math.round((high - low) / step) + 1 < 4; side++) {
    if (side % 2 === 0) low -= step;
    else high += step;
  }
  const count = Math.round((high - low) / step) + 1;
  const ticks = Array.from({ length: count }, (_, i) => Number((low + i * step).toFixed(12)));
  const stepDecimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { low: ticks[0]!, high: ticks.at(-1)!, ticks, decimals: Math.min(decimals, stepDecimals) };
}

/** A label under the x axis, at the index of the point it marks. */
export interface TimeLabel {
  index: number;
  text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MS_PER_MINUTE = 60_000;
const MAX_LABELS = 6;

/** How a market reads the clock: its time zone, and when its trading day starts (minutes from local midnight, ≤ 0). */
export interface MarketClock {
  timeZone: string;
  dayStartMinutes: number;
}

/** The clock of a market (a currency's day starts at 17:00 New York the evening before); UTC when none is given or its hours are not known. */
export function marketClock(market: MarketRef | undefined): MarketClock {
  const schedule = market ? scheduleOf(market) : null;
  return { timeZone: schedule?.timeZone ?? 'UTC', dayStartMinutes: Math.min(0, schedule?.sessions[0]?.start ?? 0) };
}

/**
 * Local wall-clock times (as UTC milliseconds) of instants in a zone: one Intl call for the
 * offset when the range has a single one (the usual case), else one per point.
 */
export function toLocal(times: readonly number[], timeZone: string): number[] {
  if (times.length === 0) return [];
  const offsetAt = (t: number) => zoneOffsetMinutes(timeZone, new Date(t)) * MS_PER_MINUTE;
  const first = offsetAt(times[0]!);
  if (first === offsetAt(times.at(-1)!)) return times.map((t) => t + first);
  return times.map((t) => t + offsetAt(t));
}

/**
 * X labels for a range, at most six. Intraday ranges read the market's clock (1D: round hours;
 * 5D: the weekdays of its trading days); daily ranges read the UTC calendar (a daily point is its trading day at UTC
 * midnight): 1M day and month, 6M/1Y months (January as its year), 5Y years.
 */
export function timeLabels(times: readonly number[], range: ChartRange, clock: MarketClock): TimeLabel[] {
  if (times.length === 0) return [];
  if (range === '1D') return hourLabels(toLocal(times, clock.timeZone));
  const local = range === '5D' ? tradingDayTimes(times, clock) : [...times];
  const dates = local.map((t) => new Date(t));
  const period = (date: Date) =>
    range === '5D' || range === '1M' ? Math.floor(date.getTime() / 86_400_000) : range === '5Y' ? date.getUTCFullYear() : date.getUTCFullYear() * 12 + date.getUTCMonth();
  const text = (date: Date) => {
    if (range === '5D') return WEEKDAYS[date.getUTCDay()]!;
    if (range === '1M') return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
    if (range === '5Y' || date.getUTCMonth() === 0) return String(date.getUTCFullYear());
    return MONTHS[date.getUTCMonth()]!;
  };
  // A period's label sits at its first point; the first point starts a period only in 5D (a day's open).
  const starts: number[] = range === '5D' ? [0] : [];
  for (let i = 1; i < dates.length; i++) if (period(dates[i]!) !== period(dates[i - 1]!)) starts.push(i);
  const every = Math.ceil(starts.length / MAX_LABELS);
  return starts.filter((_, n) => n % every === 0).map((index) => ({ index, text: text(dates[index]!) }));
}

/** Local times moved so that each falls on its trading day's date (a currency's Sunday evening reads as Monday). */
export function tradingDayTimes(times: readonly number[], clock: MarketClock): number[] {
  return toLocal(times, clock.timeZone).map((t) => t - clock.dayStartMinutes * MS_PER_MINUTE);
}

/** Round hours of one day: the smallest step of 1, 2, 3, 4, 6 or 12 hours giving at most six labels. */
function hourLabels(local: readonly number[]): TimeLabel[] {
  const minuteOf = (t: number) => Math.floor(t / MS_PER_MINUTE);
  for (const hours of [1, 2, 3, 4, 6, 12]) {
    const step = hours * 60;
    const labels: TimeLabel[] = [];
    // The first point at or after each round hour.
    for (let i = 0; i < local.length; i++) {
      const minute = minuteOf(local[i]!);
      const previous = i === 0 ? minute - 1 : minuteOf(local[i - 1]!);
      const boundary = Math.floor(minute / step) * step;
      if (boundary > previous) labels.push({ index: i, text: clock(boundary) });
    }
    if (labels.length <= MAX_LABELS) return labels;
  }
  return [];
}

function clock(minuteSinceEpoch: number): string {
  const minuteOfDay = ((minuteSinceEpoch % 1440) + 1440) % 1440;
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
