import type { Transaction } from './unit-of-work.js';

/**
 * Something to look for: the words of `text` in that order (one word or a phrase; each dialect
 * splits the text into words the way it split the stories), or, with `isPrefix`, any word that
 * begins with `text` (one word).
 */
export interface SearchTerm {
  text: string;
  isPrefix: boolean;
}

/**
 * A search, as the query parser hands it to the index: every group must match (AND), a group
 * matches when any of its terms does (OR), and no excluded term may match. Terms are never passed
 * raw to a dialect's query syntax: each implementation quotes every one.
 */
export interface SearchQuery {
  groups: SearchTerm[][];
  excluded: SearchTerm[];
}

/** Which stories a search is limited to; every part is optional. */
export interface SearchFilter {
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  /** First published at or after this instant (ISO 8601). */
  publishedFrom?: string;
  /** First published before this instant (ISO 8601). */
  publishedBefore?: string;
}

/** How results are ordered: most relevant first (title, topic, ticker and byline hits weigh more; newer stories a little more), or newest first. */
export type SearchSort = 'relevance' | 'date';

/** One page of a search. */
export interface SearchRequest {
  query: SearchQuery;
  filter: SearchFilter;
  sort: SearchSort;
  offset: number;
  limit: number;
  /** The clock's now: relevance favours recent stories. */
  now: Date;
}

/** What a search found: the ids of one page of stories, in order, and how many matched (at most SEARCH_MATCH_LIMIT). */
export interface SearchMatches {
  articleIds: number[];
  total: number;
  /** Older stories may match too: more than SEARCH_MATCH_LIMIT matched, or a phrase search filled its SEARCH_PHRASE_WINDOW. */
  hasMore: boolean;
}

/**
 * How many matching stories a search looks at: the newest this many, ranked among themselves.
 * The work of a query is bounded by it (however common its words, however large the archive),
 * and so are its pages and its count ("1,000+ results").
 */
export const SEARCH_MATCH_LIMIT = 1000;

/**
 * How many of the newest stories holding all of a phrase search's words are checked for the
 * phrases themselves. Checking word order costs much more than finding words (PostgreSQL reads
 * each candidate's whole entry to do it), and words in most stories but rarely side by side would
 * otherwise have one search read the whole archive. When the window is full, `hasMore` is set: an
 * older story may hold the phrase too.
 */
export const SEARCH_PHRASE_WINDOW = 2000;

/** The words of a term's text, as both dialects split them (near enough): runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether a query looks for a phrase (a term of several words, their order to be checked). */
export function hasPhrase({ groups }: SearchQuery): boolean {
  return groups.some((group) => group.some((term) => !term.isPrefix && wordsOf(term.text).length > 1));
}

/**
 * Full-text search over published stories (a dialect port: SQLite FTS5, PostgreSQL tsvector).
 * Each story's entry holds its title, its tags and bylines (topics, tickers, people…), its dek and
 * its body text, weighted in that order. Entries follow the stories in the same transaction: the
 * unit of work refreshes the stories an operation names (`work.reindex`) just before it commits.
 */
export interface SearchIndex {
  /**
   * Brings these stories' entries in line with their rows, inside the caller's transaction: a
   * published story is (re)indexed as it now stands, any other story (or a missing one) removed.
   */
  refresh(trx: Transaction, articleIds: readonly number[]): Promise<void>;
  /** One page of the stories that match, in the order asked for. */
  search(request: SearchRequest): Promise<SearchMatches>;
  /** The bytes the index takes on disk (its tables and their indexes). */
  sizeInBytes(): Promise<number>;
  /**
   * Merges what many writes left in pieces, after a bulk load or a backfill (SQLite: FTS5's
   * `optimize` merges its segments into one, so searches read one list per word and later saves
   * stop paying for merges; PostgreSQL: the GIN index's pending list is folded in). Seconds at
   * 100,000 stories, holding the write lock meanwhile: not for a live newsroom's every save.
   */
  optimize(): Promise<void>;
}
