import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema.js';
import { hasPhrase, type SearchIndex, type SearchQuery, type SearchRequest, type SearchTerm } from './search-index.js';
import { chunksOf, COLUMN_WEIGHTS, KEY_ID_BITS, minuteOf, planRefresh, RECENCY, type SearchDocument } from './search-entries.js';
import { CANDIDATE_KEY, candidateConditions, rankedMatches, windowSize } from './search-sql.js';

/** Stories are split into words, stop words dropped and words stemmed with PostgreSQL's English configuration. */
const CONFIG = sql`'english'::regconfig`;

/** ts_rank_cd's weights, in its order {D, C, B, A} = body, dek, keywords, title, scaled so the title's is 1. */
const RANK_WEIGHTS = sql.lit(`{${[COLUMN_WEIGHTS.body, COLUMN_WEIGHTS.dek, COLUMN_WEIGHTS.keywords, COLUMN_WEIGHTS.title].map((w) => w / COLUMN_WEIGHTS.title).join(',')}}`);

/** How many of the best candidates by word counts are ordered again by ts_rank_cd: five pages of results. */
const RERANKED = 100;
/** Added to a reranked candidate's score so it stays above every other (ts_rank scores are a few units at most). */
const RERANKED_FLOOR = 1_000_000;

/**
 * The search index on PostgreSQL: `search_entries` holds each published story's key and a weighted
 * `tsvector` (title A, tags and bylines B, dek C, body D) under a GIN index. A query's newest
 * matches come from whichever the planner finds cheaper, given the tsquery's statistics: the key
 * index read newest first with each entry checked (common words), or the GIN index and a sort of
 * its few matches by key (rare ones). Phrases are checked only within the window of the newest
 * entries holding their words (the GIN index keeps no positions: each check reads the entry).
 */
export function createPostgresSearchIndex(db: Kysely<Schema>): SearchIndex {
  return {
    async refresh(trx, articleIds) {
      for (const ids of chunksOf(articleIds)) {
        const { removedIds, added } = await planRefresh(trx, ids);
        if (removedIds.length > 0) await sql`DELETE FROM search_entries WHERE article_id IN (${sql.join(removedIds)})`.execute(trx);
        if (added.length === 0) continue;
        const rows = added.map((d) => sql`(${d.articleId}, ${entryKey(d)}, ${weightedDocument(d)}, ${d.digest})`);
        await sql`INSERT INTO search_entries (article_id, key, document, digest) VALUES ${sql.join(rows)}`.execute(trx);
      }
    },

    async search(request) {
      const { query } = request;
      const loose = compileTsquery(query, { isLoose: true });
      const conditions = [sql`e.document @@ ${loose}`, ...candidateConditions(request.filter, sql`e.key`, sql`e.article_id`)];
      // The window carries keys, a cheap score and whether each holds the phrases, not documents:
      // a thousand tsvectors of a few KB each would overflow the CTE's memory and go to disk.
      const phrases = hasPhrase(query) ? sql`, e.document @@ ${compileTsquery(query)} AS has_phrases` : sql``;
      const window = sql`
        SELECT e.key, ts_rank(${RANK_WEIGHTS}::float4[], e.document, ${loose}) AS cheap_score ${phrases}
        FROM search_entries e
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY e.key DESC
        LIMIT ${sql.lit(windowSize(query))}`;
      const exact = hasPhrase(query) ? sql`has_phrases` : undefined;
      // Ranked in two steps, by the loose words as on SQLite. ts_rank (word counts) costs a fifth of
      // ts_rank_cd (which also rewards the words standing close together) and orders every
      // candidate; the best RERANKED by it are ordered again by ts_rank_cd (their documents read
      // again by key) and come first: far above any cheap score, so they lead the order.
      const recency = recencyFactor(request);
      const document = sql`(SELECT s.document FROM search_entries s WHERE s.key = ${CANDIDATE_KEY})`;
      const isReranked = sql`row_number() OVER (ORDER BY cheap_score * ${recency} DESC, key DESC) <= ${sql.lit(RERANKED)}`;
      const relevance = sql<number>`CASE WHEN ${isReranked} THEN ${sql.lit(RERANKED_FLOOR)} + ts_rank_cd(${RANK_WEIGHTS}::float4[], ${document}, ${loose}) * ${recency} ELSE cheap_score * ${recency} END`;
      return rankedMatches(db, { window, exact, relevance }, request);
    },

    async optimize() {
      await sql`SELECT gin_clean_pending_list('search_entries_document'::regclass)`.execute(db);
    },

    async sizeInBytes() {
      const { rows } = await sql<{ bytes: number | string }>`SELECT pg_total_relation_size('search_entries') AS bytes`.execute(db);
      return Number(rows[0]?.bytes ?? 0);
    },
  };
}

function entryKey(document: SearchDocument): RawBuilder<unknown> {
  return sql`((CAST(${document.publishedMinute} AS BIGINT) << ${sql.lit(KEY_ID_BITS)}) + ${document.articleId})`;
}

function weightedDocument({ title, keywords, dek, body }: SearchDocument): RawBuilder<unknown> {
  const part = (text: string, weight: string) => sql`setweight(to_tsvector(${CONFIG}, ${text}), ${sql.lit(weight)})`;
  return sql`(${part(title, 'A')} || ${part(keywords, 'B')} || ${part(dek, 'C')} || ${part(body, 'D')})`;
}

function recencyFactor({ now }: SearchRequest): RawBuilder<number> {
  const ageInDays = sql`greatest(0, CAST(${minuteOf(now.toISOString())} AS BIGINT) - (key >> ${sql.lit(KEY_ID_BITS)})) / 1440.0`;
  return sql<number>`(1.0 + ${sql.lit(RECENCY.boost)} / (1.0 + ${ageInDays} / ${sql.lit(RECENCY.days)}.0))`;
}

/**
 * The query as a tsquery, built from parameters: no reader's text is ever parsed as tsquery
 * syntax. A term is `phraseto_tsquery(text)` (its words in order; one word is just that word), or
 * with `isLoose` `plainto_tsquery(text)` (its words in any order); a prefix `to_tsquery('word':*)`
 * on a word of letters and digits only (anything else is taken as words). Groups are joined with
 * `||`, groups and exclusions (`!!`, always exact) with `&&`. Stop words drop out inside each
 * function, and PostgreSQL drops an empty operand of `&&` and `||`.
 */
export function compileTsquery({ groups, excluded }: SearchQuery, { isLoose = false }: { isLoose?: boolean } = {}): RawBuilder<unknown> {
  const group = (terms: SearchTerm[]) => sql`(${sql.join(terms.map((term) => tsqueryTerm(term, isLoose)), sql` || `)})`;
  const clauses = [...groups.map(group), ...excluded.map((term) => sql`(!! ${tsqueryTerm(term, false)})`)];
  return sql`(${sql.join(clauses, sql` && `)})`;
}

function tsqueryTerm({ text, isPrefix }: SearchTerm, isLoose: boolean): RawBuilder<unknown> {
  if (isPrefix && /^[\p{L}\p{N}]+$/u.test(text)) return sql`to_tsquery(${CONFIG}, ${`'${text}':*`})`;
  return isLoose ? sql`plainto_tsquery(${CONFIG}, ${text})` : sql`phraseto_tsquery(${CONFIG}, ${text})`;
}
