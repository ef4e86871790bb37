import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Cheaper saves and searches for the search index. `digest` is the SHA-256 of what an entry was
 * made from (publication minute, title, tags and bylines, dek, body text): a save that changes
 * none of it leaves the entry alone instead of splitting and stemming the story again. Entries of
 * before have none and are made again on their story's next save.
 *
 * PostgreSQL: a story's tsvector (3 to 6 KB) was kept out of line in the TOAST table, so every
 * candidate a search checked, and then ranked, was fetched from there twice. It is now kept in the
 * row itself up to a page (compressed if need be; only a longer story's goes out of line), and the
 * table is rewritten so the entries of before move in too.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  await db.schema.alterTable('search_entries').addColumn('digest', 'varchar(64)').execute();
  if (dialect !== 'postgres') return;
  await sql`ALTER TABLE search_entries SET (toast_tuple_target = 8160)`.execute(db);
  await sql`ALTER TABLE search_entries ALTER COLUMN document SET STORAGE MAIN`.execute(db);
  // A USING expression that makes a new value rewrites the table, each document stored afresh.
  await sql`ALTER TABLE search_entries ALTER COLUMN document TYPE tsvector USING document || ''::tsvector`.execute(db);
  // Changing a column's type forgets its statistics, which the planner needs to choose between the key and GIN indexes.
  await sql`ANALYZE search_entries`.execute(db);
}
