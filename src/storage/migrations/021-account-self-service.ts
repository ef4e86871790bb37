import type { Kysely } from 'kysely';

/**
 * Self-service accounts: one-time password reset links an admin issues (only the token's hash is
 * kept, as for setup links), and a byline photo on the author row (a media library image).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_reset_tokens')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('password_reset_tokens_user').on('password_reset_tokens').columns(['user_id']).execute();
  await db.schema
    .alterTable('authors')
    .addColumn('photo_media_id', 'integer', (c) => c.references('media.id'))
    .execute();
}
