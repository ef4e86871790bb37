import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Ingest: the sources copy comes from (feeds and watched folders) with their fetch state, the log
 * of each fetch's outcome, and every item taken in. An item is unique per source by its guid
 * (two instances ingesting one item insert one row; the loser's insert does nothing). The exact
 * keys (normalised URL, content hash) are indexed for look-ups across sources. A duplicate points
 * at the item it copies (`duplicate_of_id`): once that item becomes a story, the duplicate is one
 * of the story's alternate sources. Times are ISO strings like every other table.
 */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('ingest_sources')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('format', 'varchar(20)')
    .addColumn('poll_seconds', 'integer', (c) => c.notNull())
    .addColumn('default_section', 'varchar(200)')
    .addColumn('policy', 'varchar(10)', (c) => c.notNull())
    .addColumn('credit', 'varchar(200)', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('etag', 'varchar(500)')
    .addColumn('last_modified', 'varchar(100)')
    .addColumn('last_success_at', 'varchar(30)')
    .addColumn('last_error_at', 'varchar(30)')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('items_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', 'varchar(30)')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ingest_fetches')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('source_id', 'integer', (c) => c.notNull().references('ingest_sources.id').onDelete('cascade'))
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('items_new', 'integer', (c) => c.notNull())
    .addColumn('items_updated', 'integer', (c) => c.notNull())
    .addColumn('items_duplicate', 'integer', (c) => c.notNull())
    .addColumn('error', 'varchar(500)')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('fetched_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_fetches_source').on('ingest_fetches').columns(['source_id', 'fetched_at']).execute();
  await db.schema
    .createTable('ingest_items')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('source_id', 'integer', (c) => c.notNull().references('ingest_sources.id').onDelete('cascade'))
    .addColumn('guid', 'varchar(1000)', (c) => c.notNull())
    .addColumn('url_key', 'varchar(2000)')
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('title', 'varchar(1000)', (c) => c.notNull())
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('original_url', 'varchar(2000)')
    .addColumn('suggestions', 'text', (c) => c.notNull())
    .addColumn('duplicate_of_id', 'integer')
    .addColumn('duplicate_score', 'real')
    .addColumn('article_id', 'integer')
    .addColumn('original_published_at', 'varchar(30)')
    .addColumn('original_updated_at', 'varchar(30)')
    .addColumn('received_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('revised_at', 'varchar(30)')
    .addColumn('decided_by_user_id', 'integer')
    .addColumn('decided_at', 'varchar(30)')
    .addUniqueConstraint('ingest_items_source_guid', ['source_id', 'guid'])
    .execute();
  await db.schema.createIndex('ingest_items_url_key').on('ingest_items').columns(['url_key']).execute();
  await db.schema.createIndex('ingest_items_content_hash').on('ingest_items').columns(['content_hash']).execute();
  await db.schema.createIndex('ingest_items_received').on('ingest_items').columns(['received_at', 'id']).execute();
  await db.schema.createIndex('ingest_items_duplicate_of').on('ingest_items').columns(['duplicate_of_id']).execute();
  await db.schema.createIndex('ingest_items_article').on('ingest_items').columns(['article_id']).execute();
}
