// A price chart as a self-contained SVG string, drawn on the server: the line with a light area
// under it, round price ticks, time labels for the range, an accessible name and summary, gaps
// left open, and a "No data" state. It scales with its container (viewBox, width 100%).
import { changeBetween, directionWords, formatChange, formatNumber, formatPrice, type PriceFormat } from '../format/index.js';
import type { MarketRef } from '../exchanges/index.js';
import type { InstrumentKind } from '../types.js';
import { marketClock, priceAxis, timeLabels, type ChartRange } from './axes.js';
import { coordinate, escapeMarkup } from './markup.js';
import { parsePoints, splitAtGaps, thinRun, type ChartPoint, type TimedPrice } from './series.js';

/** What a price chart shows. */
export interface PriceChartOptions {
  points: readonly ChartPoint[];
  range: ChartRange;
  /** The instrument's decimals: the finest tick and every price in the summary. */
  decimals: number;
  currency: string;
  /** How prices read in the summary (a yield in per cent, a share with its currency); default 'equity'. */
  kind?: InstrumentKind;
  /** The instrument's name, the chart's accessible name. */
  title: string;
  /** The instrument's market (kind and MIC): 1D and 5D labels read its clock. Default UTC days. */
  market?: MarketRef;
  /** A dashed line at the previous close (1D). */
  previousClose?: number | null;
  /** viewBox size; the chart scales to its container's width. Default 400 × 220, its 12-unit labels 10 px high on a 360 px phone. */
  width?: number;
  height?: number;
  /** Prefix of the ids the accessible name points at, unique within the page; default `price-chart-{range}`. */
  id?: string;
}

export const RANGE_NAMES: Record<ChartRange, string> = { '1D': '1 day', '5D': '5 days', '1M': '1 month', '6M': '6 months', '1Y': '1 year', '5Y': '5 years' };

// Green, red and slate with at least 3:1 contrast on the light and the dark theme's background.
const COLOURS = { up: '#1a8f3c', down: '#d93025', unchanged: '#5f6b7a' } as const;
/** The most points drawn: more than a screen's columns can show. */
export const MAX_PLOTTED_POINTS = 500;
const FONT_SIZE = 12;
const CHAR_WIDTH = FONT_SIZE * 0.6;
const [TOP, BOTTOM, LEFT] = [12, 28, 4];

/** Renders a price chart as an SVG string (every text escaped). Throws RangeError on a bad point. */
export function renderPriceChart(options: PriceChartOptions): string {
  const width = options.width ?? 400;
  const height = options.height ?? 220;
  const id = options.id ?? `price-chart-${options.range}`;
  const instrument: PriceFormat = { kind: options.kind ?? 'equity', currency: options.currency, decimals: options.decimals };
  const parsed = parsePoints(options.points);
  // 5D draws the sessions side by side (nights and the weekend take no room); others on a time scale.
  const byIndex = options.range === '5D';
  const runs = splitAtGaps(parsed, !byIndex);
  const name = `${options.title}, ${RANGE_NAMES[options.range]}`;
  const open = (desc: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${escapeMarkup(id)}-title ${escapeMarkup(id)}-desc" class="price-chart" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${FONT_SIZE}">` +
    `<title id="${escapeMarkup(id)}-title">${escapeMarkup(name)}</title><desc id="${escapeMarkup(id)}-desc">${escapeMarkup(desc)}</desc>`;
  if (runs.length === 0) {
    return `${open(`No price data for ${RANGE_NAMES[options.range]}.`)}<rect x="0.5" y="0.5" width="${width - 1}" height="${height - 1}" fill="none" stroke="currentColor" stroke-opacity="0.25"/><text x="${width / 2}" y="${height / 2}" text-anchor="middle" dy="0.35em" fill="currentColor">No data</text></svg>`;
  }

  const prices = runs.flat();
  const first = prices[0]!;
  const last = prices.at(-1)!;
  let [low, high] = [first, first];
  for (const point of prices) {
    if (point.price < low.price) low = point;
    if (point.price > high.price) high = point;
  }
  const reference = options.previousClose ?? null;
  const axis = priceAxis(Math.min(low.price, reference ?? Infinity), Math.max(high.price, reference ?? -Infinity), options.decimals);
  const tickTexts = axis.ticks.map((tick) => formatNumber(tick, axis.decimals));
  const right = Math.max(...tickTexts.map((text) => text.length)) * CHAR_WIDTH + 10;
  const plot = { left: LEFT, right: width - right, top: TOP, bottom: height - BOTTOM };
  const plotWidth = plot.right - plot.left;

  // x by place in the series (5D) or by time.
  const [t0, t1] = [parsed[0]!.t, parsed.at(-1)!.t];
  const xOf = (point: { t: number; index: number }) =>
    plot.left +
    (byIndex
      ? parsed.length === 1 ? plotWidth / 2 : (point.index / (parsed.length - 1)) * plotWidth
      : t1 === t0 ? plotWidth / 2 : ((point.t - t0) / (t1 - t0)) * plotWidth);
  const yOf = (price: number) => plot.bottom - ((price - axis.low) / (axis.high - axis.low)) * (plot.bottom - plot.top);

  const change = changeBetween(reference ?? first.price, last.price, options.decimals);
  const colour = COLOURS[change.direction];
  // Buckets span the whole plot, so runs share them: at most MAX_PLOTTED_POINTS plus a few per gap.
  const drawn = runs.map((run) => thinRun(run, (p) => xOf(p) - plot.left, MAX_PLOTTED_POINTS / 2, plotWidth));

  const parts: string[] = [];
  // Grid and price labels.
  axis.ticks.forEach((tick, i) => {
    const y = coordinate(yOf(tick));
    parts.push(`<line x1="${plot.left}" x2="${coordinate(plot.right)}" y1="${y}" y2="${y}" stroke="currentColor" stroke-opacity="0.15"/>`);
    parts.push(`<text x="${coordinate(plot.right + 6)}" y="${y}" dy="0.35em" fill="currentColor">${escapeMarkup(tickTexts[i]!)}</text>`);
  });
  // Time labels, kept inside the chart and apart from each other.
  const times = parsed.map((point) => point.t);
  let lastX = -Infinity;
  for (const label of timeLabels(times, options.range, marketClock(options.market))) {
    const x = xOf({ t: times[label.index]!, index: label.index });
    if (x - lastX < label.text.length * CHAR_WIDTH + 8) continue;
    lastX = x;
    const anchor = x - plot.left < 20 ? 'start' : plot.right - x < 20 ? 'end' : 'middle';
    if (byIndex && label.index > 0) parts.push(`<line x1="${coordinate(x)}" x2="${coordinate(x)}" y1="${plot.top}" y2="${plot.bottom}" stroke="currentColor" stroke-opacity="0.15"/>`);
    parts.push(`<text x="${coordinate(x)}" y="${height - 9}" text-anchor="${anchor}" fill="currentColor">${escapeMarkup(label.text)}</text>`);
  }
  parts.push(`<line x1="${plot.left}" x2="${coordinate(plot.right)}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="currentColor" stroke-opacity="0.4"/>`);
  if (reference !== null) {
    const y = coordinate(yOf(reference));
    parts.push(`<line x1="${plot.left}" x2="${coordinate(plot.right)}" y1="${y}" y2="${y}" stroke="currentColor" stroke-opacity="0.6" stroke-dasharray="4 3"/>`);
  }
  // Each run: an area, then its line; a run of one point is a dot.
  for (const run of drawn) {
    const path = run.map((p, i) => `${i === 0 ? 'M' : 'L'}${coordinate(xOf(p))} ${coordinate(yOf(p.price))}`).join('');
    if (run.length === 1) {
      parts.push(`<circle cx="${coordinate(xOf(run[0]!))}" cy="${coordinate(yOf(run[0]!.price))}" r="3" fill="${colour}"/>`);
      continue;
    }
    const base = coordinate(plot.bottom);
    parts.push(`<path d="${path}L${coordinate(xOf(run.at(-1)!))} ${base}L${coordinate(xOf(run[0]!))} ${base}Z" fill="${colour}" fill-opacity="0.12"/>`);
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`);
  }
  return `${open(summary(options, instrument, { first, last, low, high, reference, change }))}${parts.join('')}</svg>`;
}

/** The chart in words: first and last price, the change, high and low. */
function summary(
  options: PriceChartOptions,
  instrument: PriceFormat,
  s: { first: TimedPrice; last: TimedPrice; low: TimedPrice; high: TimedPrice; reference: number | null; change: ReturnType<typeof changeBetween> },
): string {
  const price = (value: number) => formatPrice(value, instrument);
  const since = s.reference === null ? `from ${price(s.first.price)} to ${price(s.last.price)}` : `${price(s.last.price)} against a previous close of ${price(s.reference)}`;
  const change = s.first === s.last && s.reference === null ? 'one price' : `${directionWords(s.change, instrument)}, ${formatChange(s.change, instrument)}`;
  return `${RANGE_NAMES[options.range]}: ${since}, ${change}. High ${price(s.high.price)}, low ${price(s.low.price)}.`;
}
