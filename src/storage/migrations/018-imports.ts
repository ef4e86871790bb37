import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Archives moved in from WordPress and Ghost (README, "Moving an archive in"):
 * - `redirects`: an old site's address → the story it became (followed to the story's current
 *   address, and only while it is published) or a fixed path. Read with one key lookup, only
 *   when a request found nothing else.
 * - `import_runs`: how far an import of one file got, written in each batch's transaction, so an
 *   interrupted import resumes after the last batch it committed.
 * - `media.remote_url`: an image that stays where it was (a featured image of an imported post),
 *   kept as a reference with its caption and credit; unique, so importing again adds no copy.
 */
export async function up(db: Kysely<unknown>, _context: MigrationContext): Promise<void> {
  await db.schema
    .createTable('redirects')
    .addColumn('old_path', 'varchar(2000)', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('target_path', 'varchar(2000)')
    .addColumn('source', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('redirects_article').on('redirects').columns(['article_id']).execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('run_key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('file', 'varchar(2000)', (c) => c.notNull())
    .addColumn('items_done', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('completed_at', 'varchar(30)')
    .execute();

  await db.schema.alterTable('media').addColumn('remote_url', 'varchar(2000)').execute();
  await db.schema.createIndex('media_remote_url').on('media').columns(['remote_url']).unique().execute();
}
