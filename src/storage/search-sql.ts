import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema.js';
import { SEARCH_MATCH_LIMIT, type SearchFilter, type SearchMatches, type SearchRequest } from './search-index.js';
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

/**
 * Orders the candidates (SQL yielding `key` and whatever `relevance` reads, newest first, at most
 * SEARCH_MATCH_LIMIT + 1 rows) and returns the requested page. All candidates come back as ids (a
 * thousand numbers), so the count is exact up to the limit and any page is a slice; the one past
 * the limit only tells that there are more, and is never shown.
 */
export async function rankedMatches(
  db: Kysely<Schema>,
  candidates: RawBuilder<unknown>,
  relevance: RawBuilder<number>,
  request: SearchRequest,
): Promise<SearchMatches> {
  const order = request.sort === 'relevance' ? sql`${relevance} DESC, key DESC` : sql`key DESC`;
  const { rows } = await sql<{ article_id: number | string; newness: number | string }>`
    WITH candidates AS (${candidates})
    SELECT key & ${ID_MASK} AS article_id, row_number() OVER (ORDER BY key DESC) AS newness
    FROM candidates
    ORDER BY ${order}`.execute(db);
  const matches = rows.filter((row) => Number(row.newness) <= SEARCH_MATCH_LIMIT).map((row) => Number(row.article_id));
  return {
    articleIds: matches.slice(request.offset, request.offset + request.limit),
    total: matches.length,
    hasMore: rows.length > SEARCH_MATCH_LIMIT,
  };
}
