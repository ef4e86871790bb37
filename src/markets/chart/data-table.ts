// The chart's data as an HTML table, the alternative for readers who cannot see it: one row per
// natural step of the range (the price at the end of each 15 minutes, day, week or month), at
// most MAX_TABLE_ROWS rows.
import { formatPrice, type PriceFormat } from '../format/index.js';
import type { MarketRef } from '../exchanges/index.js';
import type { InstrumentKind } from '../types.js';
import { marketClock, toLocal, tradingDayTimes, type ChartRange } from './axes.js';
import { escapeMarkup } from './markup.js';
import { parsePoints, type ChartPoint } from './series.js';

/** What a chart's data table shows. */
export interface ChartDataTableOptions {
  points: readonly ChartPoint[];
  range: ChartRange;
  decimals: number;
  currency: string;
  kind?: InstrumentKind;
  /** The instrument's market (kind and MIC): 1D and 5D times read its clock. Default UTC. */
  market?: MarketRef;
  /** The table's caption, e.g. "Halden Motors Inc, 1 month". */
  caption: string;
}

export const MAX_TABLE_ROWS = 60;

type Step = { minutes: number } | { calendar: 'day' | 'week' | 'month' };

const minutes = (...values: number[]): Step[] => values.map((value) => ({ minutes: value }));
// Each range's natural steps, finest first: the first giving at most MAX_TABLE_ROWS rows is used.
const STEPS: Record<ChartRange, Step[]> = {
  '1D': minutes(5, 10, 15, 30, 60, 120),
  '5D': [...minutes(30, 60, 120, 240), { calendar: 'day' }],
  '1M': [{ calendar: 'day' }, { calendar: 'week' }],
  '6M': [{ calendar: 'week' }, { calendar: 'month' }],
  '1Y': [{ calendar: 'week' }, { calendar: 'month' }],
  '5Y': [{ calendar: 'month' }],
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Renders the data table (every text escaped); an empty series gives a table saying "No data". */
export function chartDataTable(options: ChartDataTableOptions): string {
  const instrument: PriceFormat = { kind: options.kind ?? 'equity', currency: options.currency, decimals: options.decimals };
  const points = parsePoints(options.points).filter((point): point is { t: number; price: number } => point.price !== null);
  const intraday = options.range === '1D' || options.range === '5D';
  // Intraday rows read the market's clock (days are its trading days); daily points are trading days at UTC midnight.
  const times = points.map((point) => point.t);
  const clock = marketClock(options.market);
  const local = intraday ? toLocal(times, clock.timeZone) : times;
  const days = intraday ? tradingDayTimes(times, clock) : times;
  const readingFor = (step: Step) => ('minutes' in step ? local : days);
  let step: Step = STEPS[options.range][0]!;
  let rows: number[] = [];
  for (step of STEPS[options.range]) {
    rows = lastOfEachPeriod(readingFor(step), step);
    if (rows.length <= MAX_TABLE_ROWS) break;
  }
  // An odd series (a year of minutes) still gets a bounded table.
  if (rows.length > MAX_TABLE_ROWS) {
    const every = Math.ceil(rows.length / MAX_TABLE_ROWS);
    rows = rows.filter((_, n) => (rows.length - 1 - n) % every === 0);
  }
  const header = `<table class="price-table"><caption>${escapeMarkup(options.caption)}</caption><thead><tr><th scope="col">${intraday ? 'Time' : 'Date'}</th><th scope="col">Price</th></tr></thead><tbody>`;
  if (rows.length === 0) return `${header}<tr><td colspan="2">No data</td></tr></tbody></table>`;
  const body = rows.map((index) => {
    const when = new Date(points[index]!.t).toISOString();
    const label = rowLabel(new Date(readingFor(step)[index]!), options.range, step);
    return `<tr><th scope="row"><time datetime="${when}">${escapeMarkup(label)}</time></th><td>${escapeMarkup(formatPrice(points[index]!.price, instrument))}</td></tr>`;
  });
  return `${header}${body.join('')}</tbody></table>`;
}

/** Indices of the last point in each period of the step. */
function lastOfEachPeriod(local: readonly number[], step: Step): number[] {
  const periodOf = (t: number) => {
    if ('minutes' in step) return Math.floor(t / (step.minutes * MS_PER_MINUTE));
    const day = Math.floor(t / MS_PER_DAY);
    if (step.calendar === 'day') return day;
    // Weeks run Monday to Sunday (day 4 since the epoch was a Monday).
    if (step.calendar === 'week') return Math.floor((day - 4) / 7);
    const date = new Date(t);
    return date.getUTCFullYear() * 12 + date.getUTCMonth();
  };
  const rows: number[] = [];
  for (let i = 0; i < local.length; i++) if (i === local.length - 1 || periodOf(local[i + 1]!) !== periodOf(local[i]!)) rows.push(i);
  return rows;
}

function rowLabel(date: Date, range: ChartRange, step: Step): string {
  const clock = date.toISOString().slice(11, 16);
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  if (range === '1D') return clock;
  if (range === '5D') return 'minutes' in step ? `${WEEKDAYS[date.getUTCDay()]} ${day} ${clock}` : `${WEEKDAYS[date.getUTCDay()]} ${day}`;
  if ('calendar' in step && step.calendar === 'month') return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
  return `${day} ${date.getUTCFullYear()}`;
}
