import type { ArticleInput } from '../../content/articles/index.js';
import type { FilingSuggestion } from '../filing/index.js';

/** An image an item refers to: kept as a remote reference with its credit, never downloaded here. */
export interface IncomingImage {
  url: string;
  caption?: string;
  credit?: string;
  alt?: string;
}

/** Where an item came from, as its source told it. */
export interface ItemProvenance {
  guid?: string;
  originalUrl?: string;
  publishedAt?: string;
  updatedAt?: string;
}

/** One normalized item from a feed or a dropped file: the story it would be (without a status) and its provenance. */
export interface IncomingItem {
  input: Omit<ArticleInput, 'status'>;
  provenance: ItemProvenance;
  images: IncomingImage[];
}

/** What the desk may do with items of a source: wait for an editor, or go live at once. */
export type IngestPolicy = 'draft' | 'publish';

/** Where an item stands on the desk. */
export type ItemStatus = 'incoming' | 'taken' | 'spiked' | 'duplicate' | 'published';

/** The suggestions stored with an item, shown to the editor. */
export interface ItemSuggestions {
  sections: FilingSuggestion[];
  topics: FilingSuggestion[];
  tickers: FilingSuggestion[];
}

/** Topics and tickers at or above this confidence are applied when an item becomes a story; the rest are only shown. */
export const APPLY_SUGGESTION_CONFIDENCE = 0.6;

/** The item's id within its source: its guid, else its uri, else its link. */
export function itemGuid(item: IncomingItem): string {
  return (item.provenance.guid || item.input.uri || item.provenance.originalUrl || '').slice(0, 1000);
}

/** The time that tells versions of an item apart: when the source last revised it, else when it published it. */
export function itemVersionTime(item: IncomingItem): string | null {
  return toIsoTime(item.provenance.updatedAt ?? item.input.updatedAt) ?? toIsoTime(item.provenance.publishedAt ?? item.input.publishedAt);
}

/**
 * Whether an item seen again is a revision to apply: its source gives a newer time than the one
 * stored. An item without times is never a revision (feeds repeat their items on every fetch).
 */
export function isNewerVersion(storedTime: string | null, incomingTime: string | null): boolean {
  return incomingTime !== null && (storedTime === null || incomingTime > storedTime);
}

/**
 * The uri of the story an item becomes: its own when it is a URI (ninjs uris, feed guids that are
 * links), else one scoped to its source, since bare guids ("1234") of two feeds may collide.
 */
export function storyUriFor(sourceId: number, item: Pick<IncomingItem, 'input'>, guid: string): string {
  const uri = item.input.uri;
  return uri && /^[a-z][a-z0-9+.-]*:/i.test(uri) ? uri : `urn:fortune-sky:ingest:${sourceId}:${guid}`;
}

/** The tags an item's story carries: its own, then the confident topics and tickers the filing suggested. */
export function tagsWithSuggestions(input: Pick<ArticleInput, 'tags'>, suggestions: ItemSuggestions): ArticleInput['tags'] {
  const suggested = [...suggestions.topics, ...suggestions.tickers]
    .filter((s) => s.confidence >= APPLY_SUGGESTION_CONFIDENCE)
    .map((s) => ({ kind: s.kind === 'section' ? ('topic' as const) : s.kind, name: s.value }));
  const seen = new Set(input.tags.map((t) => `${t.kind}:${t.name.toLowerCase()}`));
  return [...input.tags, ...suggested.filter((t) => !seen.has(`${t.kind}:${t.name.toLowerCase()}`) && seen.add(`${t.kind}:${t.name.toLowerCase()}`))];
}

function toIsoTime(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}
