// What a quote page (/markets/quote/{SYMBOL}/) shows, read from the database: the instrument's
// snapshot, one chart range's series, its market state and the latest published stories tagged
// with its ticker. Reads only: the page is rendered from it and cached under quotePageKeys.
import type { Kysely } from 'kysely';
import { listPublishedArticles, type ArticleSummary } from '../content/articles/index.js';
import { findPublicTickerTag, tickerTagSlug } from '../content/taxonomy/index.js';
import { AppError } from '../errors.js';
import { instrumentFactsKey, QUOTE_PAGES_KEY, quoteCacheKey } from '../markets/cache-keys.js';
import { marketState, scheduleOf, type MarketState } from '../markets/exchanges/index.js';
import { CHART_RANGES, readChartSeries, readQuoteSnapshot, type ChartPoint, type ChartRange, type QuoteSnapshot } from '../markets/quotes/index.js';
import type { Schema } from '../storage/index.js';

/** Stories shown on a quote page: the newest tagged with its ticker, read from the tag's link rows. */
export const QUOTE_PAGE_STORIES = 10;

/** Symbols as instruments store them (instrument-fields.ts): 1 to 30 letters, digits, `.`, `-`, `_`. Anything else has no page, without a query. */
const SYMBOL_PATTERN = /^[A-Za-z0-9._-]{1,30}$/;

/** Whether a path segment could be a symbol at all. */
export function isSymbolShaped(text: string): boolean {
  return SYMBOL_PATTERN.test(text);
}

/** Reads ?range: absent is 1D; anything but one of CHART_RANGES (as written: 5D, not 5d) is refused with the ranges to choose from. */
export function parseChartRange(value: string | string[] | undefined): ChartRange {
  if (value === undefined) return '1D';
  const found = typeof value === 'string' ? CHART_RANGES.find((range) => range === value) : undefined;
  if (!found) {
    throw new AppError('INVALID_CHART_RANGE', 'invalid', `The chart range must be one of ${CHART_RANGES.join(', ')}, as in ?range=5D.`, { range: String(value).slice(0, 40) });
  }
  return found;
}

/** Everything a quote page shows. */
export interface QuotePageData {
  snapshot: QuoteSnapshot;
  range: ChartRange;
  points: ChartPoint[];
  /** Null when the market's hours are not known. */
  market: MarketState | null;
  /** The zone the market's times are shown in (its exchange's; UTC when unknown). */
  marketTimeZone: string;
  stories: ArticleSummary[];
  /** The ticker's topic page, when a published story carries the tag. */
  topicPath: string | null;
}

/**
 * Reads a quote page's data; undefined when no instrument has this symbol (exactly as stored). The
 * snapshot, the chart series and the ticker tag are read side by side; the stories only when a
 * published story carries the tag.
 */
export async function readQuotePage(db: Kysely<Schema>, symbol: string, range: ChartRange, now: Date): Promise<QuotePageData | undefined> {
  const [snapshot, points, tag] = await Promise.all([readQuoteSnapshot(db, symbol, now), readChartSeries(db, symbol, range, now), findPublicTickerTag(db, symbol)]);
  if (!snapshot) return undefined;
  const stories = tag ? await listPublishedArticles(db, { tagId: tag.id }, { limit: QUOTE_PAGE_STORIES, offset: 0 }) : [];
  const market = { kind: snapshot.kind, mic: snapshot.mic };
  return {
    snapshot,
    range,
    points,
    market: marketState(market, now),
    marketTimeZone: scheduleOf(market)?.timeZone ?? 'UTC',
    stories,
    topicPath: tag ? `/topic/${tag.slug}/` : null,
  };
}

/**
 * The surrogate keys of a quote page: its quotes (coalesced purges), the instrument's facts (an
 * edit purges at once), every quote page's shared key (the edge's coalesced purge) and its ticker
 * tag's listing, which a story published, edited or withdrawn with that tag dirties — named even
 * before any story carries the tag, so the first one shows.
 */
export function quotePageKeys(symbol: string): string[] {
  return [quoteCacheKey(symbol), instrumentFactsKey(symbol), QUOTE_PAGES_KEY, `topic:${tickerTagSlug(symbol)}`];
}
