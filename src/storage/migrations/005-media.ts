import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/** Uploaded images, their generated variants, and a story's hero image (docs/newsroom.md). */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('file_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('original_name', 'varchar(500)', (c) => c.notNull())
    .addColumn('mime_type', 'varchar(50)', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull())
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by_user_id', 'integer')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_created').on('media').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('media_variants')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('format', 'varchar(10)', (c) => c.notNull())
    .addColumn('file_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_variants_pk', ['media_id', 'format', 'width'])
    .execute();

  await db.schema.alterTable('articles').addColumn('hero_media_id', 'integer', (c) => c.references('media.id')).execute();
}
