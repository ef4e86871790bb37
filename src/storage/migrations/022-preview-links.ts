import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Preview links: a shareable, expiring, read-only link to a story's draft for someone without an
 * account. Only the SHA-256 of the link's token is kept (the token is shown once, when the link is
 * made). A revoked link keeps its row (revoked_at, who) for the list and the audit log; a deleted
 * story takes its links with it (ON DELETE CASCADE). The lookup is by token hash (unique); the
 * newsroom lists a story's links by story.
 */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('preview_links')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('note', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_opened_at', 'varchar(30)')
    .addColumn('revoked_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('preview_links_article').on('preview_links').columns(['article_id', 'expires_at']).execute();
}
