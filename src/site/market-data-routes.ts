import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import type { CacheKeys, CachedSender, RenderedPage } from '../cache/index.js';
import { AppError } from '../errors.js';
import { parseQuoteSymbols, readQuoteViews, type QuoteView, type StripInstruments } from '../markets/strip/index.js';
import type { Schema } from '../storage/index.js';
import { SITE_ASSETS_PREFIX, type MarketIsland } from './market-island.js';

/** What the strip's data routes need. */
export interface MarketDataRoutesOptions {
  db: Kysely<Schema>;
  send: CachedSender;
  cacheKeys: CacheKeys;
  strip: StripInstruments;
  now: () => Date;
  /** The built island, served at its hashed URL; none without a client build. */
  island?: MarketIsland;
  /** Other reader islands (live coverage), served the same way. */
  otherIslands?: readonly MarketIsland[];
}

/**
 * How long the strip's and chips' prices are kept (page cache, edge and browser): they are never
 * purged by quotes (a batch a second would purge them a second), they expire. The island asks
 * every 30 seconds, so a price shown is at most about 45 seconds older than the database's.
 */
export const MARKET_DATA_MAX_AGE_SECONDS = 15;

/** The surrogate key of the strip's prices; nothing purges it but a purge of everything (a strip change). */
export const STRIP_DATA_KEY = 'markets:strip';
/** The surrogate key of the quote chips' prices. */
export const QUOTE_CHIPS_DATA_KEY = 'markets:quotes';

/** The ticker strip's prices (/markets/strip.json), the quote chips' (/markets/quotes.json?symbols=) and the island that shows them. */
export const marketDataRoutes: FastifyPluginAsync<MarketDataRoutesOptions> = async (app, { db, send, cacheKeys, strip, now, island, otherIslands = [] }) => {
  function priceData(quotes: QuoteView[], key: string): RenderedPage {
    return {
      status: 200,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ quotes }),
      keys: [key],
      cacheControl: `public, max-age=${MARKET_DATA_MAX_AGE_SECONDS}, s-maxage=${MARKET_DATA_MAX_AGE_SECONDS}`,
      // The page cache drops it on the app's clock, as browsers and the edge do by max-age.
      expiresAt: now().getTime() + MARKET_DATA_MAX_AGE_SECONDS * 1000,
      headers: { 'x-content-type-options': 'nosniff' },
    };
  }

  // The strip's symbols come from memory (no query); their prices in one query.
  app.get('/markets/strip.json', (request, reply) =>
    send(request, reply, cacheKeys.keyFor(request.url), async () => {
      const symbols = (await strip.list()).map((link) => link.symbol);
      return priceData((await readQuoteViews(db, symbols, now())).quotes, STRIP_DATA_KEY);
    }),
  );

  // One spelling per set of symbols (sorted, each once, at most 10): checked before the cache is
  // asked, so a refused spelling takes no room in it; a symbol no instrument has is a 404, not kept.
  app.get('/markets/quotes.json', (request, reply) => {
    const { key, query } = cacheKeys.canonical(request.url);
    const symbols = parseQuoteSymbols(query.getAll('symbols'));
    return send(request, reply, key, async () => {
      const { quotes, unknown } = await readQuoteViews(db, symbols, now());
      if (unknown.length > 0) throw new AppError('QUOTE_SYMBOL_UNKNOWN', 'not_found', `No instrument has the symbol ${unknown.join(', ')}.`, { symbols: unknown.join(',') });
      return priceData(quotes, QUOTE_CHIPS_DATA_KEY);
    });
  });

  // The island's file, through the page cache like a page: brotli and gzip variants, an ETag, and
  // answered before routing once cached. Any other name is the site's 404 page.
  app.get<{ Params: { file: string } }>(`${SITE_ASSETS_PREFIX}:file`, (request, reply) => {
    const key = cacheKeys.keyFor(request.url);
    const served = [island, ...otherIslands].find((candidate) => candidate?.url === key);
    return send(request, reply, key, async () =>
      served
        ? { status: 200, contentType: 'text/javascript; charset=utf-8', body: served.body, keys: ['assets'], cacheControl: 'public, max-age=31536000, immutable', headers: { 'x-content-type-options': 'nosniff' } }
        : undefined,
    );
  });
};
