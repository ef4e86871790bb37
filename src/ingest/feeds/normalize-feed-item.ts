import { createHash } from 'node:crypto';
import { AppError } from '../../errors.js';
import { sanitizeAndSealBody, type ArticleInput, type SanitizedBody } from '../../content/articles/index.js';
import { cleanText, collapseWhitespace, deriveTeaser, htmlToText, slugify } from '../../content/text/index.js';
import { normaliseUrl } from '../filing/index.js';
import { ninjsToArticle, parseByline } from '../ninjs/ninjs-to-article.js';
import type { FeedEntry, FeedImage, FeedItem, NinjsEntry } from './feed-item.js';
import { ninjsImages } from './ninjs-images.js';

/** Where an item comes from. */
export interface NormalizeFeedItemOptions {
  /** The feed's final URL: relative links of items without their own link resolve against it. */
  feedUrl: string;
  /** The source's name: the story's `source`, and the namespace of its uri. */
  sourceName: string;
  /** The source's credit line, for images that carry none. */
  credit?: string;
  /** For items that do not say (default en). */
  language?: string;
}

/** Where the item was first published, as the source gave it. */
export interface FeedProvenance {
  guid?: string;
  originalUrl?: string;
  publishedAt?: string;
  updatedAt?: string;
}

/** An item ready for the write path: story input (the caller adds the status), its provenance and its images. */
export interface NormalizedFeedItem {
  input: Omit<ArticleInput, 'status'>;
  provenance: FeedProvenance;
  images: FeedImage[];
}

const MAX_BYLINES = 10;
const MAX_TOPICS = 20;
const MAX_KEY_LENGTH = 200;
const DEK_LENGTH = 300;

/**
 * Maps a parsed item to a story: body sanitized with the newsroom's allowlist, its links and images
 * made absolute against the item's link (else the feed's URL), the original URL as canonical, the
 * original times kept (a missing date stays missing: the caller decides), authors as bylines,
 * categories as topics, and a uri that stays the same on every poll (the guid or id, else the
 * normalised link, namespaced by the source). Throws AppError (invalid) for an item that cannot be
 * a story (no title and no text), saying why.
 */
export function normalizeFeedItem(item: FeedItem, options: NormalizeFeedItemOptions): NormalizedFeedItem {
  return item.kind === 'ninjs' ? normalizeNinjs(item, options) : normalizeEntry(item, options);
}

function normalizeEntry(entry: FeedEntry, { feedUrl, sourceName, credit, language = 'en' }: NormalizeFeedItemOptions): NormalizedFeedItem {
  const originalUrl = absoluteHttpUrl(entry.link, feedUrl);
  const base = originalUrl ?? feedUrl;
  const body = asParagraph(sanitizeAndSealBody(entry.contentHtml ?? entry.summaryHtml ?? '', { baseUrl: base }));
  const bodyHtml = body.html;
  const summaryText = entry.contentHtml && entry.summaryHtml ? htmlToText(cleanText(entry.summaryHtml)) : '';
  const title = collapseWhitespace(cleanText(entry.title ?? '')) || deriveTeaser(body.text);
  if (!title) throw new AppError('FEED_ITEM_EMPTY', 'invalid', 'The item has neither a title nor any text.', { item: entry.guid ?? entry.link ?? '' });
  const guid = entry.guid?.trim() || undefined;
  const key = guid ?? normaliseUrl(originalUrl ?? '') ?? `text:${hash(`${title}\n${bodyHtml}`)}`;
  const publishedAt = entry.publishedAt;
  const updatedAt = entry.updatedAt && entry.updatedAt !== publishedAt ? entry.updatedAt : undefined;
  return {
    input: {
      uri: feedItemUri(sourceName, key),
      title,
      // A summary beside full content is the source's standfirst, unless it is only the body's opening
      // cut short; alone, it is the body.
      dek: summaryText && !isOpeningOf(summaryText, body.text) ? deriveTeaser(summaryText, DEK_LENGTH) : '',
      excerpt: null,
      bodyHtml,
      ...sealOf(body),
      section: null,
      bylines: entry.authors.flatMap(bylineNames).slice(0, MAX_BYLINES),
      tags: entry.categories.slice(0, MAX_TOPICS).map((name) => ({ kind: 'topic' as const, name })),
      canonicalUrl: originalUrl ?? null,
      source: sourceName,
      language: entry.language?.trim() || language,
      publishedAt: publishedAt ?? null,
      updatedAt: updatedAt ?? null,
    },
    provenance: withoutUndefined({ guid, originalUrl, publishedAt: entry.publishedAt, updatedAt: entry.updatedAt }),
    images: resolveImages(entry.images, base, credit),
  };
}

function normalizeNinjs({ item }: NinjsEntry, { feedUrl, sourceName, credit, language = 'en' }: NormalizeFeedItemOptions): NormalizedFeedItem {
  // ninjs uris are global by the standard: kept as they are, so a file drop and a feed agree on the story.
  const { status: _status, ...input } = ninjsToArticle(item, { language, source: sourceName });
  const originalUrl = absoluteHttpUrl(input.canonicalUrl ?? undefined, feedUrl);
  const base = originalUrl ?? feedUrl;
  const body = sanitizeAndSealBody(input.bodyHtml, { baseUrl: base });
  return {
    input: { ...input, bodyHtml: body.html, ...sealOf(body), canonicalUrl: originalUrl ?? null },
    provenance: withoutUndefined({ guid: item.uri, originalUrl, publishedAt: item.firstCreated ?? item.contentCreated, updatedAt: item.versionCreated }),
    images: resolveImages(ninjsImages(item), base, credit),
  };
}

// RSS descriptions are often bare text: a body is paragraphs. The text may go on into markup
// ("Text <p>more</p>"), so the wrapped body is sanitized again to settle its nesting (it is short).
function asParagraph(body: SanitizedBody): SanitizedBody {
  return body.html && !body.html.startsWith('<') ? sanitizeAndSealBody(`<p>${body.html}</p>`) : body;
}

// The text and the seal travel with the body: filing reads the text, and saveArticle neither
// sanitizes the body again nor reads its text when the seal holds.
function sealOf(body: SanitizedBody): { bodyText: string; bodySeal?: string } {
  return body.seal ? { bodyText: body.text, bodySeal: body.seal } : { bodyText: body.text };
}

// Whether a summary is the body's first words cut short ("…", "[...]" at the end): its first 200
// characters, less the last few where an ellipsis would be, open the body's text.
function isOpeningOf(summary: string, bodyText: string): boolean {
  const probe = summary.slice(0, Math.min(200, summary.length - 5));
  return probe.length > 0 && bodyText.startsWith(probe);
}

/** `feed:<source>:<guid>`: a guid is unique only within its feed. Very long keys are hashed (a uri is an index key). */
function feedItemUri(sourceName: string, key: string): string {
  const namespace = slugify(sourceName) || 'source';
  return `feed:${namespace}:${key.length > MAX_KEY_LENGTH ? `sha256:${hash(key)}` : key}`;
}

// "jane@example.com (Jane Doe)" (RSS <author>) → Jane Doe; a bare address names no one.
function bylineNames(author: string): string[] {
  const inParentheses = /^\S+@\S+\s*\((.+)\)\s*$/.exec(author);
  if (inParentheses) return [inParentheses[1]!.trim()];
  if (/^\S+@\S+$/.test(author)) return [];
  return parseByline(author);
}

function resolveImages(images: FeedImage[], base: string, credit: string | undefined): FeedImage[] {
  const seen = new Set<string>();
  const resolved: FeedImage[] = [];
  for (const image of images) {
    const url = absoluteHttpUrl(image.url, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    const withCredit = image.credit ?? credit?.trim();
    resolved.push(withoutUndefined({ url, caption: image.caption, credit: withCredit || undefined }));
  }
  return resolved;
}

function absoluteHttpUrl(value: string | undefined, base: string): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
