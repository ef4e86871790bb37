import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema.js';
import { SEARCH_MATCH_LIMIT, type SearchIndex, type SearchQuery, type SearchRequest, type SearchTerm } from './search-index.js';
import { chunksOf, COLUMN_WEIGHTS, KEY_ID_BITS, minuteOf, readSearchDocuments, RECENCY, type SearchDocument } from './search-entries.js';
import { candidateConditions, rankedMatches } from './search-sql.js';

/** Stories are split into words, stop words dropped and words stemmed with PostgreSQL's English configuration. */
const CONFIG = sql`'english'::regconfig`;

/** ts_rank_cd's weights, in its order {D, C, B, A} = body, dek, keywords, title, scaled so the title's is 1. */
const RANK_WEIGHTS = sql.lit(`{${[COLUMN_WEIGHTS.body, COLUMN_WEIGHTS.dek, COLUMN_WEIGHTS.keywords, COLUMN_WEIGHTS.title].map((w) => w / COLUMN_WEIGHTS.title).join(',')}}`);

/**
 * The search index on PostgreSQL: `search_entries` holds each published story's key and a weighted
 * `tsvector` (title A, tags and bylines B, dek C, body D) under a GIN index. A query's newest
 * matches come from whichever the planner finds cheaper, given the tsquery's statistics: the key
 * index read newest first with each entry checked (common words), or the GIN index and a sort of
 * its few matches by key (rare ones).
 */
export function createPostgresSearchIndex(db: Kysely<Schema>): SearchIndex {
  return {
    async refresh(trx, articleIds) {
      for (const ids of chunksOf(articleIds)) {
        const documents = await readSearchDocuments(trx, ids);
        await sql`DELETE FROM search_entries WHERE article_id IN (${sql.join(ids)})`.execute(trx);
        if (documents.length === 0) continue;
        const rows = documents.map((d) => sql`(${d.articleId}, ${entryKey(d)}, ${weightedDocument(d)})`);
        await sql`INSERT INTO search_entries (article_id, key, document) VALUES ${sql.join(rows)}`.execute(trx);
      }
    },

    async search(request) {
      const query = compileTsquery(request.query);
      const conditions = [sql`e.document @@ ${query}`, ...candidateConditions(request.filter, sql`e.key`, sql`e.article_id`)];
      const candidates = sql`
        SELECT e.key, e.document
        FROM search_entries e
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY e.key DESC
        LIMIT ${sql.lit(SEARCH_MATCH_LIMIT + 1)}`;
      // Scored outside the candidates' LIMIT, so only they are ranked.
      return rankedMatches(db, candidates, sql<number>`ts_rank_cd(${RANK_WEIGHTS}::float4[], document, ${query}) * ${recencyFactor(request)}`, request);
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
 * syntax. A term is `phraseto_tsquery(text)` (its words in order; one word is just that word),
 * a prefix `to_tsquery('word':*)` on a word of letters and digits only (anything else is taken as
 * a phrase); groups are joined with `||`, groups and exclusions (`!!`) with `&&`. Stop words drop
 * out inside each function, and PostgreSQL drops an empty operand of `&&` and `||`.
 */
export function compileTsquery({ groups, excluded }: SearchQuery): RawBuilder<unknown> {
  const group = (terms: SearchTerm[]) => sql`(${sql.join(terms.map(tsqueryTerm), sql` || `)})`;
  const clauses = [...groups.map(group), ...excluded.map((term) => sql`(!! ${tsqueryTerm(term)})`)];
  return sql`(${sql.join(clauses, sql` && `)})`;
}

function tsqueryTerm({ text, isPrefix }: SearchTerm): RawBuilder<unknown> {
  if (isPrefix && /^[\p{L}\p{N}]+$/u.test(text)) return sql`to_tsquery(${CONFIG}, ${`'${text}':*`})`;
  return sql`phraseto_tsquery(${CONFIG}, ${text})`;
}
