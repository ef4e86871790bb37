import type { NinjsItem } from '../ninjs/ninjs-item.js';

/** The formats a source can be: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0, JSON Feed 1.0/1.1, IPTC ninjs 1.x–3.x. */
export const FEED_FORMATS = ['rss', 'rdf', 'atom', 'json-feed', 'ninjs'] as const;

/** One of FEED_FORMATS. */
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** An image an item refers to (enclosure, media:content, JSON Feed image): a remote reference, never downloaded here. */
export interface FeedImage {
  url: string;
  caption?: string;
  credit?: string;
}

/**
 * One item of an RSS, RDF, Atom or JSON feed, in one shape whatever the format: text as the feed
 * gave it (HTML not yet sanitized, links maybe relative), dates as ISO 8601 (absent when missing or
 * unreadable).
 */
export interface FeedEntry {
  kind: 'entry';
  guid?: string;
  link?: string;
  title?: string;
  summaryHtml?: string;
  contentHtml?: string;
  authors: string[];
  categories: string[];
  publishedAt?: string;
  updatedAt?: string;
  images: FeedImage[];
  language?: string;
}

/** One ninjs item, validated, mapped by the ninjs module. */
export interface NinjsEntry {
  kind: 'ninjs';
  item: NinjsItem;
}

/** An item as `parseFeed` gives it. */
export type FeedItem = FeedEntry | NinjsEntry;
