import { parseAtomFeed, parseJsonFeed, parseRdfFeed, parseRssFeed, detectAtomFeed, detectJsonFeed, detectRdfFeed, detectRssFeed } from 'feedsmith';
import { NinjsItemSchema } from '../ninjs/ninjs-item.js';
import { upgradeNinjsItem } from '../ninjs/ninjs-versions.js';
import { splitNinjsDocuments } from '../ninjs/parse-ninjs-file.js';
import { decodeFeedText } from './decode-feed-text.js';
import { FEED_FETCH_DEFAULTS } from './fetch-feed.js';
import type { FeedFormat, FeedItem } from './feed-item.js';
import { atomEntry, jsonFeedEntry, rdfEntry, rssEntry } from './feedsmith-entries.js';
import { findEntityDeclarations } from './hostile-xml.js';
import { cutXmlItems } from './cut-xml-items.js';

/** Items read from one feed: the newest part of a long feed is enough for a poll, and the work stays bounded. */
export const MAX_FEED_ITEMS = 500;

/** How to read a body. */
export interface ParseFeedOptions {
  /** The response's Content-Type (its charset decodes the bytes). */
  contentType?: string;
  /** Where the feed came from (named in reasons). */
  url: string;
  /** The format the source is set to; absent, it is detected from the content. */
  format?: FeedFormat;
  /** Largest body read (the fetch's limit, 5 MB by default). */
  maxBytes?: number;
}

/** A feed read: its items (at most MAX_FEED_ITEMS), and why any item was left out. */
export interface ParsedFeed {
  kind: 'parsed';
  format: FeedFormat;
  title: string;
  items: FeedItem[];
  skipped: string[];
}

/** What parsing came to; `reason` is written for the editor. */
export type ParseFeedOutcome = ParsedFeed | { kind: 'refused'; reason: string };

const FORMAT_NAMES: Record<FeedFormat, string> = { rss: 'RSS', rdf: 'RSS 1.0 (RDF)', atom: 'Atom', 'json-feed': 'JSON Feed', ninjs: 'ninjs' };

/**
 * Reads a fetched body as RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 1.0, JSON Feed 1.0/1.1 (all with
 * feedsmith) or ninjs 1.x–3.x (one object, an array or NDJSON, validated like a ninjs import),
 * detected from the content. Refuses, with a reason, what is none of these (an HTML page, broken
 * XML), XML declaring entities, bodies over the fetch limit, and a format other than the one set.
 */
export function parseFeed(body: Buffer, { contentType, url, format: expected, maxBytes = FEED_FETCH_DEFAULTS.maxBytes }: ParseFeedOptions): ParseFeedOutcome {
  if (body.length > maxBytes) return refused(`The feed is larger than the ${Number((maxBytes / (1024 * 1024)).toFixed(1))} MB limit.`);
  const text = decodeFeedText(body, contentType);
  const start = text.trimStart();
  if (!start) return refused('The feed is empty.');
  const parsed = start.startsWith('{') || start.startsWith('[') ? parseJson(start) : parseXml(text);
  if (parsed.kind === 'refused') return parsed;
  if (expected && parsed.format !== expected) {
    return refused(`The source is set to ${FORMAT_NAMES[expected]}, but ${url} is ${FORMAT_NAMES[parsed.format]}: change the source's format, or leave it to be detected.`);
  }
  return parsed;
}

function parseXml(document: string): ParseFeedOutcome {
  const entities = findEntityDeclarations(document);
  if (entities) return refused(entities);
  if (/^\s*(<!--[\s\S]*?-->\s*)*<!DOCTYPE\s+html|^\s*<html[\s>]/i.test(document.slice(0, 2000))) {
    return refused('This is a web page (HTML), not a feed: give the address of its RSS, Atom or JSON feed.');
  }
  // One more than kept: enough to know the feed had more.
  const options = { maxItems: MAX_FEED_ITEMS + 1 };
  const text = cutXmlItems(document, MAX_FEED_ITEMS + 1);
  try {
    if (detectRssFeed(text)) {
      const feed = parseRssFeed(text, options);
      return parsedFeed('rss', feed.title, (feed.items ?? []).map(rssEntry));
    }
    if (detectAtomFeed(text)) {
      const feed = parseAtomFeed(text, options);
      return parsedFeed('atom', feed.title?.value, (feed.entries ?? []).map(atomEntry));
    }
    if (detectRdfFeed(text)) {
      const feed = parseRdfFeed(text, options);
      return parsedFeed('rdf', feed.title, (feed.items ?? []).map(rdfEntry));
    }
  } catch (error) {
    return refused(`The feed is not well-formed XML (${(error as Error).message}).`);
  }
  return refused('This is not a feed: no RSS, Atom or RDF document, nor JSON Feed or ninjs.');
}

function parseJson(text: string): ParseFeedOutcome {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // NDJSON (one ninjs item per line) is not one JSON value.
    return parseNinjs(text);
  }
  if (detectJsonFeed(json)) {
    const items = (json as { items?: unknown }).items;
    // feedsmith maps every item before it keeps the first: give it only those.
    if (Array.isArray(items) && items.length > MAX_FEED_ITEMS + 1) (json as { items: unknown[] }).items = items.slice(0, MAX_FEED_ITEMS + 1);
    try {
      const feed = parseJsonFeed(json, { maxItems: MAX_FEED_ITEMS + 1 });
      return parsedFeed('json-feed', feed.title, (feed.items ?? []).map(jsonFeedEntry));
    } catch (error) {
      return refused(`The JSON Feed could not be read (${(error as Error).message}).`);
    }
  }
  return parseNinjs(text);
}

function parseNinjs(text: string): ParseFeedOutcome {
  let documents: unknown[];
  try {
    documents = splitNinjsDocuments('feed', text);
  } catch {
    return refused('This is not a feed: neither JSON Feed nor ninjs, and not valid JSON.');
  }
  if (!documents.some(looksLikeNinjs)) return refused('This is JSON, but neither a JSON Feed (no "version": "https://jsonfeed.org/version/1.1") nor ninjs (no "uri").');
  const items: FeedItem[] = [];
  const skipped: string[] = [];
  for (const [index, document] of documents.slice(0, MAX_FEED_ITEMS).entries()) {
    const result = NinjsItemSchema.safeParse(upgradeNinjsItem(document));
    if (result.success) items.push({ kind: 'ninjs', item: result.data });
    else skipped.push(`item ${index + 1}: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(item)'} ${issue.message}`).join('; ')}`);
  }
  if (documents.length > MAX_FEED_ITEMS) skipped.push(CUT_NOTE);
  return { kind: 'parsed', format: 'ninjs', title: '', items, skipped };
}

function looksLikeNinjs(document: unknown): boolean {
  return typeof document === 'object' && document !== null && typeof (document as { uri?: unknown }).uri === 'string';
}

// Items were read up to one past the limit: that one says there were more, and is dropped.
function parsedFeed(format: FeedFormat, title: string | undefined, items: FeedItem[]): ParsedFeed {
  const isCut = items.length > MAX_FEED_ITEMS;
  return { kind: 'parsed', format, title: title?.trim() ?? '', items: items.slice(0, MAX_FEED_ITEMS), skipped: isCut ? [CUT_NOTE] : [] };
}

const CUT_NOTE = `Only the first ${MAX_FEED_ITEMS} items were read; the rest of the feed was left out.`;

function refused(reason: string): ParseFeedOutcome {
  return { kind: 'refused', reason };
}
