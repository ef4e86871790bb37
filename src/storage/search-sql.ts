import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema.js';
import { hasPhrase, SEARCH_MATCH_LIMIT, SEARCH_PHRASE_WINDOW, type SearchFilter, type SearchMatches, type SearchQuery, type SearchRequest } from './search-index.js';
import { KEY_ID_BITS, minuteOf } from './search-entries.js';

// The SQL both dialects' searches share around their own matching and scoring.

/** The low 32 bits of an entry's key: the story's id. */
export const ID_MASK = sql.lit(2 ** KEY_ID_BITS - 1);

/**
 * The filter as conditions on a candidate entry, given SQL for its key and its story's id: a date
 * range is a key range (keys begin with the publication minute); section, tag and author are an
 * indexed look-up per candidate, so a filter costs in proportion to the matches scanned.
 */
export function candidateConditions(filter: SearchFilter, key: RawBuilder<unknown>, articleId: RawBuilder<unknown>): RawBuilder<unknown>[] {
  const keyAt = (iso: string) => sql`(CAST(${minuteOf(iso)} AS BIGINT) << ${sql.lit(KEY_ID_BITS)})`;
  const conditions: RawBuilder<unknown>[] = [];
  if (filter.publishedFrom) conditions.push(sql`${key} >= ${keyAt(filter.publishedFrom)}`);
  if (filter.publishedBefore) conditions.push(sql`${key} < ${keyAt(filter.publishedBefore)}`);
  if (filter.sectionId !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM articles WHERE articles.id = ${articleId} AND articles.section_id = ${filter.sectionId})`);
  }
  if (filter.tagId !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM article_tags WHERE article_tags.article_id = ${articleId} AND article_tags.tag_id = ${filter.tagId})`);
  }
  if (filter.authorId !== undefined) {
    conditions.push(sql`EXISTS (SELECT 1 FROM article_authors WHERE article_authors.article_id = ${articleId} AND article_authors.author_id = ${filter.authorId})`);
  }
  return conditions;
}

/** The newest entries a search reads before ranking: SEARCH_MATCH_LIMIT and one more, or a phrase search's window. */
export function windowSize(query: SearchQuery): number {
  return hasPhrase(query) ? SEARCH_PHRASE_WINDOW : SEARCH_MATCH_LIMIT + 1;
}

/** A candidate's key where `relevance` is evaluated (qualified: a subquery there may read search_entries, which has a key too). */
export const CANDIDATE_KEY = sql`candidates.key`;

/** How a dialect finds and scores a search's candidates, as SQL the shared query below puts together. */
export interface CandidateSql {
  /** The newest entries holding all the query's words (phrases as loose words), at most windowSize(query): `key` and what `relevance` reads. */
  window: RawBuilder<unknown>;
  /** For a phrase search, the condition on a window row that its entry holds the phrases themselves. */
  exact?: RawBuilder<unknown>;
  /** A candidate's relevance, read from the window's columns (or looked up by CANDIDATE_KEY). */
  relevance: RawBuilder<number>;
}

/**
 * Runs a search in one statement: the window (newest first), the candidates in it (those holding
 * the phrases, for a phrase search; at most SEARCH_MATCH_LIMIT + 1), ordered by relevance or date.
 * All candidates come back as ids (a thousand numbers), so the count is exact up to the limit and
 * any page is a slice; the one past the limit only tells that there are more, and is never shown.
 */
export async function rankedMatches(db: Kysely<Schema>, { window, exact, relevance }: CandidateSql, request: SearchRequest): Promise<SearchMatches> {
  const order = request.sort === 'relevance' ? sql`${relevance} DESC, key DESC` : sql`key DESC`;
  const { rows } = await sql<{ article_id: number | string | null; newness: number | string | null; window_size: number | string }>`
    WITH search_window AS MATERIALIZED (${window}),
    candidates AS (
      SELECT * FROM search_window ${exact ? sql`WHERE ${exact}` : sql``}
      ORDER BY key DESC LIMIT ${sql.lit(SEARCH_MATCH_LIMIT + 1)}
    ),
    counted AS (SELECT count(*) AS window_size FROM search_window)
    SELECT key & ${ID_MASK} AS article_id, row_number() OVER (ORDER BY key DESC) AS newness, window_size
    FROM counted LEFT JOIN candidates ON 1 = 1
    ORDER BY ${order}`.execute(db);
  const found = rows.filter((row) => row.article_id !== null);
  const matches = found.filter((row) => Number(row.newness) <= SEARCH_MATCH_LIMIT).map((row) => Number(row.article_id));
  const isWindowFull = exact !== undefined && Number(rows[0]?.window_size ?? 0) >= SEARCH_PHRASE_WINDOW;
  return {
    articleIds: matches.slice(request.offset, request.offset + request.limit),
    total: matches.length,
    hasMore: found.length > SEARCH_MATCH_LIMIT || isWindowFull,
  };
}
