import type { Kysely } from 'kysely';
import type { MigrationContext } from '../migration-context.js';

/**
 * Attempts counted against limits (the AttemptLimits port: sign-in limits shared by every
 * process). One row per attempt and key; rows older than the longest window are deleted as new
 * ones come, so the table holds about an hour of attempts.
 */
export async function up(db: Kysely<unknown>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('attempts')
    .addColumn('id', idColumn.type, idColumn.build)
    .addColumn('key', 'varchar(600)', (c) => c.notNull())
    .addColumn('attempted_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attempts_key_time').on('attempts').columns(['key', 'attempted_at']).execute();
  await db.schema.createIndex('attempts_time').on('attempts').columns(['attempted_at']).execute();
}
