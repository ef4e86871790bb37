import type { Kysely } from 'kysely';

/**
 * The editorial workflow (docs/newsroom.md): when a scheduled story goes live, and which newsroom
 * user created a story ("own" stories). Optimistic locking uses the existing articles.revision.
 * created_by_user_id carries no foreign key: ADD COLUMN … REFERENCES is not portable, and users
 * are disabled, never deleted.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('scheduled_for', 'varchar(30)').execute();
  await db.schema.alterTable('articles').addColumn('created_by_user_id', 'integer').execute();
  // The scheduled publisher asks "which scheduled stories are due?" every few seconds.
  await db.schema.createIndex('articles_status_scheduled').on('articles').columns(['status', 'scheduled_for']).execute();
}
