import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/** Front-page curation (position 0 is the lead, then the top stories in order) and breaking-news banners. */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('front_page_slots')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().unique().references('articles.id').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('banners')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('cleared_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('banners_active').on('banners').columns(['cleared_at', 'expires_at']).execute();
}
