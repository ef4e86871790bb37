// The page cache's keys for market pages (see src/cache): a page is tagged with the keys of what it
// shows, and a change purges the pages tagged with its keys.

/**
 * The key of an instrument's quote page (`/markets/quote/{symbol}/`) and price data: named by every
 * quote batch and instrument change. No article page carries it, so quotes never purge articles.
 */
export function quoteCacheKey(symbol: string): string {
  return `quote:${symbol}`;
}

/**
 * The key of pages that show an instrument's name or exchange but not its price (a tagged story's
 * structured data): purged when the instrument changes, never by a quote.
 */
export function instrumentFactsKey(symbol: string): string {
  return `instrument:${symbol}`;
}

/**
 * The key every quote page carries besides its own: the edge cache's coalesced purge of quote pages
 * (one purge of this key at most every few seconds, however fast quotes arrive, instead of one per
 * quote batch). Never named by a change event, so the page cache never purges by it.
 */
export const QUOTE_PAGES_KEY = 'quote-pages';

/** Whether a key is an instrument's quote key (`quote:SYMBOL`), whose purges are coalesced. */
export function isQuoteCacheKey(key: string): boolean {
  return key.startsWith('quote:');
}

/**
 * How often at most a quote page is purged, in the page cache and at the edge, however fast its
 * quotes arrive: a page then shows a new price within this window plus its lifetime.
 */
export const QUOTE_PURGE_WINDOW_MS = 5000;

/**
 * The key of pages showing many instruments' prices (the movers page, the Markets front's data
 * blocks). No change names it: such pages are short-lived and expire, since purging them for every
 * quote batch would re-render them many times a second for nothing.
 */
export const MARKET_MOVERS_KEY = 'markets:movers';
