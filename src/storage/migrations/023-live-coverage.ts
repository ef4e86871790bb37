import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Live coverage: a story's coverage state (live, then ended) and its timestamped updates.
 *
 * `live_coverage.last_seq` counts the changes to a story's updates; each update row keeps the
 * `seq` of its last change (posted, edited, pinned, deleted). Writes to one story's coverage hold
 * the story's lock, so seqs grow in commit order per story on both databases: a reader's stream
 * resumes with "every update of this story with seq > Last-Event-ID" and misses nothing (a global
 * id would not do on PostgreSQL, where ids become visible out of order). A deleted update stays as
 * a row (`is_deleted`), so the stream can tell open pages to remove it.
 */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('live_coverage')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('state', 'varchar(10)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ended_at', 'varchar(30)')
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('live_updates')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('posted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('modified_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('author_user_id', 'integer')
    .addColumn('author_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('media_id', 'integer')
    .addColumn('quote_symbol', 'varchar(30)')
    .addColumn('is_pinned', 'integer', (c) => c.notNull())
    .addColumn('is_deleted', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_updates_story_seq').on('live_updates').columns(['article_id', 'seq']).execute();
}
