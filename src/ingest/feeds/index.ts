// Wire and partner feeds in: fetch (conditional, bounded, kept off private networks), parse (RSS,
// RDF, Atom, JSON Feed, ninjs) and normalize each item to story input. Pure library: no database.
export { fetchFeed, FEED_FETCH_DEFAULTS, FEED_USER_AGENT, type FetchFeedOptions, type FetchFeedOutcome } from './fetch-feed.js';
export { parseFeed, MAX_FEED_ITEMS, type ParsedFeed, type ParseFeedOptions, type ParseFeedOutcome } from './parse-feed.js';
export { normalizeFeedItem, type FeedProvenance, type NormalizedFeedItem, type NormalizeFeedItemOptions } from './normalize-feed-item.js';
export { FEED_FORMATS, type FeedEntry, type FeedFormat, type FeedImage, type FeedItem, type NinjsEntry } from './feed-item.js';
export { parseRetryAfter } from './retry-after.js';
