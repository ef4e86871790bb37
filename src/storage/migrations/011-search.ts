import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';
import { SEARCH_BACKFILL_JOB } from '../search-backfill.js';

/**
 * The search index (the SearchIndex port): `search_entries` maps each published story to its key
 * (publication minute << 32 | id). SQLite adds an FTS5 table keyed by it (contentless: the text
 * stays in `articles`; `contentless_delete` lets an entry go by its key alone); PostgreSQL keeps a
 * weighted tsvector in the entry, under a GIN index.
 *
 * Stories published before this migration are indexed right after it commits, in batches of their
 * own (`completeSearchBackfill`, run by migrateToLatest): the job row written here says the work is
 * pending until it is done, so a process stopped half-way leaves the rest to the next start.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('search_entries')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id'))
    .addColumn('key', 'bigint', (c) => c.notNull())
    .$call((table) => (dialect === 'postgres' ? table.addColumn('document', sql`tsvector`, (c) => c.notNull()) : table))
    .execute();
  await db.schema.createIndex('search_entries_key').on('search_entries').column('key').unique().execute();
  if (dialect === 'postgres') {
    await sql`CREATE INDEX search_entries_document ON search_entries USING gin (document)`.execute(db);
  } else {
    // Prefix queries scan the terms that begin with the prefix; the parser asks for three letters at least.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      title, keywords, dek, body,
      content = '', contentless_delete = 1,
      tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db);
  }
  const now = new Date().toISOString();
  await sql`INSERT INTO jobs (kind, key, run_at, attempts, created_at)
    SELECT ${SEARCH_BACKFILL_JOB}, 'published', ${now}, 0, ${now}
    WHERE EXISTS (SELECT 1 FROM articles WHERE status = 'published')`.execute(db);
}
