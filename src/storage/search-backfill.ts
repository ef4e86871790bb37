import { sql, type Kysely } from 'kysely';
import type { Dialect } from './migration-context.js';
import type { Schema } from './schema.js';
import type { SearchIndex } from './search-index.js';
import { lockUntilCommit } from './unit-of-work.js';

/** The job row that says stories published before the search index existed still wait to be indexed (written by migration 011). */
export const SEARCH_BACKFILL_JOB = 'search.backfill';

/** Stories indexed per transaction while backfilling. */
const BACKFILL_BATCH = 500;

/**
 * Indexes the published stories that have no search entry yet, if migration 011 left that work
 * pending, in batches of one transaction each; the last removes the job row, then the index is
 * optimized. Returns how many stories it indexed. Safe to run from several processes at once
 * (each batch holds a lock, and indexing a story twice changes nothing) and to stop at any point
 * (the next run goes on).
 */
export async function completeSearchBackfill(db: Kysely<Schema>, dialect: Dialect, index: Pick<SearchIndex, 'refresh' | 'optimize'>): Promise<number> {
  const pending = await db.selectFrom('jobs').select('id').where('kind', '=', SEARCH_BACKFILL_JOB).executeTakeFirst();
  if (!pending) return 0;
  let afterId = 0;
  let indexed = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      await lockUntilCommit(trx, dialect, SEARCH_BACKFILL_JOB);
      const { rows } = await sql<{ id: number }>`
        SELECT a.id FROM articles a
        WHERE a.id > ${afterId} AND a.status = 'published'
          AND NOT EXISTS (SELECT 1 FROM search_entries e WHERE e.article_id = a.id)
        ORDER BY a.id LIMIT ${sql.lit(BACKFILL_BATCH)}`.execute(trx);
      const ids = rows.map((row) => Number(row.id));
      if (ids.length === 0) await trx.deleteFrom('jobs').where('kind', '=', SEARCH_BACKFILL_JOB).execute();
      else await index.refresh(trx, ids);
      return ids;
    });
    if (batch.length === 0) {
      // Hundreds of batches leave the index in pieces: merged once, searches and later saves are cheaper.
      if (indexed > 0) await index.optimize();
      return indexed;
    }
    indexed += batch.length;
    afterId = batch.at(-1)!;
  }
}
