import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from './schema.js';
import { hasPhrase, wordsOf, type SearchIndex, type SearchQuery, type SearchRequest, type SearchTerm } from './search-index.js';
import { chunksOf, COLUMN_WEIGHTS, KEY_ID_BITS, minuteOf, planRefresh, RECENCY, type SearchDocument } from './search-entries.js';
import { candidateConditions, ID_MASK, rankedMatches, windowSize } from './search-sql.js';

/**
 * The search index on SQLite: an FTS5 table (`search_fts`: title, keywords, dek, body; the porter
 * stemmer over unicode61 words) whose rowid is the entry's key, and `search_entries` mapping each
 * story to its key. The table is contentless with `contentless_delete` (SQLite 3.43+): the story's
 * text lives once, in `articles`, and an entry is deleted by its key alone, never by replaying the
 * text it was indexed with.
 */
export function createSqliteSearchIndex(db: Kysely<Schema>): SearchIndex {
  return {
    async refresh(trx, articleIds) {
      for (const ids of chunksOf(articleIds)) {
        const { removedIds, added } = await planRefresh(trx, ids);
        if (removedIds.length > 0) {
          const idList = sql.join(removedIds);
          await sql`DELETE FROM search_fts WHERE rowid IN (SELECT key FROM search_entries WHERE article_id IN (${idList}))`.execute(trx);
          await sql`DELETE FROM search_entries WHERE article_id IN (${idList})`.execute(trx);
        }
        if (added.length === 0) continue;
        await sql`INSERT INTO search_entries (article_id, key, digest) VALUES ${sql.join(added.map((d) => sql`(${d.articleId}, ${entryKey(d)}, ${d.digest})`))}`.execute(trx);
        const rows = added.map((d) => sql`(${entryKey(d)}, ${d.title}, ${d.keywords}, ${d.dek}, ${d.body})`);
        await sql`INSERT INTO search_fts (rowid, title, keywords, dek, body) VALUES ${sql.join(rows)}`.execute(trx);
      }
    },

    async search(request) {
      const { query } = request;
      // The window comes in FTS5's own rowid order (no sort), scored by bm25 only when ranking by
      // relevance: bm25 reads the statistics of every match of each word once per query. It scores
      // the loose words, so a phrase costs no more than its words.
      const weights = sql.join(Object.values(COLUMN_WEIGHTS).map((weight) => sql.lit(weight)));
      const relevance = request.sort === 'relevance' ? sql`-bm25(search_fts, ${weights})` : sql.lit(0);
      const articleId = sql`(search_fts.rowid & ${ID_MASK})`;
      const conditions = [sql`search_fts MATCH ${compileFts5Match(query, { isLoose: true })}`, ...candidateConditions(request.filter, sql`search_fts.rowid`, articleId)];
      const window = sql`
        SELECT rowid AS key, ${relevance} AS relevance
        FROM search_fts
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY rowid DESC
        LIMIT ${sql.lit(windowSize(query))}`;
      // Word order is checked only over the window's range of keys.
      const exact = hasPhrase(query)
        ? sql`key IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${compileFts5Match(query)} AND rowid >= (SELECT min(key) FROM search_window))`
        : undefined;
      return rankedMatches(db, { window, exact, relevance: sql<number>`relevance * ${recencyFactor(request)}` }, request);
    },

    async optimize() {
      await sql`INSERT INTO search_fts (search_fts) VALUES ('optimize')`.execute(db);
    },

    async sizeInBytes() {
      const { rows } = await sql<{ bytes: number | null }>`
        SELECT sum(pgsize) AS bytes FROM dbstat
        WHERE name IN ('search_entries', 'search_entries_key') OR name LIKE 'search_fts%'`.execute(db);
      return Number(rows[0]?.bytes ?? 0);
    },
  };
}

/** The entry's key, computed in SQL (it passes 2^53); the driver binds numbers as REAL, hence the casts. */
function entryKey(document: SearchDocument): RawBuilder<unknown> {
  return sql`((CAST(${document.publishedMinute} AS INTEGER) << ${sql.lit(KEY_ID_BITS)}) + CAST(${document.articleId} AS INTEGER))`;
}

function recencyFactor({ now }: SearchRequest): RawBuilder<number> {
  const ageInDays = sql`max(0, CAST(${minuteOf(now.toISOString())} AS INTEGER) - (key >> ${sql.lit(KEY_ID_BITS)})) / 1440.0`;
  return sql<number>`(1.0 + ${sql.lit(RECENCY.boost)} / (1.0 + ${ageInDays} / ${sql.lit(RECENCY.days)}.0))`;
}

/**
 * The query in FTS5's MATCH syntax. Every term is a quoted string (inner quotes doubled), so
 * nothing a reader types is read as FTS5 syntax: `"rate cut"`, `"infla"*`, groups as
 * `("fed" OR "ecb")` joined by AND, exclusions as `NOT`. FTS5 splits the inside of each string
 * into words as it split the stories, so a term of several words is a phrase; `isLoose` asks for
 * its words in any order instead (`("rate" AND "cut")`), exclusions staying exact.
 */
export function compileFts5Match({ groups, excluded }: SearchQuery, { isLoose = false }: { isLoose?: boolean } = {}): string {
  const term = (searched: SearchTerm) => (isLoose ? looseTerm(searched) : fts5Term(searched));
  const positive = groups.map((group) => (group.length === 1 ? term(group[0]!) : `(${group.map(term).join(' OR ')})`)).join(' AND ');
  return `(${positive})${excluded.map((searched) => ` NOT ${fts5Term(searched)}`).join('')}`;
}

function looseTerm(searched: SearchTerm): string {
  const words = wordsOf(searched.text);
  if (searched.isPrefix || words.length < 2) return fts5Term(searched);
  return `(${words.map((word) => fts5Term({ text: word, isPrefix: false })).join(' AND ')})`;
}

// A NUL would end the MATCH string early (an "unterminated string" error); no story holds one.
function fts5Term({ text, isPrefix }: SearchTerm): string {
  return `"${text.replaceAll('\u0000', ' ').replaceAll('"', '""')}"${isPrefix ? '*' : ''}`;
}
