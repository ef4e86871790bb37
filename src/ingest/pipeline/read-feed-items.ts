import { AppError } from '../../errors.js';
import { normalizeFeedItem, parseFeed, type FeedFormat, type FeedItem } from '../feeds/index.js';
import type { DescribePool } from './describe-pool.js';
import type { IncomingItem } from './incoming-item.js';

/** A fetched feed's text, as parsing needs it. */
export interface FeedText {
  body: Uint8Array;
  /** The response's Content-Type (its charset decodes the bytes). */
  contentType?: string;
  /** The feed's final URL: named in reasons, and relative links resolve against it. */
  url: string;
  /** The largest body read. */
  maxBytes: number;
}

/** Who the items come from, as normalizing them needs it. */
export interface FeedOrigin {
  sourceName: string;
  credit?: string;
  /** For items that do not say. */
  language: string;
}

/** A feed read into items: each normalized (body sanitized, links resolved), or the feed refused with its reason. */
export type FeedRead = { kind: 'read'; format: FeedFormat; items: IncomingItem[]; itemsSkipped: number } | { kind: 'refused'; reason: string };

/** Items normalized between yields to the event loop (about 0.5 ms each): a 500-item feed never holds it for more than ~15 ms at a time. */
const NORMALIZE_SLICE = 25;

/**
 * Parses a feed and normalizes its items: in a describing thread when there are some (the event
 * loop only receives the items), else here, yielding to the event loop between slices of 25 items.
 * An item that cannot be a story (FEED_ITEM_EMPTY, BODY_TOO_COMPLEX) is counted as skipped, with
 * the items the parser left out; the rest of the feed is taken.
 */
export async function readFeedItems(feed: FeedText, origin: FeedOrigin, describer?: DescribePool): Promise<FeedRead> {
  if (describer) return describer.readFeed(feed, origin);
  const parsed = parseFeedText(feed);
  if (parsed.kind === 'refused') return parsed;
  const items: IncomingItem[] = [];
  let skipped = parsed.skipped.length;
  for (let start = 0; start < parsed.items.length; start += NORMALIZE_SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = normalizeSlice(parsed.items.slice(start, start + NORMALIZE_SLICE), feed.url, origin);
    items.push(...slice.items);
    skipped += slice.skipped;
  }
  return { kind: 'read', format: parsed.format, items, itemsSkipped: skipped };
}

/** `readFeedItems` in one go, for a describing thread (which holds no event loop anyone waits on). Bounded by the feed's size and item limits. */
export function readFeedItemsAtOnce(feed: FeedText, origin: FeedOrigin): FeedRead {
  const parsed = parseFeedText(feed);
  if (parsed.kind === 'refused') return parsed;
  const { items, skipped } = normalizeSlice(parsed.items, feed.url, origin);
  return { kind: 'read', format: parsed.format, items, itemsSkipped: skipped + parsed.skipped.length };
}

// A body posted to a thread arrives as a plain Uint8Array.
function parseFeedText(feed: FeedText) {
  return parseFeed(Buffer.from(feed.body.buffer, feed.body.byteOffset, feed.body.byteLength), { contentType: feed.contentType, url: feed.url, maxBytes: feed.maxBytes });
}

/** Normalizes parsed items; one that cannot be a story is counted, not fatal. */
function normalizeSlice(feedItems: readonly FeedItem[], feedUrl: string, { sourceName, credit, language }: FeedOrigin): { items: IncomingItem[]; skipped: number } {
  const items: IncomingItem[] = [];
  let skipped = 0;
  for (const item of feedItems) {
    try {
      items.push(normalizeFeedItem(item, { feedUrl, sourceName, credit, language }));
    } catch (error) {
      // FEED_ITEM_EMPTY, BODY_TOO_COMPLEX: this item's fault; the rest of the feed is taken.
      if (!(error instanceof AppError)) throw error;
      skipped += 1;
    }
  }
  return { items, skipped };
}
